package dev.waterline.vex.formats.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationSeverity;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.internal.json.QuietLogging;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The official schemas, kept as resources ({@code schema/README.md} names their sources, commits
 * and licences) and evaluated with networknt json-schema-validator. Nothing is fetched: every
 * {@code $ref} resolves to a resource, and an IRI without one resolves to nothing.
 */
final class Schemas {
  private static final String BASE = "/dev/waterline/vex/formats/internal/schema/";

  private static final Map<String, String> LOCATIONS =
      Map.of(
          "http://cyclonedx.org/schema/", BASE + "cyclonedx/",
          "https://www.first.org/cvss/", BASE + "csaf/",
          "https://docs.oasis-open.org/csaf/csaf/v2.0/", BASE + "csaf/");

  private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

  private Schemas() {}

  private static @Nullable String resource(String iri) {
    for (Map.Entry<String, String> e : LOCATIONS.entrySet()) {
      if (iri.startsWith(e.getKey())) {
        String name = iri.substring(e.getKey().length());
        int cut = name.indexOf('#');
        if (cut >= 0) {
          name = name.substring(0, cut);
        }
        try (InputStream in = Schemas.class.getResourceAsStream(e.getValue() + name)) {
          // Bundled, but still read through the one bounded reader (a schema is far below 1 MiB).
          return in == null
              ? null
              : new String(
                  Inputs.read(in, InputKind.POLICY, "the schema resource " + name),
                  StandardCharsets.UTF_8);
        } catch (IOException x) {
          throw new IllegalStateException("cannot read the schema resource " + name, x);
        }
      }
    }
    return null;
  }

  private static Schema load(String iri, SpecificationVersion dialect, boolean formats) {
    QuietLogging.beforeFirstLogger();
    return CACHE.computeIfAbsent(
        iri,
        k ->
            SchemaRegistry.withDefaultDialect(
                    dialect,
                    b ->
                        b.schemas(Schemas::resource)
                            .schemaRegistryConfig(
                                SchemaRegistryConfig.builder()
                                    .formatAssertionsEnabled(formats)
                                    .build()))
                .getSchema(SchemaLocation.of(k)));
  }

  /** The CycloneDX schema of one version (1.4 to 1.7). */
  static Schema cycloneDx(String version) {
    return load(
        "http://cyclonedx.org/schema/bom-" + version + ".schema.json",
        SpecificationVersion.DRAFT_7,
        false);
  }

  /**
   * The CSAF 2.0 schema, its formats asserted ({@code uri}, {@code date-time}, …) as the BSI's
   * validator asserts them: draft 2020-12 makes them annotations unless asked.
   */
  static Schema csaf() {
    return load(
        "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json",
        SpecificationVersion.DRAFT_2020_12,
        true);
  }

  /** The schema's errors as ERROR findings, each with its pointer, prefixed with {@code label}. */
  static List<ValidationFinding> check(Schema schema, JsonNode node, String label) {
    Set<ValidationFinding> out = new LinkedHashSet<>();
    for (Error e : schema.validate(node)) {
      String keyword = e.getKeyword() == null ? "" : e.getKeyword();
      if (keyword.equals("if")
          || keyword.equals("allOf")
          || keyword.equals("$ref")
          || keyword.equals("then")) {
        continue;
      }
      out.add(
          new ValidationFinding(
              ValidationSeverity.ERROR,
              pointer(e.getInstanceLocation()),
              label + ": " + message(e, keyword)));
    }
    return new ArrayList<>(out);
  }

  private static String message(Error e, String keyword) {
    JsonNode schema = e.getSchemaNode();
    switch (keyword) {
      case "required":
        return "required field '" + e.getProperty() + "' is missing";
      case "additionalProperties":
        return "field '" + e.getProperty() + "' is not allowed here";
      case "enum":
        return "expected one of "
            + (schema == null ? "?" : schema.toString())
            + " but was "
            + shown(e.getInstanceNode());
      case "type":
        return "expected "
            + (schema == null ? "?" : schema.asText())
            + " but found "
            + Trees.kind(e.getInstanceNode());
      default:
        return keyword + ": " + e.getMessage();
    }
  }

  private static String shown(@Nullable JsonNode n) {
    if (n == null) {
      return "nothing";
    }
    return n.isTextual() ? Trees.shown(n.textValue()) : Trees.kind(n);
  }

  static String pointer(NodePath path) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object step = path.getElement(i);
      b.append('/');
      b.append(step instanceof Integer ? step.toString() : Trees.escape(String.valueOf(step)));
    }
    return b.toString();
  }
}
