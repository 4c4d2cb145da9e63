package dev.waterline.vex.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.policy.InputParseException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomTest {
  static final String OLD_HEX = "0a".repeat(32);
  static final String NEW_HEX = "0b".repeat(32);
  static final ImageName OLD = ImageName.parse("registry.acme.example/app@sha256:" + OLD_HEX);
  static final ImageName NEW = ImageName.parse("registry.acme.example/app@sha256:" + NEW_HEX);
  static final String BASE = "sha256:" + "1".repeat(64);
  static final String APP_OLD = "sha256:" + "3".repeat(64);
  static final String APP_NEW = "sha256:" + "5".repeat(64);
  static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");

  static Sbom sbom(String json) {
    return Sbom.parse(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "sbom.json");
  }

  /**
   * A Syft-shaped CycloneDX SBOM: foo at {@code fooVersion} in {@code fooLayer}, openssl in BASE.
   */
  static Sbom cyclonedx(String fooVersion, String fooLayer) {
    return sbom(
        "{'bomFormat':'CycloneDX','specVersion':'1.6','metadata':{'component':{'type':'container',"
            + "'name':'app'}},'components':["
            + (fooVersion.isEmpty()
                ? ""
                : "{'type':'library','name':'foo','version':'"
                    + fooVersion
                    + "','purl':'pkg:maven/org.acme/foo@"
                    + fooVersion
                    + "','properties':[{'name':'syft:location:0:layerID','value':'"
                    + fooLayer
                    + "'}]},")
            + "{'type':'library','name':'openssl','version':'3.0.11-1',"
            + "'purl':'pkg:deb/debian/openssl@3.0.11-1','properties':"
            + "[{'name':'aquasecurity:trivy:LayerDiffID','value':'"
            + BASE
            + "'}]}]}");
  }

  @Nested
  class Reading {
    @Test
    void readsCycloneDxComponentsNestedOnesIncludedWithTheirLayers() {
      Sbom s =
          sbom(
              "{'bomFormat':'CycloneDX','specVersion':'1.5','components':[{'type':'library',"
                  + "'name':'a','version':'1','purl':'pkg:npm/a@1','components':[{'type':'library',"
                  + "'name':'b','version':'2','properties':[{'name':'syft:location:0:layerID',"
                  + "'value':'"
                  + BASE
                  + "'}]}]},{'type':'library','name':'c'}]}");
      assertThat(s.format()).isEqualTo("CycloneDX 1.5");
      assertThat(s.subjects()).isEmpty();
      assertThat(s.packages())
          .containsExactly(
              SbomPackage.of("a", "pkg:npm/a@1", "1", null),
              SbomPackage.of("b", null, "2", BASE),
              SbomPackage.of("c", null, null, null));
    }

    @Test
    void readsSpdxPackagesWithTheirPurlReference() {
      Sbom s =
          sbom(
              "{'spdxVersion':'SPDX-2.3','SPDXID':'SPDXRef-DOCUMENT','packages':[{'name':'foo',"
                  + "'SPDXID':'SPDXRef-1','versionInfo':'1.2.0','externalRefs':[{'referenceCategory':"
                  + "'SECURITY','referenceType':'cpe23Type','referenceLocator':'cpe:2.3:a:acme:foo:"
                  + "1.2.0:*:*:*:*:*:*:*'},{'referenceCategory':'PACKAGE-MANAGER','referenceType':"
                  + "'purl','referenceLocator':'pkg:maven/org.acme/foo@1.2.0'}]},{'name':'bar',"
                  + "'SPDXID':'SPDXRef-2'}]}");
      assertThat(s.format()).isEqualTo("SPDX-2.3");
      assertThat(s.packages())
          .containsExactly(
              SbomPackage.of("foo", "pkg:maven/org.acme/foo@1.2.0", "1.2.0", null),
              SbomPackage.of("bar", null, null, null));
    }

    @Test
    void readsTheSbomOfAnInTotoStatementAndItsSubjects() {
      Sbom s =
          sbom(
              "{'_type':'https://in-toto.io/Statement/v1','subject':[{'name':'app','digest':"
                  + "{'sha256':'"
                  + OLD_HEX
                  + "'}}],'predicateType':'https://cyclonedx.org/bom','predicate':"
                  + "{'bomFormat':'CycloneDX','specVersion':'1.6','components':[{'type':'library',"
                  + "'name':'a','version':'1'}]}}");
      assertThat(s.subjects()).containsExactly(ContentDigest.of("sha256", OLD_HEX));
      assertThat(s.packages()).containsExactly(SbomPackage.of("a", null, "1", null));
    }

    @Test
    void readsAFileThroughTheBoundedReader(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("app.cdx.json");
      Files.writeString(
          file, "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\"components\":[]}");
      assertThat(Sbom.read(file).toString()).isEqualTo(file + " (CycloneDX 1.4, 0 packages)");
      assertThatThrownBy(() -> Sbom.read(dir)).isInstanceOf(VexException.class);
    }
  }

  @Nested
  class BadInput {
    @Test
    void refusesADsseEnvelopeWhoseSignatureIsNotVerified() {
      assertThatThrownBy(
              () -> sbom("{'payloadType':'application/vnd.in-toto+json','payload':'e30='}"))
          .isInstanceOf(InputParseException.class)
          .hasMessage(
              "sbom.json: not a valid SBOM at /: this is a DSSE envelope: verify its signature first"
                  + " and give the in-toto statement it carries (or the SBOM itself)");
    }

    @Test
    void refusesDuplicateKeys() {
      assertThatThrownBy(
              () -> sbom("{'bomFormat':'CycloneDX','components':[],'components':[{'name':'x'}]}"))
          .isInstanceOf(InputParseException.class)
          .hasMessageStartingWith("sbom.json: not valid JSON")
          .hasMessageContaining("components");
    }

    @Test
    void namesTheWrongTypeByItsPointer() {
      assertThatThrownBy(
              () ->
                  sbom(
                      "{'bomFormat':'CycloneDX','specVersion':'1.6','components':[{'name':'a',"
                          + "'components':[{'name':7}]}]}"))
          .hasMessage(
              "sbom.json: not a valid SBOM at /components/0/components/0/name: expected a string"
                  + " but found a number");
      assertThatThrownBy(() -> sbom("{'spdxVersion':'SPDX-2.3','packages':{}}"))
          .hasMessage(
              "sbom.json: not a valid SBOM at /packages: expected an array but found an object");
    }

    @Test
    void refusesWhatIsNeitherCycloneDxNorSpdx() {
      assertThatThrownBy(() -> sbom("{'bomFormat':'Other'}"))
          .hasMessage(
              "sbom.json: not a valid SBOM at /: expected a CycloneDX BOM (\"bomFormat\":"
                  + " \"CycloneDX\") or an SPDX 2 document (\"spdxVersion\": \"SPDX-2.…\") but"
                  + " found neither");
    }

    @Test
    void refusesBytesOverTheSbomLimitBeforeReadingThem() {
      String property = InputKind.SBOM.property();
      String before = System.getProperty(property);
      System.setProperty(property, "64");
      try {
        byte[] big =
            ("{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[" + " ".repeat(64) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Sbom.parse(big, "registry.local/app (statement-referrer)"))
            .isInstanceOfSatisfying(
                UnreadableInputException.class,
                e -> assertThat(e.reason()).isEqualTo(UnreadableInputException.Reason.TOO_LARGE))
            .hasMessage(
                "cannot read registry.local/app (statement-referrer): it is "
                    + big.length
                    + " bytes, more than the 64 bytes limit for an SBOM (raise it with"
                    + " -Dwaterline.limit.sbom=SIZE)");
      } finally {
        if (before == null) {
          System.clearProperty(property);
        } else {
          System.setProperty(property, before);
        }
      }
    }

    @Test
    void refusesAnSbomStatementAboutAnotherImage() {
      Sbom s =
          sbom(
              "{'_type':'https://in-toto.io/Statement/v1','subject':[{'name':'other','digest':"
                  + "{'sha256':'"
                  + "cc".repeat(32)
                  + "'}}],'predicate':{'spdxVersion':'SPDX-2.3','packages':[]}}");
      assertThatThrownBy(() -> CarryImage.of(OLD).withSbom(s))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "the SBOM sbom.json is not of "
                  + OLD
                  + ": its statement is about [sha256:"
                  + "cc".repeat(32)
                  + "] but the image is sha256:"
                  + OLD_HEX);
    }
  }

  @Nested
  class AsCarryEvidence {
    static Statement about(String subcomponent) {
      return Statement.builder()
          .id("https://acme.example/vex/1")
          .vulnerability("CVE-2024-0001")
          .status(Status.NOT_AFFECTED)
          .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH)
          .timestamp(T1)
          .product(Product.of(OLD.withoutTag().toPurl(), subcomponent))
          .build();
    }

    static CarryItem carry(Sbom oldSbom, Sbom newSbom, List<String> newLayers) {
      VexDocument doc =
          Vex.document("Acme")
              .timestamp(T1)
              .statements(List.of(about("pkg:maven/org.acme/foo")))
              .build();
      CarryResult r =
          Carry.from(
                  CarryImage.of(OLD).withDiffIds(List.of(BASE, APP_OLD)).withSbom(oldSbom),
                  CarryImage.of(NEW).withDiffIds(newLayers).withSbom(newSbom))
              .apply(List.of(doc));
      assertThat(r.items()).hasSize(1);
      return r.items().get(0);
    }

    @Test
    void everySbomGivenCounts() {
      Sbom empty = sbom("{'spdxVersion':'SPDX-2.3'}");
      VexDocument doc =
          Vex.document("Acme")
              .timestamp(T1)
              .statements(List.of(about("pkg:maven/org.acme/foo")))
              .build();
      CarryImage from =
          CarryImage.of(OLD)
              .withDiffIds(List.of(BASE, APP_OLD))
              .withSbom(empty)
              .withSbom(cyclonedx("1.2.0", APP_OLD));
      CarryImage to =
          CarryImage.of(NEW)
              .withDiffIds(List.of(BASE, APP_NEW))
              .withSbom(cyclonedx("1.2.0", APP_NEW))
              .withSbom(empty);

      CarryItem i = Carry.from(from, to).apply(List.of(doc)).items().get(0);

      assertThat(from.sboms()).hasSize(2);
      assertThat(from.toString()).endsWith(", no report, 2 SBOMs]");
      assertThat(i.reason()).isEqualTo(CarryReason.SAME_VERSION);
    }

    @Test
    void theSameVersionInBothSbomsCarries() {
      CarryItem i =
          carry(cyclonedx("1.2.0", APP_OLD), cyclonedx("1.2.0", APP_NEW), List.of(BASE, APP_NEW));
      assertThat(i.reason()).isEqualTo(CarryReason.SAME_VERSION);
      assertThat(i.detail()).isEqualTo("1.2.0 in both images' SBOMs");
    }

    @Test
    void anotherVersionInTheNewSbomNeedsADecision() {
      CarryItem i =
          carry(cyclonedx("1.2.0", APP_OLD), cyclonedx("1.3.0", APP_NEW), List.of(BASE, APP_NEW));
      assertThat(i.reason()).isEqualTo(CarryReason.VERSION_CHANGED);
      assertThat(i.detail()).isEqualTo("1.2.0 in the old image, 1.3.0 in the new one");
    }

    @Test
    void aComponentTheNewSbomLacksIsGone() {
      CarryItem i = carry(cyclonedx("1.2.0", APP_OLD), cyclonedx("", ""), List.of(BASE, APP_NEW));
      assertThat(i.reason()).isEqualTo(CarryReason.COMPONENT_GONE);
      assertThat(i.detail())
          .isEqualTo("the old image's SBOM lists it (1.2.0), the new image's SBOM does not");
    }

    @Test
    void theLayerTheOldSbomPlacesItInCarriesWhenTheNewImageKeepsIt() {
      CarryItem i =
          carry(
              cyclonedx("1.2.0", BASE), sbom("{'spdxVersion':'SPDX-2.3'}"), List.of(BASE, APP_NEW));
      assertThat(i.reason()).isEqualTo(CarryReason.SAME_LAYER);
      assertThat(i.detail()).isEqualTo("layer sha256:111111111111 holds it in both images");
    }
  }
}
