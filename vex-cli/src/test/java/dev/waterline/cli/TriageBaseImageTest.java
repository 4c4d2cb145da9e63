package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.oci.ImageConfig;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code triage --base IMAGE}: the waterline read from the base image's config in an OCI layout
 * (the registry path of the same reader is tested in vex-attach against a real registry).
 */
class TriageBaseImageTest {
  static final String APP = "sha256:" + "02".repeat(32);

  final Cli cli = Cli.atFixedTime();
  Path dir;
  OciLayout layout;

  @BeforeEach
  void files(@TempDir Path tmp) {
    dir = tmp;
    layout = OciLayout.create(tmp.resolve("images"));
    SampleImages.write(layout, "base", "linux/amd64");
    SampleImages.write(layout, "multi", "linux/amd64", "linux/arm64");
  }

  /** A Trivy report of an image on {@code baseLayer}: bash in the base layer, openssl above. */
  Path report(String baseLayer, String arch) {
    String vulns =
        vuln("CVE-2024-0001", "openssl", "HIGH", APP)
            + ","
            + vuln("CVE-2024-0003", "bash", "CRITICAL", baseLayer);
    return Cli.write(
        dir.resolve("trivy-" + arch + ".json"),
        "{\"SchemaVersion\":2,\"ArtifactName\":\"ghcr.io/acme/app:1.0\","
            + "\"ArtifactType\":\"container_image\",\"Metadata\":{\"DiffIDs\":[\""
            + baseLayer
            + "\",\""
            + APP
            + "\"],\"ImageConfig\":{\"architecture\":\""
            + arch
            + "\",\"os\":\"linux\"}},\"Results\":[{\"Target\":\"app\",\"Class\":\"os-pkgs\","
            + "\"Type\":\"debian\",\"Vulnerabilities\":["
            + vulns
            + "]}]}");
  }

  static String vuln(String id, String pkg, String severity, String layer) {
    return TriageCommandTest.vuln(id, pkg, severity, layer);
  }

  String layer(String tag, String platform) {
    ImageConfig c = layout.imageConfig(tag, platform);
    return c.diffIds().get(0);
  }

  Cli.Result triage(Path report, String... extra) {
    String[] base = {"triage", "--report", report.toString(), "--format", "json"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return cli.run(args);
  }

  @Nested
  class Waterline {
    @Test
    void theBaseImagesLayersPutItsPackagesBelow() {
      String base = layer("base", "linux/amd64");
      Cli.Result r = triage(report(base, "amd64"), "--base", "oci:" + layout.path() + ":base");
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      JsonNode json = r.json();
      assertThat(json.path("decisions").get(0).path("waterline").asText()).isEqualTo("above");
      assertThat(json.path("decisions").get(1).path("waterline").asText()).isEqualTo("below");
      assertThat(json.path("decisions").get(1).path("decision").asText()).isEqualTo("vendor");
      assertThat(json.path("inputs").path("waterline").asText())
          .contains(
              "base image oci:"
                  + layout.path()
                  + ":base (linux/amd64, manifest "
                  + layout.resolve("base").orElseThrow()
                  + ")");
    }

    @Test
    void anIndexGivesTheScannedImagesPlatform() {
      String arm = layer("multi", "linux/arm64");
      Cli.Result r = triage(report(arm, "arm64"), "--base", "oci:" + layout.path() + ":multi");
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.json().path("decisions").get(1).path("decision").asText()).isEqualTo("vendor");
      assertThat(r.json().path("inputs").path("waterline").asText())
          .contains("(linux/arm64, manifest " + layout.resolve("multi", "linux/arm64").get());
    }

    @Test
    void anotherPlatformIsNotABaseOfTheImage() {
      String arm = layer("multi", "linux/arm64");
      Cli.Result r =
          triage(
              report(arm, "arm64"),
              "--base",
              "oci:" + layout.path() + ":multi",
              "--base-platform",
              "linux/amd64");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .startsWith("waterline: error: base image oci:" + layout.path() + ":multi (linux/amd64")
          .contains("is not a base of ghcr.io/acme/app:1.0: layer 0 is ");
    }
  }

  @Nested
  class Refused {
    @Test
    void baseAndBaseDiffIdsExcludeEachOther() {
      Path ids = Cli.write(dir.resolve("base.txt"), layer("base", "linux/amd64") + "\n");
      Cli.Result r =
          triage(
              report(APP, "amd64"),
              "--base",
              "oci:" + layout.path() + ":base",
              "--base-diffids",
              ids.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo("waterline: error: --base and --base-diffids exclude each other\n");
    }

    @Test
    void aMissingImageIsAUsageErrorNamingBase() {
      Cli.Result r = triage(report(APP, "amd64"), "--base", "oci:" + layout.path() + ":nope");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .startsWith("waterline: error: --base oci:" + layout.path() + ":nope: ")
          .endsWith("but there is no image nope\n");
    }

    @Test
    void aPlatformWithoutBaseIsAUsageError() {
      Cli.Result r = triage(report(APP, "amd64"), "--base-platform", "linux/arm64");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).isEqualTo("waterline: error: --base-platform needs --base IMAGE\n");
    }
  }
}
