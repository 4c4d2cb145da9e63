package dev.waterline.vex.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every OpenVEX example under {@code ${waterline.shared}/openvex/examples} (real documents
 * and the reference tools' fixtures), writes it back and checks that nothing was lost: the written
 * JSON equals the input up to the reader's documented normalisations (context upgrade, legacy
 * reshaping, times in UTC, empty and null optional fields dropped). Skipped when the shared folder
 * is absent.
 */
class SharedExamplesCrossCheckTest {
  private static final Set<String> TIME_FIELDS =
      Set.of("timestamp", "last_updated", "action_statement_timestamp");
  private static final Set<String> OPTIONAL_TEXT =
      Set.of(
          "@id",
          "author",
          "role",
          "tooling",
          "supplier",
          "status_notes",
          "justification",
          "impact_statement",
          "action_statement",
          "description",
          "timestamp",
          "last_updated",
          "action_statement_timestamp");
  private static final Set<String> LIST_FIELDS = Set.of("aliases", "products", "subcomponents");
  private static final Set<String> MAP_FIELDS = Set.of("identifiers", "hashes");
  private static final Set<String> LEGACY_CONTEXTS =
      Set.of("https://openvex.dev/ns", "https://openvex.dev/ns/", "https://openvex.dev/ns/v0.0.1");

  static List<Path> examples() {
    String shared = System.getProperty("waterline.shared");
    Assumptions.assumeTrue(
        shared != null, "system property waterline.shared is not set: shared examples skipped");
    Path dir = Path.of(shared, "openvex", "examples");
    Assumptions.assumeTrue(
        Files.isDirectory(dir), dir + " does not exist: shared OpenVEX examples skipped");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyExampleParsesAndRoundTripsWithoutLoss() {
    List<Path> files = examples();
    assertThat(files).isNotEmpty();
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    VexDocument doc = VexJsonReader.read(bytes);
    assertThat(doc.context()).isEqualTo(VexDocument.CONTEXT_V0_2_0);
    String written = doc.toJson();
    VexDocument again = VexDocument.parse(written);
    assertThat(again).isEqualTo(doc);
    assertThat(again.toJson()).isEqualTo(written);

    JsonNode expected = normaliseInput(Json.mapper().readTree(bytes));
    JsonNode actual =
        normaliseTimes(Json.mapper().readTree(written.getBytes(StandardCharsets.UTF_8)));
    assertThat(actual).isEqualTo(expected);
  }

  // ---------------------------------------------------------------- the documented normalisations

  static JsonNode normaliseInput(JsonNode input) {
    ObjectNode doc = (ObjectNode) input.deepCopy();
    boolean legacy = LEGACY_CONTEXTS.contains(doc.path("@context").asText());
    if (doc.path("version").isTextual()) {
      doc.put("version", Integer.parseInt(doc.get("version").asText()));
    }
    for (JsonNode s : doc.withArray("statements")) {
      legacy |= upgradeStatement((ObjectNode) s);
    }
    if (legacy || doc.path("@context").asText().equals(VexDocument.CONTEXT_V0_2_0 + "/")) {
      doc.put("@context", VexDocument.CONTEXT_V0_2_0);
    }
    if (doc.path("version").asInt(-1) == 0) {
      doc.remove("version");
    }
    dropEmpty(doc);
    return normaliseTimes(doc);
  }

  /** Reshapes one legacy statement as the reader does; true when anything was legacy. */
  private static boolean upgradeStatement(ObjectNode s) {
    boolean legacy = false;
    JsonNode v = s.get("vulnerability");
    if (v != null && v.isTextual()) {
      ObjectNode vuln = JsonNodeFactory.instance.objectNode().put("name", v.asText());
      s.set("vulnerability", vuln);
      legacy = true;
    }
    JsonNode description = s.remove("vuln_description");
    if (description != null && !description.asText().isEmpty()) {
      ((ObjectNode) s.get("vulnerability")).put("description", description.asText());
      legacy = true;
    }
    if (s.path("version").isTextual()) {
      s.put("version", Integer.parseInt(s.get("version").asText()));
      legacy = true;
    }
    ArrayNode products = s.has("products") ? (ArrayNode) s.get("products") : null;
    if (products != null) {
      for (int i = 0; i < products.size(); i++) {
        if (products.get(i).isTextual()) {
          products.set(i, idObject(products.get(i).asText()));
          legacy = true;
        }
      }
    }
    JsonNode statementSubs = s.get("subcomponents");
    if (statementSubs != null && products != null && products.size() > 0) {
      s.remove("subcomponents");
      legacy = true;
      for (JsonNode p : products) {
        ArrayNode subs = ((ObjectNode) p).withArray("subcomponents");
        for (JsonNode sub : statementSubs) {
          if (sub.isTextual() && !sub.asText().isEmpty()) {
            subs.add(idObject(sub.asText()));
          } else if (sub.isObject()) {
            subs.add(sub.deepCopy());
          }
        }
      }
    }
    return legacy;
  }

  private static ObjectNode idObject(String id) {
    return JsonNodeFactory.instance.objectNode().put("@id", id);
  }

  /** Drops null and empty optional values and empty lists and maps of known fields. */
  private static void dropEmpty(JsonNode node) {
    if (node.isObject()) {
      List<String> drop = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode value = e.getValue();
        String name = e.getKey();
        if ((OPTIONAL_TEXT.contains(name)
                && (value.isNull() || value.asText().isEmpty())
                && !value.isContainerNode())
            || (LIST_FIELDS.contains(name) && (value.isNull() || value.isEmpty()))
            || (MAP_FIELDS.contains(name) && (value.isNull() || value.isEmpty()))) {
          drop.add(name);
        } else if (!name.startsWith("x-")) {
          dropEmpty(value);
        }
      }
      ((ObjectNode) node).remove(drop);
    } else if (node.isArray()) {
      node.forEach(SharedExamplesCrossCheckTest::dropEmpty);
    }
  }

  /** Every known time field as the UTC instant it denotes. */
  static JsonNode normaliseTimes(JsonNode node) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      List<String> names = new ArrayList<>();
      o.properties().forEach(e -> names.add(e.getKey()));
      for (String name : names) {
        JsonNode value = o.get(name);
        if (TIME_FIELDS.contains(name) && value.isTextual()) {
          o.put(name, OffsetDateTime.parse(value.asText()).toInstant().toString());
        } else {
          normaliseTimes(value);
        }
      }
    } else if (node.isArray()) {
      node.forEach(SharedExamplesCrossCheckTest::normaliseTimes);
    }
    return node;
  }
}
