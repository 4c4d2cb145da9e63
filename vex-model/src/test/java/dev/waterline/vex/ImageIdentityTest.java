package dev.waterline.vex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one image-identity core: {@link ContentDigest} and {@link ImageName}. */
class ImageIdentityTest {
  static final String HEX = "4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f4f";
  static final String D = "sha256:" + HEX;
  static final String D512 =
      "sha512:"
          + "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
          + "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";

  @Nested
  class Digests {
    @Test
    void parsesSha256AndSha512AndPrintsThemBack() {
      assertThat(ContentDigest.parse(D).algorithm()).isEqualTo("sha256");
      assertThat(ContentDigest.parse(D).hex()).isEqualTo(HEX);
      assertThat(ContentDigest.parse(D512).toString()).isEqualTo(D512);
      assertThat(ContentDigest.of("sha256", HEX)).isEqualTo(ContentDigest.parse(D));
    }

    @Test
    void computesTheDigestOfContent() {
      byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
      assertThat(ContentDigest.sha256(abc).toString())
          .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
      assertThat(ContentDigest.sha256(abc).matches(abc)).isTrue();
      assertThat(ContentDigest.parse(D).matches(abc)).isFalse();
      assertThat(ContentDigest.sha512(abc).hex()).hasSize(128);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "nocolon|invalid digest \"nocolon\": expected <algorithm>:<hex>, e.g. sha256:<64 hex"
              + " digits>",
          "md5:abc|invalid digest \"md5:abc\": unsupported algorithm \"md5\" (supported: sha256,"
              + " sha512)",
          "SHA256:abc|invalid digest \"SHA256:abc\": the algorithm \"SHA256\" is not a valid"
              + " algorithm name",
          "sha256:abc|invalid digest \"sha256:abc\": sha256 needs exactly 64 lowercase hex digits"
              + " after the colon, found 3 characters",
        })
    void rejectsABadDigestNamingIt(String text, String message) {
      assertThatThrownBy(() -> ContentDigest.parse(text))
          .isInstanceOf(ImageParseException.class)
          .hasMessage(message);
    }

    @Test
    void rejectsUppercaseHexSayingWhere() {
      String upper = "sha256:" + "4F" + "4f".repeat(31);
      assertThatThrownBy(() -> ContentDigest.parse(upper))
          .hasMessage(
              "invalid digest \""
                  + upper
                  + "\": sha256 needs exactly 64 lowercase hex digits after the colon, found 'F'"
                  + " at position 8");
    }

    @Test
    void escapesAndCutsWhatItShows() {
      String hostile = "sha256:\u001b[31m" + "x".repeat(300);
      assertThatThrownBy(() -> ContentDigest.parse(hostile))
          .isInstanceOfSatisfying(
              ImageParseException.class,
              e -> {
                assertThat(e.getMessage()).doesNotContain("\u001b").contains("\\u001b[31m");
                assertThat(e.getMessage()).contains("…(312 characters)");
                assertThat(e.input()).startsWith("sha256:\\u001b[31m").endsWith("characters)");
              });
    }

    @Test
    void tryParseAndIsDigestDoNotThrow() {
      assertThat(ContentDigest.tryParse("sha256:zz")).isEmpty();
      assertThat(ContentDigest.isDigest(D)).isTrue();
      assertThat(ContentDigest.isDigest("sha256:" + HEX + " ")).isFalse();
    }
  }

  @Nested
  class Names {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "nginx|index.docker.io|library/nginx||",
          "nginx:1.25|index.docker.io|library/nginx|1.25|",
          "docker.io/nginx|index.docker.io|library/nginx||",
          "docker.io/library/nginx|index.docker.io|library/nginx||",
          "registry-1.docker.io/acme/app|index.docker.io|acme/app||",
          "index.docker.io/acme/app|index.docker.io|acme/app||",
          "DOCKER.IO/acme/app|index.docker.io|acme/app||",
          "acme/app|index.docker.io|acme/app||",
          "localhost/app|localhost|app||",
          "localhost:5000/a/b:v2|localhost:5000|a/b|v2|",
          "docker.io:443/x|docker.io:443|x||",
          "Registry.Example.COM:8443/team/sub/app|registry.example.com:8443|team/sub/app||",
          "[::1]:5000/x:t|[::1]:5000|x|t|",
          "ghcr.io/acme/deep/nested/app:1.0@" + D + "|ghcr.io|acme/deep/nested/app|1.0|" + D,
          "app@" + D512 + "|index.docker.io|library/app||" + D512,
        })
    void normalisesAsDockerDoes(
        String text, String registry, String repository, String tag, String digest) {
      ImageName name = ImageName.parse(text);
      assertThat(name.registry()).isEqualTo(registry);
      assertThat(name.repository()).isEqualTo(repository);
      assertThat(name.tag().orElse(null)).isEqualTo(tag);
      assertThat(name.digest().map(ContentDigest::toString).orElse(null)).isEqualTo(digest);
      assertThat(ImageName.parse(name.toString())).isEqualTo(name);
    }

    @Test
    void everyDockerHubSpellingIsOneName() {
      assertThat(ImageName.parse("nginx@" + D))
          .isEqualTo(ImageName.parse("docker.io/library/nginx@" + D))
          .isEqualTo(ImageName.parse("registry-1.docker.io/library/nginx@" + D))
          .isEqualTo(ImageName.parse("index.docker.io/nginx@" + D))
          .hasToString("index.docker.io/library/nginx@" + D);
      assertThat(ImageName.parse("nginx").isDockerHub()).isTrue();
      assertThat(ImageName.parse("nginx").apiHost()).isEqualTo("registry-1.docker.io");
      assertThat(ImageName.parse("ghcr.io/a/b").apiHost()).isEqualTo("ghcr.io");
    }

    @Test
    void keepsTagAndDigestAndChangesThemOnRequest() {
      ImageName name = ImageName.parse("ghcr.io/acme/app:1.0@" + D);
      assertThat(name.name()).isEqualTo("ghcr.io/acme/app");
      assertThat(name.withoutTag()).hasToString("ghcr.io/acme/app@" + D);
      assertThat(ImageName.parse("app").withDigest(ContentDigest.parse(D)).withTag("v2"))
          .hasToString("index.docker.io/library/app:v2@" + D);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "''|invalid image reference \"\": it is empty",
          "ghcr.io/Acme/app|invalid image reference \"ghcr.io/Acme/app\": the repository name must"
              + " be lowercase, but has \"Acme\"",
          "app:-x|invalid image reference \"app:-x\": the tag \"-x\" is not valid (letters, digits,"
              + " '_', '.', '-', at most 128, not starting with '.' or '-')",
          "app@sha256:abc|invalid image reference \"app@sha256:abc\": invalid digest"
              + " \"sha256:abc\": sha256 needs exactly 64 lowercase hex digits after the colon,"
              + " found 3 characters",
          "localhost:0/app|invalid image reference \"localhost:0/app\": the registry port \"0\" is"
              + " not a number from 1 to 65535",
          "a//b|invalid image reference \"a//b\": the repository \"a//b\" has an empty path"
              + " component",
          "ghcr.io/|invalid image reference \"ghcr.io/\": the repository name is empty",
        })
    void rejectsABadReferenceNamingIt(String text, String message) {
      assertThatThrownBy(() -> ImageName.parse(text))
          .isInstanceOf(ImageParseException.class)
          .hasMessage(message);
    }
  }

  @Nested
  class Purls {
    @Test
    void writesTheRepositoryAndTagAsQualifiers() {
      assertThat(ImageName.parse("nginx:1.25@" + D).toPurl())
          .isEqualTo(
              "pkg:oci/nginx@sha256%3A"
                  + HEX
                  + "?repository_url=index.docker.io/library/nginx&tag=1.25");
      assertThat(ImageName.parse("localhost:5000/team/app@" + D).toPurl())
          .isEqualTo("pkg:oci/app@sha256%3A" + HEX + "?repository_url=localhost:5000/team/app");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "nginx:1.25@" + D,
      "ghcr.io/acme/deep/nested/app@" + D,
      "localhost:5000/app:v1@" + D512,
      "[::1]:5000/x@" + D,
    })
    void roundTrips(String reference) {
      ImageName name = ImageName.parse(reference);
      assertThat(ImageName.fromPurl(name.toPurl())).isEqualTo(name);
    }

    @Test
    void readsWhatScannersWrite() {
      assertThat(
              ImageName.fromPurl(
                  "pkg:oci/Nginx@sha256%3A"
                      + HEX
                      + "?arch=amd64&repository_url=docker.io%2Flibrary%2Fnginx&tag=latest"))
          .isEqualTo(ImageName.parse("nginx:latest@" + D));
      assertThat(
              ImageName.fromPurl(
                  "pkg:oci/app@sha256:" + HEX + "?repository_url=https://ghcr.io/acme/app/"))
          .isEqualTo(ImageName.parse("ghcr.io/acme/app@" + D));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "pkg:npm/app@1.0|invalid oci purl \"pkg:npm/app@1.0\": it is not a pkg:oci purl"
              + " (pkg:oci/<name>@sha256%3A<hex>?...)",
          "pkg:oci/app?repository_url=ghcr.io/a/app|invalid oci purl"
              + " \"pkg:oci/app?repository_url=ghcr.io/a/app\": it has no version; an oci purl's"
              + " version is the image's digest",
          "pkg:oci/app@1.0?repository_url=ghcr.io/a/app|invalid oci purl"
              + " \"pkg:oci/app@1.0?repository_url=ghcr.io/a/app\": its version is not a digest:"
              + " invalid digest \"1.0\": expected <algorithm>:<hex>, e.g. sha256:<64 hex digits>",
          "pkg:oci/acme/app@"
              + D
              + "|invalid oci purl \"pkg:oci/acme/app@"
              + D
              + "\": an oci purl"
              + " has no namespace; the repository goes in repository_url",
          "pkg:oci/app@"
              + D
              + "|invalid oci purl \"pkg:oci/app@"
              + D
              + "\": it has no"
              + " repository_url, so it names no registry (an oci purl is registry agnostic"
              + " without one)",
          "pkg:oci/app@"
              + D
              + "?repository_url=ghcr.io/a/other|invalid oci purl \"pkg:oci/app@"
              + D
              + "?repository_url=ghcr.io/a/other\": its name \"app\" is not the last part of"
              + " its repository_url \"ghcr.io/a/other\"",
        })
    void rejectsWhatIsNotAnImagePurl(String purl, String message) {
      assertThatThrownBy(() -> ImageName.fromPurl(purl))
          .isInstanceOf(ImageParseException.class)
          .hasMessage(message);
    }

    @Test
    void refusesAPurlWithoutDigest() {
      assertThatThrownBy(() -> ImageName.parse("ghcr.io/a/app:1.0").toPurl())
          .isInstanceOf(ImageParseException.class)
          .hasMessage(
              "image \"ghcr.io/a/app:1.0\" has no digest, and an oci purl's version is the digest:"
                  + " pin it first (withDigest)");
    }
  }
}
