package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateCommandTest {
  private final Cli cli = Cli.atFixedTime();

  @TempDir Path dir;

  private Cli.Result createNotAffected(String... more) {
    String[] base = {
      "create",
      "--product",
      Fixtures.APP,
      "--vuln",
      "CVE-2023-44487",
      "--status",
      "not_affected",
      "--justification",
      "vulnerable_code_not_in_execute_path",
      "--author",
      "Acme Security <psirt@acme.example>"
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return cli.run(all);
  }

  @Nested
  class HappyPath {
    @Test
    void writesAV020DocumentWithOneStatementToStdout() {
      Cli.Result r = createNotAffected();
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.err()).isEmpty();
      JsonNode doc = r.json();
      assertThat(doc.path("@context").asText()).isEqualTo("https://openvex.dev/ns/v0.2.0");
      assertThat(doc.path("@id").asText())
          .matches("https://openvex\\.dev/docs/public/vex-[0-9a-f]{64}");
      assertThat(doc.path("author").asText()).isEqualTo("Acme Security <psirt@acme.example>");
      assertThat(doc.path("timestamp").asText()).isEqualTo(Cli.EPOCH_RFC3339);
      assertThat(doc.path("version").asInt()).isEqualTo(1);
      assertThat(doc.path("statements")).hasSize(1);
      JsonNode st = doc.path("statements").get(0);
      assertThat(st.path("vulnerability").path("name").asText()).isEqualTo("CVE-2023-44487");
      assertThat(st.path("products").get(0).path("@id").asText()).isEqualTo(Fixtures.APP);
      assertThat(st.path("status").asText()).isEqualTo("not_affected");
      assertThat(st.path("justification").asText())
          .isEqualTo("vulnerable_code_not_in_execute_path");
      assertThat(st.path("timestamp").asText()).isEqualTo(Cli.EPOCH_RFC3339);
    }

    @Test
    void isReproducibleUnderSourceDateEpoch() {
      Cli.Result a = createNotAffected();
      Cli.Result b = createNotAffected();
      assertThat(a.code()).isZero();
      assertThat(a.out()).isEqualTo(b.out());
      Cli.Result rfc =
          Cli.atRealTime()
              .env("SOURCE_DATE_EPOCH", Cli.EPOCH_RFC3339)
              .run(
                  "create",
                  "--product",
                  Fixtures.APP,
                  "--vuln",
                  "CVE-2023-44487",
                  "--status",
                  "not_affected",
                  "--justification",
                  "vulnerable_code_not_in_execute_path",
                  "--author",
                  "Acme Security <psirt@acme.example>");
      assertThat(rfc.out()).isEqualTo(a.out());
    }

    @Test
    void acceptsVexctlPositionalArguments() {
      Cli.Result r = cli.run("create", Fixtures.APP, "CVE-2023-44487", "fixed");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode st = r.json().path("statements").get(0);
      assertThat(st.path("status").asText()).isEqualTo("fixed");
      assertThat(st.path("vulnerability").path("name").asText()).isEqualTo("CVE-2023-44487");
      assertThat(r.json().path("author").asText()).isEqualTo("Unknown Author");
    }

    @Test
    void writesEveryStatementFlag() {
      Cli.Result r =
          cli.run(
              "create",
              "-p",
              Fixtures.APP,
              "-v",
              "CVE-2023-44487",
              "-s",
              "not_affected",
              "--impact-statement",
              "The HTTP/2 server is disabled.",
              "--aliases",
              "GHSA-qppj-fm5r-hxr3",
              "--subcomponents",
              "pkg:golang/golang.org/x/net@v0.7.0",
              "--status-note",
              "Checked by the platform team.",
              "--author-role",
              "Document Creator",
              "--id",
              "https://example.com/vex/1");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode doc = r.json();
      assertThat(doc.path("@id").asText()).isEqualTo("https://example.com/vex/1");
      assertThat(doc.path("role").asText()).isEqualTo("Document Creator");
      JsonNode st = doc.path("statements").get(0);
      assertThat(st.path("vulnerability").path("aliases").get(0).asText())
          .isEqualTo("GHSA-qppj-fm5r-hxr3");
      assertThat(st.path("products").get(0).path("subcomponents").get(0).path("@id").asText())
          .isEqualTo("pkg:golang/golang.org/x/net@v0.7.0");
      assertThat(st.path("impact_statement").asText()).isEqualTo("The HTTP/2 server is disabled.");
      assertThat(st.path("status_notes").asText()).isEqualTo("Checked by the platform team.");
      assertThat(st.has("justification")).isFalse();
    }

    @Test
    void givesAffectedVexctlsDefaultActionStatement() {
      Cli.Result r = cli.run("create", "-p", Fixtures.APP, "-v", "CVE-2024-0001", "-s", "affected");
      assertThat(r.code()).as(r.toString()).isZero();
      JsonNode st = r.json().path("statements").get(0);
      assertThat(st.path("action_statement").asText()).isEqualTo("No action statement provided");
      assertThat(st.path("action_statement_timestamp").asText()).isEqualTo(Cli.EPOCH_RFC3339);
    }

    @Test
    void writesANewFileReadableByOthersAsAPlainWriteWould() throws Exception {
      Path out = dir.resolve("perm.openvex.json");
      Cli.Result r = createNotAffected("--file", out.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assumeTrue(
          Files.getFileStore(out)
              .supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class));
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(out)))
          .isEqualTo("rw-r--r--");
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("perm.openvex.json");
      }
    }

    @Test
    void writesToAFileAndNothingToStdout() {
      Path out = dir.resolve("app.openvex.json");
      Cli.Result r = createNotAffected("--file", out.toString());
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).isEmpty();
      assertThat(r.err()).isEmpty();
      assertThat(Cli.readJson(out).path("statements")).hasSize(1);
      assertThat(Cli.read(out)).isEqualTo(createNotAffected().out());
    }
  }

  @Nested
  class Refusals {
    @Test
    void notAffectedWithoutJustificationListsTheJustifications() {
      Cli.Result r =
          cli.run("create", "-p", Fixtures.APP, "-v", "CVE-2023-44487", "-s", "not_affected");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: status not_affected needs -j/--justification (one of"
                  + " component_not_present, vulnerable_code_not_present,"
                  + " vulnerable_code_not_in_execute_path,"
                  + " vulnerable_code_cannot_be_controlled_by_adversary,"
                  + " inline_mitigations_already_exist) or --impact-statement TEXT");
    }

    @Test
    void unknownJustificationListsTheChoices() {
      Cli.Result r =
          cli.run("create", "-p", Fixtures.APP, "-v", "CVE-1", "-s", "not_affected", "-j", "nope");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err())
          .startsWith(
              "waterline: error: Invalid value for option '--justification': 'nope' is not a"
                  + " justification; expected one of component_not_present,");
    }

    @Test
    void justificationOnlyWithNotAffected() {
      Cli.Result r =
          cli.run(
              "create",
              "-p",
              Fixtures.APP,
              "-v",
              "CVE-1",
              "-s",
              "fixed",
              "-j",
              "component_not_present");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: -j/--justification is only valid with status not_affected,"
                  + " not fixed");
    }

    @Test
    void actionStatementOnlyWithAffected() {
      Cli.Result r =
          cli.run("create", "-p", Fixtures.APP, "-v", "CVE-1", "-s", "fixed", "-a", "update");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: -a/--action-statement is only valid with status affected,"
                  + " not fixed");
    }

    @Test
    void subcomponentsNeedExactlyOneProduct() {
      Cli.Result r =
          cli.run(
              "create",
              "-p",
              "pkg:oci/a",
              "-p",
              "pkg:oci/b",
              "-v",
              "CVE-1",
              "-s",
              "fixed",
              "--subcomponents",
              "pkg:golang/x");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: --subcomponents needs exactly one product, but 2 were given");
    }

    @Test
    void needsAProductAVulnerabilityAndAStatus() {
      assertThat(cli.run("create", "-v", "CVE-1", "-s", "fixed").errLines())
          .containsExactly(
              "waterline: error: a statement needs a product: give -p/--product PRODUCT (or the"
                  + " product as argument)");
      assertThat(cli.run("create", "-p", "pkg:oci/a", "-s", "fixed").errLines())
          .containsExactly(
              "waterline: error: a statement needs a vulnerability: give -v/--vuln VULN (e.g."
                  + " CVE-2023-44487)");
      assertThat(cli.run("create", "-p", "pkg:oci/a", "-v", "CVE-1").errLines())
          .containsExactly(
              "waterline: error: a statement needs a status: give -s/--status, one of"
                  + " not_affected, affected, fixed, under_investigation");
    }

    @Test
    void aliasMustDifferFromTheName() {
      Cli.Result r =
          cli.run("create", "-p", "pkg:oci/a", "-v", "CVE-1", "-s", "fixed", "--aliases", "CVE-1");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly("waterline: error: alias 'CVE-1' is the vulnerability's own name");
    }

    @Test
    void writesNoFileWhenRefused() {
      Path out = dir.resolve("never.json");
      Cli.Result r =
          cli.run(
              "create",
              "-p",
              "pkg:oci/a",
              "-v",
              "CVE-1",
              "-s",
              "not_affected",
              "--file",
              out.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(Files.exists(out)).isFalse();
    }
  }
}
