package dev.waterline.vex.internal.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DocumentUpdatesTest {
  static final Instant T1 = Instant.parse("2024-01-01T00:00:00Z");
  static final Instant T2 = Instant.parse("2024-02-01T00:00:00Z");
  static final Instant T3 = Instant.parse("2024-03-01T00:00:00Z");
  static final Instant NOW = Instant.parse("2024-04-01T00:00:00Z");

  static Statement fixed(String vuln) {
    return Vex.fixed(vuln, "pkg:oci/app").buildLenient();
  }

  static VexDocument doc(Statement... statements) {
    return VexDocument.builder("Acme")
        .defaults(false)
        .id("https://example.com/vex/1")
        .timestamp(T1)
        .version(4)
        .statements(List.of(statements))
        .buildLenient();
  }

  @Nested
  class NewStatements {
    @Test
    void stampsANewStatementWithNowWhenItHasNoTime() {
      VexDocument out = DocumentUpdates.add(doc(), List.of(fixed("CVE-1")), NOW);
      assertThat(out.statements()).containsExactly(fixed("CVE-1").withTimestamp(NOW));
    }

    @Test
    void keepsANewStatementsOwnTime() {
      Statement own = fixed("CVE-1").withTimestamp(T2);
      VexDocument out = DocumentUpdates.add(doc(), List.of(own), NOW);
      assertThat(out.statements()).containsExactly(own);
    }

    @Test
    void appendsSeveralInOrder() {
      VexDocument out =
          DocumentUpdates.add(doc(fixed("CVE-0")), List.of(fixed("CVE-1"), fixed("CVE-2")), NOW);
      assertThat(out.statements())
          .extracting(s -> s.vulnerability().name())
          .containsExactly("CVE-0", "CVE-1", "CVE-2");
    }

    @Test
    void rejectsAnEmptyList() {
      assertThatThrownBy(() -> DocumentUpdates.add(doc(), List.of(), NOW))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot add statements to document https://example.com/vex/1: no statement was"
                  + " given");
    }
  }

  @Nested
  class Times {
    @Test
    void rejectsAStatementOlderThanTheDocumentTimestamp() {
      Statement old = fixed("CVE-9").withTimestamp(Instant.parse("2023-12-31T00:00:00Z"));
      assertThatThrownBy(() -> DocumentUpdates.add(doc(), List.of(old), NOW))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot add to document https://example.com/vex/1: new statement #0 (CVE-9 fixed for"
                  + " pkg:oci/app at 2023-12-31T00:00:00Z) with time 2023-12-31T00:00:00Z predates"
                  + " the document's timestamp 2024-01-01T00:00:00Z");
    }

    @Test
    void rejectsAStatementOlderThanTheDocumentsLastUpdate() {
      VexDocument d = doc().toBuilder().lastUpdated(T3).buildLenient();
      Statement s = fixed("CVE-9").withTimestamp(T2);
      assertThatThrownBy(() -> DocumentUpdates.add(d, List.of(s), NOW))
          .isInstanceOf(VexException.class)
          .hasMessageEndingWith(
              "with time 2024-02-01T00:00:00Z predates the document's last_updated"
                  + " 2024-03-01T00:00:00Z");
    }

    @Test
    void rejectsAStatementOlderThanAnExistingStatementsTimestamp() {
      VexDocument d = doc(fixed("CVE-0"), fixed("CVE-1").withTimestamp(T3));
      assertThatThrownBy(
              () -> DocumentUpdates.add(d, List.of(fixed("CVE-9").withTimestamp(T2)), NOW))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot add to document https://example.com/vex/1: new statement #0 (CVE-9 fixed for"
                  + " pkg:oci/app at 2024-02-01T00:00:00Z) with time 2024-02-01T00:00:00Z predates"
                  + " the timestamp 2024-03-01T00:00:00Z of statement #1 (CVE-1 fixed for"
                  + " pkg:oci/app at 2024-03-01T00:00:00Z)");
    }

    @Test
    void rejectsAStatementOlderThanAnExistingStatementsLastUpdate() {
      VexDocument d = doc(fixed("CVE-0").toBuilder().lastUpdated(T3).buildLenient());
      assertThatThrownBy(
              () -> DocumentUpdates.add(d, List.of(fixed("CVE-9").withTimestamp(T2)), NOW))
          .isInstanceOf(VexException.class)
          .hasMessageContaining("predates the last_updated 2024-03-01T00:00:00Z of statement #0");
    }

    @Test
    void rejectsAnUpdateTimeOlderThanTheDocument() {
      Statement s = fixed("CVE-9").withTimestamp(NOW);
      assertThatThrownBy(
              () -> DocumentUpdates.add(doc(), List.of(s), Instant.parse("2023-06-01T00:00:00Z")))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "cannot add to document https://example.com/vex/1: the update time"
                  + " 2023-06-01T00:00:00Z predates the document's timestamp 2024-01-01T00:00:00Z");
    }

    @Test
    void acceptsAStatementAtExactlyTheLatestTime() {
      VexDocument d = doc(fixed("CVE-0").withTimestamp(T3));
      VexDocument out = DocumentUpdates.add(d, List.of(fixed("CVE-1")), T3);
      assertThat(out.statements().get(1).timestamp()).contains(T3);
    }
  }

  @Nested
  class ExistingStatements {
    @Test
    void pinsInheritedTimesToTheDocumentsLastUpdate() {
      VexDocument d =
          doc(fixed("CVE-0"), fixed("CVE-1").withTimestamp(T2)).toBuilder()
              .lastUpdated(T3)
              .buildLenient();
      VexDocument out = DocumentUpdates.add(d, List.of(fixed("CVE-2")), NOW);
      assertThat(out.statements())
          .containsExactly(
              fixed("CVE-0").withTimestamp(T3),
              fixed("CVE-1").withTimestamp(T2),
              fixed("CVE-2").withTimestamp(NOW));
    }

    @Test
    void pinsInheritedTimesToTheDocumentTimestampWithoutLastUpdate() {
      VexDocument out = DocumentUpdates.add(doc(fixed("CVE-0")), List.of(fixed("CVE-2")), NOW);
      assertThat(out.statements().get(0)).isEqualTo(fixed("CVE-0").withTimestamp(T1));
    }

    @Test
    void keepsEveryOtherFieldOfExistingStatements() {
      Statement rich =
          Vex.notAffected("CVE-0", "pkg:oci/app")
              .justification(Justification.COMPONENT_NOT_PRESENT)
              .statusNotes("checked")
              .buildLenient();
      VexDocument out = DocumentUpdates.add(doc(rich), List.of(fixed("CVE-2")), NOW);
      assertThat(out.statements().get(0)).isEqualTo(rich.withTimestamp(T1));
    }

    @Test
    void leavesStatementsTimelessWhenTheDocumentHasNoDate() {
      VexDocument d = doc(fixed("CVE-0")).toBuilder().timestamp(null).buildLenient();
      VexDocument out = DocumentUpdates.add(d, List.of(fixed("CVE-2")), NOW);
      assertThat(out.statements().get(0).timestamp()).isEmpty();
    }
  }

  @Nested
  class Document {
    @Test
    void bumpsVersionSetsLastUpdatedAndKeepsIdAndTimestamp() {
      VexDocument out = DocumentUpdates.add(doc(), List.of(fixed("CVE-1")), NOW);
      assertThat(out.version()).isEqualTo(5);
      assertThat(out.lastUpdated()).contains(NOW);
      assertThat(out.timestamp()).contains(T1);
      assertThat(out.id()).contains("https://example.com/vex/1");
      assertThat(out.author()).isEqualTo("Acme");
    }

    @Test
    void setsTheTimestampWhenTheDocumentHadNone() {
      VexDocument d = doc().toBuilder().timestamp(null).buildLenient();
      VexDocument out = DocumentUpdates.add(d, List.of(fixed("CVE-1")), NOW);
      assertThat(out.timestamp()).contains(NOW);
      assertThat(out.lastUpdated()).contains(NOW);
    }

    @Test
    void keepsAMissingIdMissing() {
      VexDocument d = doc().toBuilder().id(null).buildLenient();
      assertThat(DocumentUpdates.add(d, List.of(fixed("CVE-1")), NOW).id()).isEmpty();
    }

    @Test
    void isWhatVexDocumentWithStatementDoes() {
      assertThat(doc().withStatement(fixed("CVE-1"), NOW))
          .isEqualTo(DocumentUpdates.add(doc(), List.of(fixed("CVE-1")), NOW));
    }
  }
}
