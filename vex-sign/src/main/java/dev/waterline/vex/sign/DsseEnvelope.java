package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.internal.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A DSSE v1 envelope: a payload type, the payload bytes, and any number of signatures over {@link
 * #pae(String, byte[])}. JSON is written compactly in the order {@code payloadType}, {@code
 * payload}, {@code signatures} with standard padded base64; reading accepts standard padded base64
 * (and URL-safe base64, which the DSSE spec requires verifiers to accept, recognised by its {@code
 * -} or {@code _}) and rejects anything else.
 */
@API(status = STABLE, since = "0.1.0")
public final class DsseEnvelope {
  /** The in-toto payload type. */
  public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private static final Pattern STD_B64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");
  private static final Pattern URL_B64 = Pattern.compile("[A-Za-z0-9_-]*={0,2}");
  private static final byte[] DSSE_V1 = "DSSEv1 ".getBytes(StandardCharsets.US_ASCII);

  private final String payloadType;
  private final byte[] payload;
  private final List<DsseSignature> signatures;

  private DsseEnvelope(String payloadType, byte[] payload, List<DsseSignature> signatures) {
    this.payloadType = payloadType;
    this.payload = payload;
    this.signatures = List.copyOf(signatures);
  }

  /** An unsigned envelope (sign it with {@link #sign(Signer)}). */
  public static DsseEnvelope of(String payloadType, byte[] payload) {
    return new DsseEnvelope(payloadType, payload.clone(), List.of());
  }

  /** An envelope with the given signatures. */
  public static DsseEnvelope of(
      String payloadType, byte[] payload, List<DsseSignature> signatures) {
    return new DsseEnvelope(payloadType, payload.clone(), signatures);
  }

  /** An unsigned envelope holding an in-toto statement's payload. */
  public static DsseEnvelope of(InTotoStatement statement) {
    return new DsseEnvelope(IN_TOTO_PAYLOAD_TYPE, statement.toPayload(), List.of());
  }

  /**
   * DSSE's pre-authentication encoding: {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body},
   * where LEN is the decimal UTF-8 byte length. These are the bytes that are signed.
   */
  public static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    byte[] typeLen = ascii(Integer.toString(type.length));
    byte[] bodyLen = ascii(Integer.toString(payload.length));
    byte[] out =
        new byte
            [DSSE_V1.length
                + typeLen.length
                + 1
                + type.length
                + 1
                + bodyLen.length
                + 1
                + payload.length];
    int at = 0;
    at = put(out, at, DSSE_V1);
    at = put(out, at, typeLen);
    out[at++] = ' ';
    at = put(out, at, type);
    out[at++] = ' ';
    at = put(out, at, bodyLen);
    out[at++] = ' ';
    if (put(out, at, payload) != out.length) {
      throw new IllegalStateException("PAE length");
    }
    return out;
  }

  private static int put(byte[] out, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return at + bytes.length;
  }

  /** The PAE bytes of this envelope. */
  public byte[] pae() {
    return pae(payloadType, payload);
  }

  /**
   * A new envelope with one more signature, by {@code signer} over {@link #pae()}, with {@code
   * keyid} = {@link Signer#keyId()}.
   */
  public DsseEnvelope sign(Signer signer) {
    byte[] sig = signer.sign(pae());
    List<DsseSignature> more = new ArrayList<>(signatures);
    more.add(DsseSignature.of(signer.keyId(), sig));
    return new DsseEnvelope(payloadType, payload, more);
  }

  /** The payload type, normally {@value #IN_TOTO_PAYLOAD_TYPE}. */
  public String payloadType() {
    return payloadType;
  }

  /** The payload bytes (a copy). */
  public byte[] payload() {
    return payload.clone();
  }

  /** The signatures, in envelope order. */
  public List<DsseSignature> signatures() {
    return signatures;
  }

  /** The envelope as compact JSON. */
  public String toJson() {
    return new String(toJsonBytes(), StandardCharsets.UTF_8);
  }

  /**
   * The envelope as compact UTF-8 JSON bytes. The base64 fields are written directly (they are
   * ASCII), the strings through the JSON writer (escaped, ASCII-only).
   */
  public byte[] toJsonBytes() {
    Base64.Encoder b64 = Base64.getEncoder();
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length * 4 / 3 + 256);
    out.writeBytes(ascii("{\"payloadType\":"));
    out.writeBytes(Json.write(TextNode.valueOf(payloadType)));
    out.writeBytes(ascii(",\"payload\":\""));
    out.writeBytes(b64.encode(payload));
    out.writeBytes(ascii("\",\"signatures\":["));
    for (int i = 0; i < signatures.size(); i++) {
      DsseSignature s = signatures.get(i);
      out.writeBytes(ascii(i == 0 ? "{\"keyid\":" : ",{\"keyid\":"));
      out.writeBytes(Json.write(TextNode.valueOf(s.keyId())));
      out.writeBytes(ascii(",\"sig\":\""));
      out.writeBytes(b64.encode(s.sig()));
      out.writeBytes(ascii("\"}"));
    }
    out.writeBytes(ascii("]}"));
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads an envelope from JSON. Unknown fields are ignored, as DSSE says.
   *
   * @throws VexException when the bytes are not JSON, a required field ({@code payloadType}, {@code
   *     payload}, {@code signatures}, {@code signatures[i].sig}) is missing or of the wrong type,
   *     or a base64 field is not valid base64; the message names the JSON pointer
   */
  public static DsseEnvelope parse(byte[] json) {
    return fromJson(Json.read(json, "the DSSE envelope"));
  }

  /** As {@link #parse(byte[])} for a string. */
  public static DsseEnvelope parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  static DsseEnvelope fromJson(JsonNode json) {
    if (!json.isObject()) {
      throw new VexException(
          "DSSE envelope: expected a JSON object but found " + json.getNodeType());
    }
    String type = text(json, "payloadType", "/payloadType");
    byte[] body = base64(text(json, "payload", "/payload"), "/payload");
    JsonNode sigs = json.get("signatures");
    if (sigs == null || !sigs.isArray()) {
      throw new VexException(
          "DSSE envelope: /signatures must be an array but is "
              + (sigs == null ? "missing" : sigs.getNodeType().toString()));
    }
    List<DsseSignature> list = new ArrayList<>();
    for (int i = 0; i < sigs.size(); i++) {
      JsonNode s = sigs.get(i);
      String at = "/signatures/" + i;
      if (!s.isObject()) {
        throw new VexException("DSSE envelope: " + at + " must be an object");
      }
      JsonNode keyid = s.get("keyid");
      String kid = "";
      if (keyid != null && !keyid.isNull()) {
        if (!keyid.isTextual()) {
          throw new VexException("DSSE envelope: " + at + "/keyid must be a string");
        }
        kid = keyid.asText();
      }
      list.add(DsseSignature.of(kid, base64(text(s, "sig", at + "/sig"), at + "/sig")));
    }
    return new DsseEnvelope(type, body, list);
  }

  private static String text(JsonNode node, String field, String pointer) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new VexException(
          "DSSE envelope: "
              + pointer
              + " must be a string but is "
              + (v == null
                  ? "missing"
                  : v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
    }
    return v.asText();
  }

  private static byte[] base64(String value, String pointer) {
    try {
      if (value.length() % 4 == 0 && STD_B64.matcher(value).matches()) {
        return Base64.getDecoder().decode(value);
      }
      boolean urlSafe = value.indexOf('-') >= 0 || value.indexOf('_') >= 0;
      if (urlSafe && URL_B64.matcher(value).matches() && value.length() % 4 != 1) {
        return Base64.getUrlDecoder().decode(value);
      }
    } catch (IllegalArgumentException e) {
      // fall through to the message below
    }
    throw new VexException(
        "DSSE envelope: "
            + pointer
            + " is not valid base64 (expected standard padded base64, RFC 4648 section 4)");
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof DsseEnvelope)) {
      return false;
    }
    DsseEnvelope e = (DsseEnvelope) o;
    return payloadType.equals(e.payloadType)
        && Arrays.equals(payload, e.payload)
        && signatures.equals(e.signatures);
  }

  @Override
  public int hashCode() {
    return (payloadType.hashCode() * 31 + Arrays.hashCode(payload)) * 31 + signatures.hashCode();
  }

  /**
   * For example {@code DsseEnvelope[application/vnd.in-toto+json, 553 bytes, 1 signature(s) …]}.
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("DsseEnvelope[").append(payloadType);
    b.append(", ").append(payload.length).append(" bytes, ");
    b.append(signatures.size()).append(signatures.size() == 1 ? " signature" : " signatures");
    for (DsseSignature s : signatures) {
      b.append(" keyid=").append(s.keyId().isEmpty() ? "\"\"" : s.keyId());
    }
    return b.append(']').toString();
  }
}
