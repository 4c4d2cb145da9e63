package dev.waterline.vex.oci;

import static dev.waterline.vex.oci.internal.registry.Leaks.USER;
import static dev.waterline.vex.oci.internal.registry.Leaks.assertAbsent;
import static dev.waterline.vex.oci.internal.registry.Leaks.b64;
import static dev.waterline.vex.oci.internal.registry.Leaks.b64url;
import static dev.waterline.vex.oci.internal.registry.Leaks.everything;
import static dev.waterline.vex.oci.internal.registry.Leaks.hex;
import static dev.waterline.vex.oci.internal.registry.Leaks.json;
import static dev.waterline.vex.oci.internal.registry.Leaks.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.waterline.vex.oci.internal.registry.HostileRegistry;
import dev.waterline.vex.oci.internal.registry.HostileRegistry.Handler;
import dev.waterline.vex.oci.internal.registry.HostileRegistry.Routes;
import dev.waterline.vex.oci.internal.registry.HostileRegistry.TinyImage;
import dev.waterline.vex.oci.internal.registry.Leaks;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Registries that echo what we send them (the {@code Authorization} header, tokens, the password in
 * every encoding) into error bodies, status lines, header values and redirect locations: no
 * message, cause or stack trace shows a secret, and server text is cut and escaped. A real registry
 * cannot be made to echo, so these run against {@link HostileRegistry} on 127.0.0.1.
 */
class RegistrySecretsTest {
  final String password = Leaks.password();
  HostileRegistry server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  Registry registry() {
    return Registry.of(
        server.host(),
        RegistryOptions.builder()
            .withoutDockerConfig()
            .credentials(USER, password)
            .retryDelay(Duration.ofMillis(1))
            .readTimeout(Duration.ofSeconds(5))
            .timeout(Duration.ofSeconds(30))
            .build());
  }

  /** Asks for Basic auth first; answers requests that carry credentials with {@code authed}. */
  static Handler basicThen(Handler authed) {
    return (r, w) -> {
      if (r.authorization().isEmpty()) {
        w.respond(
            401,
            Map.of(
                "WWW-Authenticate", "Basic realm=\"hostile\"", "Content-Type", "application/json"),
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
      } else {
        authed.handle(r, w);
      }
    };
  }

  /** A 403 whose error message and detail are {@code echo} of the request. */
  static Handler denied(Function<HostileRegistry.Seen, String> echo) {
    return (r, w) -> {
      String text = json(echo.apply(r));
      w.respond(
          403,
          Map.of("Content-Type", "application/json"),
          "{\"errors\":[{\"code\":\"DENIED\",\"message\":\""
              + text
              + "\",\"detail\":\""
              + text
              + "\"}]}");
    };
  }

  RuntimeException fetchFailure() {
    return catchThrowableOfType(RuntimeException.class, () -> registry().fetch("app:1.0"));
  }

  @Nested
  class EchoedCredentials {
    @Test
    void anErrorMessageEchoingTheAuthorizationHeaderShowsItAsStars() throws IOException {
      server = HostileRegistry.start(basicThen(denied(r -> "denied for " + r.authorization())));

      RuntimeException e = fetchFailure();

      assertThat(e)
          .isInstanceOf(OciException.class)
          .hasMessage(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/app failed: HTTP 403 DENIED (denied for Basic ***); the credentials of alice"
                  + " for "
                  + server.host()
                  + " were refused");
      assertThat(server.requests().get(1).authorization()).isEqualTo(Leaks.basic(password));
      assertAbsent(everything(e), password);
    }

    @Test
    void thePasswordInEveryUsualEncodingIsScrubbed() throws IOException {
      server =
          HostileRegistry.start(
              basicThen(
                  denied(
                      r ->
                          String.join(
                              " ",
                              "raw=" + password,
                              "url=" + url(password),
                              "twice=" + url(url(password)),
                              "hex=" + hex(password).toUpperCase(java.util.Locale.ROOT),
                              "b64url=" + b64url(USER + ":" + password),
                              "inner=" + b64("user=" + USER + "&pass=" + password + "&end"),
                              "json={\"password\":\"" + json(password) + "\"}"))));

      RuntimeException e = fetchFailure();

      assertThat(e.getMessage()).startsWith("reading the manifest 1.0 in ").contains("raw=***");
      assertAbsent(everything(e), password);
    }

    @Test
    void aStatusLineEchoingTheHeaderIsScrubbed() throws IOException {
      server =
          HostileRegistry.start(
              basicThen((r, w) -> w.raw("HTTP/1.1 4O3 " + r.authorization() + "\r\n\r\n")));

      RuntimeException e = fetchFailure();

      assertThat(e.getMessage())
          .startsWith(
              "could not reach the registry "
                  + server.host()
                  + " (GET /v2/app/manifests/1.0) after 4 attempt(s): ");
      assertAbsent(everything(e), password);
    }

    @Test
    void aTokenRealmAndATokenServerEchoingTheCredentialsAreScrubbed() throws IOException {
      AtomicReference<String> learned = new AtomicReference<>();
      server =
          HostileRegistry.start(
              (r, w) -> {
                String auth = r.authorization();
                if (r.target().startsWith("/t/")) {
                  denied(x -> "no token for " + x.authorization() + " at " + x.target())
                      .handle(r, w);
                } else if (auth.isEmpty()) {
                  basicThen((x, y) -> {}).handle(r, w);
                } else if (learned.get() == null) {
                  learned.set(auth); // the first operation: remember, say nothing is there
                  new Routes().handle(r, w);
                } else {
                  w.respond(
                      401,
                      Map.of(
                          "WWW-Authenticate",
                          "Bearer realm=\"http://"
                              + server.host()
                              + "/t/"
                              + url(learned.get())
                              + "/"
                              + b64(USER + ":" + password)
                              + "\",service=\"hostile\",scope=\""
                              + learned.get()
                              + "\""),
                      "");
                }
              });
      Registry registry = registry();
      assertThat(catchThrowableOfType(OciException.class, () -> registry.fetch("app:1.0")))
          .hasMessage("no image tagged 1.0 in " + server.host() + "/app");

      OciException e = catchThrowableOfType(OciException.class, () -> registry.fetch("app:1.0"));

      assertThat(e.getMessage())
          .startsWith("the token server http://" + server.host() + "/t/")
          .contains(" of the registry " + server.host() + " refused a token for ")
          .contains("HTTP 403 DENIED (no token for Basic *** at /t/")
          .endsWith("; the credentials of alice were refused");
      assertAbsent(everything(e), password);
    }

    @Test
    void aRedirectLocationHoldingTheSecretIsScrubbed() throws IOException {
      Handler api =
          basicThen(
              new Routes()
                  .on(
                      "GET",
                      "/blobs/" + TinyImage.CONFIG_DIGEST,
                      (r, w) ->
                          w.respond(
                              307,
                              Map.of(
                                  "Location",
                                  "http://"
                                      + server.host()
                                      + "/storage/"
                                      + url(password)
                                      + "/"
                                      + b64(USER + ":" + password)
                                      + "?X-Amz-Signature="
                                      + url(password)),
                              ""))
                  .image("app", "1.0"));
      server =
          HostileRegistry.start(
              (r, w) -> {
                if (r.target().startsWith("/storage/")) {
                  // the storage backend gets no credentials: it echoes the URL it was sent to
                  w.raw("HTTP/1.1 5O3 " + r.target() + "\r\n\r\n");
                } else {
                  api.handle(r, w);
                }
              });

      RuntimeException e =
          catchThrowableOfType(
              RuntimeException.class, () -> registry().imageConfig("app:1.0", "linux/amd64"));

      assertThat(e.getMessage())
          .startsWith(
              "could not reach the registry "
                  + server.host()
                  + " (GET http://"
                  + server.host()
                  + "/storage/***/***) after 4 attempt(s): ");
      assertThat(server.requests()).anySatisfy(r -> assertThat(r.target()).startsWith("/storage/"));
      assertAbsent(everything(e), password);
    }

    @Test
    void aDigestHeaderEchoedOnAttachIsScrubbed() throws IOException {
      server =
          HostileRegistry.start(
              basicThen(
                  new Routes()
                      .on(
                          "PUT",
                          "/manifests/",
                          (r, w) ->
                              w.respond(
                                  201, Map.of("Docker-Content-Digest", r.authorization()), ""))
                      .image("app", "1.0")));
      Digest subject = Digest.parse(TinyImage.DIGEST);

      OciException e =
          catchThrowableOfType(
              OciException.class,
              () ->
                  registry()
                      .attach(
                          "app:1.0",
                          Fixtures.statementAttestation(subject, "echo"),
                          AttachmentLayout.STATEMENT_REFERRER));

      assertThat(e.getMessage())
          .startsWith("the registry stored the manifest sha256:")
          .endsWith(" in " + server.host() + "/app as Basic ***: it changed the bytes");
      assertAbsent(everything(e), password);
    }

    @Test
    void bearerTokensEchoedBackAreScrubbed() throws IOException {
      String jwt =
          b64url("{\"alg\":\"ES256\",\"typ\":\"JWT\"}")
              + "."
              + b64url("{\"sub\":\"alice\",\"n\":\"" + password + "\"}")
              + ".c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
      String opaque = "opaque-" + Long.toHexString(System.nanoTime()) + "-token";
      for (String token : List.of(jwt, opaque)) {
        server =
            HostileRegistry.start(
                (r, w) -> {
                  if (r.target().startsWith("/token")) {
                    w.respond(
                        200,
                        Map.of("Content-Type", "application/json"),
                        "{\"token\":\"" + token + "\",\"expires_in\":300}");
                  } else if (!r.authorization().startsWith("Bearer ")) {
                    w.respond(
                        401,
                        Map.of(
                            "WWW-Authenticate",
                            "Bearer realm=\"http://" + server.host() + "/token\",service=\"h\""),
                        "");
                  } else {
                    denied(
                            x ->
                                "denied for "
                                    + x.authorization()
                                    + " token="
                                    + token
                                    + " {\"access_token\":\""
                                    + token
                                    + "\"}")
                        .handle(r, w);
                  }
                });

        RuntimeException e = fetchFailure();

        assertThat(e.getMessage())
            .startsWith(
                "reading the manifest 1.0 in " + server.host() + "/app failed: HTTP 403 DENIED")
            .contains("denied for Bearer ***");
        assertAbsent(everything(e), password, token);
        server.close();
        server = null;
      }
    }

    @Test
    void aTokenServerAnswerThatIsNotJsonIsNotQuoted() throws IOException {
      server =
          HostileRegistry.start(
              (r, w) -> {
                if (r.target().startsWith("/token")) {
                  w.respond(200, Map.of(), "{\"token\":\"" + r.authorization() + "\" broken");
                } else {
                  w.respond(
                      401,
                      Map.of(
                          "WWW-Authenticate",
                          "Bearer realm=\"http://" + server.host() + "/token\",service=\"h\""),
                      "");
                }
              });

      RuntimeException e = fetchFailure();

      assertThat(e)
          .hasMessage(
              "the token server http://"
                  + server.host()
                  + "/token of "
                  + server.host()
                  + " answered with something that is not JSON")
          .hasNoCause();
      assertAbsent(everything(e), password);
    }

    @Test
    void aManifestQuotingTheHeaderIsScrubbed() throws IOException {
      server =
          HostileRegistry.start(
              basicThen(
                  new Routes()
                      .on(
                          "GET",
                          "/manifests/1\\.0$",
                          (r, w) ->
                              w.respond(
                                  200,
                                  Map.of("Content-Type", TinyImage.MEDIA_TYPE),
                                  "{\"schemaVersion\":2,\"mediaType\":\""
                                      + r.authorization()
                                      + "\",\"config\":{},\"layers\":[]}"))));

      String shown;
      try {
        FetchResult r = registry().fetch("app:1.0");
        shown = r.problems() + " " + r;
      } catch (RuntimeException e) {
        shown = everything(e);
      }

      assertAbsent(shown, password);
    }
  }

  @Nested
  class ServerText {
    @Test
    void controlCharactersAndAnsiEscapesAreEscaped() throws IOException {
      server =
          HostileRegistry.start(
              denied(r -> "\u001b[2J\u001b[31mforged\nwaterline: error: all good\r\u0007"));

      RuntimeException e =
          catchThrowableOfType(
              RuntimeException.class,
              () ->
                  Registry.of(
                          server.host(), RegistryOptions.builder().withoutDockerConfig().build())
                      .fetch("app:1.0"));

      assertThat(e.getMessage())
          .isEqualTo(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/app failed: HTTP 403 DENIED (\\u001b[2J\\u001b[31mforged\\nwaterline: error:"
                  + " all good\\r\\u0007); no credentials are configured for "
                  + server.host()
                  + " (RegistryOptions.credentials, or docker login)")
          .doesNotContain("\u001b", "\n", "\r");
    }

    @Test
    void longErrorTextIsCutAndOnlyFiveErrorsAreListed() throws IOException {
      String longText = "x".repeat(10_000);
      StringBuilder errors = new StringBuilder();
      for (int i = 0; i < 8; i++) {
        errors
            .append(i == 0 ? "" : ",")
            .append("{\"code\":\"E")
            .append(i)
            .append("\",\"message\":\"")
            .append(i == 0 ? longText : "m")
            .append("\"}");
      }
      server =
          HostileRegistry.start(
              (r, w) ->
                  w.respond(
                      400,
                      Map.of("Content-Type", "application/json"),
                      "{\"errors\":[" + errors + "]}"));

      RuntimeException e = fetchFailure();

      assertThat(e.getMessage())
          .isEqualTo(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/app failed: HTTP 400 E0 ("
                  + "x".repeat(200)
                  + "…), E1 (m), E2 (m), E3 (m), E4 (m), and 3 more");
    }
  }
}
