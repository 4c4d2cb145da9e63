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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code waterline export}: attestations and files to Trivy's and Grype's suppressions. */
class ExportCommandTest {
  static final SigningKey KEY = Keys.generate();
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final String NET = "pkg:golang/golang.org/x/net@v0.7.0";

  @TempDir static Path keys;
  static Path publicKey;

  final Cli cli = Cli.atFixedTime();

  @BeforeAll
  static void keys() {
    publicKey = keys.resolve("k.pub");
    Keys.writePublicPem(KEY.publicKey(), publicKey);
  }

  static String purl(Digest image) {
    return "pkg:oci/app@" + image.toString().replace(":", "%3A");
  }

  /** not_affected for x/net, affected for another CVE. */
  static VexDocument vex(Digest image) {
    return Vex.document("Acme Security <psirt@acme.example>")
        .timestamp(T0)
        .statement(
            Vex.notAffected("CVE-2023-44487", purl(image))
                .subcomponent(NET)
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
        .statement(Vex.affected("CVE-2024-24790", purl(image), "Rebuild with Go 1.22.4"))
        .build();
  }

  static Attestation signed(VexDocument doc, String name, Digest image) {
    return Attestation.of(
        Attestations.of(doc)
            .subject(name + "@" + image)
            .sign(KEY)
            .toJson()
            .getBytes(StandardCharsets.UTF_8));
  }

  @Nested
  class OnALayout {
    @TempDir Path dir;
    String image;
    Digest digest;

    @BeforeEach
    void image() {
      OciLayout layout = OciLayout.create(dir.resolve("layout"));
      digest = SampleImages.write(layout, "1.0");
      image = "oci:" + dir.resolve("layout") + ":1.0";
      Attachments.on(layout).attach("1.0", signed(vex(digest), "app", digest));
    }

    @Test
    void trivyIgnoreFromTheVerifiedAttestationsGoesToTheFile() throws IOException {
      Path out = dir.resolve(".trivyignore.yaml");
      Cli.Result r =
          cli.run(
              "export",
              image,
              "--key",
              publicKey.toString(),
              "--to",
              "trivy-ignore",
              "--file",
              out.toString());

      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      String yaml = Files.readString(out);
      assertThat(yaml)
          .contains("  - id: \"CVE-2023-44487\"\n" + "    purls:\n" + "      - \"" + NET + "\"\n")
          .doesNotContain("CVE-2024-24790");
      assertThat(r.outLines())
          .containsExactly(
              "1 statement exported to " + out + ", 1 left out",
              "  exported  CVE-2023-44487 in " + purl(digest) + " (" + NET + "): not_affected",
              "  left out  CVE-2024-24790 in "
                  + purl(digest)
                  + ": affected: not exported (scanners suppress only not_affected and fixed)");
    }

    @Test
    void anUnsignedAttestationIsLeftOutUnlessAcceptedAndTheReasonIsRecorded() {
      OciLayout layout = OciLayout.open(dir.resolve("layout"));
      Attachments.on(layout)
          .attach(
              "1.0",
              Attestation.of(
                  Attestations.of(vex(digest)).subject("app@" + digest).statement().toPayload()));

      Cli.Result plain =
          cli.run("export", image, "--key", publicKey.toString(), "--to", "grype-ignore");
      assertThat(plain.code()).as(plain.toString()).isEqualTo(0);
      assertThat(plain.err()).contains(" is unsigned: left out (--accept-unsigned REASON uses it)");
      assertThat(plain.err()).doesNotContain("waterline: note:");

      Cli.Result accepted =
          cli.run(
              "export",
              image,
              "--key",
              publicKey.toString(),
              "--to",
              "grype-ignore",
              "--accept-unsigned",
              "  pushed by our own CI  ");
      assertThat(accepted.code()).as(accepted.toString()).isEqualTo(0);
      assertThat(accepted.err())
          .contains(" is unsigned: used for --accept-unsigned \"pushed by our own CI\"")
          .doesNotContain("left out (--accept-unsigned");
      assertThat(accepted.out()).contains("CVE-2023-44487");
    }

    @Test
    void withoutAKeyTheSignedAttestationIsLeftOutAndNothingIsExported() {
      Cli.Result r = cli.run("export", image, "--to", "grype-ignore");

      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      assertThat(r.out()).contains("ignore: []\n");
      assertThat(r.err()).contains("is signed; without a trusted key").contains("0 statements");
    }

    @Test
    void grypeIgnoreNamesThePackageByNameVersionAndType() {
      Cli.Result r =
          cli.run("export", image, "--key", publicKey.toString(), "--to", "grype-ignore");

      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      assertThat(r.out())
          .contains("  - vulnerability: \"CVE-2023-44487\"\n" + "    include-aliases: true\n")
          .contains(
              "    package:\n"
                  + "      name: \"golang.org/x/net\"\n"
                  + "      version: \"v0.7.0\"\n"
                  + "      type: \"go-module\"\n");
      assertThat(r.err()).startsWith("waterline: 1 statement exported, 1 left out");
    }

    @Test
    void vexRepoOfALayoutImageNeedsTheRepositoryForItsIndex() throws IOException {
      Path site = dir.resolve("site");
      Cli.Result without =
          cli.run(
              "export",
              image,
              "--key",
              publicKey.toString(),
              "--to",
              "vex-repo",
              "--dir",
              site.toString(),
              "--base-url",
              "https://vex.example.com/");
      assertThat(without.code()).as(without.toString()).isEqualTo(0);
      assertThat(without.out()).contains("0 statements exported").contains("repository");

      Cli.Result with =
          cli.run(
              "export",
              image,
              "--key",
              publicKey.toString(),
              "--to",
              "vex-repo",
              "--dir",
              site.toString(),
              "--base-url",
              "https://vex.example.com/",
              "--repository-url",
              "registry.example/team/app",
              "--format",
              "json");

      assertThat(with.code()).as(with.toString()).isEqualTo(0);
      JsonNode json = with.json();
      assertThat(json.path("exported")).hasSize(1);
      JsonNode index = Cli.MAPPER.readTree(site.resolve("vex-repository/index.json").toFile());
      assertThat(index.path("updated_at").asText()).isEqualTo(Cli.EPOCH_RFC3339);
      assertThat(index.path("packages").get(0).path("id").asText())
          .isEqualTo("pkg:oci/app?repository_url=registry.example/team/app");
      assertThat(index.path("packages").get(0).path("location").asText())
          .isEqualTo("pkg/oci/registry.example/team/app/vex.json");
      JsonNode manifest =
          Cli.MAPPER.readTree(site.resolve(".well-known/vex-repository.json").toFile());
      assertThat(manifest.path("versions").get(0).path("locations").get(0).path("url").asText())
          .isEqualTo("https://vex.example.com/vex-repository.tar.gz");
      assertThat(site.resolve("vex-repository.tar.gz")).isRegularFile();
      assertThat(site.resolve("vex-repository/pkg/oci/registry.example/team/app/vex.json"))
          .isRegularFile();
    }

    @Test
    void anEarlierExportIsReplacedAndTheSameInputGivesTheSameBytes() throws IOException {
      Path site = dir.resolve("site");
      String[] args = {
        "export",
        image,
        "--key",
        publicKey.toString(),
        "--to",
        "vex-repo",
        "--dir",
        site.toString(),
        "--base-url",
        "https://vex.example.com/",
        "--repository-url",
        "registry.example/old/app"
      };
      assertThat(cli.run(args).code()).isEqualTo(0);
      byte[] first = Files.readAllBytes(site.resolve("vex-repository.tar.gz"));
      assertThat(cli.run(args).code()).isEqualTo(0);
      assertThat(site.resolve("vex-repository.tar.gz")).hasBinaryContent(first);

      args[args.length - 1] = "registry.example/new/app";
      Cli.Result r = cli.run(args);

      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      assertThat(site.resolve("vex-repository/pkg/oci/registry.example/new/app/vex.json"))
          .isRegularFile();
      assertThat(site.resolve("vex-repository/pkg/oci/registry.example/old")).doesNotExist();
    }

    @Test
    void aNonEmptyDirectoryThatHoldsNoExportIsRefused() throws IOException {
      Path site = Files.createDirectories(dir.resolve("site"));
      Files.writeString(site.resolve("index.html"), "hello");

      Cli.Result r =
          cli.run(
              "export",
              image,
              "--key",
              publicKey.toString(),
              "--to",
              "vex-repo",
              "--dir",
              site.toString(),
              "--base-url",
              "https://vex.example.com/");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: --dir "
                  + site
                  + " is not empty and holds no earlier export (no"
                  + " .well-known/vex-repository.json): choose an empty directory\n");
      assertThat(site.resolve("index.html")).hasContent("hello");
    }
  }

  @Nested
  class FromFiles {
    @TempDir Path dir;

    @Test
    void theIgnoreFileGoesToStdoutAndTheSummaryToStderr() throws IOException {
      Digest d = Digest.parse("sha256:" + "ab".repeat(32));
      Path file = dir.resolve("app.openvex.json");
      Files.writeString(file, vex(d).toJson());

      Cli.Result r = cli.run("export", "--vex", file.toString(), "--to", "trivy-ignore");

      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      assertThat(r.out()).startsWith("# Trivy ignore file").contains("CVE-2023-44487");
      assertThat(r.err()).startsWith("waterline: 1 statement exported, 1 left out\n");
    }

    @Test
    void badInputIsExitTwoNamingWhat() throws IOException {
      Path missing = dir.resolve("missing.json");
      assertThat(cli.run("export", "--vex", missing.toString(), "--to", "trivy-ignore").code())
          .isEqualTo(2);
      Cli.Result target = cli.run("export", "--vex", missing.toString(), "--to", "snyk");
      assertThat(target.code()).isEqualTo(2);
      assertThat(target.err()).contains("'snyk' is not an export target");
      Cli.Result none = cli.run("export", "--to", "trivy-ignore");
      assertThat(none.code()).isEqualTo(2);
      assertThat(none.err()).contains("give IMAGE, --vex FILE, or both");
      Path file = dir.resolve("app.openvex.json");
      Files.writeString(file, vex(Digest.parse("sha256:" + "ab".repeat(32))).toJson());
      Cli.Result repo = cli.run("export", "--vex", file.toString(), "--to", "vex-repo");
      assertThat(repo.code()).isEqualTo(2);
      assertThat(repo.err()).contains("--to vex-repo needs --dir DIR and --base-url URL");
      Cli.Result url =
          cli.run(
              "export",
              "--vex",
              file.toString(),
              "--to",
              "vex-repo",
              "--dir",
              dir.resolve("site").toString(),
              "--base-url",
              "ftp://x");
      assertThat(url.code()).isEqualTo(2);
      assertThat(url.err()).contains("--base-url: the VEX repository's base URL must be");
      Cli.Result json =
          cli.run("export", "--vex", file.toString(), "--to", "trivy-ignore", "--format", "json");
      assertThat(json.code()).isEqualTo(2);
      assertThat(json.err()).contains("give --file");
      Files.writeString(dir.resolve("bad.json"), "{\"@context\": 1}");
      Cli.Result bad =
          cli.run("export", "--vex", dir.resolve("bad.json").toString(), "--to", "trivy-ignore");
      assertThat(bad.code()).isEqualTo(2);
      assertThat(bad.err()).contains("bad.json");
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
    void vexRepoNamesTheImageByItsRepository(@TempDir Path site) throws IOException {
      String repo = "export/app";
      Digest d = TestImages.push(server, repo, "1.0");
      Registry.of(server.host()).attach(repo + ":1.0", signed(vex(d), repo, d));

      Cli.Result r =
          cli.run(
              "export",
              server.host() + "/" + repo + ":1.0",
              "--key",
              publicKey.toString(),
              "--to",
              "vex-repo",
              "--dir",
              site.toString(),
              "--base-url",
              "https://vex.example.com/app");

      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      JsonNode index = Cli.MAPPER.readTree(site.resolve("vex-repository/index.json").toFile());
      assertThat(index.path("packages").get(0).path("id").asText())
          .isEqualTo("pkg:oci/app?repository_url=" + server.host() + "/" + repo);
      String location = index.path("packages").get(0).path("location").asText();
      assertThat(location)
          .isEqualTo("pkg/oci/" + server.host().replace(":", "%3A") + "/export/app/vex.json");
      JsonNode doc = Cli.MAPPER.readTree(site.resolve("vex-repository/" + location).toFile());
      assertThat(doc.path("statements").get(0).path("products").get(0).path("@id").asText())
          .isEqualTo(purl(d));
      JsonNode manifest =
          Cli.MAPPER.readTree(site.resolve(".well-known/vex-repository.json").toFile());
      assertThat(manifest.path("versions").get(0).path("locations").get(0).path("url").asText())
          .isEqualTo("https://vex.example.com/app/vex-repository.tar.gz");
    }
  }
}
