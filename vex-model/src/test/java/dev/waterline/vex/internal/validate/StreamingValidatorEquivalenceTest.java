package dev.waterline.vex.internal.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The streaming validator ({@link DocumentValidator}, one statement at a time) gives exactly the
 * findings of the whole-tree validator it replaced ({@link TreeDocumentValidator}): the same
 * severities, pointers and messages in the same order, on valid and invalid documents: our fixtures
 * and fuzz seeds, the shared real-world examples (when {@code waterline.shared} is there), shapes
 * written for the streaming's own edge cases, and seeded mutations of all of them.
 */
class StreamingValidatorEquivalenceTest {
  private static final Duration SKEW = Duration.ofMinutes(5);

  /** A time after the examples' and one before them all (every time is then in the future). */
  private static final List<Instant> CLOCKS =
      List.of(Instant.parse("2026-12-01T00:00:00Z"), Instant.EPOCH);

  static void assertSameFindings(String name, byte[] json) {
    for (Instant now : CLOCKS) {
      ValidationReport tree = TreeDocumentValidator.validate(json, now, SKEW);
      ValidationReport streamed = DocumentValidator.validate(json, now, SKEW);
      assertThat(streamed.findings())
          .as("%s validated at %s", name, now)
          .containsExactlyElementsOf(tree.findings());
    }
  }

  private static byte[] utf8(String json) {
    return json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  private static Path resourceDir(String resource) {
    URL url = StreamingValidatorEquivalenceTest.class.getResource(resource);
    assertThat(url).as("%s on the class path", resource).isNotNull();
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Path> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().endsWith(".tsv"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> ourFiles() {
    List<Path> out = new ArrayList<>(files(resourceDir("/validation")));
    out.addAll(files(resourceDir("/dev/waterline/vex/ValidatorFuzzTestInputs")));
    out.addAll(files(resourceDir("/dev/waterline/vex/VexDocumentFuzzTestInputs")));
    return out;
  }

  private static List<Path> sharedFiles() {
    String shared = System.getProperty("waterline.shared", "");
    Path dir = Path.of(shared.isEmpty() ? "does-not-exist" : shared, "openvex", "examples");
    Assumptions.assumeTrue(
        Files.isDirectory(dir),
        dir + " does not exist: the shared OpenVEX examples are not compared");
    return files(dir).stream().filter(f -> f.toString().endsWith(".json")).toList();
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<DynamicTest> same(List<Path> files) {
    assertThat(files).isNotEmpty();
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(), () -> assertSameFindings(f.toString(), read(f))));
  }

  private static Stream<DynamicTest> mutated(List<Path> files, int perFile) {
    assertThat(files).isNotEmpty();
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      byte[] json = read(f);
                      SplittableRandom r = new SplittableRandom(f.getFileName().hashCode());
                      for (int i = 0; i < perFile; i++) {
                        byte[] m = Mutations.mutate(json, r);
                        assertSameFindings(
                            f + " mutation " + i + ": " + new String(m, StandardCharsets.UTF_8), m);
                      }
                    }));
  }

  @Nested
  class OurCorpus {
    @TestFactory
    Stream<DynamicTest> fixturesAndFuzzSeeds() {
      return same(ourFiles());
    }

    @TestFactory
    Stream<DynamicTest> theirMutations() {
      return mutated(ourFiles(), 150);
    }
  }

  @Nested
  class SharedExamples {
    @TestFactory
    Stream<DynamicTest> realWorldDocuments() {
      return same(sharedFiles());
    }

    @TestFactory
    Stream<DynamicTest> theirMutations() {
      return mutated(sharedFiles(), 40);
    }
  }

  @Nested
  class ShapesOfTheStreaming {
    static final String HEAD =
        "'@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'https://example.com/vex/1',"
            + " 'author': 'Example', 'version': 1";
    static final String TIME = "'timestamp': '2024-01-31T23:59:59Z'";
    static final String S1 =
        "{'vulnerability': {'name': 'CVE-2024-1'}, 'products': [{'@id': 'pkg:npm/a@1'}],"
            + " 'status': 'fixed'}";
    static final String S2 =
        "{'vulnerability': {'name': 'CVE-2024-2'}, 'products': [{'@id': 'pkg:npm/b@1'}],"
            + " 'status': 'not_affected'}";

    private void same(String json) {
      assertSameFindings(json, utf8(json));
    }

    @Test
    void statementsBeforeAValidDocumentTimeInheritIt() {
      same("{'statements': [" + S1 + "], " + HEAD + ", " + TIME + "}");
    }

    @Test
    void statementsBeforeAnInvalidOrMissingDocumentTime() {
      same("{'statements': [" + S1 + "], " + HEAD + ", 'timestamp': 'yesterday'}");
      same("{'statements': [" + S1 + "], " + HEAD + ", 'timestamp': 12}");
      same("{'statements': [" + S1 + ", " + S2 + "], " + HEAD + "}");
      same("{" + HEAD + ", 'statements': [" + S1 + "], 'timestamp': null}");
    }

    @Test
    void duplicateStatementsInAnyMemberOrder() {
      String reordered =
          "{'status': 'fixed', 'products': [{'@id': 'pkg:npm/a@1'}],"
              + " 'vulnerability': {'name': 'CVE-2024-1'}}";
      same("{" + HEAD + ", " + TIME + ", 'statements': [" + S1 + ", " + S2 + ", " + S1 + "]}");
      same("{" + HEAD + ", " + TIME + ", 'statements': [" + S1 + ", " + reordered + "]}");
    }

    @Test
    void statementsThatDifferOnlyInTheTypeOfANumber() {
      String one = S1.replace("'status'", "'x-rank': 1, 'status'");
      String oneDotZero = S1.replace("'status'", "'x-rank': 1.0, 'status'");
      String big = S1.replace("'status'", "'x-rank': 10000000000, 'status'");
      same("{" + HEAD + ", " + TIME + ", 'statements': [" + one + ", " + oneDotZero + "]}");
      same("{" + HEAD + ", " + TIME + ", 'statements': [" + one + ", " + big + ", " + big + "]}");
      same(
          "{"
              + HEAD
              + ", "
              + TIME
              + ", 'statements': ["
              + S1.replace("'status'", "'version': 1, 'status'")
              + ", "
              + S1.replace("'status'", "'version': 1.0, 'status'")
              + "]}");
    }

    @Test
    void statementsThatAreNotObjects() {
      same("{" + HEAD + ", " + TIME + ", 'statements': ['x', 1, null, [], true, " + S1 + "]}");
    }

    @Test
    void statementsThatAreNoNonEmptyArray() {
      same("{" + HEAD + ", " + TIME + ", 'statements': []}");
      same("{" + HEAD + ", " + TIME + ", 'statements': null}");
      same("{" + HEAD + ", " + TIME + ", 'statements': {'a': " + S1 + "}}");
      same("{" + HEAD + ", " + TIME + ", 'statements': 'none'}");
      same("{" + HEAD + ", " + TIME + "}");
      same("{}");
    }

    @Test
    void documentsThatAreNoObject() {
      same("[" + S1 + "]");
      same("'a string'");
      same("42");
      same("null");
    }

    @Test
    void syntaxErrorsAfterStatementsWithFindings() {
      String bad = S1.replace("'status': 'fixed'", "'status': 'fixd'");
      same("{" + HEAD + ", " + TIME + ", 'statements': [" + bad + ", " + S2 + ", {'a': }]}");
      same("{" + HEAD + ", " + TIME + ", 'statements': [" + bad + "]} trailing");
      same("{" + HEAD + ", " + TIME + ", 'statements': [" + bad + "]}{}");
      same("{" + HEAD + ", " + TIME + ", 'statements': [" + bad + ", " + S2);
      same(
          "{"
              + HEAD
              + ", "
              + TIME
              + ", 'statements': ["
              + bad
              + ", {'status': 'fixed', 'status': 'affected'}]}");
      same("{" + HEAD + ", 'statements': [" + bad + "], " + TIME + ", 'author': 'twice'}");
    }

    @Test
    void limitsBrokenInsideAStatement() {
      String deep = "[".repeat(300) + "]".repeat(300);
      String longNumber = "1".repeat(150);
      same("{" + HEAD + ", " + TIME + ", 'statements': [" + S1 + ", {'x': " + deep + "}]}");
      same("{" + HEAD + ", " + TIME + ", 'statements': [" + S1 + ", {'x': " + longNumber + "}]}");
      same("{'statements': [{'x': " + longNumber + "}], " + HEAD + ", " + TIME + "}");
    }

    @Test
    void encodingsAndByteOrderMarks() {
      byte[] doc = utf8("{" + HEAD + ", " + TIME + ", 'statements': [" + S1 + "]}");
      byte[] bom = new byte[doc.length + 3];
      bom[0] = (byte) 0xef;
      bom[1] = (byte) 0xbb;
      bom[2] = (byte) 0xbf;
      System.arraycopy(doc, 0, bom, 3, doc.length);
      assertSameFindings("with a byte order mark", bom);
      assertSameFindings(
          "UTF-16", ("{" + HEAD + "}").replace('\'', '"').getBytes(StandardCharsets.UTF_16LE));
      assertSameFindings("blank", utf8("  \n "));
      assertSameFindings("a lone NUL", new byte[] {0});
    }
  }

  @Nested
  class HostileInput {
    private static final String HEAD = ShapesOfTheStreaming.HEAD;
    private static final String TIME = ShapesOfTheStreaming.TIME;
    private static final String S1 = ShapesOfTheStreaming.S1;
    private static final String S2 = ShapesOfTheStreaming.S2;

    /** Values of every JSON type, for fields that expect one of them. */
    private static final List<String> VALUES =
        List.of(
            "'x'",
            "''",
            "1",
            "0",
            "-1",
            "1.5",
            "1e400",
            "true",
            "null",
            "[]",
            "{}",
            "['x']",
            "[1, 1]",
            "{'a': 1}",
            "'2099-01-01T00:00:00Z'",
            "'not a time'",
            "'pkg:npm/%zz'");

    private static final List<String> STATEMENT_FIELDS =
        List.of(
            "@id",
            "version",
            "vulnerability",
            "timestamp",
            "last_updated",
            "products",
            "status",
            "supplier",
            "status_notes",
            "justification",
            "impact_statement",
            "action_statement",
            "action_statement_timestamp",
            "x-extra",
            "unknown");

    private static final List<String> DOCUMENT_FIELDS =
        List.of(
            "@context",
            "@id",
            "author",
            "role",
            "timestamp",
            "last_updated",
            "version",
            "tooling",
            "x-extra",
            "unknown");

    private void same(String json) {
      assertSameFindings(json.length() > 300 ? json.substring(0, 300) + "..." : json, utf8(json));
    }

    private static String doc(String... statements) {
      return "{" + HEAD + ", " + TIME + ", 'statements': [" + String.join(", ", statements) + "]}";
    }

    @Test
    void duplicateKeysAnywhere() {
      same(doc(S1.replace("'name': 'CVE-2024-1'", "'name': 'CVE-2024-1', 'name': 'CVE-2'")));
      same(doc(S1, S1.replace("{'@id': 'pkg:npm/a@1'}", "{'@id': 'a', '@id': 'b'}")));
      same("{" + HEAD + ", 'statements': [" + S1 + "], " + TIME + ", 'statements': [" + S2 + "]}");
      same("{'statements': [" + S1 + "], " + HEAD + ", " + TIME + ", " + TIME + "}");
      same("{" + HEAD + ", 'version': 2, " + TIME + ", 'statements': [" + S1 + "]}");
      same(doc(S1.replace("'status': 'fixed'", "'status': 'fixed', 'status': 'fixed'")));
    }

    @Test
    void nestingAtAndBeyondTheLimit() {
      for (int depth : new int[] {250, 253, 254, 255, 256, 300, 5000}) {
        String deep = "[".repeat(depth) + "]".repeat(depth);
        same(doc(S1, "{'x-deep': " + deep + "}"));
        same(doc(S1.replace("'status'", "'x-deep': " + deep + ", 'status'")));
        same("{" + HEAD + ", " + TIME + ", 'x-deep': " + deep + ", 'statements': [" + S1 + "]}");
        same("{'statements': [" + S1 + "], 'x-deep': " + deep + ", " + HEAD + ", " + TIME + "}");
        same("{'statements': " + deep + ", " + HEAD + ", " + TIME + "}");
      }
    }

    @Test
    void everyStatementFieldWithEveryType() {
      for (String field : STATEMENT_FIELDS) {
        for (String value : VALUES) {
          String bad = S1.replace("'status'", "'" + field + "': " + value + ", 'status'");
          if (field.equals("status") || field.equals("vulnerability")) {
            bad = "{'" + field + "': " + value + ", 'products': [{'@id': 'pkg:npm/a@1'}]}";
          }
          same(doc(S2, bad, S1));
          same("{'statements': [" + bad + "], " + HEAD + "}");
        }
      }
    }

    @Test
    void everyDocumentFieldWithEveryType() {
      for (String field : DOCUMENT_FIELDS) {
        for (String value : VALUES) {
          String member = "'" + field + "': " + value;
          same("{" + member + ", 'statements': [" + S1 + "]}");
          same("{'statements': [" + S1 + ", " + S1 + "], " + member + "}");
          same(
              doc(S1).replace("{" + HEAD, "{" + HEAD.replace("'author'", "'x-a'") + ", " + member));
        }
      }
    }

    @Test
    void unknownEnumValues() {
      same(doc(S1.replace("'fixed'", "'FIXED'"), S2.replace("'not_affected'", "'unaffected'")));
      same(
          doc(
              S2.replace(
                  "'status': 'not_affected'",
                  "'status': 'not_affected', 'justification': 'no_reason'")));
      same(
          doc(
              S1.replace(
                  "{'@id': 'pkg:npm/a@1'}",
                  "{'identifiers': {'purl': 'pkg:npm/a@1', 'swid': 'x'}}"),
              S1.replace("{'@id': 'pkg:npm/a@1'}", "{'@id': 'x', 'hashes': {'sha-255': 'ab'}}"),
              S1.replace("{'@id': 'pkg:npm/a@1'}", "{'identifiers': {}}")));
      same(doc(S1.replace("'fixed'", "'affected'")));
      same(
          "{'@context': 'https://openvex.dev/ns/v9.9.9', '@id': 'x', 'author': 'a', 'version': 0, "
              + TIME
              + ", 'statements': ["
              + S1
              + "]}");
    }

    @Test
    void hugeStrings() {
      String mega = "x".repeat(2 * 1024 * 1024);
      same(doc(S1.replace("'fixed'", "'" + mega + "'")));
      same(doc(S1.replace("'status'", "'status_notes': '" + mega + "', 'status'"), S1));
      same(doc(S1.replace("'status'", "'" + "k".repeat(Json.MAX_NAME_LENGTH) + "': 1, 'status'")));
      same(
          doc(
              S1.replace(
                  "'status'", "'" + "k".repeat(Json.MAX_NAME_LENGTH + 1) + "': 1, 'status'")));
      same("{" + HEAD + ", 'timestamp': '" + mega + "', 'statements': [" + S1 + "]}");
      same("{'statements': [" + S1 + "], " + HEAD + ", 'timestamp': '" + mega + "'}");
    }

    @Test
    void manyStatementsWithFindingsKeepTheirOrder() {
      SplittableRandom r = new SplittableRandom(12);
      List<String> statements = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String s = (i % 2 == 0 ? S1 : S2).replace("CVE-2024-", "CVE-2024-" + i);
        switch (r.nextInt(6)) {
          case 0 -> s = s.replace("'fixed'", "'fixd'");
          case 1 -> s = s.replace("'status'", "'timestamp': '2099-01-01T00:00:00Z', 'status'");
          case 2 -> s = S1; // a duplicate
          case 3 -> s = s.replace("'products'", "'version': 0, 'products'");
          default -> {}
        }
        statements.add(s);
      }
      same(doc(statements.toArray(new String[0])));
      same(
          "{'statements': ["
              + String.join(", ", statements)
              + "], "
              + HEAD.replace("'version': 1", "'version': 'one'")
              + "}");
    }
  }

  @Nested
  class Digests {
    private boolean sameDigest(String a, String b) {
      StatementDigests digests = new StatementDigests();
      digests.add(Json.readTree(utf8(a)));
      return !digests.add(Json.readTree(utf8(b)));
    }

    @Test
    void sayTwoTreesAreEqualExactlyWhenJacksonDoes() {
      String[][] pairs = {
        {"{'a': 1, 'b': [1, 'x']}", "{'b': [1, 'x'], 'a': 1}"},
        {"{'a': 1}", "{'a': 1.0}"},
        {"{'a': 1.0}", "{'a': 1.00}"},
        {"{'a': 1}", "{'a': '1'}"},
        {"{'a': 10000000000}", "{'a': 10000000000}"},
        {"{'a': 2147483647}", "{'a': 2147483648}"},
        {"{'a': [1, 2]}", "{'a': [2, 1]}"},
        {"{'a': null}", "{}"},
        {"{'a': true}", "{'a': 'true'}"},
        {"{'a': '\\ud800'}", "{'a': '?'}"},
        {"{'ab': 'c'}", "{'a': 'bc'}"},
        {"{'a': {'b': 1}}", "{'a': {'b': 1}, 'c': 2}"},
        {"{'a': 0.0}", "{'a': -0.0}"},
      };
      for (String[] pair : pairs) {
        boolean jackson = Json.readTree(utf8(pair[0])).equals(Json.readTree(utf8(pair[1])));
        assertThat(sameDigest(pair[0], pair[1]))
            .as("%s and %s", pair[0], pair[1])
            .isEqualTo(jackson);
      }
    }

    @Test
    void keepEveryDistinctStatementAsTheTableGrows() {
      StatementDigests digests = new StatementDigests();
      for (int i = 0; i < 20_000; i++) {
        assertThat(digests.add(Json.readTree(utf8("{'n': " + i + "}")))).isTrue();
      }
      for (int i = 0; i < 20_000; i += 997) {
        assertThat(digests.add(Json.readTree(utf8("{'n': " + i + "}")))).isFalse();
      }
    }
  }

  /** Seeded changes to a document: to its tree (shape, types, order) or to its bytes (syntax). */
  static final class Mutations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Mutations() {}

    static byte[] mutate(byte[] json, SplittableRandom r) {
      JsonNode tree;
      try {
        tree = Json.readTree(json);
      } catch (VexParseException e) {
        tree = null;
      }
      if (tree == null || r.nextInt(8) == 0) {
        return bytes(json, r);
      }
      JsonNode copy = tree.deepCopy();
      int changes = 1 + r.nextInt(3);
      for (int i = 0; i < changes; i++) {
        copy = change(copy, r);
      }
      return r.nextBoolean() ? Json.writeCompact(copy) : Json.writePretty(copy);
    }

    private static byte[] bytes(byte[] json, SplittableRandom r) {
      if (json.length == 0) {
        return new byte[] {'{'};
      }
      int at = r.nextInt(json.length);
      switch (r.nextInt(3)) {
        case 0:
          return Arrays.copyOf(json, at);
        case 1:
          byte[] out = json.clone();
          out[at] = (byte) "{}[],:\"x1 \\".charAt(r.nextInt(11));
          return out;
        default:
          byte[] cut = new byte[json.length - 1];
          System.arraycopy(json, 0, cut, 0, at);
          System.arraycopy(json, at + 1, cut, at, json.length - at - 1);
          return cut;
      }
    }

    private static JsonNode change(JsonNode root, SplittableRandom r) {
      if (root.isObject() && root.has("statements") && r.nextInt(6) == 0) {
        return statementsFirst((ObjectNode) root, r);
      }
      List<JsonNode> containers = new ArrayList<>();
      collect(root, containers);
      if (containers.isEmpty()) {
        return NODES.objectNode();
      }
      JsonNode target = containers.get(r.nextInt(containers.size()));
      if (target.isArray()) {
        ArrayNode a = (ArrayNode) target;
        switch (r.nextInt(4)) {
          case 0:
            if (a.size() > 0) {
              a.add(a.get(r.nextInt(a.size())).deepCopy()); // a duplicate
            }
            break;
          case 1:
            if (a.size() > 0) {
              a.remove(r.nextInt(a.size()));
            }
            break;
          case 2:
            if (a.size() > 0) {
              a.set(r.nextInt(a.size()), value(r));
            }
            break;
          default:
            a.insert(r.nextInt(a.size() + 1), value(r));
        }
      } else {
        ObjectNode o = (ObjectNode) target;
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        String name = names.isEmpty() ? "x" : names.get(r.nextInt(names.size()));
        switch (r.nextInt(4)) {
          case 0:
            o.remove(name);
            break;
          case 1:
            o.set(name, value(r));
            break;
          case 2:
            o.set(
                List.of("x-extra", "timestamp", "status", "justification", "@id", "version")
                    .get(r.nextInt(6)),
                value(r));
            break;
          default:
            JsonNode moved = o.remove(name);
            if (moved != null) {
              o.set(name, moved); // to the end
            }
        }
      }
      return root;
    }

    private static JsonNode statementsFirst(ObjectNode root, SplittableRandom r) {
      ObjectNode out = NODES.objectNode();
      out.set("statements", root.get("statements"));
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        if (!e.getKey().equals("statements")
            && !(e.getKey().equals("timestamp") && r.nextInt(3) == 0)) {
          out.set(e.getKey(), e.getValue());
        }
      }
      return out;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
      if (node.isContainerNode()) {
        into.add(node);
        for (JsonNode child : node) {
          collect(child, into);
        }
      }
    }

    private static JsonNode value(SplittableRandom r) {
      switch (r.nextInt(12)) {
        case 0:
          return NODES.textNode("x");
        case 1:
          return NODES.numberNode(1);
        case 2:
          return NODES.numberNode(1.0);
        case 3:
          return NODES.nullNode();
        case 4:
          return NODES.arrayNode();
        case 5:
          return NODES.objectNode();
        case 6:
          return NODES.booleanNode(true);
        case 7:
          return NODES.textNode("2099-01-01T00:00:00Z");
        case 8:
          return NODES.textNode("not_affected");
        case 9:
          return NODES.textNode("pkg:npm/%zz");
        case 10:
          return NODES.objectNode().put("purl", "pkg:npm/a@1").put("cpe99", "x");
        default:
          return NODES.textNode("");
      }
    }
  }
}
