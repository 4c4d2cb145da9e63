package dev.waterline.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuiltImageTest {
  static final String HEX = "4f3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e";

  @TempDir Path target;

  @Test
  void jibImageJsonNamesTheImageAndItsDigest() throws Exception {
    Files.writeString(
        target.resolve("jib-image.json"),
        "{\"image\":\"registry.local:5000/acme/app:1.0\",\"imageId\":\"sha256:"
            + "0".repeat(64)
            + "\",\"imageDigest\":\"sha256:"
            + HEX
            + "\",\"tags\":[\"1.0\"],\"imagePushed\":true}");

    BuiltImage image = BuiltImage.resolve(null, target);

    assertThat(image.reference().toString())
        .isEqualTo("registry.local:5000/acme/app@sha256:" + HEX);
    assertThat(image.purl())
        .isEqualTo("pkg:oci/app@sha256%3A" + HEX + "?repository_url=registry.local:5000/acme/app");
    assertThat(image.subject().sha256()).contains(HEX);
    assertThat(image.isLayout()).isFalse();
  }

  @Test
  void aConfiguredTagTakesItsDigestFromJibImageDigest() throws Exception {
    Files.writeString(target.resolve("jib-image.digest"), "sha256:" + HEX + "\n");

    BuiltImage image = BuiltImage.resolve("registry.local/acme/app:1.0", target);

    assertThat(image.digest().hex()).isEqualTo(HEX);
    assertThat(image.source()).endsWith("jib-image.digest");
  }

  @Test
  void aConfiguredDigestNeedsNoJibOutput() throws Exception {
    BuiltImage image = BuiltImage.resolve("registry.local/acme/app@sha256:" + HEX, target);

    assertThat(image.digest().hex()).isEqualTo(HEX);
    assertThat(image.source()).isEqualTo("<image>");
  }

  @Test
  void withoutJibOutputOrImageTheErrorSaysWhatToConfigure() {
    assertThatThrownBy(() -> BuiltImage.resolve(null, target))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("no image digest")
        .hasMessageContaining("jib-image.json")
        .hasMessageContaining("<image> (property waterline.image)");
  }

  @Test
  void aTagWithoutJibOutputIsAnErrorNamingTheImage() {
    assertThatThrownBy(() -> BuiltImage.resolve("registry.local/acme/app:1.0", target))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("<image> registry.local/acme/app:1.0")
        .hasMessageContaining("jib-image.digest");
  }

  @Test
  void aDamagedJibImageJsonIsNamedWithThePointer() throws Exception {
    Files.writeString(
        target.resolve("jib-image.json"),
        "{\"image\":\"registry.local/acme/app\",\"imageDigest\":\"md5:abc\"}");

    assertThatThrownBy(() -> BuiltImage.resolve(null, target))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("jib-image.json at /imageDigest");
  }
}
