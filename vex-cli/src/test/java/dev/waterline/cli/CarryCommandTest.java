package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.TestImages;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code waterline carry} on an OCI layout and on the registry. */
class CarryCommandTest {
  static final String SSL = "pkg:deb/debian/openssl";
  static final String NET = "pkg:golang/golang.org/x/net";
  static final Instant DECIDED = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir static Path keys;
  static Path privateKey;
  static Path publicKey;

  @BeforeAll
  static void keys() {
    SigningKey key = Keys.generate();
    privateKey = keys.resolve("k.pem");
    publicKey = keys.resolve("k.pub");
    Keys.writePrivatePem(key, privateKey);
    Keys.writePublicPem(key.publicKey(), publicKey);
  }

  /** A Trivy JSON report of an image with these layers; each finding is {cve, purl, version}. */
  static String trivy(String layer, String[]... findings) {
    StringBuilder vulns = new StringBuilder();
    for (String[] f : findings) {
      if (vulns.length() > 0) {
        vulns.append(',');
      }
      vulns
          .append("{\"VulnerabilityID\":\"")
          .append(f[0])
          .append("\",\"PkgName\":\"")
          .append(f[1].substring(f[1].lastIndexOf('/') + 1))
          .append("\",\"InstalledVersion\":\"")
          .append(f[2])
          .append("\",\"PkgIdentifier\":{\"PURL\":\"")
          .append(f[1])
          .append('@')
          .append(f[2])
          .append("\"},\"Layer\":{\"DiffID\":\"")
          .append(layer)
          .append("\"},\"Severity\":\"HIGH\"}");
    }
    return "{\"SchemaVersion\":2,\"ArtifactName\":\"app\",\"Metadata\":{\"DiffIDs\":[\""
        + layer
        + "\"]},\"Results\":[{\"Target\":\"app\",\"Type\":\"debian\",\"Vulnerabilities\":["
        + vulns
        + "]}]}";
  }

  static Statement statement(String cve, String product, String subcomponent) {
    return Statement.builder()
        .id("https://acme.example/vex/" + cve)
        .vulnerability(cve)
        .product(Product.of(product, subcomponent))
        .status(Status.NOT_AFFECTED)
        .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH)
        .timestamp(DECIDED)
        .build();
  }

  static VexDocument vex(String product) {
    return Vex.document("Acme Security <psirt@acme.example>")
        .id("https://acme.example/vex/app-1.0")
        .timestamp(DECIDED)
        .statement(statement("CVE-2023-5678", product, SSL))
        .statement(statement("CVE-2023-44487", product, NET))
        .build();
  }

  @Nested
  class OnAnOciLayout {
    @TempDir Path dir;
    Path layoutDir;
    Digest oldDigest;
    Digest newDigest;
    Path vexFile;
    Path oldReport;
    Path newReport;
    String from;
    String to;

    @BeforeEach
    void images() {
      layoutDir = dir.resolve("app");
      OciLayout layout = OciLayout.create(layoutDir);
      oldDigest = SampleImages.write(layout, "1.0");
      newDigest = SampleImages.write(layout, "1.1");
      String oldLayer = layout.imageConfig("1.0", "linux/amd64").diffIds().get(0);
      String newLayer = layout.imageConfig("1.1", "linux/amd64").diffIds().get(0);
      vexFile =
          Cli.write(
              dir.resolve("app-1.0.openvex.json"),
              vex("pkg:oci/app@sha256%3A" + oldDigest.hex()).toJson());
      oldReport =
          Cli.write(
              dir.resolve("trivy-1.0.json"),
              trivy(
                  oldLayer,
                  new String[] {"CVE-2023-5678", SSL, "3.0.11-1"},
                  new String[] {"CVE-2023-44487", NET, "v0.7.0"}));
      newReport =
          Cli.write(
              dir.resolve("trivy-1.1.json"),
              trivy(
                  newLayer,
                  new String[] {"CVE-2023-5678", SSL, "3.0.11-1"},
                  new String[] {"CVE-2023-44487", NET, "v0.17.0"}));
      from = "oci:" + layoutDir + ":1.0";
      to = "oci:" + layoutDir + ":1.1";
    }

    Cli.Result carry(Cli cli, String... more) {
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "carry",
                  "--from",
                  from,
                  "--to",
                  to,
                  "--vex",
                  vexFile.toString(),
                  "--report-from",
                  oldReport.toString(),
                  "--report-to",
                  newReport.toString()));
      args.addAll(List.of(more));
      return cli.run(args.toArray(String[]::new));
    }

    @Test
    void carriesTheUnchangedComponentAndListsTheChangedOneWithExitOne() throws Exception {
      Path out = dir.resolve("app-1.1.openvex.json");
      Cli.Result r = carry(Cli.atFixedTime(), "--file", out.toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.outLines())
          .containsExactly(
              "1 carried, 1 need a new decision",
              "carried  CVE-2023-5678 " + SSL + "  same-version: 3.0.11-1 in both images' reports",
              "decide   CVE-2023-44487 "
                  + NET
                  + "  version-changed: v0.7.0 in the old image, v0.17.0 in the new one",
              "wrote " + out);
      VexDocument doc = VexDocument.read(out);
      assertThat(doc.statements()).hasSize(1);
      Statement s = doc.statements().get(0);
      assertThat(s.products().get(0).id()).contains("pkg:oci/app@sha256%3A" + newDigest.hex());
      assertThat(s.statusNotes().orElseThrow())
          .startsWith(
              "carried from "
                  + oldDigest
                  + " (document https://acme.example/vex/app-1.0, statement"
                  + " https://acme.example/vex/CVE-2023-5678): ");
      assertThat(doc.timestamp()).contains(Instant.ofEpochSecond(Long.parseLong(Cli.EPOCH)));
    }

    @Test
    void anUnsignedAttestationOnTheOldImageIsLeftOutUnlessAccepted() {
      // An unsigned statement anyone with push rights could have attached: carrying it would sign
      // it with the user's key (--sign), so it needs --accept-unsigned like fetch and export.
      dev.waterline.vex.oci.Attachments.on(OciLayout.open(layoutDir))
          .attach(
              "1.0",
              dev.waterline.vex.oci.Attestation.of(
                  dev.waterline.vex.sign.Attestations.of(
                          vex("pkg:oci/app@sha256%3A" + oldDigest.hex()))
                      .subject("app@" + oldDigest)
                      .statement()
                      .toPayload()));
      List<String> common =
          List.of(
              "carry",
              "--from",
              from,
              "--to",
              to,
              "--attached",
              "--report-from",
              oldReport.toString(),
              "--report-to",
              newReport.toString());

      Cli.Result plain = Cli.atFixedTime().run(common.toArray(String[]::new));
      assertThat(plain.err()).contains(" is unsigned: left out (--accept-unsigned REASON uses it)");
      assertThat(plain.out()).doesNotContain("carried from");

      List<String> accepting = new java.util.ArrayList<>(common);
      accepting.addAll(List.of("--accept-unsigned", "our own CI pushed it"));
      Cli.Result accepted = Cli.atFixedTime().run(accepting.toArray(String[]::new));
      assertThat(accepted.code()).as(accepted.toString()).isEqualTo(1);
      assertThat(accepted.err())
          .contains(" is unsigned: used for --accept-unsigned \"our own CI pushed it\"");
      assertThat(accepted.err()).contains("carried  CVE-2023-5678 " + SSL);
      assertThat(accepted.out()).contains("\"name\": \"CVE-2023-5678\"", "carried from");

      Cli.Result blank =
          Cli.atFixedTime()
              .run(
                  "carry",
                  "--from",
                  from,
                  "--to",
                  to,
                  "--vex",
                  vexFile.toString(),
                  "--accept-unsigned",
                  "x");
      assertThat(blank.code()).isEqualTo(2);
      assertThat(blank.err()).contains("--accept-unsigned goes with --attached");
    }

    /** An in-toto statement about {@code subjectHex} whose predicate is a CycloneDX SBOM. */
    String sbomStatement(String subjectHex, String sslVersion, String netVersion) {
      return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app\","
          + "\"digest\":{\"sha256\":\""
          + subjectHex
          + "\"}}],\"predicateType\":\"https://cyclonedx.org/bom\",\"predicate\":{"
          + "\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":["
          + "{\"type\":\"library\",\"name\":\"openssl\",\"version\":\""
          + sslVersion
          + "\",\"purl\":\""
          + SSL
          + "@"
          + sslVersion
          + "\"},{\"type\":\"library\",\"name\":\"net\",\"version\":\""
          + netVersion
          + "\",\"purl\":\""
          + NET
          + "@"
          + netVersion
          + "\"}]}}";
    }

    @Test
    void takesTheEvidenceFromSbomsWithoutReports() {
      Path oldSbom =
          Cli.write(
              dir.resolve("app-1.0.spdx.json"),
              "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[{\"name\":\"openssl\","
                  + "\"versionInfo\":\"3.0.11-1\",\"externalRefs\":[{\"referenceType\":"
                  + "\"purl\",\"referenceLocator\":\""
                  + SSL
                  + "@3.0.11-1\"}]},{\"name\":\"net\",\"versionInfo\":\"v0.7.0\","
                  + "\"externalRefs\":[{\"referenceType\":\"purl\",\"referenceLocator\":\""
                  + NET
                  + "@v0.7.0\"}]}]}");
      Path newSbom =
          Cli.write(
              dir.resolve("app-1.1.cdx.intoto.json"),
              sbomStatement(newDigest.hex(), "3.0.11-1", "v0.17.0"));
      Cli.Result r =
          Cli.atFixedTime()
              .run(
                  "carry",
                  "--from",
                  from,
                  "--to",
                  to,
                  "--vex",
                  vexFile.toString(),
                  "--sbom-from",
                  oldSbom.toString(),
                  "--sbom-to",
                  newSbom.toString(),
                  "--file",
                  dir.resolve("o.json").toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.outLines())
          .containsExactly(
              "1 carried, 1 need a new decision",
              "carried  CVE-2023-5678 " + SSL + "  same-version: 3.0.11-1 in both images' SBOMs",
              "decide   CVE-2023-44487 "
                  + NET
                  + "  version-changed: v0.7.0 in the old image, v0.17.0 in the new one",
              "wrote " + dir.resolve("o.json"));
    }

    @Test
    void anSbomStatementAboutAnotherImageIsExitTwoNamingTheFlag() {
      Path wrong =
          Cli.write(
              dir.resolve("wrong.json"), sbomStatement(oldDigest.hex(), "3.0.11-1", "v0.17.0"));
      Cli.Result r = carry(Cli.atFixedTime(), "--sbom-to", wrong.toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines())
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith("waterline: error: --sbom-to " + wrong + ": the SBOM " + wrong)
                      .contains("is not of"));
    }

    @Test
    void runningAgainGivesTheSameBytesWithTheTimeFromTheStatements() throws Exception {
      Path first = dir.resolve("first.json");
      Path second = dir.resolve("second.json");
      carry(Cli.atRealTime(), "--file", first.toString());
      carry(Cli.atRealTime(), "--file", second.toString());
      assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
      assertThat(VexDocument.read(first).timestamp()).contains(DECIDED);
    }

    @Test
    void printsTheDocumentOnStdoutAndTheReportOnStderrWithoutFile() {
      Cli.Result r = carry(Cli.atFixedTime());
      assertThat(r.code()).isEqualTo(1);
      assertThat(VexDocument.parse(r.out()).statements()).hasSize(1);
      assertThat(r.errLines().get(0)).isEqualTo("1 carried, 1 need a new decision");
    }

    @Test
    void reportsInJson() {
      Cli.Result r =
          carry(Cli.atFixedTime(), "--file", dir.resolve("o.json").toString(), "--format", "json");
      assertThat(r.code()).isEqualTo(1);
      JsonNode j = r.json();
      assertThat(j.path("carried").asInt()).isEqualTo(1);
      assertThat(j.path("needsDecision").asInt()).isEqualTo(1);
      assertThat(j.path("to").path("product").asText())
          .isEqualTo("pkg:oci/app@sha256%3A" + newDigest.hex());
      JsonNode changed = j.path("statements").get(1);
      assertThat(changed.path("reason").asText()).isEqualTo("version-changed");
      assertThat(changed.path("component").asText()).isEqualTo(NET);
      assertThat(changed.path("statement").asText())
          .isEqualTo("https://acme.example/vex/CVE-2023-44487");
      assertThat(j.path("document").path("statements").asInt()).isEqualTo(1);
    }

    @Test
    void exitsZeroWhenEverythingCarries() {
      Cli.write(
          newReport,
          trivy(
              newLayer(),
              new String[] {"CVE-2023-5678", SSL, "3.0.11-1"},
              new String[] {"CVE-2023-44487", NET, "v0.7.0"}));
      Cli.Result r = carry(Cli.atFixedTime(), "--file", dir.resolve("o.json").toString());
      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      assertThat(r.outLines().get(0)).isEqualTo("2 carried, 0 need a new decision");
    }

    String newLayer() {
      return OciLayout.open(layoutDir).imageConfig("1.1", "linux/amd64").diffIds().get(0);
    }

    @Test
    void signsAndAttachesTheNewDocumentToTheNewImage() {
      Path out = dir.resolve("o.json");
      Cli.Result r =
          carry(
              Cli.atFixedTime(),
              "--file",
              out.toString(),
              "--sign",
              privateKey.toString(),
              "--attach");
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.out()).contains("wrote " + out + ".sigstore.json");
      assertThat(r.out()).contains("attached to " + to);
      Cli.Result fetched =
          Cli.atFixedTime().run("fetch", to, "--key", publicKey.toString(), "--merge");
      assertThat(fetched.code()).as(fetched.toString()).isEqualTo(0);
      VexDocument merged = VexDocument.parse(fetched.out());
      assertThat(merged.statements())
          .extracting(st -> st.vulnerability().name())
          .containsExactly("CVE-2023-5678");
    }

    @Test
    void comparesThePlatformAskedForOfAnImageIndex() {
      OciLayout multi = OciLayout.create(dir.resolve("multi"));
      Digest oldIndex = SampleImages.write(multi, "2.0", "linux/amd64", "linux/arm64");
      Digest newIndex = SampleImages.write(multi, "2.1", "linux/amd64", "linux/arm64");
      String oldArm = multi.imageConfig("2.0", "linux/arm64").diffIds().get(0);
      String newArm = multi.imageConfig("2.1", "linux/arm64").diffIds().get(0);
      from = "oci:" + dir.resolve("multi") + ":2.0";
      to = "oci:" + dir.resolve("multi") + ":2.1";
      Cli.write(vexFile, vex("pkg:oci/multi@sha256%3A" + oldIndex.hex()).toJson());
      Cli.write(oldReport, trivy(oldArm, new String[] {"CVE-2023-5678", SSL, "3.0.11-1"}));
      Cli.write(newReport, trivy(newArm, new String[] {"CVE-2023-5678", SSL, "3.0.11-1"}));

      Cli.Result amd64 = carry(Cli.atFixedTime(), "--file", dir.resolve("a.json").toString());
      Cli.Result arm64 =
          carry(
              Cli.atFixedTime(),
              "--file",
              dir.resolve("b.json").toString(),
              "--platform",
              "linux/arm64",
              "--format",
              "json");

      // The reports are of the arm64 images: against amd64's layers they are refused.
      assertThat(amd64.code()).isEqualTo(2);
      assertThat(amd64.err()).contains("is not of multi: it lists the layers");
      assertThat(arm64.code()).as(arm64.toString()).isEqualTo(1);
      assertThat(arm64.json().path("to").path("digest").asText()).isEqualTo(newIndex.toString());
      assertThat(arm64.json().path("to").path("product").asText())
          .isEqualTo("pkg:oci/multi@sha256%3A" + newIndex.hex());
      assertThat(arm64.json().path("statements").get(0).path("reason").asText())
          .isEqualTo("same-version");
    }

    @Test
    void anUnknownImageIsExitTwoWithOneLine() {
      to = "oci:" + layoutDir + ":9.9";
      Cli.Result r = carry(Cli.atFixedTime(), "--file", dir.resolve("o.json").toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).startsWith("waterline: error: --to " + to + ": ");
      assertThat(r.out()).isEmpty();
    }

    @Test
    void aReportOfAnotherImageIsExitTwoWithOneLine() {
      newReport = oldReport;
      Cli.Result r = carry(Cli.atFixedTime(), "--file", dir.resolve("o.json").toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err())
          .startsWith(
              "waterline: error: --report-to "
                  + oldReport
                  + ": the report ScanReport[trivy TRIVY_JSON app, 1 layer, 2 findings] is not of"
                  + " app: it lists the layers [sha256:");
      assertThat(Files.exists(dir.resolve("o.json"))).isFalse();
    }

    @Test
    void aMalformedReportIsExitTwoNamingTheFile() {
      Cli.write(newReport, "{\"SchemaVersion\": 2, \"Results\": [");
      Cli.Result r = carry(Cli.atFixedTime(), "--file", dir.resolve("o.json").toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).startsWith("waterline: error: ").contains(newReport.toString());
    }

    @Test
    void vexAboutAnotherImageIsExitTwo() {
      Cli.write(vexFile, vex("pkg:oci/app@sha256%3A" + "ee".repeat(32)).toJson());
      Cli.Result r = carry(Cli.atFixedTime(), "--file", dir.resolve("o.json").toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: none of the 2 statements given is about app ("
                  + oldDigest
                  + "): no product names its digest\n");
    }

    @Test
    void withoutVexItIsAUsageError() {
      Cli.Result r = Cli.atFixedTime().run("carry", "--from", from, "--to", to);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: carry needs the VEX about OLD: --vex FILE, or --attached for"
                  + " what is attached to it\n");
    }
  }

  @Nested
  class OnTheRegistry {
    @TempDir static Path regDir;
    static DistributionRegistry server;
    static final AtomicInteger REPO = new AtomicInteger();

    @TempDir Path dir;

    @BeforeAll
    static void start() {
      server = DistributionRegistry.plain(regDir);
    }

    @AfterAll
    static void stop() {
      if (server != null) {
        server.close();
      }
    }

    @Test
    void carriesAttachedVexAndAttachesTheSignedResultToTheRebuild() {
      int n = REPO.incrementAndGet();
      String oldRepo = "carry/app" + n + "-old";
      String newRepo = "carry/app" + n + "-new";
      Digest oldDigest = TestImages.push(server, oldRepo, "1.0");
      Digest newDigest = TestImages.push(server, newRepo, "1.0");
      String from = server.host() + "/" + oldRepo + ":1.0";
      String to = server.host() + "/" + newRepo + ":1.0";
      String oldLayer =
          Registry.of(server.host()).imageConfig(from, "linux/amd64").diffIds().get(0);
      String newLayer = Registry.of(server.host()).imageConfig(to, "linux/amd64").diffIds().get(0);
      String oldPurl = ImageName.parse(server.host() + "/" + oldRepo + "@" + oldDigest).toPurl();
      Path vexFile = Cli.write(dir.resolve("old.openvex.json"), vex(oldPurl).toJson());
      Cli.Result attest =
          Cli.atFixedTime()
              .run(
                  "attest",
                  vexFile.toString(),
                  "--subject",
                  server.host() + "/" + oldRepo + "@" + oldDigest,
                  "--key",
                  privateKey.toString(),
                  "--attach");
      assertThat(attest.code()).as(attest.toString()).isEqualTo(0);
      Path oldReport =
          Cli.write(
              dir.resolve("old.json"),
              trivy(oldLayer, new String[] {"CVE-2023-5678", SSL, "3.0.11-1"}));
      Path newReport =
          Cli.write(
              dir.resolve("new.json"),
              trivy(newLayer, new String[] {"CVE-2023-5678", SSL, "3.0.11-1"}));

      Cli.Result r =
          Cli.atFixedTime()
              .run(
                  "carry",
                  "--from",
                  from,
                  "--to",
                  to,
                  "--attached",
                  "--key",
                  publicKey.toString(),
                  "--report-from",
                  oldReport.toString(),
                  "--report-to",
                  newReport.toString(),
                  "--file",
                  dir.resolve("new.openvex.json").toString(),
                  "--sign",
                  privateKey.toString(),
                  "--attach",
                  "--format",
                  "json");

      // x/net is in neither report: it needs a new decision; openssl carries.
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      JsonNode j = r.json();
      assertThat(j.path("from").path("digest").asText()).isEqualTo(oldDigest.toString());
      assertThat(j.path("statements").get(0).path("reason").asText()).isEqualTo("same-version");
      assertThat(j.path("statements").get(1).path("reason").asText()).isEqualTo("no-evidence");
      assertThat(j.path("attached").path("subject").asText()).isEqualTo(newDigest.toString());
      Cli.Result fetched =
          Cli.atFixedTime().run("fetch", to, "--key", publicKey.toString(), "--merge");
      assertThat(fetched.code()).as(fetched.toString()).isEqualTo(0);
      Statement s = VexDocument.parse(fetched.out()).statements().get(0);
      assertThat(s.vulnerability().name()).isEqualTo("CVE-2023-5678");
      assertThat(s.products().get(0).id())
          .contains(ImageName.parse(server.host() + "/" + newRepo + "@" + newDigest).toPurl());
    }

    @Test
    void anUnreachableImageIsExitTwoWithOneLine() {
      Cli.Result r =
          Cli.atFixedTime()
              .run(
                  "carry",
                  "--from",
                  server.host() + "/carry/missing:1.0",
                  "--to",
                  server.host() + "/carry/missing:1.1",
                  "--attached");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).startsWith("waterline: error: --from " + server.host());
    }
  }
}
