package dev.waterline.cli;

import static dev.waterline.vex.oci.internal.registry.Leaks.USER;
import static dev.waterline.vex.oci.internal.registry.Leaks.assertAbsent;
import static dev.waterline.vex.oci.internal.registry.Leaks.b64;
import static dev.waterline.vex.oci.internal.registry.Leaks.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.oci.internal.registry.HostileRegistry;
import dev.waterline.vex.oci.internal.registry.HostileRegistry.Handler;
import dev.waterline.vex.oci.internal.registry.HostileRegistry.Routes;
import dev.waterline.vex.oci.internal.registry.HostileRegistry.TinyImage;
import dev.waterline.vex.oci.internal.registry.Leaks;
import dev.waterline.vex.sign.Attestations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verbs that talk to registries, against registries that echo the credentials they are sent or
 * never answer (in-process {@link HostileRegistry} servers on 127.0.0.1; a real registry can be
 * made to do neither): the password never reaches stdout or stderr, with or without {@code
 * --verbose}; a hung registry fails the command within {@code --timeout} with exit 2 and one line
 * naming the registry and what was being read.
 */
class HostileRegistryCommandTest {
  /** Far above every timeout set here: a command slower than this hung. */
  static final Duration DID_NOT_HANG = Duration.ofSeconds(25);

  @TempDir Path dir;
  final String password = Leaks.password();
  HostileRegistry server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  /** A CLI whose Docker config holds {@code alice}'s password for the server. */
  Cli withCredentials() {
    Path config = dir.resolve("docker");
    Cli.write(
        config.resolve("config.json"),
        "{\"auths\":{\""
            + server.host()
            + "\":{\"auth\":\""
            + b64(USER + ":" + password)
            + "\"}}}");
    return Cli.atFixedTime().env("DOCKER_CONFIG", config.toString());
  }

  /** Asks for Basic auth, then answers with {@code authed}. */
  static Handler basicThen(Handler authed) {
    return (r, w) -> {
      if (r.authorization().isEmpty()) {
        w.respond(401, Map.of("WWW-Authenticate", "Basic realm=\"hostile\""), "");
      } else {
        authed.handle(r, w);
      }
    };
  }

  /** A 403 whose error message echoes the request's {@code Authorization} header. */
  static Handler deniedEchoing() {
    return (r, w) ->
        w.respond(
            403,
            Map.of("Content-Type", "application/json"),
            "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"denied for "
                + json(r.authorization())
                + "\",\"detail\":\""
                + json(r.authorization())
                + "\"}]}");
  }

  void assertNothingLeaks(Cli.Result r) {
    assertAbsent(r.out(), password);
    assertAbsent(r.err(), password);
    assertThat(r.err()).doesNotContain("\u001b");
  }

  Path statementAboutTheTinyImage() {
    byte[] payload =
        Attestations.of(
                Vex.document("Acme Security <psirt@acme.example>")
                    .statement(
                        Vex.notAffected("CVE-2026-0001", "pkg:oci/app")
                            .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
                    .build())
            .subject(server.host() + "/app@" + TinyImage.DIGEST)
            .statement()
            .toPayload();
    return Cli.write(dir.resolve("vex.intoto.json"), new String(payload, StandardCharsets.UTF_8));
  }

  @Nested
  class EchoedCredentials {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void fetchNeverPrintsThePassword(boolean verbose) throws IOException {
      server = HostileRegistry.start(basicThen(deniedEchoing()));
      Cli cli = withCredentials();
      String image = server.host() + "/app:1.0";

      Cli.Result r =
          verbose
              ? cli.run("fetch", image, "--accept-unsigned", "test", "--verbose")
              : cli.run("fetch", image, "--accept-unsigned", "test");

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err())
          .as(r.toString())
          .contains(
              "waterline: error: cannot fetch "
                  + image
                  + ": reading the manifest 1.0 in "
                  + server.host()
                  + "/app failed: HTTP 403 DENIED (denied for Basic ***); the credentials of alice"
                  + " for "
                  + server.host()
                  + " were refused");
      assertThat(server.requests()).anySatisfy(x -> assertThat(x.authorization()).isNotEmpty());
      assertNothingLeaks(r);
    }

    @Test
    void fetchAsJsonNeverPrintsThePassword() throws IOException {
      server = HostileRegistry.start(basicThen(deniedEchoing()));

      Cli.Result r =
          withCredentials()
              .run(
                  "fetch",
                  server.host() + "/app:1.0",
                  "--accept-unsigned",
                  "test",
                  "--format",
                  "json");

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.out() + r.err()).contains("denied for Basic ***");
      assertNothingLeaks(r);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void attachNeverPrintsThePassword(boolean verbose) throws IOException {
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
      Path statement = statementAboutTheTinyImage();
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "attach",
                  server.host() + "/app:1.0",
                  statement.toString(),
                  "--layout",
                  "statement-referrer"));
      if (verbose) {
        args.add("--verbose");
      }

      Cli.Result r = withCredentials().run(args.toArray(String[]::new));

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines().get(0))
          .startsWith("waterline: error: the registry stored the manifest sha256:")
          .endsWith(" in " + server.host() + "/app as Basic ***: it changed the bytes");
      if (!verbose) {
        assertThat(r.errLines()).hasSize(1);
      }
      assertNothingLeaks(r);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void triageVexFromNeverPrintsThePassword(boolean verbose) throws IOException {
      server = HostileRegistry.start(basicThen(deniedEchoing()));
      Path report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "triage",
                  "--report",
                  report.toString(),
                  "--vex-from",
                  server.host() + "/app:1.0",
                  "--accept-unsigned",
                  "test"));
      if (verbose) {
        args.add("--verbose");
      }

      Cli.Result r = withCredentials().run(args.toArray(String[]::new));

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err()).contains("denied for Basic ***");
      assertNothingLeaks(r);
    }
  }

  @Nested
  class Timeouts {
    long started;

    Cli.Result timed(Cli cli, String... args) {
      started = System.nanoTime();
      Cli.Result r = cli.run(args);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DID_NOT_HANG);
      return r;
    }

    @Test
    void fetchFromASilentRegistryFailsAtTheTimeoutWithOneLine() throws IOException {
      server = HostileRegistry.silent();
      String image = server.host() + "/app:1.0";

      Cli.Result r =
          timed(Cli.atFixedTime(), "fetch", image, "--accept-unsigned", "test", "--timeout", "1s");

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: cannot fetch "
                  + image
                  + ": reading the manifest 1.0 in "
                  + server.host()
                  + "/app timed out: the deadline of 1s for the whole operation passed while"
                  + " waiting for the registry "
                  + server.host()
                  + " (RegistryOptions.timeout, waterline --timeout)\n");
    }

    @Test
    void fetchByDigestNamesTheManifestDigest() throws IOException {
      server = HostileRegistry.silent();
      String image = server.host() + "/app@" + TinyImage.DIGEST;

      Cli.Result r =
          timed(
              Cli.atFixedTime(), "fetch", image, "--accept-unsigned", "test", "--timeout", "800ms");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .singleElement()
          .asString()
          .contains(
              "reading the manifest "
                  + TinyImage.DIGEST
                  + " in "
                  + server.host()
                  + "/app timed out");
    }

    @Test
    void attachToASilentRegistryFailsAtTheTimeout() throws IOException {
      server = HostileRegistry.silent();
      Path statement = statementAboutTheTinyImage();

      Cli.Result r =
          timed(
              Cli.atFixedTime(),
              "attach",
              server.host() + "/app:1.0",
              statement.toString(),
              "--timeout",
              "1s");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .singleElement()
          .asString()
          .startsWith("waterline: error: ")
          .contains(
              "reading the manifest 1.0 in "
                  + server.host()
                  + "/app timed out: the deadline of 1s for the whole operation passed");
    }

    @Test
    void triageVexFromASilentRegistryFailsAtTheTimeout() throws IOException {
      server = HostileRegistry.silent();
      Path report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);

      Cli.Result r =
          timed(
              Cli.atFixedTime(),
              "triage",
              "--report",
              report.toString(),
              "--vex-from",
              server.host() + "/app:1.0",
              "--accept-unsigned",
              "test",
              "--timeout",
              "1s");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .contains("reading the manifest 1.0 in " + server.host() + "/app timed out");
    }

    @Test
    void embedListFromASilentRegistryFailsAtTheTimeout() throws IOException {
      server = HostileRegistry.silent();

      Cli.Result r =
          timed(
              Cli.atFixedTime(), "embed", "--list", server.host() + "/app:1.0", "--timeout", "1s");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .singleElement()
          .asString()
          .startsWith("waterline: error: ")
          .contains("reading the manifest 1.0 in " + server.host() + "/app timed out");
    }
  }

  @Nested
  class TimeoutFlag {
    @ParameterizedTest
    @ValueSource(strings = {"attach", "attest", "fetch", "triage", "embed"})
    void everyVerbThatTalksToARegistryHasIt(String verb) {
      Cli.Result r = Cli.atFixedTime().run(verb, "--help");
      assertThat(r.out()).contains("--timeout=DURATION").contains("e.g. 30s, 2m, 1m30s");
    }

    @Test
    void badDurationsAreUsageErrors() {
      Cli.Result bare = Cli.atFixedTime().run("fetch", "x/app:1.0", "--timeout", "30");
      Cli.Result zero = Cli.atFixedTime().run("fetch", "x/app:1.0", "--timeout", "0s");
      Cli.Result long_ = Cli.atFixedTime().run("fetch", "x/app:1.0", "--timeout", "25h");

      assertThat(bare.code()).isEqualTo(2);
      assertThat(bare.err())
          .isEqualTo(
              "waterline: error: Invalid value for option '--timeout': '30' is not a duration;"
                  + " expected a number and a unit (ms, s, m, h), e.g. 30s, 2m or 1m30s (see"
                  + " 'waterline fetch --help')\n");
      assertThat(zero.err())
          .contains("'0s' is out of range; the timeout must be above 0 and at most 24h");
      assertThat(long_.err())
          .contains("'25h' is out of range; the timeout must be above 0 and at most 24h");
    }

    @Test
    void durationsParse() {
      RegistryOption.DurationConverter c = new RegistryOption.DurationConverter();
      assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
      assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
      assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
      assertThat(c.convert("1m30s")).isEqualTo(Duration.ofSeconds(90));
      assertThat(c.convert("1H")).isEqualTo(Duration.ofHours(1));
      assertThat(c.convert("PT45S")).isEqualTo(Duration.ofSeconds(45));
    }
  }
}
