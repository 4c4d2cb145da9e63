package dev.waterline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.bench.DocumentGenerator.Query;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.Validator;
import dev.waterline.vex.VexDocument;
import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DocumentGeneratorTest {
  private static final VexDocument DOC = DocumentGenerator.forStatements(42, 5_000).document(5_000);

  @Nested
  class Determinism {
    @Test
    void sameSeedGivesTheSameDocument() {
      assertThat(DocumentGenerator.forStatements(42, 5_000).document(5_000)).isEqualTo(DOC);
    }

    @Test
    void otherSeedGivesAnotherDocument() {
      assertThat(DocumentGenerator.forStatements(43, 5_000).document(5_000)).isNotEqualTo(DOC);
    }

    @Test
    void smallerMergeSetsArePrefixesOfLargerOnes() {
      List<VexDocument> hundred = DocumentGenerator.forStatements(7, 20_000).documents(10, 200);
      List<VexDocument> five = DocumentGenerator.forStatements(7, 20_000).documents(5, 200);
      assertThat(hundred).hasSize(10);
      assertThat(five).hasSize(5);
      for (int i = 0; i < 5; i++) {
        assertThat(five.get(i).statements()).isEqualTo(hundred.get(i).statements());
      }
    }
  }

  @Nested
  class Streaming {
    @Test
    void writesTheSameBytesAsTheDocumentInChunks() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DocumentGenerator.forStatements(42, 5_000).writeDocument(5_000, 777, out);
      assertThat(out.toByteArray()).isEqualTo(DOC.toJsonBytes());
    }

    @Test
    void writesADocumentSmallerThanOneChunk() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      DocumentGenerator.forStatements(42, 5_000).writeDocument(3, 10, out);
      assertThat(out.toByteArray())
          .isEqualTo(DocumentGenerator.forStatements(42, 5_000).document(3).toJsonBytes());
    }
  }

  @Nested
  class Realism {
    @Test
    void isValidOpenVexAndSurvivesARoundTrip() {
      byte[] json = DOC.toJsonBytes();
      ValidationReport report = Validator.validate(json);
      assertThat(report.findings()).isEmpty();
      assertThat(VexDocument.parse(json)).isEqualTo(DOC);
    }

    @Test
    void mergeInputsAreValidToo() {
      for (VexDocument d : DocumentGenerator.forStatements(7, 20_000).documents(3, 1_000)) {
        assertThat(Validator.validate(d.toJsonBytes()).findings()).isEmpty();
      }
    }

    @Test
    void hasTheRequestedNumberOfStatementsAndADocumentTime() {
      assertThat(DOC.statements()).hasSize(5_000);
      assertThat(DOC.timestamp()).contains(DocumentGenerator.DOCUMENT_TIME);
    }

    @Test
    void usesAllFourStatusesEachWithItsRequiredFields() {
      Set<Status> seen = EnumSet.noneOf(Status.class);
      for (Statement s : DOC.statements()) {
        seen.add(s.status());
        if (s.status() == Status.NOT_AFFECTED) {
          assertThat(s.justification().isPresent() || s.impactStatement().isPresent())
              .as("not_affected needs a justification or an impact statement: %s", s)
              .isTrue();
        } else {
          assertThat(s.justification()).as("justification on %s", s).isEmpty();
        }
        if (s.status() == Status.AFFECTED) {
          assertThat(s.actionStatement()).as("affected needs an action: %s", s).isPresent();
        }
      }
      assertThat(seen).containsExactlyInAnyOrder(Status.values());
    }

    @Test
    void statementsAreNoNewerThanTheDocumentAndSomeInheritItsTime() {
      long own = DOC.statements().stream().filter(s -> s.timestamp().isPresent()).count();
      assertThat(own).isBetween(4_000L, 4_700L);
      for (Statement s : DOC.statements()) {
        assertThat(DOC.effectiveTimestamp(s).orElseThrow())
            .isBeforeOrEqualTo(DocumentGenerator.DOCUMENT_TIME);
      }
    }

    @Test
    void namesNoProductTwiceInAStatementAndNoSubcomponentTwiceInAProduct() {
      for (Statement s : DOC.statements()) {
        assertThat(s.products().stream().map(p -> p.id().orElseThrow()))
            .as("%s", s)
            .doesNotHaveDuplicates();
        for (Product p : s.products()) {
          assertThat(p.subcomponents()).as("%s", s).doesNotHaveDuplicates();
        }
      }
    }

    @Test
    void mixesImagesPackagesSubcomponentsAndAliases() {
      List<Product> products =
          DOC.statements().stream()
              .flatMap(s -> s.products().stream())
              .collect(Collectors.toList());
      assertThat(products).anyMatch(p -> p.id().orElseThrow().startsWith("pkg:oci/"));
      assertThat(products).anyMatch(p -> p.id().orElseThrow().startsWith("pkg:npm/"));
      assertThat(products).anyMatch(p -> p.id().orElseThrow().startsWith("pkg:maven/"));
      assertThat(products).anyMatch(p -> p.id().orElseThrow().startsWith("pkg:golang/"));
      assertThat(products).anyMatch(p -> !p.subcomponents().isEmpty());
      assertThat(products).anyMatch(p -> !p.hashes().isEmpty());
      assertThat(DOC.statements()).anyMatch(s -> !s.vulnerability().aliases().isEmpty());
      assertThat(DOC.statements()).anyMatch(s -> s.vulnerability().name().startsWith("GHSA-"));
    }
  }

  @Nested
  class Queries {
    @Test
    void hitsNameAProductAndVulnerabilityOfOneStatement() {
      DocumentGenerator g = DocumentGenerator.forStatements(42, 5_000);
      List<Query> queries = g.queries(DOC, 1_000);
      assertThat(queries).hasSize(1_000);
      long hits = queries.stream().filter(q -> q.kind() == Query.Kind.HIT).count();
      assertThat(hits).isBetween(400L, 600L);
      for (Query q : queries) {
        if (q.kind() == Query.Kind.HIT) {
          assertThat(DOC.statements())
              .as("%s", q)
              .anyMatch(
                  s ->
                      s.vulnerability().matches(q.vulnerability())
                          && s.products().stream()
                              .anyMatch(p -> q.product().startsWith(p.id().orElseThrow())));
        }
      }
    }

    @Test
    void missesNameSomethingTheDocumentNeverMentions() {
      DocumentGenerator g = DocumentGenerator.forStatements(42, 5_000);
      for (Query q : g.queries(DOC, 1_000)) {
        if (q.kind() == Query.Kind.MISS) {
          assertThat(DOC.statements())
              .as("%s", q)
              .noneMatch(
                  s ->
                      s.vulnerability().matches(q.vulnerability())
                          && s.products().stream()
                              .anyMatch(p -> p.id().orElseThrow().equals(q.product())));
        }
      }
    }
  }
}
