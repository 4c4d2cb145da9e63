package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code waterline embed}: embed OpenVEX files into an image in an OCI layout and list them. */
class EmbedCommandTest {
  @TempDir Path dir;
  final Cli cli = Cli.atFixedTime();

  Path layout() {
    Path l = dir.resolve("layout");
    SampleImages.write(OciLayout.create(l), "1.0");
    return l;
  }

  Path vex(String name) {
    return Cli.write(dir.resolve(name), Fixtures.OURS);
  }

  @Nested
  class Embed {
    @Test
    void printsTheNewImageAndLayerDigests() {
      Path l = layout();
      Cli.Result r =
          cli.run(
              "embed",
              "--from",
              "oci:" + l + ":1.0",
              "--to",
              "oci:" + l + ":1.0-vex",
              vex("app.json").toString());

      assertThat(r.code()).as(r.toString()).isZero();
      String digest = OciLayout.open(l).resolve("1.0-vex").orElseThrow().toString();
      assertThat(r.outLines().get(0)).isEqualTo("image  oci:" + l + ":1.0-vex@" + digest);
      assertThat(r.outLines().get(1)).startsWith("layer  sha256:");
      assertThat(r.outLines())
          .contains("file   /usr/share/vex/app.openvex.json", "built by waterline");
      assertThat(r.err()).isEmpty();
    }

    @Test
    void jsonNamesDigestLayerAndPaths() {
      Path l = layout();
      Cli.Result r =
          cli.run(
              "embed",
              "--from",
              "oci:" + l + ":1.0",
              "--to",
              "oci:" + l + ":vex",
              "--path",
              "/opt/vex",
              "--format",
              "json",
              vex("a.openvex.json").toString());

      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode j = r.json();
      assertThat(j.path("digest").asText())
          .isEqualTo(OciLayout.open(l).resolve("vex").orElseThrow().toString());
      assertThat(j.path("layer").asText()).startsWith("sha256:");
      assertThat(j.path("paths").get(0).asText()).isEqualTo("/opt/vex/a.openvex.json");
      assertThat(j.path("builder").asText()).isEqualTo("waterline");
    }

    @Test
    void sameInputsSameDigest() {
      Path l = layout();
      String f = vex("a.json").toString();
      Cli.Result a =
          cli.run(
              "embed",
              "--from",
              "oci:" + l + ":1.0",
              "--to",
              "oci:" + l + ":x",
              "--format",
              "json",
              f);
      Cli.Result b =
          cli.run(
              "embed",
              "--from",
              "oci:" + l + ":1.0",
              "--to",
              "oci:" + l + ":y",
              "--format",
              "json",
              f);

      assertThat(b.json().path("digest")).isEqualTo(a.json().path("digest"));
    }

    @Test
    void missingArgumentsAreUsageErrors() {
      Cli.Result r = cli.run("embed", "--from", "oci:/nowhere:1.0", vex("a.json").toString());

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: embed needs --from IMAGE and --to IMAGE (or --list IMAGE)\n");
    }

    @Test
    void aFileThatIsNotOpenVexIsAnInputError() {
      Path l = layout();
      Path bad = Cli.write(dir.resolve("bad.json"), "[]");
      Cli.Result r =
          cli.run(
              "embed", "--from", "oci:" + l + ":1.0", "--to", "oci:" + l + ":x", bad.toString());

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).startsWith("waterline: error: " + bad + " is not an OpenVEX document: ");
    }
  }

  @Nested
  class ListEmbedded {
    @Test
    void listsWhatWasEmbedded() {
      Path l = layout();
      cli.run(
          "embed",
          "--from",
          "oci:" + l + ":1.0",
          "--to",
          "oci:" + l + ":vex",
          vex("app.json").toString());

      Cli.Result r = cli.run("embed", "--list", "oci:" + l + ":vex");
      Cli.Result j = cli.run("embed", "--list", "oci:" + l + ":vex", "--format", "json");

      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.outLines().get(1))
          .startsWith("/usr/share/vex/app.openvex.json  layer sha256:")
          .endsWith("  2 statement(s) by Acme Security <psirt@acme.example>");
      JsonNode file = j.json().path("files").get(0);
      assertThat(file.path("path").asText()).isEqualTo("/usr/share/vex/app.openvex.json");
      assertThat(file.path("document").path("@id").asText())
          .isEqualTo("https://example.com/vex/ours");
      assertThat(j.json().path("problems")).isEmpty();
    }

    @Test
    void saysSoWhenThereIsNone() {
      Path l = layout();
      Cli.Result r = cli.run("embed", "--list", "oci:" + l + ":1.0");

      assertThat(r.code()).isZero();
      assertThat(r.outLines()).endsWith("no OpenVEX documents");
    }
  }
}
