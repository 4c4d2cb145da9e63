package dev.waterline.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.samples.TicketWorkflow.Export;
import dev.waterline.samples.TicketWorkflow.TicketEvent;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketWorkflowTest {
  static final String PRODUCT =
      "pkg:oci/payments-api@sha256%3A7f3e9a1c5b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f"
          + "?repository_url=registry.acme.example/payments-api";

  @TempDir Path dir;

  @Nested
  class OnTheBundledExport {
    @Test
    void makesOneVersionPerStatusChangeWithTheSameIdAndTheTicketsTimes() throws Exception {
      Path out = dir.resolve("app.openvex.json");

      List<VexDocument> versions = TicketWorkflow.update(out, TicketWorkflow.bundledExport());

      // 9 changes in the export, 3 of them "triage" (no statement): 6 versions.
      assertThat(versions).extracting(VexDocument::version).containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(versions).extracting(VexDocument::id).containsOnly(versions.get(0).id());
      assertThat(versions.get(0).id()).get().asString().startsWith("https://openvex.dev/docs/");
      assertThat(versions.get(0).timestamp()).contains(Instant.parse("2026-03-01T10:30:00Z"));
      assertThat(versions.get(0).lastUpdated()).isEmpty();
      assertThat(versions.subList(1, 6))
          .extracting(v -> v.lastUpdated().orElseThrow().toString())
          .containsExactly(
              "2026-03-02T11:00:00Z",
              "2026-03-04T16:00:00Z",
              "2026-03-05T14:20:00Z",
              "2026-03-07T13:00:00Z",
              "2026-03-12T09:45:00Z");
      assertThat(versions.get(5).statements())
          .extracting(s -> s.vulnerability().name() + " " + s.status() + " " + s.timestamp().get())
          .containsExactly(
              "CVE-2024-3094 under_investigation 2026-03-01T10:30:00Z",
              "CVE-2023-44487 under_investigation 2026-03-02T11:00:00Z",
              "CVE-2024-3094 not_affected 2026-03-04T16:00:00Z",
              "CVE-2023-44487 affected 2026-03-05T14:20:00Z",
              "CVE-2024-24790 under_investigation 2026-03-07T13:00:00Z",
              "CVE-2023-44487 fixed 2026-03-12T09:45:00Z");
    }

    @Test
    void writesTheLastVersionWhoseEffectiveStatusesAreTheTicketsLastStates() throws Exception {
      Path out = dir.resolve("app.openvex.json");
      TicketWorkflow.update(out, TicketWorkflow.bundledExport());

      VexDocument doc = Vex.read(out);

      assertThat(doc.version()).isEqualTo(6);
      assertThat(doc.validate().errors()).isEmpty();
      assertThat(TicketWorkflow.effectiveStatus(doc, PRODUCT, "CVE-2024-3094"))
          .contains(Status.NOT_AFFECTED);
      assertThat(TicketWorkflow.effectiveStatus(doc, PRODUCT, "CVE-2023-44487"))
          .contains(Status.FIXED);
      assertThat(TicketWorkflow.effectiveStatus(doc, PRODUCT, "CVE-2024-24790"))
          .contains(Status.UNDER_INVESTIGATION);
      Statement notAffected = doc.effective(PRODUCT, "CVE-2024-3094").orElseThrow().statement();
      assertThat(notAffected.justification()).contains(Justification.VULNERABLE_CODE_NOT_PRESENT);
      assertThat(notAffected.statusNotes())
          .contains("SEC-101: Debian's 5.4.1 was never built from the backdoored 5.6.x tarballs");
      assertThat(notAffected.products().get(0).component().id()).contains(PRODUCT);
    }

    @Test
    void changesNothingWhenRunAgainOnTheSameExport() throws Exception {
      Path out = dir.resolve("app.openvex.json");
      TicketWorkflow.update(out, TicketWorkflow.bundledExport());
      byte[] first = Files.readAllBytes(out);

      assertThat(TicketWorkflow.update(out, TicketWorkflow.bundledExport())).isEmpty();
      assertThat(Files.readAllBytes(out)).isEqualTo(first);
    }

    @Test
    void givesTheSameBytesOnEveryRun() throws Exception {
      Path a = dir.resolve("a.json");
      Path b = dir.resolve("b.json");
      TicketWorkflow.update(a, TicketWorkflow.bundledExport());
      TicketWorkflow.update(b, TicketWorkflow.bundledExport());

      assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }

    @Test
    void mainPrintsEachVersionAndTheStatusPerTicket() throws Exception {
      Path out = dir.resolve("main.openvex.json");
      String printed = runMain(new String[] {"-", out.toString()});

      assertThat(printed)
          .contains("version 1  2026-03-01T10:30:00Z  CVE-2024-3094 under_investigation (SEC-101)")
          .contains("version 6  2026-03-12T09:45:00Z  CVE-2023-44487 fixed")
          .contains("  SEC-101 CVE-2024-3094: not_affected")
          .contains("  SEC-102 CVE-2023-44487: fixed")
          .contains("  SEC-103 CVE-2024-24790: under_investigation");
      assertThat(Vex.read(out).version()).isEqualTo(6);
    }
  }

  @Nested
  class OnANewerExport {
    @Test
    void addsOnlyTheChangesAfterTheDocumentsLastUpdate() throws Exception {
      Path out = dir.resolve("app.openvex.json");
      Export first = TicketWorkflow.bundledExport();
      VexDocument before = last(TicketWorkflow.update(out, first));

      List<TicketEvent> more = new java.util.ArrayList<>(first.events());
      more.add(
          new TicketEvent(
              "SEC-103",
              "CVE-2024-24790",
              PRODUCT,
              "pkg:golang/stdlib@1.21.0",
              Instant.parse("2026-03-20T10:00:00Z"),
              "not_affected",
              "vulnerable_code_not_in_execute_path",
              null,
              "netip is not used"));
      List<VexDocument> added = TicketWorkflow.update(out, new Export(first.team(), more));

      assertThat(added).extracting(VexDocument::version).containsExactly(7);
      VexDocument after = Vex.read(out);
      assertThat(after.id()).isEqualTo(before.id());
      assertThat(after.lastUpdated()).contains(Instant.parse("2026-03-20T10:00:00Z"));
      assertThat(TicketWorkflow.effectiveStatus(after, PRODUCT, "CVE-2024-24790"))
          .contains(Status.NOT_AFFECTED);
    }
  }

  @Nested
  class StatementFor {
    @Test
    void saysNothingForATicketInTriage() {
      assertThat(TicketWorkflow.statementFor(event("triage", null, null))).isEmpty();
    }

    @Test
    void rejectsAnUnknownTicketStateNamingTheTicket() {
      assertThatThrownBy(() -> TicketWorkflow.statementFor(event("wontfix", null, null)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "SEC-9 at 2026-03-01T00:00:00Z: expected a ticket state triage,"
                  + " under_investigation, not_affected, affected or fixed but was 'wontfix'");
    }

    @Test
    void rejectsAnAffectedTicketWithoutAction() {
      assertThatThrownBy(() -> TicketWorkflow.statementFor(event("affected", null, null)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("SEC-9 at 2026-03-01T00:00:00Z: affected needs 'action'");
    }

    @Test
    void carriesTheActionOfAnAffectedTicket() {
      Statement s = TicketWorkflow.statementFor(event("affected", null, "Upgrade")).orElseThrow();
      assertThat(s.status()).isEqualTo(Status.AFFECTED);
      assertThat(s.actionStatement()).contains("Upgrade");
      assertThat(s.statusNotes()).contains("SEC-9");
    }

    private TicketEvent event(
        String status,
        @org.jspecify.annotations.Nullable String justification,
        @org.jspecify.annotations.Nullable String action) {
      return new TicketEvent(
          "SEC-9",
          "CVE-2024-0001",
          PRODUCT,
          null,
          Instant.parse("2026-03-01T00:00:00Z"),
          status,
          justification,
          action,
          null);
    }
  }

  static VexDocument last(List<VexDocument> versions) {
    return versions.get(versions.size() - 1);
  }

  static String runMain(String[] args) throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      TicketWorkflow.main(args);
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
