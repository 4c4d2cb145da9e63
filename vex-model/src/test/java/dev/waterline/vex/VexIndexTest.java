package dev.waterline.vex;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VexIndexTest {
  static final String IMAGE = "pkg:oci/app";
  static final String IMAGE_QUERY = "pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io/acme/app";

  static @Nullable Instant time(@Nullable String hour) {
    return hour == null ? null : Instant.parse("2026-11-26T" + hour + ":00:00Z");
  }

  static VexDocument doc(String id, @Nullable Instant timestamp, Statement... statements) {
    return VexDocument.builder("Acme")
        .id("https://example.com/vex/" + id)
        .timestamp(timestamp)
        .defaults(false)
        .statements(List.of(statements))
        .buildLenient();
  }

  static Statement statement(String vulnerability, Status status, @Nullable Instant timestamp) {
    return Statement.builder()
        .vulnerability(vulnerability)
        .status(status)
        .product(IMAGE)
        .timestamp(timestamp)
        .buildLenient();
  }

  @Nested
  class TimeOrderingAcrossDocuments {
    /**
     * Two documents, one statement each, about the same vulnerability and product. Hours stand for
     * times on one day; {@code -} is no time.
     */
    @ParameterizedTest(name = "[{index}] {7}")
    @CsvSource(
        delimiter = '|',
        nullValues = "-",
        textBlock =
            """
            # input order | doc A | stmt A | doc B | stmt B | status A     | status B      | rule -> winner
            AB            | 10    | -      | 11    | -      | affected     | fixed         | later document time wins -> B
            AB            | 11    | -      | 10    | -      | affected     | fixed         | later time wins over input order -> A
            BA            | 10    | -      | 11    | -      | affected     | fixed         | later time wins whatever the order -> B
            AB            | 10    | 12     | 11    | -      | affected     | fixed         | statement timestamp overrides its document's -> A
            AB            | 12    | 09     | 10    | -      | affected     | fixed         | older own timestamp loses to newer document -> B
            AB            | 10    | -      | 10    | -      | affected     | fixed         | equal times: later document -> B
            BA            | 10    | -      | 10    | -      | affected     | fixed         | equal times: later document -> A
            AB            | 11    | 10     | 09    | 10     | affected     | fixed         | equal own timestamps: later document -> B
            AB            | -     | -      | 09    | -      | affected     | fixed         | no time anywhere is the oldest -> B
            BA            | 09    | -      | -     | -      | affected     | fixed         | no time anywhere is the oldest, even later in order -> A
            AB            | -     | -      | -     | -      | affected     | fixed         | no time on either side: later document -> B
            AB            | -     | 08     | 07    | -      | affected     | fixed         | own timestamp in a document without one -> A
            """)
    void latestByTimeWins(
        String order,
        @Nullable String docA,
        @Nullable String stmtA,
        @Nullable String docB,
        @Nullable String stmtB,
        String statusA,
        String statusB,
        String rule) {
      VexDocument a =
          doc("a", time(docA), statement("CVE-2026-1", Status.parse(statusA), time(stmtA)));
      VexDocument b =
          doc("b", time(docB), statement("CVE-2026-1", Status.parse(statusB), time(stmtB)));
      List<VexDocument> docs = order.equals("AB") ? List.of(a, b) : List.of(b, a);
      VexDocument expected = rule.endsWith("-> A") ? a : b;

      Optional<EffectiveStatement> effective =
          VexIndex.of(docs).effective(IMAGE_QUERY, "CVE-2026-1");

      assertThat(effective).isPresent();
      assertThat(effective.get().document()).as(rule).isEqualTo(expected);
      assertThat(effective.get().statement()).isEqualTo(expected.statements().get(0));
      assertThat(VexIndex.of(docs).matches(IMAGE_QUERY, "CVE-2026-1", null))
          .as("oldest first, the effective one last")
          .hasSize(2)
          .last()
          .isEqualTo(effective.get());
    }

    @Test
    void equalTimesInOneDocumentLaterStatementWins() {
      Instant t = time("10");
      VexDocument d =
          doc(
              "d",
              t,
              statement("CVE-2026-1", Status.UNDER_INVESTIGATION, null),
              statement("CVE-2026-1", Status.AFFECTED, t),
              statement("CVE-2026-1", Status.FIXED, null),
              statement("CVE-2026-2", Status.AFFECTED, t));
      EffectiveStatement e = VexIndex.of(d).effective(IMAGE, "CVE-2026-1").orElseThrow();
      assertThat(e.status()).isEqualTo(Status.FIXED);
      assertThat(e.time()).contains(t);
    }

    @Test
    void statementOrderDoesNotBeatTime() {
      VexDocument d =
          doc(
              "d",
              time("09"),
              statement("CVE-2026-1", Status.FIXED, time("12")),
              statement("CVE-2026-1", Status.AFFECTED, time("11")));
      assertThat(VexIndex.of(d).effective(IMAGE, "CVE-2026-1").orElseThrow().status())
          .isEqualTo(Status.FIXED);
    }
  }

  /**
   * go-vex sorts statements by vulnerability name first and then by time, so when two statements
   * match through an alias or {@code @id} under different names, the greater name wins even if it
   * is older. Waterline orders by time alone.
   */
  @Nested
  class NotGoVexsNameFirstSort {
    final Statement olderUnderGhsaName =
        Statement.builder()
            .vulnerability(Vulnerability.of("GHSA-zzzz-zzzz-zzzz", "CVE-2026-7"))
            .status(Status.AFFECTED)
            .actionStatement("upgrade")
            .product(IMAGE)
            .timestamp(time("09"))
            .buildLenient();
    final Statement newerUnderCveName =
        Statement.builder()
            .vulnerability(
                Vulnerability.builder("CVE-2026-7").id("https://osv.dev/CVE-2026-7").build())
            .status(Status.FIXED)
            .product(IMAGE)
            .timestamp(time("15"))
            .buildLenient();

    @ParameterizedTest(name = "asked as {0}")
    @CsvSource({"CVE-2026-7", "GHSA-zzzz-zzzz-zzzz"})
    void inOneDocument(String asked) {
      VexDocument d = doc("d", time("08"), olderUnderGhsaName, newerUnderCveName);
      Optional<EffectiveStatement> e = VexIndex.of(d).effective(IMAGE_QUERY, asked);
      if (asked.equals("CVE-2026-7")) {
        // go-vex: "GHSA-…" sorts after "CVE-…", so it would answer affected.
        assertThat(e.orElseThrow().status()).isEqualTo(Status.FIXED);
      } else {
        // Only the GHSA statement carries that identifier.
        assertThat(e.orElseThrow().status()).isEqualTo(Status.AFFECTED);
      }
    }

    @Test
    void acrossDocumentsWhateverTheOrder() {
      VexDocument older = doc("older", time("08"), olderUnderGhsaName);
      VexDocument newer = doc("newer", time("14"), newerUnderCveName);
      assertThat(VexIndex.of(newer, older).effective(IMAGE, "CVE-2026-7").orElseThrow().document())
          .isEqualTo(newer);
      assertThat(VexIndex.of(older, newer).effective(IMAGE, "CVE-2026-7").orElseThrow().document())
          .isEqualTo(newer);
    }

    @Test
    void byVulnerabilityIdToo() {
      VexDocument d = doc("d", time("08"), olderUnderGhsaName, newerUnderCveName);
      assertThat(VexIndex.of(d).effective(IMAGE, "https://osv.dev/CVE-2026-7").orElseThrow())
          .extracting(EffectiveStatement::status)
          .isEqualTo(Status.FIXED);
    }
  }

  @Nested
  class Lookup {
    @Test
    void unknownVulnerabilityOrProductIsEmpty() {
      VexIndex index = VexIndex.of(doc("d", time("10"), statement("CVE-1", Status.FIXED, null)));
      assertThat(index.effective(IMAGE, "CVE-2")).isEmpty();
      assertThat(index.effective("pkg:oci/other", "CVE-1")).isEmpty();
      assertThat(index.matches("pkg:oci/other", "CVE-1", null)).isEmpty();
      assertThat(index.effective(IMAGE, "CVE-1")).isPresent();
    }

    @Test
    void statementWithoutProductsNeverMatches() {
      Statement noProducts =
          Statement.builder().vulnerability("CVE-1").status(Status.FIXED).buildLenient();
      VexIndex index = VexIndex.of(doc("d", time("10"), noProducts));
      assertThat(index.effective(IMAGE, "CVE-1")).isEmpty();
      assertThat(index.effective("", "CVE-1")).isEmpty();
    }

    @Test
    void imageDigestFindsHashOnlyProduct() {
      String hex = MatchingTest.D;
      Statement s =
          Statement.builder()
              .vulnerability("CVE-1")
              .status(Status.NOT_AFFECTED)
              .product(
                  Product.of(
                      Component.builder().hash(HashAlgorithm.SHA_256, hex).build(), List.of()))
              .buildLenient();
      VexIndex index = VexIndex.of(doc("d", time("10"), s));
      assertThat(index.effective("sha256:" + hex, "CVE-1")).isPresent();
      assertThat(index.effective("ghcr.io/acme/app@sha256:" + hex, "CVE-1")).isPresent();
      assertThat(index.effective(hex, "CVE-1")).isPresent();
      assertThat(index.effective("sha256:" + MatchingTest.E, "CVE-1")).isEmpty();
    }

    @Test
    void subcomponentNarrowsTheAnswer() {
      Statement whole =
          Statement.builder()
              .vulnerability("CVE-1")
              .status(Status.AFFECTED)
              .actionStatement("upgrade")
              .product(IMAGE)
              .timestamp(time("09"))
              .buildLenient();
      Statement lodash =
          Statement.builder()
              .vulnerability("CVE-1")
              .status(Status.NOT_AFFECTED)
              .product(Product.of(IMAGE, "pkg:npm/lodash"))
              .timestamp(time("10"))
              .buildLenient();
      VexIndex index = VexIndex.of(doc("d", time("08"), whole, lodash));
      assertThat(index.effective(IMAGE_QUERY, "CVE-1", "pkg:npm/lodash@4.17.21"))
          .map(EffectiveStatement::status)
          .contains(Status.NOT_AFFECTED);
      assertThat(index.effective(IMAGE_QUERY, "CVE-1", "pkg:npm/express@4"))
          .map(EffectiveStatement::status)
          .contains(Status.AFFECTED);
      // Without a subcomponent, the statement about lodash still applies (go-vex semantics).
      assertThat(index.effective(IMAGE_QUERY, "CVE-1", null))
          .map(EffectiveStatement::status)
          .contains(Status.NOT_AFFECTED);
    }

    @Test
    void statementMatchingThroughTwoProductsIsListedOnce() {
      Statement s =
          Statement.builder()
              .vulnerability("CVE-1")
              .status(Status.FIXED)
              .product("pkg:oci/app")
              .product("pkg:oci/app@sha256%3Aabc")
              .buildLenient();
      VexIndex index = VexIndex.of(doc("d", time("10"), s));
      assertThat(index.matches("pkg:oci/app@sha256:abc", "CVE-1", null)).hasSize(1);
    }

    @Test
    void documentConvenienceUsesTheSameRules() {
      VexDocument d =
          doc(
              "d",
              time("10"),
              statement("CVE-1", Status.AFFECTED, time("11")),
              statement("CVE-1", Status.FIXED, null));
      assertThat(d.effective(IMAGE_QUERY, "CVE-1").orElseThrow().status())
          .isEqualTo(Status.AFFECTED);
    }

    @Test
    void toStringCounts() {
      VexIndex index =
          VexIndex.of(
              doc("a", time("10"), statement("CVE-1", Status.FIXED, null)), doc("b", time("10")));
      assertThat(index).hasToString("VexIndex[2 documents, 1 statements]");
    }
  }

  /**
   * The index against a brute force over {@link Statement#matches} with the documented order, on
   * random documents.
   */
  @Nested
  class AgreesWithBruteForce {
    final String[] products = {
      "pkg:oci/app",
      "pkg:oci/app@sha256%3Aabc",
      "pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io/acme/app",
      "pkg:npm/lodash",
      "pkg:npm/lodash@4.17.21",
      "pkg:npm/lodash@4.17.20",
      "pkg:apk/wolfi/curl@8?arch=x86_64",
      "pkg:APK/Wolfi/Curl@8",
      "cpe:2.3:a:curl:curl:8:*:*:*:*:*:*:*",
      "https://example.com/p",
      "ghcr.io/acme/app@sha256:" + MatchingTest.D,
      "sha256:" + MatchingTest.D,
      "pkg:oci/app@sha256%3A" + MatchingTest.D,
      "pkg:oci/app@sha256%3A" + MatchingTest.D + "?repository_url=ghcr.io/acme/app",
      "ghcr.io/other/app@sha256:" + MatchingTest.D,
      MatchingTest.D,
      "sha256:" + MatchingTest.E,
      "pkg:maven/bar@1",
    };
    final String[] vulns = {"CVE-1", "CVE-2", "GHSA-1", "GHSA-2"};

    @Test
    void onRandomDocuments() {
      Random random = new Random(42);
      for (int round = 0; round < 300; round++) {
        List<VexDocument> docs = new ArrayList<>();
        int docCount = 1 + random.nextInt(4);
        for (int d = 0; d < docCount; d++) {
          List<Statement> statements = new ArrayList<>();
          int n = random.nextInt(8);
          for (int i = 0; i < n; i++) {
            statements.add(randomStatement(random));
          }
          docs.add(
              doc(
                  "r" + d,
                  random.nextInt(4) == 0 ? null : time(hour(random)),
                  statements.toArray(new Statement[0])));
        }
        VexIndex index = VexIndex.of(docs);
        for (String product : products) {
          for (String vuln : vulns) {
            for (String sub : new String[] {null, "pkg:npm/lodash@4.17.21", "pkg:npm/x@1"}) {
              agrees(index, docs, product, vuln, sub);
            }
          }
        }
      }
    }

    @Test
    void anIndexOfOneVulnerabilityAnswersAsTheWholeIndexForItAndOthersOnlyFromItsStatements() {
      Random random = new Random(7);
      for (int round = 0; round < 200; round++) {
        List<VexDocument> docs = new ArrayList<>();
        int docCount = 1 + random.nextInt(4);
        for (int d = 0; d < docCount; d++) {
          List<Statement> statements = new ArrayList<>();
          int n = random.nextInt(8);
          for (int i = 0; i < n; i++) {
            statements.add(randomStatement(random));
          }
          docs.add(
              doc(
                  "r" + d,
                  random.nextInt(4) == 0 ? null : time(hour(random)),
                  statements.toArray(new Statement[0])));
        }
        VexIndex whole = VexIndex.of(docs);
        for (String vuln : vulns) {
          VexIndex one = VexIndex.forVulnerability(docs, vuln);
          for (String product : products) {
            for (String sub : new String[] {null, "pkg:npm/lodash@4.17.21"}) {
              assertThat(one.matches(product, vuln, sub))
                  .as("matches %s %s %s in %s", product, vuln, sub, docs)
                  .isEqualTo(whole.matches(product, vuln, sub));
              assertThat(one.effective(product, vuln, sub))
                  .isEqualTo(whole.effective(product, vuln, sub));
              for (String other : vulns) {
                // Only statements that also name vuln (an alias of it).
                assertThat(one.matches(product, other, sub))
                    .allSatisfy(
                        e -> assertThat(e.statement().vulnerability().identifiers()).contains(vuln))
                    .isSubsetOf(whole.matches(product, other, sub));
              }
            }
          }
        }
      }
    }

    /**
     * Statements are filed once per set of vulnerability identifiers (a group), and an identifier
     * in more than a few groups gets one of its own: here the identifiers of a pool of eight are
     * combined at random into names and aliases, so that most identifiers are in many groups and
     * many groups share identifiers; times repeat, so ties are broken by document and position.
     */
    @Test
    void onRandomDocumentsWithOverlappingAliasSets() {
      String[] ids = {"CVE-1", "CVE-2", "CVE-3", "GHSA-1", "GHSA-2", "GO-1", "GO-2", "X-1"};
      Random random = new Random(11);
      for (int round = 0; round < 150; round++) {
        List<VexDocument> docs = new ArrayList<>();
        int docCount = 1 + random.nextInt(3);
        for (int d = 0; d < docCount; d++) {
          List<Statement> statements = new ArrayList<>();
          int n = random.nextInt(30);
          for (int i = 0; i < n; i++) {
            Vulnerability.Builder v = Vulnerability.builder(ids[random.nextInt(ids.length)]);
            int aliases = random.nextInt(4);
            for (int a = 0; a < aliases; a++) {
              v.alias(ids[random.nextInt(ids.length)]);
            }
            if (random.nextInt(4) == 0) {
              v.id(ids[random.nextInt(ids.length)]);
            }
            Statement.Builder b =
                Statement.builder()
                    .vulnerability(v.build())
                    .status(Status.values()[random.nextInt(Status.values().length)])
                    .timestamp(
                        random.nextBoolean() ? null : time(random.nextBoolean() ? "09" : "10"));
            int productCount = random.nextInt(3);
            for (int p = 0; p < productCount; p++) {
              Component c = randomComponent(random);
              b.product(
                  random.nextBoolean()
                      ? Product.of(c, List.of())
                      : Product.of(c, List.of(Component.of("pkg:npm/lodash"))));
            }
            statements.add(b.buildLenient());
          }
          docs.add(
              doc(
                  "g" + d,
                  random.nextInt(3) == 0 ? null : time("09"),
                  statements.toArray(new Statement[0])));
        }
        VexIndex index = VexIndex.of(docs);
        for (String product : products) {
          for (String vuln : ids) {
            for (String sub : new String[] {null, "pkg:npm/lodash@4.17.21", "pkg:npm/x@1"}) {
              agrees(index, docs, product, vuln, sub);
            }
          }
        }
      }
    }

    /**
     * Products with long subcomponent lists (filed by key past 16), of every kind of component the
     * matcher has a rule for, asked about subcomponents of every kind: the same answers as trying
     * each one.
     */
    @Test
    void onRandomDocumentsWithLongSubcomponentLists() {
      Random random = new Random(20261207);
      String[] subQueries = new String[products.length + 3];
      System.arraycopy(products, 0, subQueries, 0, products.length);
      subQueries[products.length] = "pkg:npm/lodash@4.17.21?arch=x86";
      subQueries[products.length + 1] = "pkg:npm/x@1";
      subQueries[products.length + 2] = "pkg:npm/pad17@1.0.0";
      int compared = 0;
      int found = 0;
      for (int round = 0; round < 60; round++) {
        List<Statement> statements = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
          List<Component> subs = new ArrayList<>();
          int count = random.nextBoolean() ? 16 + random.nextInt(30) : random.nextInt(16);
          for (int k = 0; k < count; k++) {
            // Padding that matches none of the queries but one, and the components of the pool.
            subs.add(
                random.nextInt(3) == 0
                    ? randomComponent(random)
                    : Component.of("pkg:npm/pad" + random.nextInt(40) + "@1.0.0"));
          }
          statements.add(
              Statement.builder()
                  .vulnerability(vulns[random.nextInt(2)])
                  .status(Status.values()[random.nextInt(Status.values().length)])
                  .timestamp(random.nextBoolean() ? null : time(hour(random)))
                  .product(Product.of(Component.of(IMAGE), subs))
                  .buildLenient());
        }
        List<VexDocument> docs =
            List.of(doc("subs" + round, time("09"), statements.toArray(new Statement[0])));
        VexIndex index = VexIndex.of(docs);
        for (String vuln : new String[] {vulns[0], vulns[1]}) {
          for (String sub : subQueries) {
            compared++;
            found += agrees(index, docs, IMAGE_QUERY, vuln, sub) ? 1 : 0;
          }
        }
      }
      // not a pool of strangers: many of the questions have an answer, many have none
      assertThat(found).isGreaterThan(compared / 5).isLessThan(compared * 4 / 5);
    }

    /**
     * Many statements about one vulnerability in versions of one package (past 64, a slot is also
     * filed by version), with unversioned purls, qualifiers, escaped versions and purls given as
     * identifiers among them: the same answers as trying each statement.
     */
    @Test
    void onRandomDocumentsWithManyVersionsOfOnePackage() {
      Random random = new Random(1207);
      String[] versions = {"1.0.0", "1.0.0+build", "2.0.0", "3.0.0-rc.1", "10.0"};
      List<String> queries = new ArrayList<>();
      for (int v = 0; v < 120; v += 7) {
        queries.add("pkg:npm/p@" + v + ".0.0");
      }
      queries.addAll(
          List.of(
              "pkg:npm/p",
              "pkg:npm/p@1.0.0",
              "pkg:npm/p@1.0.0%2Bbuild",
              "pkg:npm/p@1.0.0+build?arch=x86",
              "pkg:npm/p@2.0.0?arch=arm64",
              "pkg:npm/p@3.0.0-rc.1",
              "pkg:npm/p@10.0",
              "pkg:npm/q@1.0.0",
              "pkg:npm/P@1.0.0"));
      int compared = 0;
      int found = 0;
      for (int round = 0; round < 12; round++) {
        List<Statement> statements = new ArrayList<>();
        int n = 64 + random.nextInt(200);
        for (int i = 0; i < n; i++) {
          String purl;
          switch (random.nextInt(6)) {
            case 0:
              purl = "pkg:npm/p";
              break;
            case 1:
              purl = "pkg:npm/p@" + versions[random.nextInt(versions.length)];
              break;
            case 2:
              purl = "pkg:npm/p?arch=" + (random.nextBoolean() ? "x86" : "arm64");
              break;
            case 3:
              purl = "pkg:npm/p@" + versions[random.nextInt(versions.length)] + "?arch=x86";
              break;
            default:
              purl = "pkg:npm/p@" + random.nextInt(120) + ".0.0";
          }
          Component c =
              random.nextInt(5) == 0
                  ? Component.builder()
                      .id("https://example.com/c/" + i)
                      .identifier(IdentifierType.PURL, purl)
                      .build()
                  : Component.of(purl);
          statements.add(
              Statement.builder()
                  .vulnerability("CVE-1")
                  .status(Status.values()[random.nextInt(Status.values().length)])
                  .timestamp(random.nextInt(3) == 0 ? null : time(hour(random)))
                  .product(
                      random.nextInt(4) == 0
                          ? Product.of(c, List.of(Component.of("pkg:npm/lodash")))
                          : Product.of(c, List.of()))
                  .buildLenient());
        }
        List<VexDocument> docs =
            List.of(doc("versions" + round, time("09"), statements.toArray(new Statement[0])));
        VexIndex index = VexIndex.of(docs);
        for (String product : queries) {
          for (String sub : new String[] {null, "pkg:npm/lodash@4.17.21", "pkg:npm/x@1"}) {
            compared++;
            found += agrees(index, docs, product, "CVE-1", sub) ? 1 : 0;
          }
        }
      }
      assertThat(found).isGreaterThan(compared / 4).isLessThan(compared);
    }

    @Test
    void aStatementWithManySubcomponentsAnswersForEachAndForNoOther() {
      List<Component> subs = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        subs.add(Component.of("pkg:npm/p" + i + "@1.0.0"));
      }
      subs.add(Component.of("pkg:npm/any-version"));
      subs.add(
          Component.builder()
              .id("https://example.com/c")
              .hash(HashAlgorithm.SHA_256, MatchingTest.D)
              .build());
      Statement s =
          Statement.builder()
              .vulnerability("CVE-1")
              .status(Status.NOT_AFFECTED)
              .justification(Justification.COMPONENT_NOT_PRESENT)
              .product(Product.of(Component.of(IMAGE), subs))
              .buildLenient();
      VexIndex index = VexIndex.of(doc("many-subs", time("09"), s));

      assertThat(index.effective(IMAGE_QUERY, "CVE-1", "pkg:npm/p4999@1.0.0?arch=x86")).isPresent();
      assertThat(index.effective(IMAGE_QUERY, "CVE-1", "pkg:npm/p0@1.0.0")).isPresent();
      assertThat(index.effective(IMAGE_QUERY, "CVE-1", "pkg:npm/p0@2.0.0")).isEmpty();
      assertThat(index.effective(IMAGE_QUERY, "CVE-1", "pkg:npm/p5000@1.0.0")).isEmpty();
      assertThat(index.effective(IMAGE_QUERY, "CVE-1", "pkg:npm/any-version@9")).isPresent();
      assertThat(index.effective(IMAGE_QUERY, "CVE-1", "sha256:" + MatchingTest.D)).isPresent();
      assertThat(index.effective(IMAGE_QUERY, "CVE-1", MatchingTest.D)).isPresent();
      assertThat(index.effective(IMAGE_QUERY, "CVE-1", "https://example.com/c")).isPresent();
      assertThat(index.effective(IMAGE_QUERY, "CVE-1", "https://example.com/d")).isEmpty();
    }

    @Test
    void anIdentifierInManyAliasSetsFindsEveryStatementThatNamesIt() {
      List<Statement> statements = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        // CVE-1 in ten groups: {CVE-1, GHSA-i}.
        statements.add(
            Statement.builder()
                .vulnerability(Vulnerability.builder("CVE-1").alias("GHSA-" + i).build())
                .status(i == 7 ? Status.FIXED : Status.AFFECTED)
                .product(IMAGE)
                .timestamp(time(i == 7 ? "12" : "10"))
                .buildLenient());
      }
      VexDocument doc = doc("many", time("09"), statements.toArray(new Statement[0]));
      VexIndex index = VexIndex.of(doc);

      assertThat(index.matches(IMAGE_QUERY, "CVE-1", null)).hasSize(10);
      assertThat(index.effective(IMAGE_QUERY, "CVE-1"))
          .get()
          .extracting(e -> e.statement())
          .isEqualTo(statements.get(7));
      assertThat(index.matches(IMAGE_QUERY, "GHSA-3", null))
          .extracting(EffectiveStatement::statement)
          .containsExactly(statements.get(3));
      assertThat(index.effective(IMAGE_QUERY, "GHSA-7").map(EffectiveStatement::status))
          .contains(Status.FIXED);
    }

    @Test
    void theSameStatementIsTheSameObjectInEveryAnswer() {
      Statement s =
          Statement.builder()
              .vulnerability(Vulnerability.builder("CVE-1").alias("GHSA-1").build())
              .status(Status.FIXED)
              .product(IMAGE)
              .product("pkg:npm/lodash")
              .buildLenient();
      VexIndex index = VexIndex.of(doc("same", time("09"), s));

      EffectiveStatement byName = index.matches(IMAGE_QUERY, "CVE-1", null).get(0);
      assertThat(index.matches(IMAGE_QUERY, "GHSA-1", null).get(0)).isSameAs(byName);
      assertThat(index.matches("pkg:npm/lodash@1", "CVE-1", null).get(0)).isSameAs(byName);
      assertThat(index.effective(IMAGE_QUERY, "GHSA-1")).get().isSameAs(byName);
    }

    /**
     * Asserts that the index answers a question as the brute force does (every match, and the
     * latest as the effective statement); whether there was an answer.
     */
    private boolean agrees(
        VexIndex index, List<VexDocument> docs, String product, String vuln, @Nullable String sub) {
      List<EffectiveStatement> expected = bruteForce(docs, product, vuln, sub);
      assertThat(index.matches(product, vuln, sub))
          .as("matches %s %s %s in %s", product, vuln, sub, docs)
          .isEqualTo(expected);
      assertThat(index.effective(product, vuln, sub))
          .as("effective %s %s %s in %s", product, vuln, sub, docs)
          .isEqualTo(
              expected.isEmpty()
                  ? Optional.empty()
                  : Optional.of(expected.get(expected.size() - 1)));
      return !expected.isEmpty();
    }

    private String hour(Random random) {
      return String.format("%02d", 8 + random.nextInt(4));
    }

    private Statement randomStatement(Random random) {
      String name = vulns[random.nextInt(vulns.length)];
      Vulnerability.Builder v = Vulnerability.builder(name);
      if (random.nextBoolean()) {
        v.alias(vulns[random.nextInt(vulns.length)]);
      }
      Statement.Builder b =
          Statement.builder()
              .vulnerability(v.build())
              .status(Status.values()[random.nextInt(Status.values().length)])
              .timestamp(random.nextBoolean() ? null : time(hour(random)));
      int productCount = random.nextInt(3);
      for (int i = 0; i < productCount; i++) {
        Component c = randomComponent(random);
        b.product(
            random.nextBoolean()
                ? Product.of(c, List.of())
                : Product.of(
                    c,
                    List.of(Component.of(random.nextBoolean() ? "pkg:npm/lodash" : "pkg:npm/y"))));
      }
      return b.buildLenient();
    }

    /**
     * Mostly an {@code @id}; sometimes identifiers and hashes, including odd ones (a CPE slot
     * holding a purl or an image reference, a hash written as {@code sha256:…}) that only exact
     * equality can match.
     */
    private Component randomComponent(Random random) {
      String p = products[random.nextInt(products.length)];
      if (random.nextInt(3) > 0) {
        return Component.of(p);
      }
      Component.Builder c = Component.builder();
      if (random.nextBoolean()) {
        c.id(p);
      }
      if (random.nextBoolean()) {
        c.purl(products[random.nextInt(6)]);
      }
      if (random.nextBoolean()) {
        c.identifier(IdentifierType.CPE23, products[random.nextInt(products.length)]);
      }
      switch (random.nextInt(4)) {
        case 0:
          c.hash(HashAlgorithm.SHA_256, MatchingTest.D);
          break;
        case 1:
          c.hash(HashAlgorithm.SHA_512, "sha256:" + MatchingTest.D);
          break;
        case 2:
          c.hash(HashAlgorithm.SHA_256, MatchingTest.E);
          break;
        default:
          break;
      }
      if (random.nextInt(5) == 0 || random.nextInt(4) == 0) {
        c.id(p);
      }
      try {
        return c.build();
      } catch (VexException empty) {
        return Component.of(p);
      }
    }

    private List<EffectiveStatement> bruteForce(
        List<VexDocument> docs, String product, String vuln, @Nullable String sub) {
      record Found(int doc, int pos, EffectiveStatement e) {}
      List<Found> found = new ArrayList<>();
      for (int d = 0; d < docs.size(); d++) {
        List<Statement> statements = docs.get(d).statements();
        for (int i = 0; i < statements.size(); i++) {
          if (statements.get(i).matches(vuln, product, sub)) {
            found.add(new Found(d, i, EffectiveStatement.of(statements.get(i), docs.get(d))));
          }
        }
      }
      found.sort(
          Comparator.comparing(
                  (Found f) -> f.e().time().orElse(null),
                  Comparator.nullsFirst(Comparator.naturalOrder()))
              .thenComparingInt(Found::doc)
              .thenComparingInt(Found::pos));
      return found.stream().map(Found::e).toList();
    }
  }
}
