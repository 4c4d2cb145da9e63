package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An in-toto Statement whose predicate is an OpenVEX document. Written as Statement v1; v1 and v0.1
 * are read. {@link #toPayload()} is the DSSE payload: compact JSON, fields in the order {@code
 * _type}, {@code subject}, {@code predicateType}, {@code predicate}, every non-ASCII character
 * escaped as <code>&#92;uXXXX</code>.
 */
@API(status = STABLE, since = "0.1.0")
public final class InTotoStatement {
  /** {@code _type} of in-toto Statement v1 (written). */
  public static final String TYPE_V1 = "https://in-toto.io/Statement/v1";

  /** {@code _type} of in-toto Statement v0.1 (read; cosign still writes it). */
  public static final String TYPE_V0_1 = "https://in-toto.io/Statement/v0.1";

  /**
   * The OpenVEX predicate type without version: the default, the one value {@code cosign
   * verify-attestation --type openvex}, Trivy and vexctl accept.
   */
  public static final String PREDICATE_TYPE_OPENVEX = "https://openvex.dev/ns";

  /** The versioned OpenVEX predicate type (go-vex ≥ 0.2.8, Docker Hardened Images). */
  public static final String PREDICATE_TYPE_OPENVEX_V0_2_0 = "https://openvex.dev/ns/v0.2.0";

  /**
   * The prefix of CycloneDX predicate types ({@code https://cyclonedx.org/bom}, the in-toto vetted
   * type, and {@code https://cyclonedx.org/vex}): a BOM whose {@code vulnerabilities} carry VEX.
   */
  public static final String PREDICATE_TYPE_CYCLONEDX_PREFIX = "https://cyclonedx.org/";

  /**
   * The CycloneDX BOM predicate type ({@code cosign attest --type cyclonedx}); versioned variants
   * are under it ({@code https://cyclonedx.org/bom/v1.6}).
   */
  public static final String PREDICATE_TYPE_CYCLONEDX_BOM = "https://cyclonedx.org/bom";

  /**
   * The SPDX document predicate type ({@code cosign attest --type spdxjson}, BuildKit's SBOM
   * attestations); versioned variants are under it ({@code https://spdx.dev/Document/v2.3}).
   */
  public static final String PREDICATE_TYPE_SPDX = "https://spdx.dev/Document";

  /**
   * The prefix of CSAF predicate types: there is no registered one, so any type under OASIS' CSAF
   * namespace ({@code https://docs.oasis-open.org/csaf/…}) is read as a CSAF document.
   */
  public static final String PREDICATE_TYPE_CSAF_PREFIX = "https://docs.oasis-open.org/csaf/";

  private final String type;
  private final List<Subject> subjects;
  private final String predicateType;
  private final JsonNode predicate;
  private @Nullable VexDocument document;

  private InTotoStatement(
      String type,
      List<Subject> subjects,
      String predicateType,
      JsonNode predicate,
      @Nullable VexDocument document) {
    this.type = type;
    this.subjects = List.copyOf(subjects);
    this.predicateType = predicateType;
    this.predicate = predicate;
    this.document = document;
  }

  /**
   * A v1 statement about the given subjects with an OpenVEX predicate of type {@value
   * #PREDICATE_TYPE_OPENVEX}.
   *
   * @throws VexException when there is no subject
   */
  public static InTotoStatement of(VexDocument predicate, List<Subject> subjects) {
    if (subjects.isEmpty()) {
      throw new VexException(
          "an in-toto statement needs at least one subject (IMAGE@sha256:<hex>)");
    }
    JsonNode tree = Json.read(predicate.toJsonBytes(), "the OpenVEX document");
    return new InTotoStatement(TYPE_V1, subjects, PREDICATE_TYPE_OPENVEX, tree, predicate);
  }

  /** As {@link #of(VexDocument, List)} with the given subjects. */
  public static InTotoStatement of(VexDocument predicate, Subject... subjects) {
    return of(predicate, List.of(subjects));
  }

  /** The same statement with another predicate type (any URI; see the constants). */
  public InTotoStatement withPredicateType(String predicateType) {
    if (predicateType.isBlank()) {
      throw new VexException("the predicate type must not be blank");
    }
    return new InTotoStatement(type, subjects, predicateType, predicate, document);
  }

  /**
   * Reads a statement (v1 or v0.1) from JSON. Unknown fields are ignored, as in-toto says.
   *
   * @throws VexException when it is not JSON, not an in-toto statement, or a subject has no digest;
   *     the message names the JSON pointer
   */
  public static InTotoStatement parse(byte[] json) {
    JsonNode root = Json.read(json, "the in-toto statement");
    if (!root.isObject()) {
      throw new VexException(
          "in-toto statement: expected a JSON object at '' but found " + root.getNodeType());
    }
    String type = text(root, "_type");
    if (!type.equals(TYPE_V1) && !type.equals(TYPE_V0_1)) {
      throw new VexException(
          "in-toto statement: /_type must be '"
              + TYPE_V1
              + "' or '"
              + TYPE_V0_1
              + "' but was '"
              + type
              + "'");
    }
    JsonNode subjectNode = root.get("subject");
    if (subjectNode == null || !subjectNode.isArray() || subjectNode.isEmpty()) {
      throw new VexException("in-toto statement: /subject must be a non-empty array");
    }
    List<Subject> subjects = new ArrayList<>();
    for (int i = 0; i < subjectNode.size(); i++) {
      subjects.add(subject(subjectNode.get(i), "/subject/" + i, type.equals(TYPE_V0_1)));
    }
    String predicateType = text(root, "predicateType");
    JsonNode predicate = root.get("predicate");
    if (predicate == null || predicate.isNull()) {
      predicate = Json.object();
    }
    if (!predicate.isObject()) {
      throw new VexException("in-toto statement: /predicate must be an object");
    }
    return new InTotoStatement(type, subjects, predicateType, predicate, null);
  }

  private static Subject subject(JsonNode node, String at, boolean v01) {
    if (!node.isObject()) {
      throw new VexException("in-toto statement: " + at + " must be an object");
    }
    JsonNode name = node.get("name");
    if (name != null && !name.isTextual()) {
      throw new VexException("in-toto statement: " + at + "/name must be a string");
    }
    if (v01 && name == null) {
      throw new VexException("in-toto statement: " + at + "/name is required in Statement v0.1");
    }
    JsonNode digest = node.get("digest");
    if (digest == null || !digest.isObject() || digest.isEmpty()) {
      throw new VexException(
          "in-toto statement: " + at + "/digest must be a non-empty object (algorithm → hex)");
    }
    Map<String, String> digests = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : digest.properties()) {
      if (!e.getValue().isTextual()) {
        throw new VexException(
            "in-toto statement: " + at + "/digest/" + e.getKey() + " must be a string");
      }
      digests.put(e.getKey(), e.getValue().asText());
    }
    return new Subject(name == null ? "" : name.asText(), digests);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new VexException(
          "in-toto statement: /"
              + field
              + " must be a string but is "
              + (v == null ? "missing" : v.getNodeType().toString()));
    }
    return v.asText();
  }

  /** The DSSE payload: compact, fixed field order, ASCII-only JSON (UTF-8 bytes). */
  public byte[] toPayload() {
    ObjectNode root = Json.object();
    root.put("_type", type);
    ArrayNode subjectArray = root.putArray("subject");
    for (Subject s : subjects) {
      ObjectNode o = subjectArray.addObject();
      if (!s.name().isEmpty() || type.equals(TYPE_V0_1)) {
        o.put("name", s.name());
      }
      ObjectNode d = o.putObject("digest");
      s.digest().forEach(d::put);
    }
    root.put("predicateType", predicateType);
    root.set("predicate", predicate);
    return Json.write(root);
  }

  /** {@code _type}: {@value #TYPE_V1} or (read only) {@value #TYPE_V0_1}. */
  public String type() {
    return type;
  }

  /** The subjects. */
  public List<Subject> subjects() {
    return subjects;
  }

  /** The predicate type URI. */
  public String predicateType() {
    return predicateType;
  }

  /** Whether the predicate type is OpenVEX's ({@code https://openvex.dev/ns} or under it). */
  public boolean isOpenVex() {
    return predicateType.equals(PREDICATE_TYPE_OPENVEX)
        || predicateType.startsWith(PREDICATE_TYPE_OPENVEX + "/");
  }

  /**
   * Whether the statement is VEX in any dialect Waterline reads: OpenVEX ({@link #isOpenVex()}),
   * CSAF ({@value #PREDICATE_TYPE_CSAF_PREFIX}…) or a CycloneDX BOM ({@value
   * #PREDICATE_TYPE_CYCLONEDX_PREFIX}…) that carries {@code vulnerabilities} (a CycloneDX SBOM
   * without them is not VEX). {@link #predicate()} reads CycloneDX and CSAF into the OpenVEX model
   * when {@code dev.waterline:vex-formats} is on the path.
   */
  public boolean isVex() {
    if (!isVexPredicateType(predicateType)) {
      return false;
    }
    if (predicateType.startsWith(PREDICATE_TYPE_CYCLONEDX_PREFIX)) {
      // https://cyclonedx.org/bom is an SBOM too (cosign attest --type cyclonedx): it is VEX only
      // when it carries vulnerabilities.
      JsonNode vulnerabilities = predicate.get("vulnerabilities");
      return vulnerabilities != null && vulnerabilities.isArray() && !vulnerabilities.isEmpty();
    }
    return true;
  }

  /**
   * Whether {@code predicateType} may say VEX in some dialect: OpenVEX, CSAF, or CycloneDX (whose
   * BOM predicate is VEX only when it carries vulnerabilities, which {@link #isVex()} checks).
   */
  public static boolean isVexPredicateType(String predicateType) {
    return predicateType.equals(PREDICATE_TYPE_OPENVEX)
        || predicateType.startsWith(PREDICATE_TYPE_OPENVEX + "/")
        || predicateType.startsWith(PREDICATE_TYPE_CYCLONEDX_PREFIX)
        || predicateType.startsWith(PREDICATE_TYPE_CSAF_PREFIX);
  }

  /**
   * Whether {@code predicateType} says SBOM: a CycloneDX BOM ({@value
   * #PREDICATE_TYPE_CYCLONEDX_BOM} or a versioned type under it) or an SPDX document ({@value
   * #PREDICATE_TYPE_SPDX} or under it). A CycloneDX BOM that carries vulnerabilities is VEX too
   * ({@link #isVex()}); its components still list packages.
   */
  public static boolean isSbomPredicateType(String predicateType) {
    return predicateType.equals(PREDICATE_TYPE_CYCLONEDX_BOM)
        || predicateType.startsWith(PREDICATE_TYPE_CYCLONEDX_BOM + "/")
        || predicateType.equals(PREDICATE_TYPE_SPDX)
        || predicateType.startsWith(PREDICATE_TYPE_SPDX + "/");
  }

  /**
   * The predicate as an OpenVEX document: OpenVEX as it is; CycloneDX or CSAF read into the OpenVEX
   * model (the dialect detected from the content) when {@code dev.waterline:vex-formats} is on the
   * path, else a {@link dev.waterline.vex.VexParseException} that says so.
   *
   * @throws dev.waterline.vex.VexParseException when the predicate is no VEX document
   */
  public synchronized VexDocument predicate() {
    if (document == null) {
      document = VexDocument.parse(Json.write(predicate));
    }
    return document;
  }

  /** The predicate as compact JSON text (whatever its type). */
  public String predicateJson() {
    return new String(Json.write(predicate), StandardCharsets.UTF_8);
  }

  /** The OpenVEX document, when the predicate is one; empty when it is not OpenVEX. */
  public Optional<VexDocument> vexDocument() {
    try {
      return Optional.of(predicate());
    } catch (VexException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof InTotoStatement)) {
      return false;
    }
    InTotoStatement s = (InTotoStatement) o;
    return type.equals(s.type)
        && subjects.equals(s.subjects)
        && predicateType.equals(s.predicateType)
        && predicate.equals(s.predicate);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(type, subjects, predicateType, predicate);
  }

  /** For example {@code InTotoStatement[v1 registry.local/app@sha256:… https://openvex.dev/ns]}. */
  @Override
  public String toString() {
    return "InTotoStatement["
        + (type.equals(TYPE_V1) ? "v1" : "v0.1")
        + " "
        + subjects
        + " "
        + predicateType
        + "]";
  }
}
