package dev.waterline.vex.oci.internal.attach;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.oci.AttestationKind;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.OciJson;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads just enough of an attestation to store and find it: its kind, the in-toto statement inside
 * and that statement's predicate type. Signatures are not checked here (vex-sign does that).
 */
public final class Envelopes {
  /** The in-toto payload type DSSE envelopes of attestations carry. */
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private Envelopes() {}

  /**
   * What an attestation is.
   *
   * @param kind bundle, envelope or statement
   * @param statement the in-toto statement bytes (the DSSE payload, or the bytes themselves)
   * @param predicateType the statement's predicate type
   * @param subjects the sha256 and sha512 digests of the statement's subjects
   * @param envelope the DSSE envelope as cosign stores it in {@code .att} (compact, fields in the
   *     order payloadType, payload, signatures), or null for a bare statement
   */
  public record Inspected(
      AttestationKind kind,
      byte[] statement,
      String predicateType,
      List<Digest> subjects,
      byte @Nullable [] envelope) {}

  /**
   * Inspects {@code bytes}, detecting the kind from the content.
   *
   * @param what the source, for messages
   */
  public static Inspected inspect(byte[] bytes, String what) {
    return inspect(bytes, what, null);
  }

  /**
   * Inspects {@code bytes}, which must be of {@code expected} kind when given (a layer's media type
   * says what it should hold).
   */
  public static Inspected inspect(byte[] bytes, String what, @Nullable AttestationKind expected) {
    JsonNode root = OciJson.tree(bytes, what);
    if (!root.isObject()) {
      throw fail(what, "", "expected a JSON object");
    }
    AttestationKind kind = detect(root, what);
    if (expected != null && kind != expected) {
      throw fail(
          what,
          "",
          "it is stored as "
              + expected.mediaType()
              + " but holds "
              + (kind == AttestationKind.SIGSTORE_BUNDLE
                  ? "a Sigstore bundle"
                  : kind == AttestationKind.DSSE_ENVELOPE
                      ? "a DSSE envelope"
                      : "an in-toto statement"));
    }
    switch (kind) {
      case SIGSTORE_BUNDLE:
        {
          JsonNode mt = root.get("mediaType");
          JsonNode env = root.get("dsseEnvelope");
          if (env == null) {
            throw fail(
                what,
                "/dsseEnvelope",
                "the Sigstore bundle ("
                    + mt.asText()
                    + ") holds no DSSE envelope (a message signature is not an attestation)");
          }
          return fromEnvelope(env, "/dsseEnvelope", what, AttestationKind.SIGSTORE_BUNDLE);
        }
      case DSSE_ENVELOPE:
        return fromEnvelope(root, "", what, AttestationKind.DSSE_ENVELOPE);
      default:
        return new Inspected(
            kind, bytes, statementPredicateType(root, what, ""), subjects(root), null);
    }
  }

  private static AttestationKind detect(JsonNode root, String what) {
    JsonNode mt = root.get("mediaType");
    if (mt != null && mt.isTextual() && mt.asText().startsWith(MediaTypes.SIGSTORE_BUNDLE_PREFIX)) {
      return AttestationKind.SIGSTORE_BUNDLE;
    }
    if (root.has("payloadType") && root.has("payload")) {
      return AttestationKind.DSSE_ENVELOPE;
    }
    if (root.has("_type")) {
      return AttestationKind.IN_TOTO_STATEMENT;
    }
    throw fail(
        what,
        "",
        "not an attestation: expected a Sigstore bundle (\"mediaType\"), a DSSE envelope"
            + " (\"payloadType\", \"payload\") or an in-toto statement (\"_type\")");
  }

  private static Inspected fromEnvelope(
      JsonNode env, String pointer, String what, AttestationKind kind) {
    if (!env.isObject()) {
      throw fail(what, pointer, "expected the DSSE envelope to be an object");
    }
    String payloadType = text(env, "payloadType", pointer, what);
    if (!payloadType.equals(IN_TOTO_PAYLOAD_TYPE)) {
      throw fail(
          what,
          pointer + "/payloadType",
          "expected " + IN_TOTO_PAYLOAD_TYPE + " but was \"" + payloadType + "\"");
    }
    String payloadText = text(env, "payload", pointer, what);
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(payloadText);
    } catch (IllegalArgumentException e) {
      throw fail(what, pointer + "/payload", "not valid standard base64: " + e.getMessage());
    }
    JsonNode sigs = env.get("signatures");
    if (sigs == null || !sigs.isArray()) {
      throw fail(what, pointer + "/signatures", "expected an array of signatures");
    }
    String statementWhat = "the in-toto statement in " + what;
    JsonNode statement = OciJson.tree(payload, statementWhat);
    if (!statement.isObject() || !statement.has("_type")) {
      throw fail(statementWhat, "", "expected an in-toto statement (an object with \"_type\")");
    }
    String predicateType = statementPredicateType(statement, statementWhat, "");
    byte[] envelope =
        OciJson.generate(
            g -> {
              g.writeStartObject();
              g.writeStringField("payloadType", payloadType);
              g.writeStringField("payload", payloadText);
              g.writeArrayFieldStart("signatures");
              for (int i = 0; i < sigs.size(); i++) {
                JsonNode s = sigs.get(i);
                g.writeStartObject();
                JsonNode keyid = s.get("keyid");
                g.writeStringField(
                    "keyid", keyid != null && keyid.isTextual() ? keyid.asText() : "");
                g.writeStringField("sig", text(s, "sig", pointer + "/signatures/" + i, what));
                g.writeEndObject();
              }
              g.writeEndArray();
              g.writeEndObject();
            });
    return new Inspected(kind, payload, predicateType, subjects(statement), envelope);
  }

  /** The sha256/sha512 digests named in {@code subject[].digest} (others are skipped). */
  private static List<Digest> subjects(JsonNode statement) {
    List<Digest> out = new ArrayList<>();
    JsonNode subjects = statement.get("subject");
    if (subjects == null || !subjects.isArray()) {
      return out;
    }
    for (JsonNode s : subjects) {
      JsonNode digests = s.get("digest");
      if (digests == null || !digests.isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> e : digests.properties()) {
        String text = e.getKey() + ":" + e.getValue().asText("");
        if (e.getValue().isTextual() && Digest.isDigest(text)) {
          out.add(Digest.parse(text));
        }
      }
    }
    return out;
  }

  private static String statementPredicateType(JsonNode statement, String what, String pointer) {
    String type = text(statement, "_type", pointer, what);
    if (!type.startsWith("https://in-toto.io/Statement/")) {
      throw fail(
          what,
          pointer + "/_type",
          "expected an in-toto statement type (https://in-toto.io/Statement/v1) but was \""
              + type
              + "\"");
    }
    return text(statement, "predicateType", pointer, what);
  }

  private static String text(JsonNode node, String field, String pointer, String what) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw fail(
          what,
          pointer + "/" + field,
          v == null ? "the required \"" + field + "\" is missing" : "expected a string");
    }
    return v.asText();
  }

  private static OciException fail(String what, String pointer, String detail) {
    return new OciException(
        what
            + " is not a valid attestation at "
            + (pointer.isEmpty() ? "/" : pointer)
            + ": "
            + detail,
        null,
        null,
        pointer,
        null);
  }
}
