package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.TestImages;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code waterline audit}: one vulnerability across many images, on a layout and a registry. */
class AuditCommandTest {
  static final String CVE = "CVE-2026-4242";
  static final SigningKey KEY = Keys.generate();
  static final SigningKey OTHER = Keys.generate();

  @TempDir static Path keys;
  static Path publicKey;

  final Cli cli = Cli.atFixedTime();

  @BeforeAll
  static void keys() {
    publicKey = keys.resolve("k.pub");
    Keys.writePublicPem(KEY.publicKey(), publicKey);
  }

  static VexDocument notAffected(Digest image, Instant time) {
    return Vex.document("Acme Security <psirt@acme.example>")
        .timestamp(time)
        .statement(
            Vex.notAffected(CVE, "pkg:oci/app@" + image.toString().replace(":", "%3A"))
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
        .build();
  }

  static VexDocument affected(Digest image, Instant time) {
    return Vex.document("Acme Security <psirt@acme.example>")
        .timestamp(time)
        .statement(
            Vex.affected(CVE, "pkg:oci/app@" + image.toString().replace(":", "%3A"), "rebuild"))
        .build();
  }

  static Attestation signed(VexDocument doc, String name, Digest image, SigningKey key) {
    return Attestation.of(
        Attestations.of(doc)
            .subject(name + "@" + image)
            .sign(key)
            .toJson()
            .getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, JsonNode> byImage(JsonNode json) {
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode i : json.path("images")) {
      out.put(i.path("image").asText(), i);
    }
    return out;
  }

  @Nested
  class OnALayout {
    @TempDir Path dir;
    Path layoutDir;
    String repo;
    Digest one;
    Digest two;
    Digest three;

    @BeforeEach
    void images() {
      layoutDir = dir.resolve("layout");
      OciLayout layout = OciLayout.create(layoutDir);
      one = SampleImages.write(layout, "1.0");
      two = SampleImages.write(layout, "2.0", "linux/amd64");
      three = SampleImages.write(layout, "3.0", "linux/arm64");
      repo = "oci:" + layoutDir;
      Attachments on = Attachments.on(layout);
      Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
      // 1.0: affected, then not_affected later: the later one decides
      on.attach("1.0", signed(affected(one, t0), "app", one, KEY));
      on.attach("1.0", signed(notAffected(one, t0.plusSeconds(60)), "app", one, KEY));
      // 2.0: only a statement signed by a key nobody trusts
      on.attach("2.0", signed(notAffected(two, t0), "app", two, OTHER));
      // 3.0: nothing
    }

    @Test
    void answersEachImageWithTheDecidingStatementAndItsSigner() {
      Cli.Result r =
          cli.run(
              "audit",
              "--vuln",
              CVE,
              "--registry-repo",
              repo,
              "--key",
              publicKey.toString(),
              "--format",
              "json");

      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      Map<String, JsonNode> images = byImage(r.json());
      assertThat(images).containsOnlyKeys(repo + ":1.0", repo + ":2.0", repo + ":3.0");
      JsonNode a = images.get(repo + ":1.0");
      assertThat(a.path("digest").asText()).isEqualTo(one.toString());
      assertThat(a.path("status").asText()).isEqualTo("not_affected");
      assertThat(a.path("verified").asBoolean()).isTrue();
      assertThat(a.path("signer").asText()).isEqualTo(KEY.publicKey().keyId());
      assertThat(a.path("statement").path("author").asText())
          .isEqualTo("Acme Security <psirt@acme.example>");
      assertThat(a.path("statement").path("time").asText()).isEqualTo("2026-03-01T00:01:00Z");
      assertThat(a.path("statement").path("justification").asText())
          .isEqualTo("vulnerable_code_not_in_execute_path");

      JsonNode b = images.get(repo + ":2.0");
      assertThat(b.path("status").asText()).isEqualTo("no_statement");
      assertThat(b.path("problems").toString()).contains("UNKNOWN_KEY");

      assertThat(images.get(repo + ":3.0").path("status").asText()).isEqualTo("no_statement");
    }

    @Test
    void textAndMarkdownNameStatusAuthorAndTrust() {
      Cli.Result text =
          cli.run("audit", "--vuln", CVE, repo + ":1.0", "--key", publicKey.toString());
      Cli.Result md =
          cli.run(
              "audit",
              "--vuln",
              CVE,
              repo + ":1.0",
              "--key",
              publicKey.toString(),
              "--format",
              "markdown");

      assertThat(text.code()).as(text.toString()).isEqualTo(0);
      assertThat(text.out())
          .startsWith(repo + ":1.0 " + one + ": not_affected by Acme Security")
          .contains("signed by " + KEY.publicKey().keyId());
      assertThat(md.out()).startsWith("# " + CVE.replace("-", "-") + ": VEX audit\n");
      assertThat(md.out())
          .contains("| not_affected |")
          .contains("justification vulnerable_code_not_in_execute_path |");
    }

    @Test
    void anImagesFileIsReadLineByLineAndABadLineIsNamed() throws Exception {
      Path list =
          Cli.write(dir.resolve("deployed.txt"), "# prod\n" + repo + ":1.0\n\n" + repo + ":3.0\n");
      Cli.Result r =
          cli.run(
              "audit",
              "--vuln",
              CVE,
              "--images",
              list.toString(),
              "--key",
              publicKey.toString(),
              "--format",
              "json");
      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      assertThat(r.json().path("images")).hasSize(2);

      // A pipeline's list on standard input.
      Cli.Result piped =
          cli.runWithInput(
              (repo + ":1.0\n" + repo + ":2.0\n").getBytes(StandardCharsets.UTF_8),
              "audit",
              "--vuln",
              CVE,
              "--images",
              "-",
              "--key",
              publicKey.toString(),
              "--format",
              "json");
      assertThat(piped.code()).as(piped.toString()).isEqualTo(0);
      assertThat(byImage(piped.json())).containsOnlyKeys(repo + ":1.0", repo + ":2.0");

      Path bad = Cli.write(dir.resolve("bad.txt"), repo + ":1.0\nNot An Image!\n");
      Cli.Result refused =
          cli.run(
              "audit", "--vuln", CVE, "--images", bad.toString(), "--key", publicKey.toString());
      assertThat(refused.code()).isEqualTo(2);
      assertThat(refused.err())
          .startsWith("waterline: error: " + bad + ":2: not an image reference");
    }

    @Test
    void aTamperedAttestationMakesTheAnswerUnreadableAndExitsOne() throws Exception {
      Digest layer =
          Attachments.on(OciLayout.open(layoutDir)).fetch("1.0").attestations().get(0).layer();
      Path blob = layoutDir.resolve("blobs/sha256/" + layer.hex());
      byte[] bytes = Files.readAllBytes(blob);
      bytes[bytes.length - 3] ^= 1;
      Files.write(blob, bytes);

      Cli.Result r =
          cli.run(
              "audit",
              "--vuln",
              CVE,
              repo + ":1.0",
              "--key",
              publicKey.toString(),
              "--format",
              "json");

      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      JsonNode a = r.json().path("images").get(0);
      assertThat(a.path("status").asText()).isEqualTo("unreadable");
      assertThat(a.path("error").asText()).contains(layer.toString());
    }

    @Test
    void withNothingTrustedItRefusesToAnswer() {
      Cli.Result r = cli.run("audit", "--vuln", CVE, repo + ":1.0");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("audit needs --key PUB");
    }
  }

  @Nested
  class OnTheRegistry {
    @TempDir static Path regDir;
    static DistributionRegistry server;

    @BeforeAll
    static void start() {
      server = DistributionRegistry.plain(regDir);
    }

    @AfterAll
    static void stop() {
      if (server != null) {
        server.close();
      }
    }

    @Test
    void everyTagOfARepositoryIsAuditedAndAnUnreachableImageIsExitTwo() {
      String repo = "audit/app";
      Digest one = TestImages.push(server, repo, "1.0");
      Digest two = TestImages.push(server, repo, "2.0");
      Registry registry = Registry.of(server.host());
      registry.attach(
          repo + ":1.0",
          signed(notAffected(one, Instant.parse("2026-03-01T00:00:00Z")), repo, one, KEY));

      Cli.Result r =
          cli.run(
              "audit",
              "--vuln",
              CVE,
              "--registry-repo",
              server.host() + "/" + repo,
              "--key",
              publicKey.toString(),
              "--format",
              "json");

      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      Map<String, JsonNode> images = byImage(r.json());
      String base = server.host() + "/" + repo;
      assertThat(images).containsOnlyKeys(base + ":1.0", base + ":2.0");
      assertThat(images.get(base + ":1.0").path("status").asText()).isEqualTo("not_affected");
      assertThat(images.get(base + ":2.0").path("digest").asText()).isEqualTo(two.toString());
      // The harness pushes the same image bytes under both tags: VEX about the digest covers both.
      assertThat(images.get(base + ":2.0").path("status").asText())
          .isEqualTo(two.equals(one) ? "not_affected" : "no_statement");

      Cli.Result gone =
          cli.run("audit", "--vuln", CVE, "127.0.0.1:1/app:1.0", "--key", publicKey.toString());
      assertThat(gone.code()).isEqualTo(2);
      assertThat(gone.out()).startsWith("127.0.0.1:1/app:1.0: fetch_failed");
      assertThat(gone.err()).contains("cannot fetch 127.0.0.1:1/app:1.0");
    }
  }
}
