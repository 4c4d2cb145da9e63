package dev.waterline.vex.oci.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.attach.Attacher;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OciJsonTest {
  static final String EMPTY =
      "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
  static final String A = "sha256:" + "a".repeat(64);
  static final String B = "sha256:" + "b".repeat(64);

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static OciException manifestError(String json) {
    byte[] bytes = utf8(json);
    try {
      OciJson.parseManifest(bytes, "manifest X", Digest.of(bytes));
    } catch (OciException e) {
      return e;
    }
    throw new AssertionError("no exception for " + json);
  }

  @Nested
  class EmptyDescriptor {
    @Test
    void isTheTwoByteEmptyObjectWithTheSpecDigest() {
      assertThat(Attacher.EMPTY_DESCRIPTOR.mediaType()).isEqualTo(MediaTypes.EMPTY);
      assertThat(Attacher.EMPTY_DESCRIPTOR.size()).isEqualTo(2);
      assertThat(Attacher.EMPTY_DESCRIPTOR.digest()).hasToString(EMPTY);
    }
  }

  @Nested
  class Write {
    @Test
    void writesAManifestCompactInTheFixedOrderWithSortedAnnotations() {
      ImageManifest m =
          ImageManifest.oci(
              MediaTypes.IN_TOTO,
              Attacher.EMPTY_DESCRIPTOR,
              List.of(
                  Descriptor.of(MediaTypes.IN_TOTO, Digest.parse(A), 10)
                      .withAnnotations(Map.of("z", "1", "a", "2"))),
              Descriptor.of(MediaTypes.OCI_INDEX, Digest.parse(B), 300),
              Map.of("org.opencontainers.image.created", "2026-01-01T00:00:00Z", "b", "x"));
      assertThat(new String(OciJson.write(m), StandardCharsets.UTF_8))
          .isEqualTo(
              "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                  + "\"artifactType\":\"application/vnd.in-toto+json\","
                  + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\""
                  + EMPTY
                  + "\",\"size\":2},"
                  + "\"layers\":[{\"mediaType\":\"application/vnd.in-toto+json\",\"digest\":\""
                  + A
                  + "\",\"size\":10,\"annotations\":{\"a\":\"2\",\"z\":\"1\"}}],"
                  + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                  + "\"digest\":\""
                  + B
                  + "\",\"size\":300},"
                  + "\"annotations\":{\"b\":\"x\",\"org.opencontainers.image.created\":"
                  + "\"2026-01-01T00:00:00Z\"}}");
    }

    @Test
    void roundTripsAnIndexWithPlatformsToTheSameBytes() {
      ImageIndex index =
          ImageIndex.of(
              List.of(
                  Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.parse(A), 400)
                      .withPlatform(Platform.parse("linux/arm64/v8")),
                  Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.parse(B), 500)
                      .withPlatform(new Platform("unknown", "unknown", null, null, List.of()))
                      .withAnnotations(
                          Map.of(
                              MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE,
                              MediaTypes.DOCKER_REFERENCE_TYPE_ATTESTATION,
                              MediaTypes.ANNOTATION_DOCKER_REFERENCE_DIGEST,
                              A))));
      byte[] bytes = OciJson.write(index);
      ImageIndex back = OciJson.parseIndex(bytes, "index", Digest.of(bytes));
      assertThat(back).isEqualTo(index);
      assertThat(OciJson.write(back)).isEqualTo(bytes);
      assertThat(back.manifests().get(0).platform())
          .map(Platform::toString)
          .contains("linux/arm64/v8");
    }
  }

  @Nested
  class Parse {
    @Test
    void readsEveryFieldAndIgnoresUnknownOnes() {
      byte[] json =
          utf8(
              "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                  + "\"artifactType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
                  + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"size\":2,"
                  + "\"digest\":\""
                  + EMPTY
                  + "\",\"data\":\"e30=\",\"artifactType\":\"x/cosign-quirk\"},"
                  + "\"layers\":[{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\","
                  + "\"size\":7,\"digest\":\""
                  + A
                  + "\",\"urls\":[\"https://u\"]}],"
                  + "\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                  + "\"size\":9,\"digest\":\""
                  + B
                  + "\"},\"annotations\":{\"dev.sigstore.bundle.content\":\"dsse-envelope\"},"
                  + "\"futureField\":{\"nested\":[1,2]}}");
      ImageManifest m = OciJson.parseManifest(json, "m", Digest.of(json));
      assertThat(m.artifactType()).isEqualTo(MediaTypes.SIGSTORE_BUNDLE_V03);
      assertThat(m.config().data()).hasValueSatisfying(d -> assertThat(d).isEqualTo(utf8("{}")));
      assertThat(m.config().artifactType()).contains("x/cosign-quirk");
      assertThat(m.layers()).hasSize(1);
      assertThat(m.layers().get(0).urls()).containsExactly("https://u");
      assertThat(m.subject()).isNotNull();
      assertThat(m.subject().digest()).hasToString(B);
      assertThat(m.annotations()).containsEntry("dev.sigstore.bundle.content", "dsse-envelope");
    }

    @Test
    void fallsBackToTheConfigMediaTypeForTheArtifactType() {
      byte[] json =
          utf8(
              "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"test/sbom.file\",\"digest\":\""
                  + EMPTY
                  + "\",\"size\":2},\"layers\":[]}");
      ImageManifest m = OciJson.parseManifest(json, "m", null);
      assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
      assertThat(m.effectiveArtifactType()).isEqualTo("test/sbom.file");
    }

    @Test
    void rejectsABadLayerDigestWithPointerAndManifestDigest() {
      String json =
          "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
              + EMPTY
              + "\",\"size\":2},\"layers\":[{\"mediaType\":\"a/b\",\"digest\":\"sha256:nope\","
              + "\"size\":1}]}";
      OciException e = manifestError(json);
      assertThat(e.pointer()).contains("/layers/0/digest");
      assertThat(e.digest()).contains(Digest.of(utf8(json)).toString());
      assertThat(e)
          .hasMessage(
              "manifest X is not a valid OCI image manifest at /layers/0/digest: invalid digest"
                  + " \"sha256:nope\": sha256 needs exactly 64 lowercase hex digits after the"
                  + " colon, found 4 characters");
    }

    @Test
    void rejectsAWrongSchemaVersion() {
      assertThat(manifestError("{\"schemaVersion\":1,\"config\":{}}"))
          .hasMessage(
              "manifest X is not a valid OCI image manifest at /schemaVersion: expected 2 but was"
                  + " 1");
    }

    @Test
    void rejectsAWrongMediaType() {
      assertThat(
              manifestError(
                  "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                      + "\"manifests\":[]}"))
          .hasMessage(
              "manifest X is not a valid OCI image manifest at /mediaType: expected"
                  + " application/vnd.oci.image.manifest.v1+json or"
                  + " application/vnd.docker.distribution.manifest.v2+json but was"
                  + " \"application/vnd.oci.image.index.v1+json\"");
    }

    @Test
    void rejectsANegativeSize() {
      assertThat(
              manifestError(
                  "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
                      + EMPTY
                      + "\",\"size\":-2}}"))
          .hasMessage(
              "manifest X is not a valid OCI image manifest at /config/size: expected a"
                  + " non-negative integer but was -2");
    }

    @Test
    void rejectsInlineDataThatDoesNotMatchTheDigest() {
      assertThat(
              manifestError(
                  "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
                      + EMPTY
                      + "\",\"size\":2,\"data\":\"W10=\"}}"))
          .hasMessage(
              "manifest X is not a valid OCI image manifest at /config/data: the embedded data"
                  + " does not match size and digest "
                  + EMPTY);
    }

    @Test
    void rejectsDuplicateKeys() {
      assertThat(manifestError("{\"schemaVersion\":2,\"schemaVersion\":2}").getMessage())
          .startsWith("manifest X is not valid JSON (line 1, column ")
          .endsWith(" at /schemaVersion: duplicate field 'schemaVersion' in one object");
    }

    // Found by OciManifestFuzzTest, OciIndexFuzzTest and AttestationInspectFuzzTest: bytes that
    // Jackson takes for UCS-4 in an odd byte order, or for UTF-32 with a character above U+10FFFF,
    // escaped as UncheckedIOException instead of OciException. The one JSON layer now refuses
    // anything but UTF-8 before Jackson guesses an encoding.
    @Test
    void rejectsBytesJacksonTakesForAnUnsupportedUcs4ByteOrderAsNotJson() {
      byte[] ucs4in2143 = {0, 0, '{', 0, 0, 0, '}', 0};
      byte[] ucs4in3412 = {0, '{', 0, 0, 0, '}', 0, 0};
      byte[] utf32AboveUnicode = {'{', 0, 0, 0, 'h', 't', 's', 'p'};
      assertThatThrownBy(() -> OciJson.parseManifest(ucs4in2143, "manifest X", null))
          .isInstanceOf(OciException.class)
          .hasMessage(
              "manifest X is not valid JSON (line 1, column 1): JSON must be UTF-8 (RFC 8259); this"
                  + " input is not text (it has a NUL byte among its first four bytes)");
      assertThatThrownBy(() -> OciJson.parseIndex(ucs4in3412, "index Y", null))
          .isInstanceOf(OciException.class)
          .hasMessageStartingWith(
              "index Y is not valid JSON (line 1, column 1): JSON must be UTF-8");
      assertThatThrownBy(() -> OciJson.tree(utf32AboveUnicode, "blob Z"))
          .isInstanceOf(OciException.class)
          .hasMessageStartingWith(
              "blob Z is not valid JSON (line 1, column 1): JSON must be UTF-8");
    }

    @Test
    void rejectsTrailingGarbage() {
      assertThat(manifestError("{\"schemaVersion\":2} {}").getMessage())
          .startsWith("manifest X is not valid JSON");
    }

    @Test
    void rejectsAManifestOverFourMebibytesBeforeParsing() {
      byte[] huge = new byte[OciJson.MAX_MANIFEST_BYTES + 1];
      java.util.Arrays.fill(huge, (byte) ' ');
      Digest d = Digest.of(huge);
      assertThatThrownBy(() -> OciJson.parseManifest(huge, "manifest " + d, d))
          .isInstanceOfSatisfying(
              OciException.class, e -> assertThat(e.digest()).contains(d.toString()))
          .hasMessage(
              "manifest "
                  + d
                  + " is 4194305 bytes, more than the limit of 4194304 bytes for a manifest");
    }

    @Test
    void rejectsDeepNesting() {
      String deep = "{\"schemaVersion\":2,\"x\":" + "[".repeat(300) + "]".repeat(300) + "}";
      assertThat(manifestError(deep).getMessage())
          .startsWith("manifest X is not valid JSON (line 1, column ")
          .endsWith(": nesting deeper than 256 levels");
    }

    @Test
    void rejectsAnIndexWithAManifestsEntryThatIsNotADescriptor() {
      byte[] json = utf8("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"a/b\"}]}");
      assertThatThrownBy(() -> OciJson.parseIndex(json, "index Y", null))
          .hasMessage(
              "index Y is not a valid OCI image index at /manifests/0/digest: the required"
                  + " \"digest\" is missing");
    }

    @Test
    void rejectsAnIndexThatIsAManifest() {
      byte[] json =
          utf8(
              "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                  + "\"config\":{}}");
      assertThatThrownBy(() -> OciJson.parseIndex(json, "index Y", null))
          .hasMessageStartingWith("index Y is not a valid OCI image index at /mediaType: expected");
    }

    @Test
    void escapesPointerTokens() {
      assertThat(OciJson.escape("in-toto.io/predicate-type"))
          .isEqualTo("in-toto.io~1predicate-type");
      assertThat(OciJson.escape("a~b")).isEqualTo("a~0b");
    }

    @Test
    void pointsAtAnAnnotationWithASlashInItsKey() {
      assertThat(
              manifestError(
                  "{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a/b\",\"digest\":\""
                      + EMPTY
                      + "\",\"size\":2},\"annotations\":{\"in-toto.io/predicate-type\":3}}"))
          .hasMessage(
              "manifest X is not a valid OCI image manifest at"
                  + " /annotations/in-toto.io~1predicate-type: expected a string but was a number"
                  + " (3)");
    }
  }
}
