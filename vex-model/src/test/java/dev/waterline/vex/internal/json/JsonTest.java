package dev.waterline.vex.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.VexParseException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonTest {
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Nested
  class ReadTree {
    @Test
    void readsAnyJsonValueSkippingAByteOrderMark() {
      JsonNode node = Json.readTree(utf8("\uFEFF[1, {\"a\": \"é\"}]"));
      assertThat(node.get(1).get("a").asText()).isEqualTo("é");
      assertThat(Json.readTree(new ByteArrayInputStream(utf8("true"))).asBoolean()).isTrue();
    }

    @Test
    void rejectsDuplicateKeysWithAPointer() {
      VexParseException e =
          catchThrowableOfType(
              VexParseException.class, () -> Json.readTree(utf8("{\"a\":{\"b\":1,\"b\":2}}")));
      assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
      assertThat(e.pointer()).isEqualTo("/a/b");
      assertThat(e.detail()).isEqualTo("duplicate field 'b' in one object");
    }

    @Test
    void namesTheNumberAndNameLimitsInItsOwnWords() {
      VexParseException number =
          catchThrowableOfType(
              VexParseException.class,
              () -> Json.readTree(utf8("{\"n\": " + "9".repeat(5000) + "}")));
      assertThat(number.detail()).isEqualTo("a number longer than 100 characters");
      assertThat(number.pointer()).isEqualTo("/n");
      VexParseException name =
          catchThrowableOfType(
              VexParseException.class,
              () -> Json.readTree(utf8("{\"" + "k".repeat(60_000) + "\": 1}")));
      assertThat(name.detail()).isEqualTo("a field name longer than 50000 characters");
    }

    @Test
    void rejectsUtf16() {
      VexParseException e =
          catchThrowableOfType(
              VexParseException.class,
              () -> Json.readTree("{}".getBytes(StandardCharsets.UTF_16LE)));
      assertThat(e.detail()).isEqualTo("JSON must be UTF-8 (RFC 8259); this input is UTF-16LE");
    }

    @Test
    void rejectsTrailingContent() {
      VexParseException e =
          catchThrowableOfType(VexParseException.class, () -> Json.readTree(utf8("{} []")));
      assertThat(e.detail())
          .isEqualTo("expected the end of the input after the document but found more JSON");
      assertThat(e.column()).isEqualTo(4);
    }

    @Test
    void rejectsAnEmptyInput() {
      VexParseException e =
          catchThrowableOfType(VexParseException.class, () -> Json.readTree(utf8("  ")));
      assertThat(e.detail()).isEqualTo("the input is empty: expected a JSON value");
    }

    @Test
    void rejectsANumberWhoseExponentIsTooLargeToReadExactlyWithAPointer() {
      // found by SarifFilterFuzzTest: exact decimals (OCI manifests, SARIF written back) threw
      // Jackson's NumberFormatException, which escaped every reader
      VexParseException e =
          catchThrowableOfType(
              VexParseException.class,
              () -> Json.readExactTree(utf8("{\"size\": [1, 6e666666664666600000000000]}")));
      assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
      assertThat(e.pointer()).isEqualTo("/size/1");
      assertThat(e.detail()).isEqualTo("a number whose exponent is too large to read it exactly");
      // the tree for computing reads it as a double (infinity), as before
      assertThat(Json.readTree(utf8("6e666666664666600000000000")).isNumber()).isTrue();
    }

    @Test
    void rejectsDeepNesting() {
      VexParseException e =
          catchThrowableOfType(
              VexParseException.class, () -> Json.readTree(utf8("[".repeat(5000))));
      assertThat(e.detail()).isEqualTo("nesting deeper than 256 levels");
    }
  }

  @Nested
  class Writing {
    @Test
    void prettyPrintsInTheHouseStyle() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (JsonGenerator g = Json.prettyGenerator(out)) {
        g.writeStartObject();
        g.writeArrayFieldStart("a");
        g.writeNumber(1);
        g.writeEndArray();
        g.writeObjectFieldStart("b");
        g.writeEndObject();
        g.writeStringField("c", "<&> ü");
        g.writeEndObject();
      }
      assertThat(out.toString(StandardCharsets.UTF_8))
          .isEqualTo("{\n  \"a\": [\n    1\n  ],\n  \"b\": {},\n  \"c\": \"<&> ü\"\n}");
    }

    @Test
    void prettyPrintsTheBytesOfJacksonsDefaultPrinterInTheSameStyle() throws IOException {
      DefaultPrettyPrinter jackson =
          new DefaultPrettyPrinter(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                      .withObjectEmptySeparator("")
                      .withArrayEmptySeparator(""))
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n"));
      Random random = new Random(8785);
      for (int round = 0; round < 300; round++) {
        // depths past the 32 levels the house printer encodes in advance, and past 64
        JsonNode tree = randomTree(random, round % 3 == 0 ? 40 + random.nextInt(60) : 6);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.prettyGenerator(ours)) {
          Json.mapper().writeTree(g, tree);
        }
        ByteArrayOutputStream theirs = new ByteArrayOutputStream();
        try (JsonGenerator g = Json.factory().createGenerator(theirs)) {
          g.setPrettyPrinter(jackson.createInstance());
          Json.mapper().writeTree(g, tree);
        }
        assertThat(ours.toString(StandardCharsets.UTF_8))
            .as("round %d", round)
            .isEqualTo(theirs.toString(StandardCharsets.UTF_8));
      }
    }

    private JsonNode randomTree(Random random, int depth) {
      JsonNodeFactory f = JsonNodeFactory.instance;
      if (depth == 0) {
        switch (random.nextInt(4)) {
          case 0:
            return f.textNode("t" + random.nextInt(100) + "\u00e9\n");
          case 1:
            return f.numberNode(random.nextInt());
          case 2:
            return f.booleanNode(random.nextBoolean());
          default:
            return f.nullNode();
        }
      }
      int n = random.nextInt(4); // 0: an empty container
      if (random.nextBoolean()) {
        ArrayNode a = f.arrayNode();
        for (int i = 0; i < n; i++) {
          a.add(randomTree(random, i == 0 ? depth - 1 : random.nextInt(depth)));
        }
        return a;
      }
      ObjectNode o = f.objectNode();
      for (int i = 0; i < n; i++) {
        o.set("k" + i, randomTree(random, i == 0 ? depth - 1 : random.nextInt(depth)));
      }
      return o;
    }

    @Test
    void quotesAStringAsCompactJson() {
      assertThat(Json.compact("a\"b\n")).isEqualTo("\"a\\\"b\\n\"");
    }
  }
}
