package dev.waterline.vex.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.VexParseException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    void quotesAStringAsCompactJson() {
      assertThat(Json.compact("a\"b\n")).isEqualTo("\"a\\\"b\\n\"");
    }
  }
}
