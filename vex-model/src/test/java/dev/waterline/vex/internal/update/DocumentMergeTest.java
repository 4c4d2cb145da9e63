package dev.waterline.vex.internal.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.Component;
import dev.waterline.vex.HashAlgorithm;
import dev.waterline.vex.MergeOptions;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.internal.canonical.CanonicalForms;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DocumentMergeTest {
  static final Instant T1 = Instant.parse("2024-01-01T00:00:00Z");
  static final Instant T2 = Instant.parse("2024-02-01T00:00:00Z");
  static final Instant T3 = Instant.parse("2024-03-01T00:00:00Z");
  static final Instant T4 = Instant.parse("2024-04-01T00:00:00Z");

  static Statement s(String vuln, String product) {
    return Vex.fixed(vuln, product).buildLenient();
  }

  static VexDocument doc(String id, Instant ts, Statement... statements) {
    return VexDocument.builder("Author " + id)
        .defaults(false)
        .id(id)
        .timestamp(ts)
        .statements(List.of(statements))
        .buildLenient();
  }

  static List<String> names(VexDocument d) {
    return d.statements().stream().map(x -> x.vulnerability().name()).toList();
  }

  static MergeOptions.Builder options() {
    return MergeOptions.builder();
  }

  @Nested
  class Inputs {
    @Test
    void rejectsAnEmptyList() {
      assertThatThrownBy(() -> Vex.merge(List.of()))
          .isInstanceOf(VexException.class)
          .hasMessage("cannot merge: no documents were given");
    }

    @Test
    void mergesASingleDocumentIntoANewOne() {
      VexDocument in = doc("urn:a", T1, s("CVE-1", "p"));
      VexDocument out = Vex.merge(List.of(in));
      assertThat(out.statements()).containsExactly(s("CVE-1", "p").withTimestamp(T1));
      assertThat(out.id()).isNotEqualTo(in.id());
    }
  }

  @Nested
  class Filters {
    final VexDocument in =
        doc(
            "urn:a",
            T1,
            s("CVE-1", "pkg:oci/app@sha256%3Aabc?arch=amd64"),
            Statement.builder()
                .vulnerability(
                    Vulnerability.builder("GHSA-xxxx").id("urn:vuln:2").alias("CVE-2").build())
                .status(Status.FIXED)
                .product(
                    Product.of(
                        Component.builder()
                            .id("urn:prod:lib")
                            .purl("pkg:maven/org.x/lib")
                            .hash(HashAlgorithm.SHA_256, "deadbeef")
                            .build(),
                        List.of()))
                .buildLenient(),
            s("CVE-3", "pkg:deb/debian/curl?arch=amd64"),
            Statement.builder().vulnerability("CVE-4").status(Status.FIXED).buildLenient());

    List<String> keptFor(MergeOptions o) {
      return names(Vex.merge(List.of(in), o));
    }

    @Test
    void keepsEverythingWithoutFilters() {
      assertThat(keptFor(options().build()))
          .containsExactly("CVE-1", "GHSA-xxxx", "CVE-3", "CVE-4");
    }

    @Test
    void filtersVulnerabilitiesByNameIdOrAlias() {
      assertThat(keptFor(options().vulnerabilities(List.of("CVE-2")).build()))
          .containsExactly("GHSA-xxxx");
      assertThat(keptFor(options().vulnerabilities(List.of("urn:vuln:2", "CVE-1")).build()))
          .containsExactly("CVE-1", "GHSA-xxxx");
      assertThat(keptFor(options().vulnerabilities(List.of("CVE-404")).build())).isEmpty();
    }

    @Test
    void filtersProductsByIdIdentifierOrHash() {
      assertThat(keptFor(options().products(List.of("urn:prod:lib")).build()))
          .containsExactly("GHSA-xxxx");
      assertThat(keptFor(options().products(List.of("pkg:maven/org.x/lib")).build()))
          .containsExactly("GHSA-xxxx");
      assertThat(keptFor(options().products(List.of("deadbeef")).build()))
          .containsExactly("GHSA-xxxx");
      assertThat(
              keptFor(options().products(List.of("pkg:oci/app@sha256%3Aabc?arch=amd64")).build()))
          .containsExactly("CVE-1");
    }

    @Test
    void letsAVersionlessPurlMatchAnyVersionWithItsQualifiers() {
      assertThat(keptFor(options().products(List.of("pkg:maven/org.x/lib@1.2.3")).build()))
          .containsExactly("GHSA-xxxx");
      assertThat(
              keptFor(
                  options()
                      .products(List.of("pkg:deb/debian/curl@7.88?arch=amd64&distro=debian-12"))
                      .build()))
          .containsExactly("CVE-3");
      assertThat(
              keptFor(options().products(List.of("pkg:deb/debian/curl@7.88?arch=arm64")).build()))
          .isEmpty();
      assertThat(keptFor(options().products(List.of("pkg:deb/debian/curl@7.88")).build()))
          .isEmpty();
    }

    @Test
    void doesNotGeneraliseAVersionedPurl() {
      assertThat(keptFor(options().products(List.of("pkg:oci/app@sha256%3Aother")).build()))
          .isEmpty();
      assertThat(keptFor(options().products(List.of("pkg:oci/app")).build())).isEmpty();
    }

    @Test
    void needsBothFiltersWhenBothAreGiven() {
      MergeOptions o =
          options()
              .products(List.of("pkg:maven/org.x/lib@1", "pkg:deb/debian/curl?arch=amd64"))
              .vulnerabilities(List.of("CVE-3", "CVE-1"))
              .build();
      assertThat(keptFor(o)).containsExactly("CVE-3");
    }

    @Test
    void neverKeepsAStatementWithoutProductsUnderAProductFilter() {
      assertThat(
              keptFor(
                  options()
                      .products(List.of("anything"))
                      .vulnerabilities(List.of("CVE-4"))
                      .build()))
          .isEmpty();
    }

    @Test
    void usesTheProductFilterItIsGiven() {
      ProductFilter onlyCurl =
          (st, p) -> st.vulnerability().name().equals("CVE-3") && p.equals("x");
      VexDocument out =
          DocumentMerge.merge(List.of(in), options().products(List.of("x")).build(), onlyCurl);
      assertThat(names(out)).containsExactly("CVE-3");
    }
  }

  @Nested
  class TimesAndOrder {
    @Test
    void givesEachStatementTheTimeOfItsSourceDocument() {
      Statement own = s("CVE-1", "p").withTimestamp(T3);
      VexDocument out =
          Vex.merge(List.of(doc("urn:a", T1, own), doc("urn:b", T2, s("CVE-2", "p"))));
      assertThat(out.statements()).containsExactly(s("CVE-2", "p").withTimestamp(T2), own);
    }

    @Test
    void ordersByTimeAcrossDocumentsNotByName() {
      VexDocument a = doc("urn:a", T3, s("CVE-A", "p"), s("CVE-B", "p").withTimestamp(T1));
      VexDocument b = doc("urn:b", T2, s("CVE-C", "p"), s("CVE-0", "p").withTimestamp(T4));
      assertThat(names(Vex.merge(List.of(a, b))))
          .containsExactly("CVE-B", "CVE-C", "CVE-A", "CVE-0");
    }

    @Test
    void breaksTiesByDocumentThenStatementOrder() {
      VexDocument a = doc("urn:a", T1, s("CVE-Z", "p"), s("CVE-Y", "p"));
      VexDocument b = doc("urn:b", T1, s("CVE-B", "p"), s("CVE-A", "p"));
      assertThat(names(Vex.merge(List.of(b, a))))
          .containsExactly("CVE-B", "CVE-A", "CVE-Z", "CVE-Y");
      assertThat(names(Vex.merge(List.of(a, b))))
          .containsExactly("CVE-Z", "CVE-Y", "CVE-B", "CVE-A");
    }

    @Test
    void putsStatementsWithoutAnyTimeFirstAndKeepsThemTimeless() {
      VexDocument timeless =
          VexDocument.builder("X").defaults(false).statement(s("CVE-0", "p")).buildLenient();
      VexDocument out = Vex.merge(List.of(doc("urn:a", T1, s("CVE-1", "p")), timeless));
      assertThat(names(out)).containsExactly("CVE-0", "CVE-1");
      assertThat(out.statements().get(0).timestamp()).isEmpty();
    }
  }

  @Nested
  class Duplicates {
    @Test
    void keepsIdenticalStatementsOnce() {
      VexDocument a = doc("urn:a", T1, s("CVE-1", "p"), s("CVE-2", "p"));
      VexDocument b = doc("urn:b", T2, s("CVE-1", "p").withTimestamp(T1), s("CVE-2", "p"));
      VexDocument out = Vex.merge(List.of(a, b, a));
      assertThat(out.statements())
          .containsExactly(
              s("CVE-1", "p").withTimestamp(T1),
              s("CVE-2", "p").withTimestamp(T1),
              s("CVE-2", "p").withTimestamp(T2));
    }

    @Test
    void keepsStatementsThatDifferInAnyField() {
      Statement one = s("CVE-1", "p").toBuilder().statusNotes("a").buildLenient();
      Statement two = s("CVE-1", "p").toBuilder().statusNotes("b").buildLenient();
      assertThat(Vex.merge(List.of(doc("urn:a", T1, one, two))).statements()).hasSize(2);
    }
  }

  @Nested
  class Result {
    @Test
    void hasDefaultsAndTheLatestInputTime() {
      VexDocument a = doc("urn:a", T1, s("CVE-1", "p")).toBuilder().lastUpdated(T3).buildLenient();
      VexDocument b = doc("urn:b", T2, s("CVE-2", "p")).toBuilder().version(7).buildLenient();
      VexDocument out = Vex.merge(List.of(a, b));
      assertThat(out.context()).isEqualTo("https://openvex.dev/ns/v0.2.0");
      assertThat(out.author()).isEqualTo("Unknown Author");
      assertThat(out.role()).isEmpty();
      assertThat(out.version()).isEqualTo(1);
      assertThat(out.timestamp()).contains(T3);
      assertThat(out.lastUpdated()).isEmpty();
      assertThat(out.tooling()).isEmpty();
    }

    @Test
    void takesIdAuthorAndRoleFromTheOptions() {
      MergeOptions o = options().id("urn:merged").author("Acme").role("vendor").build();
      VexDocument out = Vex.merge(List.of(doc("urn:a", T1, s("CVE-1", "p"))), o);
      assertThat(out.id()).contains("urn:merged");
      assertThat(out.author()).isEqualTo("Acme");
      assertThat(out.role()).contains("vendor");
    }

    @Test
    void getsTheGoVexCanonicalIdAndIsDeterministic() {
      List<VexDocument> in =
          List.of(doc("urn:a", T1, s("CVE-1", "p")), doc("urn:b", T2, s("CVE-2", "q")));
      VexDocument out = Vex.merge(in);
      VexDocument withoutId = out.toBuilder().id(null).buildLenient();
      assertThat(out.id()).contains(CanonicalForms.goVexId(withoutId));
      assertThat(out.id().orElseThrow()).startsWith("https://openvex.dev/docs/public/vex-");
      assertThat(Vex.merge(in)).isEqualTo(out);
    }

    @Test
    void takesTheTimeOfTheMergeFromTheOptions() {
      VexDocument a = doc("urn:a", T1, s("CVE-1", "p"));
      VexDocument out = Vex.merge(List.of(a), options().timestamp(T3).build());
      assertThat(out.timestamp()).contains(T3);
      assertThat(out.id())
          .contains(CanonicalForms.goVexId(out.toBuilder().id(null).buildLenient()));
    }

    @Test
    void takesTheLatestStatementTimeWhenNoDocumentHasATimestamp() {
      VexDocument legacy =
          VexDocument.builder("X")
              .defaults(false)
              .statement(s("CVE-0", "p").withTimestamp(T2))
              .buildLenient();
      assertThat(Vex.merge(List.of(legacy)).timestamp()).contains(T2);
    }

    @Test
    void getsTheCurrentTimeAndTheCanonicalIdWhenNoInputHasATime() {
      VexDocument timeless =
          VexDocument.builder("X").defaults(false).statement(s("CVE-0", "p")).buildLenient();
      Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      VexDocument out = Vex.merge(List.of(timeless));
      assertThat(out.timestamp()).hasValueSatisfying(t -> assertThat(t).isAfterOrEqualTo(before));
      assertThat(out.id())
          .contains(CanonicalForms.goVexId(out.toBuilder().id(null).buildLenient()));
      assertThat(out.validate().isValid()).as(out.validate().toString()).isTrue();
    }
  }
}
