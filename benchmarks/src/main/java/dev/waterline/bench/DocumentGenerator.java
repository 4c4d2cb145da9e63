package dev.waterline.bench;

import dev.waterline.vex.Component;
import dev.waterline.vex.HashAlgorithm;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.Vulnerability;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * Generates realistic OpenVEX documents for the benchmarks, deterministically from a seed: the same
 * seed and sizes give the same documents, statement for statement.
 *
 * <p>A generator owns pools of vulnerabilities (CVE, GHSA and Go IDs, most with aliases), container
 * images (OCI purls with a digest, repository and tag qualifiers, some with a {@code sha-256} hash
 * and a {@code purl} identifier) and language packages (npm, Maven, Go, PyPI, Cargo purls, some
 * versionless). Statements draw from these pools, so they overlap the way a real vendor feed does:
 * the same vulnerability in many images, the same image in many statements. The status mix is
 * roughly 40% {@code not_affected} (with a justification and/or an impact statement), 15% {@code
 * affected} (with an action statement), 25% {@code fixed} and 20% {@code under_investigation}; most
 * statements carry their own timestamp within the two years before the document's, the rest inherit
 * it.
 */
public final class DocumentGenerator {
  /** The time of the main benchmark document; statements are older. */
  public static final Instant DOCUMENT_TIME = Instant.parse("2026-11-01T00:00:00Z");

  private static final String[] WORDS = {
    "alpha", "beacon", "cedar", "delta", "ember", "falcon", "garnet", "harbor", "iris", "juniper",
    "kestrel", "lumen", "maple", "nimbus", "onyx", "pylon", "quartz", "raven", "sierra", "tundra",
    "umber", "vertex", "willow", "xenon", "yarrow", "zephyr"
  };
  private static final String[] TEAMS = {"platform", "payments", "search", "identity", "edge"};
  private static final String[] NPM_SCOPES = {"", "@acme/", "@types/", "@babel/"};
  private static final String GHSA_ALPHABET = "23456789cfghjmpqrvwx";
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final Justification[] JUSTIFICATIONS = Justification.values();

  private final long seed;
  private final List<Vulnerability> vulnerabilities;
  private final List<Component> images;
  private final List<String> packages;

  private DocumentGenerator(long seed, int vulnerabilityCount, int imageCount, int packageCount) {
    this.seed = seed;
    SplittableRandom r = new SplittableRandom(seed);
    this.vulnerabilities = new ArrayList<>(vulnerabilityCount);
    for (int i = 0; i < vulnerabilityCount; i++) {
      vulnerabilities.add(vulnerability(r, i));
    }
    this.images = new ArrayList<>(imageCount);
    for (int i = 0; i < imageCount; i++) {
      images.add(image(r, i));
    }
    this.packages = new ArrayList<>(packageCount);
    for (int i = 0; i < packageCount; i++) {
      packages.add(languagePackage(r, i, r.nextInt(10) < 8));
    }
  }

  /**
   * A generator whose pools suit about {@code totalStatements} statements in all: one vulnerability
   * per 8 statements, one image per 50, one package per 15.
   */
  public static DocumentGenerator forStatements(long seed, int totalStatements) {
    return new DocumentGenerator(
        seed,
        Math.max(16, totalStatements / 8),
        Math.max(4, totalStatements / 50),
        Math.max(16, totalStatements / 15));
  }

  /** The vulnerability pool. */
  public List<Vulnerability> vulnerabilities() {
    return vulnerabilities;
  }

  /** The image pool. */
  public List<Component> images() {
    return images;
  }

  /**
   * The main benchmark document: {@code statements} statements issued at {@link #DOCUMENT_TIME}.
   */
  public VexDocument document(int statements) {
    return document(0, statements, DOCUMENT_TIME, null);
  }

  /**
   * {@code count} documents of {@code statementsEach} statements, issued an hour apart after {@link
   * #DOCUMENT_TIME}, as several teams would publish them. About one statement in ten repeats one of
   * the previous document verbatim, so a merge has identical statements to fold. Document {@code i}
   * depends only on the seed, the pools and {@code i}: the first 25 of 100 documents are the 25
   * documents.
   */
  public List<VexDocument> documents(int count, int statementsEach) {
    List<VexDocument> docs = new ArrayList<>(count);
    @Nullable VexDocument previous = null;
    for (int i = 0; i < count; i++) {
      Instant time = DOCUMENT_TIME.plus(Duration.ofHours(i + 1L));
      VexDocument doc = document(i + 1, statementsEach, time, previous);
      docs.add(doc);
      previous = doc;
    }
    return docs;
  }

  /**
   * {@code count} effective-status queries against {@code doc}, half of them hits and half misses,
   * shuffled. A hit names a product of one of the document's statements (a versionless package purl
   * is queried with a version) and the statement's vulnerability by name or by an alias. A miss
   * names an unknown vulnerability on a known image, an unknown image with a known vulnerability,
   * or a known product with a known vulnerability the two of which may never meet.
   */
  public List<Query> queries(VexDocument doc, int count) {
    SplittableRandom r = new SplittableRandom(seed ^ 0x5eed_5eedL);
    List<Statement> statements = doc.statements();
    List<Query> queries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int kind = r.nextInt(100);
      if (kind < 50) {
        Statement s = statements.get(r.nextInt(statements.size()));
        Product p = s.products().get(r.nextInt(s.products().size()));
        String product = p.id().orElseThrow();
        if (product.startsWith("pkg:")
            && !product.startsWith("pkg:oci/")
            && !product.contains("@")) {
          product = product + "@1.2.3";
        }
        Vulnerability v = s.vulnerability();
        String vuln =
            v.aliases().isEmpty() || r.nextBoolean()
                ? v.name()
                : v.aliases().get(r.nextInt(v.aliases().size()));
        queries.add(new Query(product, vuln, Query.Kind.HIT));
      } else if (kind < 70) {
        String product = images.get(r.nextInt(images.size())).id().orElseThrow();
        String vuln = String.format(Locale.ROOT, "CVE-2099-%d", 10_000 + r.nextInt(90_000));
        queries.add(new Query(product, vuln, Query.Kind.MISS));
      } else if (kind < 85) {
        String product =
            "pkg:oci/unknown-" + i + "@sha256%3A" + hex(r, 64) + "?repository_url=ghcr.io/x/y";
        String vuln = vulnerabilities.get(r.nextInt(vulnerabilities.size())).name();
        queries.add(new Query(product, vuln, Query.Kind.MISS));
      } else {
        String product = images.get(r.nextInt(images.size())).id().orElseThrow();
        String vuln = vulnerabilities.get(r.nextInt(vulnerabilities.size())).name();
        queries.add(new Query(product, vuln, Query.Kind.UNKNOWN));
      }
    }
    return queries;
  }

  /** One effective-status query and what the generator knows about its answer. */
  public static final class Query {
    /** Whether a statement must match, must not, or may. */
    public enum Kind {
      /** Taken from a statement: must match. */
      HIT,
      /** Names something the document never mentions: must not match. */
      MISS,
      /** Known product, known vulnerability: may or may not match. */
      UNKNOWN
    }

    private final String product;
    private final String vulnerability;
    private final Kind kind;

    Query(String product, String vulnerability, Kind kind) {
      this.product = product;
      this.vulnerability = vulnerability;
      this.kind = kind;
    }

    /** The product to ask about. */
    public String product() {
      return product;
    }

    /** The vulnerability to ask about. */
    public String vulnerability() {
      return vulnerability;
    }

    /** What the answer must be. */
    public Kind kind() {
      return kind;
    }

    @Override
    public String toString() {
      return kind + " " + vulnerability + " in " + product;
    }
  }

  /**
   * Writes the main benchmark document of {@code statements} statements to {@code out} as {@link
   * VexDocument#writeTo} would write {@link #document(int)}, byte for byte, without ever holding
   * more than {@code chunk} statements: for documents too large to build in memory (the
   * 1,000,000-statement document of {@code docs/performance.md}).
   *
   * @throws UncheckedIOException when writing fails
   */
  public void writeDocument(int statements, int chunk, OutputStream out) {
    if (statements < 1 || chunk < 1) {
      throw new IllegalArgumentException(
          "statements and chunk must be at least 1 but were " + statements + " and " + chunk);
    }
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L);
    try {
      int written = 0;
      do {
        int n = Math.min(chunk, statements - written);
        List<Statement> part = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          part.add(statement(r, 0, written + i, DOCUMENT_TIME));
        }
        // The writer's output for a document of this chunk: its head (everything up to the
        // statements array) is written once, its statements joined with the other chunks'.
        String json = header(0, statements, DOCUMENT_TIME).statements(part).buildLenient().toJson();
        int open = json.indexOf(STATEMENTS_OPEN) + STATEMENTS_OPEN.length();
        int close = json.lastIndexOf(STATEMENTS_CLOSE);
        if (written == 0) {
          out.write(json.substring(0, open).getBytes(StandardCharsets.UTF_8));
        } else {
          out.write(",".getBytes(StandardCharsets.UTF_8));
        }
        out.write(json.substring(open, close).getBytes(StandardCharsets.UTF_8));
        written += n;
        if (written == statements) {
          out.write(json.substring(close).getBytes(StandardCharsets.UTF_8));
        }
      } while (written < statements);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the document: " + e.getMessage(), e);
    }
  }

  private static final String STATEMENTS_OPEN = "\"statements\": [";
  private static final String STATEMENTS_CLOSE = "\n  ]";

  private VexDocument.Builder header(int number, int statementCount, Instant time) {
    return VexDocument.builder("Example Security Team <psirt@example.com>")
        .defaults(false)
        .id(
            String.format(
                Locale.ROOT,
                "https://vex.example.com/docs/bench-%d-%d-%d",
                seed,
                number,
                statementCount))
        .role("Document Creator")
        .timestamp(time)
        .lastUpdated(time)
        .version(1 + number % 5)
        .tooling("waterline-benchmarks DocumentGenerator");
  }

  private VexDocument document(
      int number, int statementCount, Instant time, @Nullable VexDocument previous) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + number);
    List<Statement> statements = new ArrayList<>(statementCount);
    Set<Integer> repeated = new HashSet<>();
    for (int i = 0; i < statementCount; i++) {
      if (previous != null && r.nextInt(10) == 0) {
        int k = r.nextInt(previous.statements().size());
        Statement repeat = previous.statements().get(k);
        if (repeat.timestamp().isPresent() && repeated.add(k)) {
          statements.add(repeat);
          continue;
        }
      }
      statements.add(statement(r, number, i, time));
    }
    return header(number, statementCount, time).statements(statements).buildLenient();
  }

  private Statement statement(SplittableRandom r, int doc, int n, Instant docTime) {
    Vulnerability v = vulnerabilities.get(r.nextInt(vulnerabilities.size()));
    Statement.Builder b = Statement.builder().vulnerability(v);
    if (r.nextInt(10) < 3) {
      b.id(String.format(Locale.ROOT, "https://vex.example.com/statements/%d/%d", doc, n));
    }
    int products = 1 + (r.nextInt(10) < 6 ? 0 : r.nextInt(3));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < products; i++) {
      Product p = product(r);
      if (seen.add(p.id().orElseThrow())) {
        b.product(p);
      }
    }
    Instant time = docTime.minusSeconds(r.nextLong(730L * 24 * 3600));
    if (r.nextInt(100) < 85) {
      b.timestamp(time);
    }
    if (r.nextInt(10) < 2) {
      b.supplier(word(r) + " Inc.");
    }
    int roll = r.nextInt(100);
    if (roll < 40) {
      b.status(Status.NOT_AFFECTED);
      int how = r.nextInt(4);
      if (how < 3) {
        b.justification(JUSTIFICATIONS[r.nextInt(JUSTIFICATIONS.length)]);
      }
      if (how > 1) {
        b.impactStatement(
            "The vulnerable function "
                + word(r)
                + "."
                + word(r)
                + "() is never called with attacker-controlled input in this build.");
      }
    } else if (roll < 55) {
      b.status(Status.AFFECTED);
      b.actionStatement(
          "Upgrade to the next release or set "
              + word(r).toUpperCase(Locale.ROOT)
              + "_DISABLE=1 until it ships.");
      if (r.nextBoolean()) {
        b.actionStatementTimestamp(time.plusSeconds(3600));
      }
    } else if (roll < 80) {
      b.status(Status.FIXED);
      if (r.nextInt(4) == 0) {
        b.statusNotes("Fixed by rebuilding on the patched base image.");
      }
    } else {
      b.status(Status.UNDER_INVESTIGATION);
      if (r.nextBoolean()) {
        b.statusNotes("Triage in progress; reachability analysis pending.");
      }
    }
    return b.buildLenient();
  }

  private Product product(SplittableRandom r) {
    if (r.nextInt(10) < 7) {
      Component image = images.get(r.nextInt(images.size()));
      int subs = r.nextInt(3);
      List<Component> subcomponents = new ArrayList<>(subs);
      for (int i = 0; i < subs; i++) {
        Component sub = Component.of(packages.get(r.nextInt(packages.size())));
        if (!subcomponents.contains(sub)) {
          subcomponents.add(sub);
        }
      }
      return Product.of(image, subcomponents);
    }
    return Product.of(packages.get(r.nextInt(packages.size())));
  }

  private static Vulnerability vulnerability(SplittableRandom r, int i) {
    int year = 2019 + r.nextInt(8);
    String cve = String.format(Locale.ROOT, "CVE-%d-%d", year, 1000 + i * 7 + r.nextInt(7));
    int kind = r.nextInt(10);
    Vulnerability.Builder b;
    if (kind < 7) {
      b = Vulnerability.builder(cve);
      if (r.nextBoolean()) {
        b.alias(ghsa(r));
      }
      b.id("https://nvd.nist.gov/vuln/detail/" + cve);
    } else if (kind < 9) {
      b = Vulnerability.builder(ghsa(r)).alias(cve);
    } else {
      b =
          Vulnerability.builder(String.format(Locale.ROOT, "GO-%d-%04d", year, i % 10_000))
              .alias(cve)
              .alias(ghsa(r));
    }
    if (r.nextInt(4) == 0) {
      b.description("Improper input validation in the " + word(r) + " parser.");
    }
    return b.build();
  }

  private static Component image(SplittableRandom r, int i) {
    String name = word(r) + "-" + word(r) + "-" + i;
    String digest = hex(r, 64);
    String team = TEAMS[r.nextInt(TEAMS.length)];
    String purl =
        String.format(
            Locale.ROOT,
            "pkg:oci/%s@sha256%%3A%s?repository_url=registry.example.com/%s/%s&tag=v%d.%d.%d",
            name,
            digest,
            team,
            name,
            r.nextInt(4),
            r.nextInt(20),
            r.nextInt(10));
    Component.Builder b = Component.builder().id(purl);
    if (r.nextInt(4) == 0) {
      b.hash(HashAlgorithm.SHA_256, digest).purl(purl);
    }
    return b.build();
  }

  private static String languagePackage(SplittableRandom r, int i, boolean versioned) {
    @Nullable String version =
        versioned
            ? String.format(Locale.ROOT, "%d.%d.%d", r.nextInt(6), r.nextInt(30), r.nextInt(20))
            : null;
    String name = word(r) + "-" + i;
    String purl;
    switch (r.nextInt(5)) {
      case 0:
        purl = "pkg:npm/" + NPM_SCOPES[r.nextInt(NPM_SCOPES.length)].replace("@", "%40") + name;
        break;
      case 1:
        purl = "pkg:maven/com.example." + word(r) + "/" + name;
        break;
      case 2:
        purl = "pkg:golang/github.com/" + word(r) + "/" + name;
        version = version == null ? null : "v" + version;
        break;
      case 3:
        purl = "pkg:pypi/" + name;
        break;
      default:
        purl = "pkg:cargo/" + name;
        break;
    }
    return version == null ? purl : purl + "@" + version;
  }

  private static String ghsa(SplittableRandom r) {
    StringBuilder sb = new StringBuilder("GHSA");
    for (int g = 0; g < 3; g++) {
      sb.append('-');
      for (int i = 0; i < 4; i++) {
        sb.append(GHSA_ALPHABET.charAt(r.nextInt(GHSA_ALPHABET.length())));
      }
    }
    return sb.toString();
  }

  private static String word(SplittableRandom r) {
    return WORDS[r.nextInt(WORDS.length)];
  }

  static String hex(SplittableRandom r, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = HEX[r.nextInt(16)];
    }
    return new String(c);
  }
}
