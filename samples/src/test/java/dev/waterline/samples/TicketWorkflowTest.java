package dev.waterline.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.samples.TicketWorkflow.Outcome;
import dev.waterline.samples.TicketWorkflow.Round;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.FetchedAttestation;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.Verifier;
import dev.waterline.vex.workflow.DecisionFormat;
import dev.waterline.vex.workflow.Decisions;
import dev.waterline.vex.workflow.ImageUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketWorkflowTest {
  static final String PAYMENTS =
      "registry.local/payments-api@sha256:"
          + "f9852e341575e81af58bc517a0ddd5d745b88cb45cc4993cae81948337f58493";

  @TempDir Path dir;

  Outcome outcome;

  @BeforeEach
  void run() throws Exception {
    outcome = TicketWorkflow.run(dir);
  }

  @Test
  void theCsvHoldsTwentyDecisionsAboutThreeImages() {
    assertThat(Decisions.read(TicketWorkflow.bundled("decisions.csv", dir), DecisionFormat.CSV))
        .hasSize(20);
    Round first = outcome.rounds().get(0);
    assertThat(first.applied().images()).hasSize(3).allMatch(ImageUpdate::created);
    assertThat(first.applied().added()).isEqualTo(20);
    assertThat(first.attached()).hasSize(3);
    assertThat(first.applied().images())
        .allSatisfy(u -> assertThat(u.document().validate().errors()).isEmpty());
  }

  @Test
  void oneChangedTicketMakesExactlyOneNewVersionAndTheNextRunNothing() throws Exception {
    Round second = outcome.rounds().get(1);
    assertThat(second.applied().changed()).hasSize(1);
    ImageUpdate changed = second.applied().changed().get(0);
    assertThat(changed.product()).isEqualTo(Decisions.product(PAYMENTS));
    assertThat(changed.previousVersion()).isEqualTo(1);
    assertThat(changed.document().version()).isEqualTo(2);
    assertThat(changed.added()).isEqualTo(1);
    assertThat(changed.unchanged()).isEqualTo(1); // SEC-104 touched, same decision
    assertThat(second.attached()).hasSize(1);
    // version 2 replaced version 1: its referrer and its .att layer are gone
    assertThat(second.attached().get(0).removed()).isNotEmpty();
    assertThat(outcome.rounds().get(0).attached())
        .allSatisfy(a -> assertThat(a.removed()).isEmpty());

    Map<String, byte[]> before = snapshot(outcome.vexDir());
    Round third = outcome.rounds().get(2);
    assertThat(third.applied().changed()).isEmpty();
    assertThat(third.attached()).isEmpty();
    assertThat(snapshot(outcome.vexDir()).keySet()).isEqualTo(before.keySet());
    Round again =
        TicketWorkflow.round(
            Decisions.read(dir.resolve("jira-export.json"), TicketWorkflow.JIRA),
            outcome.vexDir(),
            outcome.key(),
            outcome.layout());
    assertThat(again.applied().changed()).isEmpty();
    Map<String, byte[]> after = snapshot(outcome.vexDir());
    before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
  }

  @Test
  void theAttachedVersionsVerifyAndTheirMergeShowsTheChange() {
    List<VexDocument> verified = new ArrayList<>();
    VerificationPolicy policy =
        VerificationPolicy.keys(outcome.key().publicKey()).subject(PAYMENTS);
    for (FetchedAttestation a : Attachments.on(outcome.layout()).fetch("payments-api").openVex()) {
      var result = Verifier.verify(a.bytes(), policy);
      assertThat(result.verified()).as("%s", result).isTrue();
      verified.add(result.statement().orElseThrow().vexDocument().orElseThrow());
    }
    assertThat(verified).isNotEmpty().extracting(VexDocument::version).containsOnly(2);
    var effective =
        Vex.index(verified)
            .effective(Decisions.product(PAYMENTS), "CVE-2024-24790")
            .orElseThrow()
            .statement();
    assertThat(effective.status()).isEqualTo(Status.NOT_AFFECTED);
    assertThat(effective.justification())
        .contains(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
    assertThat(effective.statusNotes())
        .contains("ticket SEC-103, decided by Dana Ops <dana@acme.example>");
  }

  static Map<String, byte[]> snapshot(Path d) throws Exception {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(d)) {
      for (Path f : s.toList()) {
        m.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return m;
  }
}
