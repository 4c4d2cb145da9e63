package dev.waterline.vex.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.Component;
import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.policy.Finding;
import dev.waterline.vex.policy.ReportFormat;
import dev.waterline.vex.policy.ScanReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CarryTest {
  static final String OLD_HEX = "0a".repeat(32);
  static final String NEW_HEX = "0b".repeat(32);
  static final ImageName OLD = ImageName.parse("registry.acme.example/app@sha256:" + OLD_HEX);
  static final ImageName NEW = ImageName.parse("registry.acme.example/app@sha256:" + NEW_HEX);
  static final String OTHER = "pkg:oci/billing@sha256%3A" + "cc".repeat(32);

  /** Layers: the base (shared), the dependencies and the application (rebuilt). */
  static final String BASE = layer('1');

  static final String DEPS_OLD = layer('2');
  static final String APP_OLD = layer('3');
  static final String DEPS_NEW = layer('4');
  static final String APP_NEW = layer('5');

  static final String NET = "pkg:golang/golang.org/x/net";
  static final String SSL = "pkg:deb/debian/openssl";
  static final String FOO = "pkg:maven/org.acme/foo";
  static final String GONE = "pkg:npm/left-pad";

  static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-03-02T10:00:00Z");

  static String layer(char c) {
    return "sha256:" + String.valueOf(c).repeat(64);
  }

  static Finding finding(String cve, String purl, String version, String layer) {
    return Finding.builder(cve)
        .purl(purl + "@" + version)
        .packageName(purl.substring(purl.lastIndexOf('/') + 1))
        .packageVersion(version)
        .layerDiffId(layer)
        .scanner("grype")
        .build();
  }

  static ScanReport report(List<String> layers, Finding... findings) {
    return ScanReport.builder(ReportFormat.GRYPE_JSON, "grype")
        .diffIds(layers)
        .findings(List.of(findings))
        .build();
  }

  static final List<String> OLD_LAYERS = List.of(BASE, DEPS_OLD, APP_OLD);
  static final List<String> NEW_LAYERS = List.of(BASE, DEPS_NEW, APP_NEW);

  static CarryImage oldImage() {
    return CarryImage.of(OLD)
        .withDiffIds(OLD_LAYERS)
        .withReport(
            report(
                OLD_LAYERS,
                finding("CVE-2023-44487", NET, "v0.7.0", DEPS_OLD),
                finding("CVE-2023-5678", SSL, "3.0.11-1", BASE),
                finding("CVE-2024-0001", FOO, "1.2.0", APP_OLD),
                finding("CVE-2024-0002", GONE, "1.0.0", APP_OLD)));
  }

  static CarryImage newImage() {
    return CarryImage.of(NEW)
        .withDiffIds(NEW_LAYERS)
        .withReport(
            report(
                NEW_LAYERS,
                finding("CVE-2023-44487", NET, "v0.17.0", DEPS_NEW),
                finding("CVE-2023-5678", SSL, "3.0.11-1", BASE),
                finding("CVE-2024-0001", FOO, "1.2.0", APP_NEW)));
  }

  static Statement about(String cve, String subcomponent, Instant time) {
    Statement.Builder b =
        Statement.builder()
            .id("https://acme.example/vex/" + cve)
            .vulnerability(cve)
            .status(Status.NOT_AFFECTED)
            .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH)
            .impactStatement("not reachable from the handlers")
            .statusNotes("ticket SEC-1")
            .timestamp(time);
    return (subcomponent.isEmpty()
            ? b.product(OLD.withoutTag().toPurl())
            : b.product(Product.of(OLD.withoutTag().toPurl(), subcomponent)))
        .build();
  }

  static VexDocument doc(Statement... statements) {
    return Vex.document("Acme Security <psirt@acme.example>")
        .id("https://acme.example/vex/app-1.0")
        .timestamp(T1)
        .statements(List.of(statements))
        .build();
  }

  static CarryReason reasonOf(CarryResult r, String cve) {
    return r.items().stream()
        .filter(i -> i.vulnerability().equals(cve))
        .findFirst()
        .orElseThrow()
        .reason();
  }

  @Nested
  class TheRule {
    @Test
    void aComponentInALayerBothImagesHaveCarries() {
      CarryResult r =
          Carry.from(oldImage(), newImage())
              .apply(List.of(doc(about("CVE-2023-5678", SSL + "@3.0.11-1", T1))));
      assertThat(r.items()).hasSize(1);
      assertThat(r.items().get(0).reason()).isEqualTo(CarryReason.SAME_LAYER);
      assertThat(r.items().get(0).detail())
          .isEqualTo("layer sha256:111111111111 holds it in both images");
    }

    @Test
    void aComponentWithAnotherVersionNeedsADecisionEvenWhenTheStatementIsVersionless() {
      CarryResult r =
          Carry.from(oldImage(), newImage()).apply(List.of(doc(about("CVE-2023-44487", NET, T1))));
      assertThat(r.items().get(0).reason()).isEqualTo(CarryReason.VERSION_CHANGED);
      assertThat(r.items().get(0).detail())
          .isEqualTo("v0.7.0 in the old image, v0.17.0 in the new one");
      assertThat(r.document()).isEmpty();
    }

    @Test
    void aComponentWithTheSameVersionInARebuiltLayerCarries() {
      CarryResult r =
          Carry.from(oldImage(), newImage())
              .apply(List.of(doc(about("CVE-2024-0001", FOO + "@1.2.0", T1))));
      assertThat(r.items().get(0).reason()).isEqualTo(CarryReason.SAME_VERSION);
      assertThat(r.items().get(0).detail()).isEqualTo("1.2.0 in both images' reports");
    }

    @Test
    void aComponentTheNewReportDoesNotListIsGone() {
      CarryResult r =
          Carry.from(oldImage(), newImage())
              .apply(List.of(doc(about("CVE-2024-0002", GONE + "@1.0.0", T1))));
      assertThat(r.items().get(0).reason()).isEqualTo(CarryReason.COMPONENT_GONE);
      assertThat(r.items().get(0).detail())
          .isEqualTo("the old image's report lists it (1.0.0), the new image's report does not");
    }

    @Test
    void aComponentNoReportListsHasNoEvidence() {
      CarryResult r =
          Carry.from(oldImage(), newImage())
              .apply(List.of(doc(about("CVE-2024-0003", "pkg:pypi/unlisted", T1))));
      assertThat(r.items().get(0).reason()).isEqualTo(CarryReason.NO_EVIDENCE);
      assertThat(r.items().get(0).carries()).isFalse();
    }

    @Test
    void withoutReportsOnlyTheSameLayersCarry() {
      CarryImage from = CarryImage.of(OLD).withDiffIds(OLD_LAYERS);
      CarryResult changed =
          Carry.from(from, CarryImage.of(NEW).withDiffIds(NEW_LAYERS))
              .apply(List.of(doc(about("CVE-2023-5678", SSL, T1))));
      assertThat(changed.items().get(0).reason()).isEqualTo(CarryReason.NO_EVIDENCE);
      assertThat(changed.items().get(0).detail())
          .isEqualTo("no scan report or SBOM of either image, and the layers changed");

      CarryResult same =
          Carry.from(from, CarryImage.of(NEW).withDiffIds(OLD_LAYERS))
              .apply(List.of(doc(about("CVE-2023-5678", SSL, T1), about("CVE-X", "", T1))));
      assertThat(same.items())
          .extracting(CarryItem::reason)
          .containsExactly(CarryReason.SAME_LAYERS, CarryReason.SAME_LAYERS);
      assertThat(same.items().get(0).detail()).isEqualTo("the two images have the same 3 layers");
    }

    @Test
    void theStatementsOwnVersionCountsForTheOldImageWhenItHasNoReport() {
      CarryImage from = CarryImage.of(OLD).withDiffIds(OLD_LAYERS);
      CarryResult r =
          Carry.from(from, newImage())
              .apply(
                  List.of(
                      doc(
                          about("CVE-2024-0001", FOO + "@1.2.0", T1),
                          about("CVE-2023-44487", NET + "@v0.7.0", T1))));
      assertThat(r.items())
          .extracting(CarryItem::reason)
          .containsExactly(CarryReason.SAME_VERSION, CarryReason.VERSION_CHANGED);
      assertThat(r.items().get(0).detail())
          .isEqualTo("1.2.0 in the statement and in the new image's report");
    }

    @Test
    void aWholeImageStatementCarriesWhenEveryPackageWithItsVulnerabilityIsUnchanged() {
      CarryResult r =
          Carry.from(oldImage(), newImage())
              .apply(
                  List.of(
                      doc(
                          about("CVE-2023-5678", "", T1),
                          about("CVE-2023-44487", "", T1),
                          about("CVE-2099-0000", "", T1))));
      assertThat(r.items())
          .extracting(CarryItem::reason)
          .containsExactly(
              CarryReason.SAME_LAYER, CarryReason.VERSION_CHANGED, CarryReason.IMAGE_CHANGED);
      assertThat(r.items().get(0).detail())
          .isEqualTo(
              "every package the old image's report lists CVE-2023-5678 in is unchanged:"
                  + " pkg:deb/debian/openssl@3.0.11-1 (layer sha256:111111111111 holds it in both"
                  + " images)");
      assertThat(r.items().get(1).detail())
          .isEqualTo(
              "pkg:golang/golang.org/x/net@v0.7.0: v0.7.0 in the old image, v0.17.0 in the new"
                  + " one");
      assertThat(r.items().get(2).detail())
          .isEqualTo(
              "the statement is about the whole image, whose layers changed, and the old image's"
                  + " report lists no package with CVE-2099-0000");
    }

    @Test
    void statementsAboutOtherProductsAreLeftOut() {
      Statement other =
          Statement.builder().vulnerability("CVE-1").product(OTHER).status(Status.FIXED).build();
      CarryResult r =
          Carry.from(oldImage(), newImage())
              .apply(List.of(doc(other, about("CVE-2023-5678", SSL, T1))));
      assertThat(r.ignored()).isEqualTo(1);
      assertThat(r.items()).hasSize(1);
    }

    /**
     * Among many packages, a component is found by each way it can name one (a versionless purl for
     * every version, a versioned purl for its own, a purl identifier, qualifiers, a plain name) and
     * a whole-image statement by each id of its vulnerability: the packages are filed by those keys
     * rather than searched for each statement.
     */
    @Test
    void amongManyPackagesEachIsFoundByEveryWayItCanBeNamed() {
      List<Finding> oldFindings = new ArrayList<>();
      List<Finding> newFindings = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        oldFindings.add(finding("CVE-2024-1" + i, "pkg:npm/filler" + i, "1.0.0", DEPS_OLD));
        newFindings.add(finding("CVE-2024-1" + i, "pkg:npm/filler" + i, "1.0.0", DEPS_NEW));
      }
      // Two versions of one package in the old image, in two layers; the new image has both.
      oldFindings.add(finding("CVE-2024-0001", FOO, "1.2.0", BASE));
      oldFindings.add(finding("CVE-2024-0001", FOO, "1.3.0", APP_OLD));
      newFindings.add(finding("CVE-2024-0001", FOO, "1.3.0", APP_NEW));
      newFindings.add(finding("CVE-2024-0001", FOO, "1.2.0", APP_NEW));
      // Listed by name only, with its version.
      oldFindings.add(
          Finding.builder("CVE-2024-0003")
              .packageName("libcurl")
              .packageVersion("8.5.0")
              .layerDiffId(APP_OLD)
              .build());
      newFindings.add(
          Finding.builder("CVE-2024-0003")
              .packageName("libcurl")
              .packageVersion("8.6.0")
              .layerDiffId(APP_NEW)
              .build());
      // With qualifiers, known by its GHSA id with the CVE as an alias, unchanged.
      Finding ghsa =
          Finding.builder("GHSA-aaaa-bbbb-cccc")
              .aliases(List.of("CVE-2024-0004"))
              .purl(SSL + "@3.0.11-1?arch=amd64&distro=debian-12")
              .packageVersion("3.0.11-1")
              .layerDiffId(BASE)
              .build();
      oldFindings.add(ghsa);
      newFindings.add(ghsa);
      CarryImage from =
          CarryImage.of(OLD)
              .withDiffIds(OLD_LAYERS)
              .withReport(report(OLD_LAYERS, oldFindings.toArray(Finding[]::new)));
      CarryImage to =
          CarryImage.of(NEW)
              .withDiffIds(NEW_LAYERS)
              .withReport(report(NEW_LAYERS, newFindings.toArray(Finding[]::new)));
      Statement byIdentifier =
          Statement.builder()
              .vulnerability("CVE-2024-0001")
              .product(
                  Product.of(
                      Component.of(OLD.withoutTag().toPurl()),
                      List.of(Component.builder().purl(FOO + "@1.3.0").build())))
              .status(Status.NOT_AFFECTED)
              .justification(Justification.COMPONENT_NOT_PRESENT)
              .timestamp(T1)
              .build();
      CarryResult r =
          Carry.from(from, to)
              .apply(
                  List.of(
                      doc(
                          about("CVE-2024-0001", FOO, T1),
                          byIdentifier,
                          about("CVE-2024-0001", FOO + "@1.2.0", T1),
                          about("CVE-2024-0003", "libcurl", T1),
                          about("CVE-2024-0004", SSL + "@3.0.11-1?arch=amd64", T1),
                          about("CVE-2024-0004", "", T1),
                          about("CVE-2024-1499", "pkg:npm/filler499", T1))));
      assertThat(r.items())
          .extracting(i -> i.reason() + ": " + i.detail())
          .containsExactly(
              "SAME_VERSION: 1.2.0, 1.3.0 in both images' reports",
              "VERSION_CHANGED: 1.3.0 in the old image, 1.2.0, 1.3.0 in the new one",
              "VERSION_CHANGED: 1.2.0 in the old image, 1.2.0, 1.3.0 in the new one",
              "VERSION_CHANGED: 8.5.0 in the old image, 8.6.0 in the new one",
              "SAME_LAYER: layer sha256:111111111111 holds it in both images",
              "SAME_LAYER: every package the old image's report lists CVE-2024-0004 in is"
                  + " unchanged: pkg:deb/debian/openssl@3.0.11-1?arch=amd64&distro=debian-12"
                  + " (layer sha256:111111111111 holds it in both images)",
              "SAME_VERSION: 1.0.0 in both images' reports");
    }

    @Test
    void eachSubcomponentIsJudgedOnItsOwn() {
      Statement both =
          Statement.builder()
              .vulnerability("CVE-2023-44487")
              .product(Product.of(OLD.withoutTag().toPurl(), SSL, NET))
              .status(Status.NOT_AFFECTED)
              .justification(Justification.COMPONENT_NOT_PRESENT)
              .timestamp(T1)
              .build();
      CarryResult r = Carry.from(oldImage(), newImage()).apply(List.of(doc(both)));
      assertThat(r.carried()).extracting(i -> i.component().orElseThrow()).containsExactly(SSL);
      assertThat(r.needsDecision())
          .extracting(i -> i.component().orElseThrow())
          .containsExactly(NET);
      Statement carried = r.document().orElseThrow().statements().get(0);
      assertThat(carried.products().get(0).subcomponents())
          .extracting(c -> c.id().orElseThrow())
          .containsExactly(SSL);
    }
  }

  @Nested
  class TheNewDocument {
    final VexDocument source =
        doc(
            about("CVE-2023-5678", SSL + "@3.0.11-1", T1),
            about("CVE-2024-0001", FOO + "@1.2.0", T2),
            about("CVE-2023-44487", NET + "@v0.7.0", T2));

    @Test
    void isAboutTheNewImageAndCitesTheOriginal() {
      CarryResult r = Carry.from(oldImage(), newImage()).apply(List.of(source));
      VexDocument d = r.document().orElseThrow();
      assertThat(d.author()).isEqualTo("Acme Security <psirt@acme.example>");
      assertThat(d.statements()).hasSize(2);
      Statement s = d.statements().get(0);
      assertThat(s.id()).isEmpty();
      assertThat(s.products()).hasSize(1);
      assertThat(s.products().get(0).id()).contains(NEW.withoutTag().toPurl());
      assertThat(s.products().get(0).subcomponents().get(0).id()).contains(SSL + "@3.0.11-1");
      assertThat(s.status()).isEqualTo(Status.NOT_AFFECTED);
      assertThat(s.justification()).contains(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
      assertThat(s.impactStatement()).contains("not reachable from the handlers");
      assertThat(s.timestamp()).contains(T1);
      assertThat(s.statusNotes())
          .contains(
              "carried from sha256:"
                  + OLD_HEX
                  + " (document https://acme.example/vex/app-1.0, statement"
                  + " https://acme.example/vex/CVE-2023-5678): pkg:deb/debian/openssl@3.0.11-1:"
                  + " layer sha256:111111111111 holds it in both images; original notes: ticket"
                  + " SEC-1");
      assertThat(d.validate().isValid()).as(d.validate().toString()).isTrue();
    }

    @Test
    void takesItsTimeFromTheStatementsSoTheSameInputGivesTheSameBytes() {
      CarryResult r = Carry.from(oldImage(), newImage()).apply(List.of(source));
      CarryResult again = Carry.from(oldImage(), newImage()).apply(List.of(source));
      VexDocument d = r.document().orElseThrow();
      assertThat(d.timestamp()).contains(T2);
      assertThat(d.id()).contains(d.canonicalId());
      assertThat(again.document().orElseThrow().toJsonBytes()).isEqualTo(d.toJsonBytes());
    }

    @Test
    void takesAGivenTimeAndAuthor() {
      Instant fixed = Instant.parse("2026-01-01T00:00:00Z");
      VexDocument d =
          Carry.from(oldImage(), newImage())
              .author("Platform <p@acme.example>")
              .timestamp(fixed)
              .apply(List.of(source))
              .document()
              .orElseThrow();
      assertThat(d.timestamp()).contains(fixed);
      assertThat(d.author()).isEqualTo("Platform <p@acme.example>");
    }

    @Test
    void aStatementWithoutTimeTakesItsDocumentsAndWithNoTimeAnywhereNeedsOne() {
      Statement untimed =
          Statement.builder()
              .vulnerability("CVE-2023-5678")
              .product(Product.of(OLD.withoutTag().toPurl(), SSL))
              .status(Status.FIXED)
              .build();
      VexDocument timed = doc(untimed);
      assertThat(
              Carry.from(oldImage(), newImage())
                  .apply(List.of(timed))
                  .document()
                  .orElseThrow()
                  .timestamp())
          .contains(T1);
      VexDocument timeless =
          VexDocument.builder("Acme").defaults(false).statements(List.of(untimed)).buildLenient();
      assertThatThrownBy(() -> Carry.from(oldImage(), newImage()).apply(List.of(timeless)))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "the statements that carry to registry.acme.example/app@sha256:"
                  + NEW_HEX
                  + " have no time, nor have their documents: give the new document's time"
                  + " (SOURCE_DATE_EPOCH)");
    }
  }

  @Nested
  class BadInput {
    @Test
    void aReportWithOtherLayersIsRefused() {
      assertThatThrownBy(
              () ->
                  CarryImage.of(NEW)
                      .withDiffIds(NEW_LAYERS)
                      .withReport(report(OLD_LAYERS, finding("CVE-1", FOO, "1", APP_OLD))))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "the report ScanReport[grype GRYPE_JSON, 3 layers, 1 finding] is not of"
                  + " registry.acme.example/app@sha256:"
                  + NEW_HEX
                  + ": it lists the layers [sha256:111111111111, sha256:222222222222,"
                  + " sha256:333333333333] but the image has [sha256:111111111111,"
                  + " sha256:444444444444, sha256:555555555555]");
    }

    @Test
    void aReportNamingAnotherManifestIsRefused() {
      ScanReport r =
          ScanReport.builder(ReportFormat.GRYPE_JSON, "grype")
              .manifestDigest("sha256:" + "dd".repeat(32))
              .build();
      assertThatThrownBy(() -> CarryImage.of(NEW).withReport(r))
          .isInstanceOf(VexException.class)
          .hasMessageContaining("it names the manifest sha256:" + "dd".repeat(32));
    }

    @Test
    void vexAboutNeitherImageIsRefused() {
      Statement other =
          Statement.builder().vulnerability("CVE-1").product(OTHER).status(Status.FIXED).build();
      assertThatThrownBy(() -> Carry.from(oldImage(), newImage()).apply(List.of(doc(other))))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "none of the 1 statement given is about registry.acme.example/app@sha256:"
                  + OLD_HEX
                  + " (sha256:"
                  + OLD_HEX
                  + "): no product names its digest");
    }

    @Test
    void anImageWithoutDigestIsRefused() {
      assertThatThrownBy(() -> CarryImage.of(ImageName.parse("registry.acme.example/app:1.0")))
          .isInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessage(
              "the image registry.acme.example/app:1.0 has no digest; pin it first (withDigest)");
    }
  }

  @Test
  void aLayoutImageIsNamedByARegistryAgnosticPurl() {
    CarryImage i = CarryImage.inLayout("My Build", ContentDigest.parse("sha256:" + NEW_HEX));
    assertThat(i.product()).isEqualTo("pkg:oci/my-build@sha256%3A" + NEW_HEX);
  }
}
