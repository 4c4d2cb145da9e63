package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code apply-decisions}. */
class ApplyDecisionsCommandTest {
  static final String IMAGE = "registry.local/app@" + Fixtures.DIGEST;
  static final String CSV =
      "ticket,vulnerability,product,status,justification,action_statement,time\n"
          + "SEC-1,CVE-2024-3094,"
          + IMAGE
          + ",Not affected,Vulnerable code not present,,2026-03-01T10:00:00Z\n"
          + "SEC-2,CVE-2023-44487,"
          + IMAGE
          + ",affected,,\"Upgrade netty, then redeploy\",2026-03-02T10:00:00Z\n";

  @TempDir Path dir;

  private final Cli cli = Cli.atFixedTime().env("COSIGN_PASSWORD", "pw");

  private List<Path> files(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    }
  }

  @Test
  void writesOneDocumentPerImageAndChangesNothingOnTheSecondRun() throws Exception {
    Path decisions = Cli.write(dir.resolve("d.csv"), CSV);
    Path out = dir.resolve("vex");

    Cli.Result first =
        cli.run(
            "apply-decisions",
            "--decisions",
            decisions.toString(),
            "--out",
            out.toString(),
            "--author",
            "Acme PSIRT");
    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(first.outLines().get(0))
        .startsWith("created   " + out.resolve("app-"))
        .endsWith("version 1  added 2, history 0, unchanged 0");
    Path doc = files(out).get(0);
    byte[] bytes = Files.readAllBytes(doc);

    Cli.Result second =
        cli.run(
            "apply-decisions",
            "--decisions",
            decisions.toString(),
            "--out",
            out.toString(),
            "--format",
            "json");
    assertThat(second.code()).as(second.toString()).isZero();
    assertThat(second.json().at("/documents/0/state").asText()).isEqualTo("unchanged");
    assertThat(second.json().at("/unchanged").asInt()).isEqualTo(2);
    assertThat(Files.readAllBytes(doc)).isEqualTo(bytes);

    Cli.Result validate = cli.run("validate", doc.toString());
    assertThat(validate.code()).as(validate.toString()).isZero();
  }

  @Test
  void exitsTwoNamingTheLineOfAnUnknownLabelAndWritesNothing() throws Exception {
    Path decisions =
        Cli.write(dir.resolve("d.csv"), CSV.replace("Vulnerable code not present", "Meh"));
    Path out = dir.resolve("vex");

    Cli.Result r =
        cli.run(
            "apply-decisions",
            "--decisions",
            decisions.toString(),
            "--out",
            out.toString(),
            "--author",
            "Acme PSIRT");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith(
            "waterline: error: "
                + decisions
                + ": line 2, column 5, field 'justification': expected a justification");
    assertThat(out).doesNotExist();
  }

  @Test
  void refusesAFileWhoseFormatItCannotTell() {
    Path decisions = Cli.write(dir.resolve("d.txt"), CSV);
    Cli.Result r = cli.run("apply-decisions", "--decisions", decisions.toString(), "--out", "x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("cannot tell the decisions format from the name");
  }

  @Test
  void signsNewDocumentsAndTheBundleVerifies() throws Exception {
    Cli.Result kg = cli.run("keygen", "--output-key-prefix", dir.resolve("k").toString());
    assertThat(kg.code()).as(kg.toString()).isZero();
    Path decisions = Cli.write(dir.resolve("d.csv"), CSV);
    Path out = dir.resolve("vex");

    Cli.Result r =
        cli.run(
            "apply-decisions",
            "--decisions",
            decisions.toString(),
            "--out",
            out.toString(),
            "--author",
            "Acme PSIRT",
            "--sign",
            "--key",
            dir.resolve("k.key").toString());

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.outLines().get(0)).endsWith(", signed");
    Path bundle =
        files(out).stream()
            .filter(p -> p.toString().endsWith(".sigstore.json"))
            .findFirst()
            .orElseThrow();
    Cli.Result v =
        cli.run(
            "verify",
            bundle.toString(),
            "--key",
            dir.resolve("k.pub").toString(),
            "--subject",
            IMAGE);
    assertThat(v.code()).as(v.toString()).isZero();
  }

  @Test
  void attestDeterministicGivesTheSameBundleBytesTwice() throws Exception {
    Cli.Result kg = cli.run("keygen", "--output-key-prefix", dir.resolve("k").toString());
    assertThat(kg.code()).as(kg.toString()).isZero();
    Path doc = Cli.write(dir.resolve("doc.json"), Fixtures.OURS);
    String[] args = {
      "attest",
      doc.toString(),
      "--subject",
      IMAGE,
      "--key",
      dir.resolve("k.key").toString(),
      "--deterministic"
    };

    Cli.Result one = cli.run(args);
    Cli.Result two = cli.run(args);

    assertThat(one.code()).as(one.toString()).isZero();
    assertThat(two.out()).isEqualTo(one.out());
    Path bundle = Cli.write(dir.resolve("b.json"), one.out());
    Cli.Result v =
        cli.run(
            "verify",
            bundle.toString(),
            "--key",
            dir.resolve("k.pub").toString(),
            "--subject",
            IMAGE);
    assertThat(v.code()).as(v.toString()).isZero();
  }
}
