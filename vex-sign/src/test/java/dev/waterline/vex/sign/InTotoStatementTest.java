package dev.waterline.vex.sign;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.ImageName;
import dev.waterline.vex.ImageParseException;
import dev.waterline.vex.VexException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InTotoStatementTest {

  @Nested
  class Payload {
    @Test
    void isCompactAsciiOnlyJsonInFixedFieldOrder() {
      byte[] payload =
          InTotoStatement.of(TestDocs.document(), Subject.parse(TestDocs.IMAGE)).toPayload();
      String text = new String(payload, UTF_8);
      for (byte b : payload) {
        assertThat(b & 0xff).isLessThan(0x80);
      }
      assertThat(text)
          .startsWith(
              "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":"
                  + "\"registry.local/app\",\"digest\":{\"sha256\":\""
                  + TestDocs.DIGEST
                  + "\"}}],\"predicateType\":\"https://openvex.dev/ns\",\"predicate\":{"
                  + "\"@context\":\"https://openvex.dev/ns/v0.2.0\"")
          .contains("\"author\":\"Ren\\u00E9 Exempel <rene@example.com>\"")
          .doesNotContain("\n", " \"");
    }

    @Test
    void roundTripsThroughParseWithThePredicateAsDocument() {
      InTotoStatement st =
          InTotoStatement.of(TestDocs.document(), Subject.parse(TestDocs.IMAGE))
              .withPredicateType(InTotoStatement.PREDICATE_TYPE_OPENVEX_V0_2_0);
      InTotoStatement back = InTotoStatement.parse(st.toPayload());
      assertThat(back).isEqualTo(st);
      assertThat(back.predicate()).isEqualTo(TestDocs.document());
      assertThat(back.predicateType()).isEqualTo("https://openvex.dev/ns/v0.2.0");
      assertThat(back.isOpenVex()).isTrue();
      assertThat(back.toPayload()).isEqualTo(st.toPayload());
    }

    @Test
    void escapesSupplementaryCharactersAsSurrogatePairs() {
      String json =
          "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"ab\"}}],"
              + "\"predicateType\":\"p\",\"predicate\":{\"x\":\"é😀\\u0001\"}}";
      byte[] payload = InTotoStatement.parse(json.getBytes(UTF_8)).toPayload();
      assertThat(new String(payload, UTF_8))
          .isEqualTo(
              "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\"ab\"}}],"
                  + "\"predicateType\":\"p\",\"predicate\":{\"x\":\"\\u00E9\\uD83D\\uDE00\\u0001\"}}");
    }

    @Test
    void needsASubject() {
      assertThatThrownBy(() -> InTotoStatement.of(TestDocs.document()))
          .isInstanceOf(VexException.class)
          .hasMessage("an in-toto statement needs at least one subject (IMAGE@sha256:<hex>)");
    }
  }

  @Nested
  class Reading {
    @Test
    void readsV01AsCosignWritesIt() {
      String json =
          "{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":[{\"name\":\"test-repo\","
              + "\"digest\":{\"sha256\":\"abcdef123456\"}}],\"predicateType\":\"https://openvex.dev/ns\","
              + "\"predicate\":{\"x\":1}}";
      InTotoStatement st = InTotoStatement.parse(json.getBytes(UTF_8));
      assertThat(st.type()).isEqualTo(InTotoStatement.TYPE_V0_1);
      assertThat(st.subjects())
          .containsExactly(new Subject("test-repo", java.util.Map.of("sha256", "abcdef123456")));
      assertThat(st.predicateJson()).isEqualTo("{\"x\":1}");
      assertThat(st.vexDocument()).isEmpty();
    }

    @Test
    void rejectsAnUnknownType() {
      assertThatThrownBy(
              () ->
                  InTotoStatement.parse(
                      "{\"_type\":\"x\",\"subject\":[],\"predicateType\":\"p\"}".getBytes(UTF_8)))
          .hasMessage(
              "in-toto statement: /_type must be 'https://in-toto.io/Statement/v1' or"
                  + " 'https://in-toto.io/Statement/v0.1' but was 'x'");
    }

    @Test
    void rejectsASubjectWithoutDigest() {
      String json =
          "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\"}],"
              + "\"predicateType\":\"p\"}";
      assertThatThrownBy(() -> InTotoStatement.parse(json.getBytes(UTF_8)))
          .hasMessage(
              "in-toto statement: /subject/0/digest must be a non-empty object (algorithm → hex)");
    }
  }

  @Nested
  class Subjects {
    @Test
    void aSubjectAddedTwiceIsListedOnceAndAnotherNameForTheDigestIsKept() {
      String image = "registry.local/app@sha256:" + TestDocs.DIGEST;
      String mirror = "mirror.local/app@sha256:" + TestDocs.DIGEST;
      Attestations twice =
          Attestations.of(TestDocs.document()).subject(image).subject(mirror).subject(image);

      assertThat(twice.statement().subjects())
          .containsExactly(Subject.parse(image), Subject.parse(mirror));
    }

    @Test
    void parsesRepositoryAtDigestDroppingTheTag() {
      Subject s = Subject.parse("registry.local:5000/team/app:1.0@sha256:" + TestDocs.DIGEST);
      assertThat(s.name()).isEqualTo("registry.local:5000/team/app");
      assertThat(s.sha256()).contains(TestDocs.DIGEST);
      assertThat(s).hasToString("registry.local:5000/team/app@sha256:" + TestDocs.DIGEST);
    }

    @Test
    void writesDockerHubNamesInFullAsCosignDoes() {
      String d = "@sha256:" + TestDocs.DIGEST;
      assertThat(Subject.parse("alpine:3.20" + d).name())
          .isEqualTo("index.docker.io/library/alpine");
      assertThat(Subject.parse("acme/app" + d).name()).isEqualTo("index.docker.io/acme/app");
      assertThat(Subject.parse("docker.io/acme/app" + d).name())
          .isEqualTo("index.docker.io/acme/app");
      assertThat(Subject.parse("localhost/app" + d).name()).isEqualTo("localhost/app");
      assertThat(Subject.parse("localhost:5000/app" + d).name()).isEqualTo("localhost:5000/app");
    }

    @Test
    void readsTheNameAsEveryModuleDoes() {
      String d = "@sha256:" + TestDocs.DIGEST;
      for (String ref :
          List.of(
              "alpine",
              "docker.io/alpine",
              "Docker.IO/library/alpine",
              "registry-1.docker.io/alpine")) {
        assertThat(Subject.parse(ref + d).name())
            .as(ref)
            .isEqualTo(ImageName.parse(ref + d).name())
            .isEqualTo("index.docker.io/library/alpine");
      }
      assertThat(Subject.of(ImageName.parse("ghcr.io/acme/app:1.0" + d)))
          .isEqualTo(Subject.parse("ghcr.io/acme/app:1.0" + d))
          .isEqualTo(Subject.of("ghcr.io/acme/app", TestDocs.DIGEST));
    }

    @Test
    void rejectsAnInvalidImageNameSayingWhichPart() {
      String ref = "registry.local/App@sha256:" + TestDocs.DIGEST;
      assertThatThrownBy(() -> Subject.parse(ref))
          .isInstanceOf(ImageParseException.class)
          .hasMessage(
              "invalid image reference \""
                  + ref
                  + "\": the repository name must be lowercase, but has \"App\"");
    }

    @Test
    void ofAnImageNeedsASha256Digest() {
      assertThatThrownBy(() -> Subject.of(ImageName.parse("ghcr.io/acme/app:1.0")))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "subject 'ghcr.io/acme/app:1.0': expected a sha256 digest (sha256:<64 hex>); an"
                  + " attestation names the image by digest");
      assertThatThrownBy(
              () -> Subject.of(ImageName.parse("ghcr.io/acme/app@sha512:" + "ab".repeat(64))))
          .hasMessageStartingWith("subject 'ghcr.io/acme/app@sha512:abab")
          .hasMessageEndingWith(
              ": expected a sha256 digest (sha256:<64 hex>); an attestation"
                  + " names the image by digest");
    }

    @Test
    void withoutDigestSaysHowToGetOne() {
      assertThatThrownBy(() -> Subject.parse("registry.local/app:1.0"))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "subject 'registry.local/app:1.0' has no digest: an attestation names the image by"
                  + " digest (REPOSITORY@sha256:<64 hex>); get it with 'crane digest"
                  + " registry.local/app:1.0' or 'docker buildx imagetools inspect"
                  + " registry.local/app:1.0'");
    }

    @Test
    void rejectsAShortDigest() {
      assertThatThrownBy(() -> Subject.parse("app@sha256:abc"))
          .hasMessage(
              "subject 'app@sha256:abc': expected a sha256 digest of 64 lowercase hex characters but was"
                  + " 'abc'");
    }
  }
}
