package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.Component;
import dev.waterline.vex.HashAlgorithm;
import dev.waterline.vex.IdentifierType;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.Vulnerability;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Statements with the same time and different statuses for overlapping products of one
 * vulnerability: OpenVEX lets the later one decide, CSAF carries no order, so the CSAF writer warns
 * of each such pair, however many products share the time.
 */
class CsafTiesTest {
  private static final String TIE = "has the same time as";
  private static final Status[] STATUSES = {
    Status.NOT_AFFECTED, Status.FIXED, Status.AFFECTED, Status.UNDER_INVESTIGATION
  };

  private static Statement statement(Component c, Status status) {
    Statement.Builder b =
        Statement.builder()
            .vulnerability(Vulnerability.builder("CVE-2024-0001").build())
            .status(status)
            .product(Product.of(c, List.of()));
    if (status == Status.NOT_AFFECTED) {
      b.justification(dev.waterline.vex.Justification.VULNERABLE_CODE_NOT_PRESENT);
    }
    if (status == Status.AFFECTED) {
      b.actionStatement("Update.");
    }
    return b.build();
  }

  /** One document time for all: no statement has a time of its own. */
  private static VexDocument document(List<Statement> statements) {
    return VexDocument.builder("Vendor <psirt@vendor.example>")
        .id("https://vendor.example/vex/ties")
        .timestamp(Instant.parse("2026-11-01T00:00:00Z"))
        .statements(statements)
        .build();
  }

  /** Products of every kind the matcher has a rule for, many of them naming one another. */
  private static Component product(Random r, int i) {
    String hex = String.format("%064x", i % 7);
    switch (r.nextInt(7)) {
      case 0:
        return Component.of("pkg:maven/com.example/lib@1.0." + i % 40);
      case 1:
        return Component.builder()
            .id("pkg:maven/com.example/lib")
            .hash(HashAlgorithm.SHA1, String.format("%040x", i))
            .build();
      case 2:
        return Component.of("pkg:oci/img@sha256:" + hex + "?repository_url=r.example/img");
      case 3:
        return Component.of("r.example/img@sha256:" + hex);
      case 4:
        return Component.builder()
            .id("https://vendor.example/files/" + i)
            .hash(HashAlgorithm.SHA_256, String.format("%064x", i % 5))
            .build();
      case 5:
        String cpe = "cpe:2.3:a:example:prod" + i % 9 + ":1:*:*:*:*:*:*:*";
        return Component.builder().id(cpe + "#" + i).identifier(IdentifierType.CPE23, cpe).build();
      default:
        return Component.builder()
            .id("pkg:npm/x" + i % 30 + "@1")
            .identifier(IdentifierType.PURL, "pkg:npm/x" + i % 30)
            .build();
    }
  }

  @Test
  void warnsOfEveryPairOfOverlappingProductsWithTheSameTimeAndDifferentStatusesInOrder() {
    Random r = new Random(7);
    Set<Component> seen = new LinkedHashSet<>();
    for (int i = 0; seen.size() < 400; i++) {
      seen.add(product(r, i));
    }
    List<Component> products = new ArrayList<>(seen);
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < products.size(); i++) {
      statements.add(statement(products.get(i), STATUSES[r.nextInt(STATUSES.length)]));
    }
    // Each product once, all at the document's time: every pair of statements is a pair of kept
    // products, and the expected warnings are every pair compared as OpenVEX matching does.
    List<String> expected = new ArrayList<>();
    for (int a = 0; a < statements.size(); a++) {
      for (int b = a + 1; b < statements.size(); b++) {
        Component x = products.get(a);
        Component y = products.get(b);
        boolean overlap = x.equals(y) || x.matches(y.displayName()) || y.matches(x.displayName());
        if (overlap && statements.get(a).status() != statements.get(b).status()) {
          expected.add("/statements/" + b + " " + TIE + " /statements/" + a);
        }
      }
    }
    WriteResult w = VexFormats.write(document(statements), VexFormat.CSAF);
    List<String> ties = new ArrayList<>();
    for (ConversionWarning c : w.warnings()) {
      if (c.message().startsWith(TIE)) {
        ties.add(
            c.pointer() + " " + c.message().substring(0, c.message().indexOf(" and a status")));
      }
    }
    assertThat(expected).hasSizeBetween(1_000, 10_000);
    assertThat(ties).containsExactlyElementsOf(expected);
  }

  @Test
  void thousandsOfDistinctProductsOfOneVulnerabilityAtOneTimeGiveNoTieWarning() {
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      statements.add(
          statement(Component.of("pkg:maven/com.example/app-" + i + "@1.0." + i), STATUSES[i % 4]));
    }
    WriteResult w = VexFormats.write(document(statements), VexFormat.CSAF);
    assertThat(w.warnings()).isEmpty();
    assertThat(VexFormats.read(w.bytes()).document().statements()).isNotEmpty();
  }

  /**
   * {@code n} different products that all name one another (one {@code @id}, different hashes), at
   * one time, statuses alternating.
   */
  private static VexDocument allNamingOneAnother(int n) {
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Component c =
          Component.builder()
              .id("pkg:npm/x@1")
              .hash(HashAlgorithm.SHA_256, String.format("%064x", i))
              .build();
      statements.add(statement(c, STATUSES[i % 2]));
    }
    return document(statements);
  }

  @Test
  void pastTenThousandTiesTheWriterSaysOnceThatTheRestAreNotListed() {
    // 300 products that all name one another (one @id, different hashes), statuses alternating:
    // 22,500 pairs with different statuses.
    WriteResult w = VexFormats.write(allNamingOneAnother(300), VexFormat.CSAF);
    assertThat(w.warnings()).filteredOn(c -> c.message().startsWith(TIE)).hasSize(10_000);
    assertThat(w.warnings())
        .filteredOn(c -> c.message().startsWith("more than 10000 pairs of statements"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.message())
                    .isEqualTo(
                        "more than 10000 pairs of statements have the same time and different"
                            + " statuses for overlapping products (from CVE-2024-0001 on): the"
                            + " rest are not listed, and the status read back for those products"
                            + " may be the earlier statement's"));
  }

  @Test
  void pastItsBudgetOfPairsTheWriterSaysOnceThatTheRestAreNotCompared() {
    // 1,600 different products that all name one another (one @id, different hashes): millions of
    // pairs, each of which would be a warning.
    WriteResult w = VexFormats.write(allNamingOneAnother(1_600), VexFormat.CSAF);
    assertThat(w.warnings())
        .filteredOn(c -> c.message().startsWith("more than 2000000 pairs of products"))
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.message())
                    .isEqualTo(
                        "more than 2000000 pairs of products with the same time name one another"
                            + " (from CVE-2024-0001 on): the rest are not checked for statements"
                            + " with the same time and different statuses, whose order CSAF does"
                            + " not carry"));
    assertThat(w.warnings()).noneMatch(c -> c.message().startsWith(TIE));
  }
}
