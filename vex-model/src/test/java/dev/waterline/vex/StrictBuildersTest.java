package dev.waterline.vex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The builders refuse what {@link Validator} would refuse as an error, naming the rule and the
 * field; {@code buildLenient()} and the readers keep what real documents hold.
 */
class StrictBuildersTest {
  static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
  static final String IMAGE = "pkg:oci/app@sha256%3A" + "a".repeat(64);

  @Nested
  class Statements {
    @Test
    void aNotAffectedStatementWithoutJustificationOrImpactIsRefusedAtItsStatus() {
      Statement.Builder b = Vex.notAffected("CVE-2026-0001", IMAGE);

      assertThatThrownBy(b::build)
          .isInstanceOf(InvalidVexException.class)
          .isInstanceOf(VexException.class)
          .hasMessageContaining("at /status")
          .hasMessageContaining("a not_affected statement needs a justification")
          .hasMessageContaining("buildLenient()");
    }

    @Test
    void aNotAffectedStatementWithAnImpactStatementOrAJustificationIsBuilt() {
      assertThat(Vex.notAffected("CVE-2026-0001", IMAGE).impactStatement("unused").build().status())
          .isEqualTo(Status.NOT_AFFECTED);
      assertThat(
              Vex.notAffected("CVE-2026-0001", IMAGE)
                  .justification(Justification.COMPONENT_NOT_PRESENT)
                  .build()
                  .justification())
          .contains(Justification.COMPONENT_NOT_PRESENT);
    }

    @Test
    void anAffectedStatementWithoutActionStatementIsRefused() {
      Statement.Builder b = Vex.statement("CVE-2026-0001", IMAGE, Status.AFFECTED);

      assertThatThrownBy(b::build)
          .isInstanceOf(InvalidVexException.class)
          .hasMessageContaining("at /status")
          .hasMessageContaining("an affected statement needs an action_statement");
    }

    @Test
    void anUnparsablePurlProductIsRefusedAtItsId() {
      Statement.Builder b = Vex.fixed("CVE-2026-0001", "pkg:maven/@1.0");

      assertThatThrownBy(b::build)
          .isInstanceOf(InvalidVexException.class)
          .hasMessageContaining("at /products/0/@id")
          .hasMessageContaining("invalid package URL");
    }

    @Test
    void anUnparsablePurlIdentifierIsRefusedAtItsIdentifier() {
      Product p =
          Product.of(
              Component.builder().identifier(IdentifierType.PURL, "pkg:").build(),
              java.util.List.of());
      Statement.Builder b =
          Statement.builder().vulnerability("CVE-2026-0001").product(p).status(Status.FIXED);

      InvalidVexException e =
          org.junit.jupiter.api.Assertions.assertThrows(InvalidVexException.class, b::build);

      assertThat(e.getMessage()).contains("at /products/0/identifiers/purl");
      assertThat(e.report().errors())
          .extracting(ValidationFinding::pointer)
          .contains("/products/0/identifiers/purl");
    }

    @Test
    void aStatementWithoutTimestampIsBuiltBecauseItInheritsTheDocumentsTime() {
      assertThat(Vex.fixed("CVE-2026-0001", IMAGE).build().timestamp()).isEmpty();
    }

    @Test
    void buildLenientBuildsWhatBuildRefusesAndValidationStillReportsIt() {
      Statement s = Vex.notAffected("CVE-2026-0001", IMAGE).timestamp(T).buildLenient();
      VexDocument doc = Vex.document("Example").timestamp(T).statement(s).buildLenient();

      assertThat(s.justification()).isEmpty();
      assertThat(Validator.validate(doc).errors())
          .extracting(ValidationFinding::pointer)
          .containsExactly("/statements/0/status");
    }

    @Test
    void theWithMethodsChangeALenientStatementWithoutRefusingIt() {
      Statement s = Vex.notAffected("CVE-2026-0001", IMAGE).buildLenient();

      assertThat(s.withTimestamp(T).timestamp()).contains(T);
    }
  }

  @Nested
  class Documents {
    @Test
    void aDocumentWithoutStatementsIsRefused() {
      VexDocument.Builder b = Vex.document("Example").timestamp(T);

      assertThatThrownBy(b::build)
          .isInstanceOf(InvalidVexException.class)
          .hasMessageContaining("invalid OpenVEX document: at /statements")
          .hasMessageContaining("at least one statement");
    }

    @Test
    void aDocumentWithARefusedStatementNamesItsPointer() {
      VexDocument.Builder b =
          Vex.document("Example").timestamp(T).statement(Vex.notAffected("CVE-2026-0001", IMAGE));

      assertThatThrownBy(b::build)
          .isInstanceOf(InvalidVexException.class)
          .hasMessageContaining("at /statements/0/status")
          .hasMessageContaining("a not_affected statement needs a justification");
    }

    @Test
    void theReportHoldsTheSameFindingsAsTheValidator() {
      VexDocument.Builder b =
          Vex.document("Example")
              .timestamp(T)
              .statement(Vex.notAffected("CVE-2026-0001", IMAGE))
              .statement(Vex.statement("CVE-2026-0002", IMAGE, Status.AFFECTED));

      InvalidVexException e =
          org.junit.jupiter.api.Assertions.assertThrows(InvalidVexException.class, b::build);

      assertThat(e.report().errors()).isEqualTo(Validator.validate(b.buildLenient()).errors());
      assertThat(e.getMessage()).contains("(and 1 more errors)");
    }

    @Test
    void aValidDocumentIsBuiltWithItsDefaults() {
      VexDocument doc =
          Vex.document("Example").timestamp(T).statement(Vex.fixed("CVE-2026-0001", IMAGE)).build();

      assertThat(doc.id()).isPresent();
      assertThat(Validator.validate(doc).isValid()).isTrue();
    }
  }

  @Nested
  class Reading {
    static final String LENIENT =
        """
        {
          "@context": "https://openvex.dev/ns/v0.2.0",
          "@id": "https://example.test/vex/lenient",
          "author": "Example",
          "timestamp": "2026-01-02T03:04:05Z",
          "version": 1,
          "statements": [
            {
              "vulnerability": { "name": "CVE-2026-0001" },
              "products": [ { "@id": "pkg:maven/@1.0" } ],
              "status": "not_affected"
            },
            {
              "vulnerability": { "name": "CVE-2026-0002" },
              "products": [ { "@id": "pkg:oci/app" } ],
              "status": "affected"
            }
          ]
        }
        """;

    @Test
    void aRealDocumentThatBreaksTheRulesIsStillRead() {
      VexDocument doc = VexDocument.parse(LENIENT);

      assertThat(doc.statements()).hasSize(2);
      assertThat(doc.statements().get(0).status()).isEqualTo(Status.NOT_AFFECTED);
      assertThat(Validator.validate(doc).errors()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aReadDocumentIsChangedLenientlyAndRefusedWhenRebuiltStrictly() {
      VexDocument doc = VexDocument.parse(LENIENT);

      assertThat(doc.toBuilder().version(2).buildLenient().version()).isEqualTo(2);
      assertThat(doc.withId("https://example.test/vex/other").id())
          .contains("https://example.test/vex/other");
      assertThat(Vex.merge(java.util.List.of(doc)).statements()).hasSize(2);
      assertThatThrownBy(() -> doc.toBuilder().version(2).build())
          .isInstanceOf(InvalidVexException.class)
          .hasMessageContaining("/statements/0/");
    }
  }
}
