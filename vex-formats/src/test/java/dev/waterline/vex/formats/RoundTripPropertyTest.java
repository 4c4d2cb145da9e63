package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The round-trip property of issue 14: OpenVEX → CSAF → OpenVEX and OpenVEX → CycloneDX → OpenVEX
 * keep every statement's effective status for every (product, vulnerability, subcomponent) of a
 * generated 5,000-statement document, and the losses documented in docs/formats.md are exactly the
 * warnings given.
 */
class RoundTripPropertyTest {
  static final int STATEMENTS = 5_000;

  /** Every question the document answers: (product, vulnerability, subcomponent or null). */
  static List<String[]> questions(VexDocument doc) {
    List<String[]> out = new ArrayList<>();
    for (Statement s : doc.statements()) {
      for (Product p : s.products()) {
        String product = p.id().orElseThrow();
        if (p.subcomponents().isEmpty()) {
          out.add(new String[] {product, s.vulnerability().name(), null});
        }
        for (var sub : p.subcomponents()) {
          out.add(new String[] {product, s.vulnerability().name(), sub.id().orElseThrow()});
        }
      }
    }
    return out;
  }

  static Map<String, Optional<Status>> answers(VexDocument doc, List<String[]> questions) {
    VexIndex index = VexIndex.of(doc);
    Map<String, Optional<Status>> out = new LinkedHashMap<>();
    for (String[] q : questions) {
      out.put(
          String.join(" | ", q[0], q[1], String.valueOf(q[2])),
          index.effective(q[0], q[1], q[2]).map(EffectiveStatement::status));
    }
    return out;
  }

  @Nested
  class ThroughCsaf {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void keepsEveryEffectiveStatusAndWarnsOfExactlyTheDocumentedLosses(long seed) {
      VexDocument doc = Generated.document(seed, STATEMENTS);
      WriteResult csaf = VexFormats.write(doc, VexFormat.CSAF);
      ReadResult back = VexFormats.read(csaf.bytes());

      assertThat(back.format()).isEqualTo(VexFormat.CSAF);
      assertThat(back.warnings()).as("reading our own CSAF loses nothing").isEmpty();
      List<String[]> questions = questions(doc);
      assertThat(answers(back.document(), questions)).isEqualTo(answers(doc, questions));
      assertThat(messages(csaf.warnings())).isEqualTo(messages(expectedCsafLosses(doc)));
      assertThat(VexFormats.validate(csaf.bytes()).findings()).isEmpty();
    }
  }

  @Nested
  class ThroughCycloneDx {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void keepsEveryEffectiveStatusAndLosesNothing(long seed) {
      VexDocument doc = Generated.document(seed, STATEMENTS);
      WriteResult cdx = VexFormats.write(doc, VexFormat.CYCLONEDX);
      ReadResult back = VexFormats.read(cdx.bytes());

      assertThat(cdx.warnings()).isEmpty();
      assertThat(back.warnings()).isEmpty();
      List<String[]> questions = questions(doc);
      assertThat(answers(back.document(), questions)).isEqualTo(answers(doc, questions));
      assertThat(back.document().statements()).hasSameSizeAs(doc.statements());
      for (int i = 0; i < doc.statements().size(); i++) {
        Statement expected = merged(doc.statements().get(i));
        if (!back.document().statements().get(i).equals(expected)) {
          assertThat(back.document().statements().get(i)).as("statement %d", i).isEqualTo(expected);
        }
      }
      assertThat(VexFormats.validate(cdx.bytes()).findings()).isEmpty();
    }
  }

  @Nested
  class WithAwkwardIdentifiers {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4, 5})
    void keepEveryEffectiveStatusThroughEachDialectAndValidate(long seed) {
      VexDocument doc = Generated.oddDocument(seed, 1_000);
      List<String[]> questions = questions(doc);
      Map<String, Optional<Status>> expected = answers(doc, questions);
      for (VexFormat f : List.of(VexFormat.CSAF, VexFormat.CYCLONEDX)) {
        WriteResult written = VexFormats.write(doc, f);
        ReadResult back = VexFormats.read(written.bytes());
        assertThat(answers(back.document(), questions)).as(f.label()).isEqualTo(expected);
        assertThat(VexFormats.validate(written.bytes()).errors()).as(f.label()).isEmpty();
      }
    }
  }

  /**
   * A statement as CycloneDX gives it back: the subcomponents of a product named twice in one
   * statement are merged into one product (docs/formats.md; the same questions match).
   */
  static Statement merged(Statement s) {
    Map<List<Object>, List<dev.waterline.vex.Component>> products = new LinkedHashMap<>();
    for (Product p : s.products()) {
      List<dev.waterline.vex.Component> subs =
          products.computeIfAbsent(
              List.of(p.component(), p.subcomponents().isEmpty()), x -> new ArrayList<>());
      for (var c : p.subcomponents()) {
        if (!subs.contains(c)) {
          subs.add(c);
        }
      }
    }
    List<Product> out = new ArrayList<>();
    products.forEach((k, v) -> out.add(Product.of((dev.waterline.vex.Component) k.get(0), v)));
    return s.withProducts(out);
  }

  static List<String> messages(List<ConversionWarning> warnings) {
    return warnings.stream().map(ConversionWarning::toString).sorted().collect(Collectors.toList());
  }

  /**
   * The losses docs/formats.md documents for this document, computed from the table rather than
   * from the writer: a statement's @id and supplier are not carried; of several statements about
   * the same product (or product and subcomponent) and vulnerability, only the latest is.
   */
  static List<ConversionWarning> expectedCsafLosses(VexDocument doc) {
    List<ConversionWarning> out = new ArrayList<>();
    Map<String, List<Integer>> byKey = new HashMap<>();
    List<Statement> statements = doc.statements();
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      List<String> lost = new ArrayList<>();
      s.id().ifPresent(x -> lost.add("@id"));
      s.supplier().ifPresent(x -> lost.add("supplier"));
      if (!lost.isEmpty()) {
        out.add(
            new ConversionWarning(
                "/statements/" + i, "not carried by CSAF: " + String.join(", ", lost)));
      }
      String cve = s.vulnerability().name();
      for (Product p : s.products()) {
        List<String> keys = new ArrayList<>();
        if (p.subcomponents().isEmpty()) {
          keys.add(p.id().orElseThrow());
        }
        for (var sub : p.subcomponents()) {
          keys.add(p.id().orElseThrow() + "|" + sub.id().orElseThrow());
        }
        for (String k : keys) {
          List<Integer> list = byKey.computeIfAbsent(cve + " " + k, x -> new ArrayList<>());
          if (!list.contains(i)) {
            list.add(i);
          }
        }
      }
    }
    for (Map.Entry<String, List<Integer>> e : byKey.entrySet()) {
      List<Integer> list = e.getValue();
      list.sort(
          (a, b) -> {
            Instant ta = statements.get(a).timestamp().orElseThrow();
            Instant tb = statements.get(b).timestamp().orElseThrow();
            return ta.compareTo(tb);
          });
      int winner = list.get(list.size() - 1);
      String cve = e.getKey().substring(0, e.getKey().indexOf(' '));
      String key = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      for (int i = 0; i < list.size() - 1; i++) {
        out.add(
            new ConversionWarning(
                "/statements/" + list.get(i),
                "superseded for '"
                    + key
                    + "' and "
                    + cve
                    + " by /statements/"
                    + winner
                    + ": CSAF keeps one status per product and vulnerability, the latest"));
      }
    }
    return out;
  }
}
