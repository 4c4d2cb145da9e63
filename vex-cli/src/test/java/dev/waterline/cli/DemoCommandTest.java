package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.FetchedAttestation;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  private static final Cli CLI = Cli.atFixedTime();

  /** One demo run shared by the tests that only look at what it did. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class OneRun {
    Path dir;
    Cli.Result run;

    @BeforeAll
    void runTheDemo(@TempDir Path tmp) {
      dir = tmp.resolve("demo");
      run = CLI.run("demo", dir.toString());
    }

    @Test
    void exitsZeroEvenThoughTheGateFails() {
      assertThat(run.code()).as(run.toString()).isZero();
      assertThat(run.err()).isEmpty();
      assertThat(run.out()).contains("The gate fails: 1 finding to remediate");
    }

    @Test
    void narratesEveryStepInOrder() {
      assertThat(run.outLines())
          .containsSubsequence(
              "1. Build an image",
              "2. Write VEX",
              "3. Sign",
              "4. Attach, in every layout Waterline writes",
              "5. Fetch everything back and verify it",
              "6. Triage a scan of the app image",
              "Next, try:");
      assertThat(run.out()).doesNotContain("\u001b[");
    }

    @Test
    void leavesTheFilesItNames() {
      List<String> files =
          List.of(
              ".waterline-demo",
              "image/oci-layout",
              "image/index.json",
              "keys/demo.key",
              "keys/demo.pub",
              "vex/app.openvex.json",
              "vex/base-vendor.openvex.json",
              "vex/app.intoto.json",
              "vex/app.dsse.json",
              "vex/app.sigstore.json",
              "scan/trivy.json",
              "scan/kev.json",
              "scan/base.diffids",
              "policy.json",
              "triage/report.json",
              "triage/report.md");
      for (String f : files) {
        assertThat(dir.resolve(f)).isRegularFile();
        if (!f.startsWith(".") && !f.equals("image/oci-layout")) {
          assertThat(run.out()).contains(dir.resolve(f).toString());
        }
      }
    }

    @Test
    void keepsThePrivateKeyToItsOwner() throws IOException {
      assertThat(Files.getPosixFilePermissions(dir.resolve("keys/demo.key")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void writesValidVexWithEveryStatus() {
      VexDocument ours = VexDocument.read(dir.resolve("vex/app.openvex.json"));
      assertThat(ours.validate().isValid(true)).as(ours.validate().toString()).isTrue();
      assertThat(ours.statements())
          .extracting(s -> s.status().toString())
          .containsExactly("not_affected", "affected", "fixed", "under_investigation");
      assertThat(ours.statements().get(0).justification()).isPresent();
      assertThat(ours.statements().get(1).actionStatement()).isPresent();
      VexDocument vendor = VexDocument.read(dir.resolve("vex/base-vendor.openvex.json"));
      assertThat(vendor.author()).isEqualTo(DemoCommand.VENDOR_AUTHOR);
    }

    @Test
    void attachedAttestationsFetchAndVerifyIndependently() {
      PublicKey pub = PublicKey.read(dir.resolve("keys/demo.pub"));
      Attachments attachments = Attachments.on(OciLayout.open(dir.resolve("image")));
      FetchResult app = attachments.fetch("app");
      assertThat(app.problems()).isEmpty();
      assertThat(app.openVex())
          .extracting(FetchedAttestation::layout)
          .containsExactlyInAnyOrder(
              AttachmentLayout.SIGSTORE_BUNDLE_REFERRER, AttachmentLayout.COSIGN_ATT_TAG);
      for (FetchedAttestation a : app.openVex()) {
        VerificationResult v =
            Verifier.verify(
                a.bytes(),
                VerificationPolicy.keys(pub)
                    .subject(DemoCommand.APP_REPO + "@" + app.digest().toString()));
        assertThat(v.verified()).as(v.toString()).isTrue();
        assertThat(v.statement().orElseThrow().predicate().author())
            .isEqualTo(DemoCommand.OUR_AUTHOR);
      }
      FetchResult base = attachments.fetch("base");
      assertThat(base.openVex())
          .extracting(FetchedAttestation::layout)
          .containsExactly(AttachmentLayout.STATEMENT_REFERRER);
      assertThat(run.out())
          .contains("2 signatures verified, 0 failed. The vendor's 1 unsigned statement is");
      assertThat(run.outLines())
          .filteredOn(l -> l.contains("verified: signed by key " + pub.keyId()))
          .hasSize(2);
    }

    @Test
    void triageSummaryCountsEveryDecision() throws IOException {
      assertThat(run.out())
          .contains(
              "8 findings: remediate 1, exception 1, accepted 1, not_affected 2, fixed 1,"
                  + " vendor 2");
      JsonNode report = Cli.MAPPER.readTree(dir.resolve("triage/report.json").toFile());
      JsonNode counts = report.get("counts");
      assertThat(counts.get("total").asInt()).isEqualTo(8);
      assertThat(counts.get("remediate").asInt()).isEqualTo(1);
      assertThat(counts.get("exception").asInt()).isEqualTo(1);
      assertThat(counts.get("accepted").asInt()).isEqualTo(1);
      assertThat(counts.get("not_affected").asInt()).isEqualTo(2);
      assertThat(counts.get("fixed").asInt()).isEqualTo(1);
      assertThat(counts.get("vendor").asInt()).isEqualTo(2);
      assertThat(report.get("scan_time").asText()).isEqualTo(Cli.EPOCH_RFC3339);
      List<String> remediate = new ArrayList<>();
      for (JsonNode d : report.get("decisions")) {
        if (d.get("decision").asText().equals("remediate")) {
          remediate.add(d.get("vulnerability").asText());
        }
      }
      assertThat(remediate).containsExactly("CVE-2023-44487");
    }

    @Test
    void theReadmeShowsRealOutput() throws IOException {
      List<String> readme =
          Files.readAllLines(ReadmeJshellTest.repositoryRoot().resolve("README.md"));
      int start = readme.indexOf("$ ./waterline demo");
      assertThat(start).as("README.md shows a demo run").isNotNegative();
      List<String> shown = new ArrayList<>();
      for (String line : readme.subList(start + 1, readme.size())) {
        if (line.equals("```")) {
          break;
        }
        if (!line.equals("…")) {
          shown.add(normalise(line, "waterline-demo/"));
        }
      }
      assertThat(shown).hasSizeGreaterThan(20);
      List<String> real =
          run.outLines().stream().map(l -> normalise(l, dir + "/")).collect(Collectors.toList());
      assertThat(real).containsSubsequence(shown);
    }

    @Test
    void theNextCommandsItSuggestsWork() {
      List<List<String>> commands = nextCommands(run.out());
      assertThat(commands).extracting(c -> c.get(0)).contains("validate", "verify", "status");
      for (List<String> c : commands) {
        if (c.get(0).equals("jshell")) {
          continue; // a launcher feature, tested by ReadmeJshellTest
        }
        Cli.Result r = CLI.run(c.toArray(String[]::new));
        if (c.get(0).equals("triage")) {
          assertThat(r.code()).as(r.toString()).isEqualTo(1);
          assertThat(r.out())
              .contains(
                  "8 findings: remediate 1, exception 1, accepted 1, not_affected 2, fixed 1,"
                      + " vendor 2");
        } else {
          assertThat(r.code()).as(c + "\n" + r).isZero();
        }
        if (c.get(0).equals("status")) {
          assertThat(r.outLines().get(0)).isEqualTo("not_affected");
        }
      }
      assertThat(commands).extracting(c -> c.get(0)).contains("triage");
    }
  }

  @Nested
  class Directories {
    @Test
    void buildsTheSameImageEveryTime(@TempDir Path tmp) throws IOException {
      assertThat(CLI.run("demo", tmp.resolve("a").toString()).code()).isZero();
      assertThat(CLI.run("demo", tmp.resolve("b").toString()).code()).isZero();
      assertThat(OciLayout.open(tmp.resolve("a/image")).resolve("app"))
          .isEqualTo(OciLayout.open(tmp.resolve("b/image")).resolve("app"))
          .isPresent();
      assertThat(Files.readString(tmp.resolve("a/scan/base.diffids")))
          .isEqualTo(Files.readString(tmp.resolve("b/scan/base.diffids")));
    }

    @Test
    void replacesAnEarlierDemo(@TempDir Path tmp) throws IOException {
      Path dir = tmp.resolve("demo");
      assertThat(CLI.run("demo", dir.toString()).code()).isZero();
      String firstKey = Files.readString(dir.resolve("keys/demo.pub"));
      Cli.Result again = CLI.run("demo", dir.toString());
      assertThat(again.code()).as(again.toString()).isZero();
      assertThat(Files.readString(dir.resolve("keys/demo.pub"))).isNotEqualTo(firstKey);
      // Two images and three attestations: nothing of the first run is left in the layout.
      JsonNode index = Cli.MAPPER.readTree(dir.resolve("image/index.json").toFile());
      assertThat(index.get("manifests")).hasSize(5);
    }

    @Test
    void refusesANonEmptyDirectoryThatIsNoDemo(@TempDir Path tmp) throws IOException {
      Path mine = Cli.write(tmp.resolve("vex/mine.txt"), "keep me");
      Cli.Result r = CLI.run("demo", tmp.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: "
                  + tmp
                  + " is not empty and holds no earlier demo (.waterline-demo is missing): name"
                  + " another DIR, or add --force to write the demo's entries into it (replacing"
                  + " image, keys, vex, scan, triage, policy.json)\n");
      assertThat(mine).hasContent("keep me");
      try (var s = Files.list(tmp)) {
        assertThat(s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
            .isEqualTo(Set.of("vex"));
      }
    }

    @Test
    void forceWritesIntoANonEmptyDirectoryKeepingOtherFiles(@TempDir Path tmp) {
      Path other = Cli.write(tmp.resolve("notes.txt"), "mine");
      Cli.Result r = CLI.run("demo", tmp.toString(), "--force");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(other).hasContent("mine");
      assertThat(tmp.resolve(".waterline-demo")).isRegularFile();
    }

    @Test
    void refusesAFile(@TempDir Path tmp) {
      Path file = Cli.write(tmp.resolve("f"), "x");
      Cli.Result r = CLI.run("demo", file.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: " + file + " exists and is not a directory; name another DIR\n");
    }

    @Test
    void explainsItselfWithAnExample() {
      Cli.Result r = CLI.run("demo", "--help");
      assertThat(r.code()).isZero();
      assertThat(r.out()).startsWith("Usage: waterline demo");
      assertThat(r.out()).contains("Examples:\n  waterline demo");
    }
  }

  /**
   * A line of demo output without what differs between runs and directories: the directory, key
   * ids, referrer digests (signatures differ), times and runs of blanks.
   */
  static String normalise(String line, String dirPrefix) {
    return line.replace(dirPrefix, "DIR/")
        .replaceAll("[A-Za-z0-9+/]{43}=", "KEYID")
        .replaceAll("manifest sha256:[0-9a-f]{12}…", "manifest sha256:REFERRER")
        .replaceAll("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z", "TIME")
        .replaceAll(" +", " ")
        .strip();
  }

  /** The {@code waterline …} commands after "Next, try:", split into words as a shell would. */
  static List<List<String>> nextCommands(String out) {
    String tail = out.substring(out.indexOf("Next, try:") + "Next, try:".length());
    String joined = tail.replace("\\\n", " ");
    List<List<String>> commands = new ArrayList<>();
    for (String line : joined.split("\n")) {
      String l = line.strip();
      int comment = l.indexOf(" #");
      if (comment >= 0) {
        l = l.substring(0, comment);
      }
      if (!l.startsWith("waterline ")) {
        continue;
      }
      List<String> words = shellWords(l);
      commands.add(words.subList(1, words.size()));
    }
    return commands;
  }

  /** Splits on blanks; single quotes group (no escapes inside, as in sh). */
  static List<String> shellWords(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (!quoted && Character.isWhitespace(c)) {
        if (any) {
          words.add(w.toString());
          w.setLength(0);
          any = false;
        }
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(w.toString());
    }
    return words;
  }
}
