package dev.waterline.vex.workflow.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.image.ImageText;
import dev.waterline.vex.internal.json.Json;
import dev.waterline.vex.policy.InputParseException;
import dev.waterline.vex.workflow.SbomPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads the SBOMs {@link dev.waterline.vex.workflow.Sbom} describes. */
public final class SbomReader {
  private static final String WHAT = "SBOM";
  private static final List<String> LAYER_PROPERTIES =
      List.of("syft:location:0:layerID", "aquasecurity:trivy:LayerDiffID");

  private SbomReader() {}

  /** What an SBOM says. */
  public record Result(String format, List<ContentDigest> subjects, List<SbomPackage> packages) {}

  /** Reads {@code json}; {@code origin} names it in errors. */
  public static Result read(byte[] json, String origin) {
    JsonNode root;
    try {
      root = Json.readTree(json);
    } catch (VexParseException e) {
      throw new InputParseException(
          InputParseException.Kind.SYNTAX,
          WHAT,
          origin,
          e.pointer(),
          e.line(),
          e.column(),
          e.detail());
    }
    if (!root.isObject()) {
      throw fail(origin, "", "expected a JSON object but found " + kind(root));
    }
    if (root.has("payloadType") && root.has("payload")) {
      throw fail(
          origin,
          "",
          "this is a DSSE envelope: verify its signature first and give the in-toto statement it"
              + " carries (or the SBOM itself)");
    }
    String base = "";
    List<ContentDigest> subjects = new ArrayList<>();
    JsonNode sbom = root;
    JsonNode type = root.path("_type");
    if (type.isTextual() && type.textValue().startsWith("https://in-toto.io/Statement/")) {
      JsonNode subject = root.path("subject");
      if (!subject.isArray()) {
        throw fail(origin, "/subject", "expected an array but found " + kind(subject));
      }
      for (int i = 0; i < subject.size(); i++) {
        JsonNode digests = subject.get(i).path("digest");
        if (!digests.isObject()) {
          throw fail(
              origin, "/subject/" + i + "/digest", "expected an object but found " + kind(digests));
        }
        for (Map.Entry<String, JsonNode> d : digests.properties()) {
          String p =
              "/subject/"
                  + i
                  + "/digest/"
                  + shown(d.getKey().replace("~", "~0").replace("/", "~1"));
          String text = d.getValue().isTextual() ? d.getValue().textValue() : "";
          Optional<ContentDigest> digest = ContentDigest.tryParse(d.getKey() + ":" + text);
          if (digest.isEmpty()) {
            throw fail(origin, p, "expected a hex digest but found " + kind(d.getValue()));
          }
          subjects.add(digest.get());
        }
      }
      base = "/predicate";
      sbom = root.path("predicate");
      if (!sbom.isObject()) {
        throw fail(origin, base, "expected the SBOM, an object, but found " + kind(sbom));
      }
    }
    JsonNode bomFormat = sbom.path("bomFormat");
    JsonNode spdxVersion = sbom.path("spdxVersion");
    List<SbomPackage> packages = new ArrayList<>();
    String format;
    if (bomFormat.isTextual() && bomFormat.textValue().equals("CycloneDX")) {
      JsonNode spec = sbom.path("specVersion");
      format = "CycloneDX " + (spec.isTextual() ? shown(spec.textValue()) : "(no specVersion)");
      cycloneDx(origin, base, sbom, packages);
    } else if (spdxVersion.isTextual() && spdxVersion.textValue().startsWith("SPDX-")) {
      format = shown(spdxVersion.textValue());
      spdx(origin, base, sbom, packages);
    } else {
      throw fail(
          origin,
          base,
          "expected a CycloneDX BOM (\"bomFormat\": \"CycloneDX\") or an SPDX 2 document"
              + " (\"spdxVersion\": \"SPDX-2.…\")"
              + (type.isTextual() && base.isEmpty() ? " or an in-toto statement" : "")
              + " but found neither");
    }
    return new Result(format, subjects, packages);
  }

  private static void cycloneDx(String origin, String base, JsonNode bom, List<SbomPackage> out) {
    List<Object[]> stack = new ArrayList<>();
    push(origin, stack, bom.path("components"), base + "/components");
    while (!stack.isEmpty()) {
      Object[] e = stack.remove(stack.size() - 1);
      JsonNode c = (JsonNode) e[0];
      String p = (String) e[1];
      if (!c.isObject()) {
        throw fail(origin, p, "expected a component (an object) but found " + kind(c));
      }
      String name = required(origin, c, "name", p);
      String layer = null;
      JsonNode props = c.path("properties");
      if (props.isArray()) {
        for (JsonNode prop : props) {
          JsonNode n = prop.path("name");
          JsonNode v = prop.path("value");
          Optional<ContentDigest> diffId =
              n.isTextual() && LAYER_PROPERTIES.contains(n.textValue()) && v.isTextual()
                  ? ContentDigest.tryParse(v.textValue())
                  : Optional.empty();
          if (diffId.isPresent()) {
            layer = diffId.get().toString();
            break;
          }
        }
      }
      out.add(
          SbomPackage.of(
              name, optional(origin, c, "purl", p), optional(origin, c, "version", p), layer));
      push(origin, stack, c.path("components"), p + "/components");
    }
  }

  /** Pushes the members of an array in reverse, so they pop in document order. */
  private static void push(String origin, List<Object[]> stack, JsonNode array, String p) {
    if (array.isMissingNode()) {
      return;
    }
    if (!array.isArray()) {
      throw fail(origin, p, "expected an array but found " + kind(array));
    }
    for (int i = array.size() - 1; i >= 0; i--) {
      stack.add(new Object[] {array.get(i), p + "/" + i});
    }
  }

  private static void spdx(String origin, String base, JsonNode doc, List<SbomPackage> out) {
    JsonNode packages = doc.path("packages");
    if (packages.isMissingNode()) {
      return;
    }
    if (!packages.isArray()) {
      throw fail(origin, base + "/packages", "expected an array but found " + kind(packages));
    }
    for (int i = 0; i < packages.size(); i++) {
      String p = base + "/packages/" + i;
      JsonNode pkg = packages.get(i);
      if (!pkg.isObject()) {
        throw fail(origin, p, "expected a package (an object) but found " + kind(pkg));
      }
      String name = required(origin, pkg, "name", p);
      String version = optional(origin, pkg, "versionInfo", p);
      String purl = null;
      JsonNode refs = pkg.path("externalRefs");
      if (!refs.isMissingNode() && !refs.isArray()) {
        throw fail(origin, p + "/externalRefs", "expected an array but found " + kind(refs));
      }
      for (int k = 0; k < refs.size(); k++) {
        JsonNode ref = refs.get(k);
        if (ref.path("referenceType").isTextual()
            && ref.path("referenceType").textValue().equals("purl")) {
          purl = required(origin, ref, "referenceLocator", p + "/externalRefs/" + k);
          break;
        }
      }
      out.add(SbomPackage.of(name, purl, version, null));
    }
  }

  private static String required(String origin, JsonNode node, String name, String p) {
    String v = optional(origin, node, name, p);
    if (v == null) {
      throw fail(origin, p + "/" + name, "missing: every entry needs one");
    }
    return v;
  }

  private static @Nullable String optional(String origin, JsonNode node, String name, String p) {
    JsonNode v = node.path(name);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw fail(origin, p + "/" + name, "expected a string but found " + kind(v));
    }
    return v.textValue();
  }

  private static String kind(JsonNode n) {
    if (n.isMissingNode()) {
      return "nothing";
    }
    if (n.isTextual()) {
      return "the string '" + shown(n.textValue()) + "'";
    }
    return switch (n.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "a " + n.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  private static String shown(String text) {
    return ImageText.shown(text, 80);
  }

  private static InputParseException fail(String origin, String pointer, String detail) {
    return new InputParseException(
        InputParseException.Kind.DATA, WHAT, origin, pointer, 0, 0, detail);
  }
}
