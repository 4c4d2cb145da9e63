package dev.waterline.vex.oci.internal.registry;

import static dev.waterline.vex.oci.internal.registry.Leaks.USER;
import static dev.waterline.vex.oci.internal.registry.Leaks.assertAbsent;
import static dev.waterline.vex.oci.internal.registry.Leaks.everything;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.store.TagConflictException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one scrubbing place: what it removes, what it leaves alone, and how it rebuilds errors. */
class RegistryErrorsTest {
  final String password = Leaks.password();
  final RegistryErrors errors = new RegistryErrors("registry.example");

  RegistryErrors withCredential() {
    errors.credential(RegistryCredential.of(USER, password));
    return errors;
  }

  @Nested
  class KnownSecrets {
    @Test
    void everyEncodingOfTheConfiguredPasswordIsScrubbed() {
      RegistryErrors e = withCredential();
      for (String form : Leaks.forms(password)) {
        String scrubbed = e.scrub("before " + form + " after");
        assertThat(scrubbed).as(form).startsWith("before ").endsWith(" after").contains("***");
        assertAbsent(scrubbed, password);
      }
    }

    @Test
    void thePasswordInsideALongerBase64TextIsScrubbedAtEveryAlignment() {
      RegistryErrors e = withCredential();
      for (String prefix : new String[] {"", "a", "ab", "abc", "user=alice&password="}) {
        String blob = Leaks.b64(prefix + password + "&rest");
        assertAbsent(e.scrub("blob " + blob), password);
      }
    }

    @Test
    void aPasswordHtmlEscapedOrEscapedTheWayGoWritesJsonIsScrubbed() {
      errors.secret("p<a&ss>\"word'-1234");
      assertThat(errors.scrub("html p&lt;a&amp;ss&gt;&quot;word&#39;-1234."))
          .isEqualTo("html ***.");
      assertThat(errors.scrub("html p&#60;a&#38;ss&#62;&#34;word&#X27;-1234."))
          .isEqualTo("html ***.");
      assertThat(errors.scrub("go p\\u003Ca\\u0026ss\\u003e\\\"word'-1234.")).isEqualTo("go ***.");
    }

    @Test
    void tokensAddedLaterAreScrubbedToo() {
      String token = "opaque-token-" + Long.toHexString(System.nanoTime());
      assertThat(errors.scrub("got " + token)).isEqualTo("got " + token);
      errors.secret(token);
      assertThat(errors.scrub("got " + token)).isEqualTo("got ***");
    }

    @Test
    void aVeryShortSecretIsScrubbedAsItIsButNotItsEncodings() {
      errors.secret("pw1");
      assertThat(errors.scrub("x pw1 y cHcx")).isEqualTo("x *** y cHcx");
    }
  }

  @Nested
  class CredentialShapes {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "Authorization: Basic dXNlcjpwYXNzd29yZA==",
          "{\"Authorization\":[\"Bearer abc.DEF-123\"]}",
          "denied for Bearer 0123456789abcdef",
          "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl",
          "{\"access_token\":\"tok-123\",\"token\":\"tok-456\"}",
          "{\\\"password\\\":\\\"tok-789\\\"}",
          "http://auth.example/x?scope=a&token=tok-123&service=b",
          "https://bob:tok-123@storage.example/blob",
          "https://storage.example/b?X-Amz-Signature=tok-123&X-Amz-Credential=AKIA",
          "Cookie: session=tok-123; other=tok-456",
          "X-Registry-Auth: eyJ1c2VybmFtZSI6ImJvYiJ9tok-1",
          "%7B%22access_token%22%3A%22tok-123%22%7D",
          "https://storage.example/b?sig%3Dtok-123",
          "Authorization%3A%20Basic%20dXNlcjpwYXNzd29yZA%3D%3D"
        })
    void somethingShapedLikeACredentialIsScrubbedWithoutBeingKnown(String text) {
      String scrubbed = errors.serverText(text);
      assertThat(scrubbed)
          .contains("***")
          .doesNotContain("dXNlcjpwYXNzd29yZA", "abc.DEF", "0123456789abcdef", "tok-", "AKIA");
      assertThat(scrubbed).doesNotContain("eyJzdWIiOiJhbGljZSJ9");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "reading the manifest sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
              + " in 127.0.0.1:5000/team/app failed: HTTP 404 MANIFEST_UNKNOWN (manifest unknown)",
          "Basic realm=\"test-realm\"",
          "Bearer realm=\"https://auth.example/token\",service=\"registry.example\"",
          "a Bearer challenge without a realm",
          "the registry asks for a token from http://auth.example/token over plain HTTP",
          "registry-1.docker.io/library/alpine:3.20@sha256:abc"
        })
    void ordinaryMessagesAreLeftAsTheyAre(String text) {
      assertThat(errors.scrub(text)).isEqualTo(text);
      assertThat(errors.serverText(text)).isEqualTo(RegistryErrors.cut(text, 200));
    }

    @Test
    void percentEscapesInServerTextAreShownDecoded() {
      assertThat(errors.serverText("blob%20unknown%3A%20x%2Fy%ZZ%"))
          .isEqualTo("blob unknown: x/y%ZZ%");
      assertThat(errors.serverText("bad %C3%28 utf-8")).isEqualTo("bad %C3%28 utf-8");
      assertThat(errors.serverText("line%0Abreak")).isEqualTo("line\\nbreak");
    }
  }

  @Nested
  class ServerText {
    @Test
    void controlCharactersAnsiEscapesAndBidiOverridesAreEscaped() {
      assertThat(errors.serverText("a\u001b[31mred\nb\r\tc\u0000d\u009be\u202ef\u2028g"))
          .isEqualTo("a\\u001b[31mred\\nb\\r\\tc\\u0000d\\u009be\\u202ef\\u2028g");
    }

    @Test
    void longTextIsCutWithoutSplittingACharacter() {
      String smile = "\uD83D\uDE00";
      String text = "a".repeat(199) + smile + "tail";
      assertThat(errors.serverText(text)).isEqualTo("a".repeat(199) + smile + "…");
      assertThat(errors.serverText("short")).isEqualTo("short");
    }

    @Test
    void errorCodesComeFromTheDistributionErrorBodyScrubbed() {
      RegistryErrors e = withCredential();
      String body =
          "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"no for "
              + Leaks.json(Leaks.basic(password))
              + "\",\"detail\":\""
              + Leaks.json(password)
              + "\"}]}";
      assertThat(e.errorCodes(body.getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(" DENIED (no for Basic ***)");
      assertThat(e.errorCodes("<html>nope</html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
      assertThat(e.hasErrorCode(body.getBytes(StandardCharsets.UTF_8), "DENIED")).isTrue();
    }
  }

  @Nested
  class Exceptions {
    @Test
    void aCleanExceptionIsReturnedAsItIs() {
      OciException clean =
          new OciException("reading the manifest 1.0 failed", new IOException("connection reset"));
      TagConflictException conflict =
          new TagConflictException("registry.example/app", "sha256-ab", null, "another manifest");

      assertThat(errors.scrubbed(clean)).isSameAs(clean);
      assertThat(errors.scrubbed(conflict)).isSameAs(conflict);
    }

    @Test
    void aDirtyMessageFieldOrCauseIsRebuiltScrubbedWithItsStackTrace() {
      RegistryErrors e = withCredential();
      IOException root =
          new IOException("Invalid status line: \"HTTP/1.1 4O3 " + Leaks.basic(password) + "\"");
      OciException dirty =
          new OciException(
              "failed for " + password, "registry.example/app:" + password, null, null, root);
      dirty.addSuppressed(new IllegalStateException("also " + password));

      RuntimeException out = e.scrubbed(dirty);

      assertThat(out).isInstanceOf(OciException.class).hasMessage("failed for ***");
      assertThat(((OciException) out).reference()).contains("registry.example/app:***");
      assertThat(out.getStackTrace()).isEqualTo(dirty.getStackTrace());
      assertThat(out.getCause())
          .hasToString("java.io.IOException: Invalid status line: \"HTTP/1.1 4O3 Basic ***\"");
      assertThat(out.getCause().getStackTrace()).isEqualTo(root.getStackTrace());
      assertThat(out.getSuppressed()).hasSize(1);
      assertAbsent(everything(out), password);
    }
  }
}
