package dev.waterline.vex.formats;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.Vulnerability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generated OpenVEX documents for the round-trip property: images (OCI purls with a digest),
 * packages with and without versions, products with and without subcomponents, CVEs with and
 * without GHSA aliases, every status with its texts, and some fields CSAF cannot carry (a statement
 * {@code @id}, a supplier). Every statement has its own time, all times distinct, so that "the
 * latest decides" never needs a statement order (CSAF has none: see docs/formats.md).
 */
final class Generated {
  private Generated() {}

  static VexDocument document(long seed, int statements) {
    Random r = new Random(seed);
    int images = Math.max(4, statements / 50);
    int packages = Math.max(8, statements / 15);
    int vulns = Math.max(4, statements / 8);
    List<String> imageIds = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      imageIds.add(
          "pkg:oci/app-"
              + i
              + "@sha256%3A"
              + hex(r, 64)
              + "?repository_url=registry.example/app-"
              + i);
    }
    List<String> packageIds = new ArrayList<>();
    String[] types = {"npm", "maven/org.example", "golang/example.com", "pypi", "cargo"};
    for (int i = 0; i < packages; i++) {
      String base = "pkg:" + types[i % types.length] + "/lib-" + i;
      packageIds.add(i % 5 == 4 ? base : base + "@" + (1 + i % 3) + "." + (i % 7) + "." + (i % 11));
    }
    List<Vulnerability> vulnPool = new ArrayList<>();
    for (int i = 0; i < vulns; i++) {
      String cve = "CVE-20" + (20 + i % 6) + "-" + (10000 + i);
      vulnPool.add(
          i % 3 == 0
              ? Vulnerability.of(cve, "GHSA-" + hex(r, 4) + "-" + hex(r, 4) + "-" + hex(r, 4))
              : Vulnerability.of(cve));
    }
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    Set<Long> used = new HashSet<>();
    VexDocument.Builder doc =
        Vex.document("Generated Security <psirt@generated.example>")
            .id("https://generated.example/vex/" + seed)
            .timestamp(Instant.parse("2026-06-01T00:00:00Z"));
    for (int i = 0; i < statements; i++) {
      Statement.Builder s = Statement.builder().vulnerability(vulnPool.get(r.nextInt(vulns)));
      int n = 1 + r.nextInt(2);
      for (int k = 0; k < n; k++) {
        if (r.nextInt(10) < 7) {
          String image = imageIds.get(r.nextInt(images));
          int subs = r.nextInt(3);
          List<String> subIds = new ArrayList<>();
          for (int j = 0; j < subs; j++) {
            String sub = packageIds.get(r.nextInt(packages));
            if (!subIds.contains(sub)) {
              subIds.add(sub);
            }
          }
          s.product(Product.of(image, subIds.toArray(new String[0])));
        } else {
          s.product(packageIds.get(r.nextInt(packages)));
        }
      }
      Status status = Status.values()[r.nextInt(4)];
      s.status(status);
      switch (status) {
        case NOT_AFFECTED:
          boolean justified = r.nextBoolean();
          if (justified) {
            s.justification(Justification.values()[r.nextInt(5)]);
          }
          if (!justified || r.nextBoolean()) {
            s.impactStatement("Not reachable from the entry points (" + i + ").");
          }
          break;
        case AFFECTED:
          s.actionStatement(
              r.nextBoolean() ? "Update to the next release." : "Workaround: disable feature " + i);
          break;
        case FIXED:
          if (r.nextInt(4) == 0) {
            s.actionStatement("Vendor fix: rebuilt with the patched library.");
          }
          break;
        default:
          break;
      }
      long minute;
      do {
        minute = r.nextInt(60 * 24 * 365 * 2);
      } while (!used.add(minute));
      s.timestamp(start.plusSeconds(minute * 60));
      if (r.nextInt(20) == 0) {
        s.id("https://generated.example/statements/" + i);
      }
      if (r.nextInt(25) == 0) {
        s.supplier("Supplier " + i);
      }
      doc.statement(s);
    }
    return doc.buildLenient();
  }

  /**
   * {@link #document} with identifiers that are valid OpenVEX but awkward for the dialects: purls
   * with characters a URI does not allow ({@code |}, a quote, {@code ^}, braces, non-ASCII), CPEs
   * in and outside CSAF's pattern, and products whose id is what a relationship of two others is
   * named ({@code product|subcomponent}).
   */
  static VexDocument oddDocument(long seed, int statements) {
    VexDocument plain = document(seed, statements);
    Random r = new Random(seed * 31 + 7);
    String[] odd = {"|", "\"", "^", "{x}", "\u00e9", "\u4e2d", "\uD83D\uDE00", "`"};
    java.util.Map<String, String> renamed = new java.util.HashMap<>();
    java.util.function.UnaryOperator<String> rename =
        id ->
            renamed.computeIfAbsent(
                id,
                k -> {
                  if (!k.startsWith("pkg:") || k.startsWith("pkg:oci/")) {
                    return k;
                  }
                  switch (r.nextInt(6)) {
                    case 0:
                      return k.replace("/lib-", "/lib" + odd[r.nextInt(odd.length)]);
                    case 1:
                      return "cpe:2.3:a:example:"
                          + k.substring(k.lastIndexOf('/') + 1).replace('@', ':')
                          + (k.contains("@") ? "" : ":*")
                          + ":*:*:*:*:*:*:*";
                    case 2:
                      return "cpe:2.3:a:example:with space:" + r.nextInt(9) + ":*:*:*:*:*:*:*";
                    default:
                      return k;
                  }
                });
    List<Statement> out = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (Statement s : plain.statements()) {
      List<Product> products = new ArrayList<>();
      for (Product p : s.products()) {
        String id = rename.apply(p.id().orElseThrow());
        List<String> subs = new ArrayList<>();
        p.subcomponents().forEach(c -> subs.add(rename.apply(c.id().orElseThrow())));
        products.add(Product.of(id, subs.toArray(new String[0])));
        if (!subs.isEmpty() && subs.get(0).startsWith("pkg:")) {
          images.add(id + "|" + subs.get(0));
        }
      }
      out.add(s.withProducts(products));
    }
    // Products named as a relationship of two others is (an image and its first subcomponent).
    for (int i = 0; i < Math.min(10, images.size()); i++) {
      out.add(
          Statement.builder()
              .vulnerability(out.get(i).vulnerability())
              .product(images.get(r.nextInt(images.size())))
              .status(Status.UNDER_INVESTIGATION)
              .timestamp(Instant.parse("2027-01-01T00:00:00Z").plusSeconds(i))
              .build());
    }
    return plain.toBuilder().statements(out).buildLenient();
  }

  private static String hex(Random r, int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("0123456789abcdef".charAt(r.nextInt(16)));
    }
    return b.toString();
  }
}
