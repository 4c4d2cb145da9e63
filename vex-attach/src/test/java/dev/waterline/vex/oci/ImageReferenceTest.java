package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {
  static final String HEX = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

  @Nested
  class Normalises {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
      "nginx, index.docker.io/library/nginx:latest",
      "nginx:1.25, index.docker.io/library/nginx:1.25",
      "docker.io/nginx, index.docker.io/library/nginx:latest",
      "docker.io/library/nginx:1.25, index.docker.io/library/nginx:1.25",
      "registry-1.docker.io/nginx, index.docker.io/library/nginx:latest",
      "Docker.IO/acme/app, index.docker.io/acme/app:latest",
      "index.docker.io/aquasec/trivy:0.54.0, index.docker.io/aquasec/trivy:0.54.0",
      "aquasec/trivy, index.docker.io/aquasec/trivy:latest",
      "ghcr.io/org/team/app:v1, ghcr.io/org/team/app:v1",
      "GHCR.io/org/app, ghcr.io/org/app:latest",
      "LocalHost:5000/app, localhost:5000/app:latest",
      "Registry/app, Registry/app:latest",
      "localhost/app, localhost/app:latest",
      "localhost:5000/app:1.0, localhost:5000/app:1.0",
      "127.0.0.1:38523/demo/app, 127.0.0.1:38523/demo/app:latest",
      "[::1]:5000/app:1.0, [::1]:5000/app:1.0",
      "[::1]/app, [::1]/app:latest",
      "registry.test/a.b/c__d/e-f--g:tag_1.2-3, registry.test/a.b/c__d/e-f--g:tag_1.2-3",
    })
    void registryReferences(String input, String normalised) {
      ImageReference ref = ImageReference.parse(input);
      assertThat(ref).hasToString(normalised);
      assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
      assertThat(ref.isLayout()).isFalse();
    }

    @Test
    void keepsTheDigestAndNoDefaultTag() {
      ImageReference ref = ImageReference.parse("nginx@sha256:" + HEX);
      assertThat(ref.registry()).isEqualTo("index.docker.io");
      assertThat(ref.repository()).isEqualTo("library/nginx");
      assertThat(ref.tag()).isEmpty();
      assertThat(ref.digest()).contains(Digest.parse("sha256:" + HEX));
      assertThat(ref.target()).contains("sha256:" + HEX);
      assertThat(ref).hasToString("index.docker.io/library/nginx@sha256:" + HEX);
    }

    @Test
    void keepsTagAndDigestTogetherAndTargetsTheDigest() {
      ImageReference ref = ImageReference.parse("localhost:5000/app:1.0@sha256:" + HEX);
      assertThat(ref.tag()).contains("1.0");
      assertThat(ref.target()).contains("sha256:" + HEX);
      assertThat(ref.name()).isEqualTo("localhost:5000/app");
      assertThat(ref).hasToString("localhost:5000/app:1.0@sha256:" + HEX);
    }

    @Test
    void withDigestPinsAndWithTagUnpins() {
      Digest d = Digest.parse("sha256:" + HEX);
      ImageReference ref = ImageReference.parse("app:1.0").withDigest(d);
      assertThat(ref).hasToString("index.docker.io/library/app:1.0@sha256:" + HEX);
      assertThat(ref.withTag("2.0")).hasToString("index.docker.io/library/app:2.0");
    }
  }

  @Nested
  class Layouts {
    @Test
    void parsesPathAndTag() {
      ImageReference ref = ImageReference.parse("oci:/tmp/layout:1.0");
      assertThat(ref.isLayout()).isTrue();
      assertThat(ref.layoutPath()).contains(Path.of("/tmp/layout"));
      assertThat(ref.tag()).contains("1.0");
      assertThat(ref.digest()).isEmpty();
      assertThat(ref.registry()).isEmpty();
      assertThat(ref).hasToString("oci:/tmp/layout:1.0");
    }

    @Test
    void parsesPathAndDigest() {
      ImageReference ref = ImageReference.parse("oci:build/out@sha256:" + HEX);
      assertThat(ref.layoutPath()).contains(Path.of("build/out"));
      assertThat(ref.target()).contains("sha256:" + HEX);
    }

    @Test
    void aPathAloneNamesNeitherTagNorDigest() {
      ImageReference ref = ImageReference.parse("oci:/tmp/layout");
      assertThat(ref.tag()).isEmpty();
      assertThat(ref.target()).isEmpty();
    }

    @Test
    void aColonInsideThePathIsNotATag() {
      ImageReference ref = ImageReference.parse("oci:/tmp/a:b/layout");
      assertThat(ref.layoutPath()).contains(Path.of("/tmp/a:b/layout"));
      assertThat(ref.tag()).isEmpty();
    }

    // Found by ImageReferenceFuzzTest: "oci:/tmp/a@sha256:x/" was read as a path, but printed
    // without the trailing '/' it read back as a path and an invalid digest; "oci:a/:v" (path a,
    // tag v) was printed "oci:a:v", which reads back as the Windows-style path "a:v".
    @ParameterizedTest
    @CsvSource({
      "oci:/tmp/a@sha256:x/, oci:/tmp/a@sha256:x/",
      "oci:/tmp/x:y/, oci:/tmp/x:y/",
      "oci:/tmp/a@b/:v1, oci:/tmp/a@b/:v1",
      "oci:/tmp/a@b//, oci:/tmp/a@b/",
      "oci:/tmp/a:b/layout:v1, oci:/tmp/a:b/layout:v1",
      "oci:a/:v, oci:a/:v",
      "oci:ab/:v, oci:ab:v"
    })
    void printsAPathWhoseLastNameHasAtOrColonSoThatItReadsBackEqual(String text, String printed) {
      ImageReference ref = ImageReference.parse(text);
      assertThat(ref).hasToString(printed);
      assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    }

    @Test
    void rejectsAnEmptyPath() {
      assertThatThrownBy(() -> ImageReference.parse("oci:"))
          .hasMessage(
              "invalid image reference \"oci:\": the layout path is empty (write"
                  + " oci:PATH[:TAG|@DIGEST])");
    }
  }

  @Nested
  class Rejects {
    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "''|invalid image reference \"\": it is empty",
          "Nginx|invalid image reference \"Nginx\": the repository name must be lowercase, but has"
              + " \"Nginx\"",
          "registry.test/App:1|invalid image reference \"registry.test/App:1\": the repository name"
              + " must be lowercase, but has \"App\"",
          "app:-bad|invalid image reference \"app:-bad\": the tag \"-bad\" is not valid (letters,"
              + " digits, '_', '.', '-', at most 128, not starting with '.' or '-')",
          "registry.test//app|invalid image reference \"registry.test//app\": the repository"
              + " \"/app\" has an empty path component",
          "registry.test:99999/app|invalid image reference \"registry.test:99999/app\": the"
              + " registry port \"99999\" is not a number from 1 to 65535",
          "[::1/app|invalid image reference \"[::1/app\": the registry \"[::1\" opens '[' without"
              + " closing it",
          "app@sha256:abc|invalid image reference \"app@sha256:abc\": invalid digest"
              + " \"sha256:abc\": sha256 needs exactly 64 lowercase hex digits after the colon, found 3"
              + " characters",
          "a_/b|invalid image reference \"a_/b\": the repository path component \"a_\" is not"
              + " valid (lowercase letters and digits, separated by '.', '_', '__' or dashes)",
        })
    void withAMessageNamingTheInput(String input, String message) {
      assertThatThrownBy(() -> ImageReference.parse(input))
          .isInstanceOfSatisfying(
              OciException.class, e -> assertThat(e.reference()).contains(input))
          .hasMessage(message);
    }

    @Test
    void namesLongerThan255Characters() {
      String input = "registry.test/" + "a".repeat(250);
      assertThatThrownBy(() -> ImageReference.parse(input))
          .hasMessageEndingWith("the name is longer than 255 characters");
    }
  }

  @Nested
  class Loopback {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
      "localhost:5000/app, true",
      "localhost/app, true",
      "127.0.0.1:38523/app, true",
      "127.1.2.3/app, true",
      "[::1]:5000/app, true",
      "registry.test/app, false",
      "nginx, false",
      "127.0.0.1.example.com/app, false",
      "oci:/tmp/x, false",
    })
    void onlyThisMachine(String input, boolean loopback) {
      assertThat(ImageReference.parse(input).isLoopback()).isEqualTo(loopback);
    }
  }
}
