package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A Sigstore bundle carrying a DSSE attestation (sigstore/protobuf-specs {@code Bundle}, JSON
 * mapping): the envelope plus its verification material, which is either a signing certificate
 * (keyless; v0.3 {@code certificate}, v0.1/v0.2 {@code x509CertificateChain}) or a public-key hint
 * (self-managed key), transparency-log entries and RFC 3161 timestamps.
 *
 * <p>{@link #parse(byte[])} reads media types {@code application/vnd.dev.sigstore.bundle.v0.3+json}
 * and {@code application/vnd.dev.sigstore.bundle+json;version=0.1|0.2|0.3}; bundles carrying a
 * {@code messageSignature} instead of a {@code dsseEnvelope} are not attestations and are rejected.
 * Writing always produces v0.3. Transparency-log entries and timestamps are kept as they are (their
 * checking is done by verification, not by parsing).
 */
@API(status = STABLE, since = "0.1.0")
public final class SigstoreBundle {
  /** The media type written: bundle v0.3. */
  public static final String MEDIA_TYPE_V0_3 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  /** Every media type read. */
  public static final Set<String> MEDIA_TYPES =
      Set.of(
          MEDIA_TYPE_V0_3,
          "application/vnd.dev.sigstore.bundle+json;version=0.1",
          "application/vnd.dev.sigstore.bundle+json;version=0.2",
          "application/vnd.dev.sigstore.bundle+json;version=0.3");

  private static final Pattern STD_B64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

  private final ObjectNode json;
  private final String mediaType;
  private final DsseEnvelope envelope;
  private final List<byte[]> certificates;
  private final @Nullable String publicKeyHint;
  private final int tlogEntries;
  private final int timestamps;

  private SigstoreBundle(
      ObjectNode json,
      String mediaType,
      DsseEnvelope envelope,
      List<byte[]> certificates,
      @Nullable String publicKeyHint,
      int tlogEntries,
      int timestamps) {
    this.json = json;
    this.mediaType = mediaType;
    this.envelope = envelope;
    this.certificates = certificates;
    this.publicKeyHint = publicKeyHint;
    this.tlogEntries = tlogEntries;
    this.timestamps = timestamps;
  }

  /**
   * A key-based bundle v0.3 for an envelope signed by a self-managed key: {@code
   * verificationMaterial.publicKey.hint} = the key id (base64 sha256 of the DER public key), {@code
   * tlogEntries: []}, no timestamps. Such a bundle verifies only with the key and without a
   * transparency-log requirement (e.g. @sigstore/verify with thresholds 0).
   *
   * @throws VexException unless the envelope has exactly one signature, or when its key id is
   *     neither empty nor the key's id
   */
  public static SigstoreBundle ofKeySigned(DsseEnvelope envelope, PublicKey key) {
    if (envelope.signatures().size() != 1) {
      throw new VexException(
          "a Sigstore bundle holds exactly one DSSE signature, but the envelope has "
              + envelope.signatures().size());
    }
    String keyId = envelope.signatures().get(0).keyId();
    if (!keyId.isEmpty() && !keyId.equals(key.keyId())) {
      throw new VexException(
          "the envelope's signature names keyid '"
              + keyId
              + "' but the bundle's public key has keyid '"
              + key.keyId()
              + "'");
    }
    ObjectNode root = Json.object();
    root.put("mediaType", MEDIA_TYPE_V0_3);
    ObjectNode vm = root.putObject("verificationMaterial");
    vm.putObject("publicKey").put("hint", key.keyId());
    vm.putArray("tlogEntries");
    root.set("dsseEnvelope", envelopeJson(envelope));
    return fromTree(root);
  }

  private static ObjectNode envelopeJson(DsseEnvelope envelope) {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode env = Json.object();
    env.put("payload", b64.encodeToString(envelope.payload()));
    env.put("payloadType", envelope.payloadType());
    ArrayNode sigs = env.putArray("signatures");
    for (DsseSignature s : envelope.signatures()) {
      sigs.addObject().put("sig", b64.encodeToString(s.sig())).put("keyid", s.keyId());
    }
    return env;
  }

  /**
   * Reads a bundle.
   *
   * @throws VexException when the bytes are not JSON or not a DSSE Sigstore bundle; the message
   *     names the JSON pointer of the first problem
   */
  public static SigstoreBundle parse(byte[] json) {
    JsonNode node = Json.read(json, "the Sigstore bundle");
    if (!node.isObject()) {
      throw error("", "must be a JSON object but is " + kind(node));
    }
    return fromTree((ObjectNode) node.deepCopy());
  }

  /** As {@link #parse(byte[])} for a string. */
  public static SigstoreBundle parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static SigstoreBundle fromTree(ObjectNode root) {
    String mediaType = text(root, "mediaType", "");
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw error(
          "/mediaType",
          "'"
              + mediaType
              + "' is not a Sigstore bundle media type (expected "
              + MEDIA_TYPE_V0_3
              + " or application/vnd.dev.sigstore.bundle+json;version=0.1|0.2|0.3)");
    }
    JsonNode vm = object(root, "verificationMaterial", "");
    List<byte[]> certs = new ArrayList<>();
    String hint = null;
    int forms = 0;
    if (vm.has("certificate")) {
      forms++;
      JsonNode cert = object(vm, "certificate", "/verificationMaterial");
      certs.add(
          base64(
              text(cert, "rawBytes", "/verificationMaterial/certificate"),
              "/verificationMaterial/certificate/rawBytes"));
    }
    if (vm.has("x509CertificateChain")) {
      forms++;
      JsonNode chain = object(vm, "x509CertificateChain", "/verificationMaterial");
      JsonNode list = array(chain, "certificates", "/verificationMaterial/x509CertificateChain");
      if (list.isEmpty()) {
        throw error("/verificationMaterial/x509CertificateChain/certificates", "is empty");
      }
      for (int i = 0; i < list.size(); i++) {
        String at = "/verificationMaterial/x509CertificateChain/certificates/" + i;
        if (!list.get(i).isObject()) {
          throw error(at, "must be an object but is " + kind(list.get(i)));
        }
        certs.add(base64(text(list.get(i), "rawBytes", at), at + "/rawBytes"));
      }
    }
    if (vm.has("publicKey")) {
      forms++;
      JsonNode pk = object(vm, "publicKey", "/verificationMaterial");
      hint = text(pk, "hint", "/verificationMaterial/publicKey");
    }
    if (forms != 1) {
      throw error(
          "/verificationMaterial",
          forms == 0
              ? "has none of certificate, x509CertificateChain, publicKey"
              : "has more than one of certificate, x509CertificateChain, publicKey");
    }
    int entries = 0;
    if (vm.has("tlogEntries")) {
      JsonNode tlog = array(vm, "tlogEntries", "/verificationMaterial");
      for (int i = 0; i < tlog.size(); i++) {
        if (!tlog.get(i).isObject()) {
          throw error("/verificationMaterial/tlogEntries/" + i, "must be an object");
        }
      }
      entries = tlog.size();
    }
    int stamps = 0;
    if (vm.has("timestampVerificationData")) {
      JsonNode tvd = object(vm, "timestampVerificationData", "/verificationMaterial");
      if (tvd.has("rfc3161Timestamps")) {
        JsonNode ts =
            array(tvd, "rfc3161Timestamps", "/verificationMaterial/timestampVerificationData");
        for (int i = 0; i < ts.size(); i++) {
          String at = "/verificationMaterial/timestampVerificationData/rfc3161Timestamps/" + i;
          byte[] unused = base64(text(ts.get(i), "signedTimestamp", at), at + "/signedTimestamp");
        }
        stamps = ts.size();
      }
    }
    if (root.has("messageSignature") && !root.has("dsseEnvelope")) {
      throw error(
          "/messageSignature",
          "this bundle signs a plain message digest, not an attestation"
              + " (waterline reads bundles with a dsseEnvelope)");
    }
    if (root.has("messageSignature")) {
      throw error("", "has both messageSignature and dsseEnvelope; exactly one is allowed");
    }
    JsonNode env = object(root, "dsseEnvelope", "");
    DsseEnvelope envelope;
    try {
      envelope = DsseEnvelope.fromJson(env);
    } catch (VexException e) {
      throw new VexException(
          "Sigstore bundle: /dsseEnvelope: "
              + String.valueOf(e.getMessage()).replaceFirst("^DSSE envelope: ", ""),
          e);
    }
    return new SigstoreBundle(root, mediaType, envelope, List.copyOf(certs), hint, entries, stamps);
  }

  private static VexException error(String pointer, String what) {
    return new VexException(
        "Sigstore bundle: " + (pointer.isEmpty() ? "the document" : pointer) + " " + what);
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
  }

  private static String text(JsonNode parent, String field, String at) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isTextual()) {
      throw error(at + "/" + field, "must be a string but is " + (v == null ? "missing" : kind(v)));
    }
    return v.asText();
  }

  private static JsonNode object(JsonNode parent, String field, String at) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isObject()) {
      throw error(
          at + "/" + field, "must be an object but is " + (v == null ? "missing" : kind(v)));
    }
    return v;
  }

  private static JsonNode array(JsonNode parent, String field, String at) {
    JsonNode v = parent.get(field);
    if (v == null || !v.isArray()) {
      throw error(at + "/" + field, "must be an array but is " + (v == null ? "missing" : kind(v)));
    }
    return v;
  }

  private static byte[] base64(String value, String pointer) {
    if (value.length() % 4 == 0 && STD_B64.matcher(value).matches()) {
      try {
        return Base64.getDecoder().decode(value);
      } catch (IllegalArgumentException e) {
        // fall through
      }
    }
    throw error(pointer, "is not valid standard padded base64");
  }

  /** The bundle's media type as read (v0.3 for bundles written here). */
  public String mediaType() {
    return mediaType;
  }

  /** The DSSE envelope. */
  public DsseEnvelope envelope() {
    return envelope;
  }

  /** The DER signing (leaf) certificate, for a keyless bundle. */
  public Optional<byte[]> certificate() {
    return certificates.isEmpty() ? Optional.empty() : Optional.of(certificates.get(0).clone());
  }

  /** Every DER certificate of the verification material, leaf first (one for v0.3). */
  public List<byte[]> certificateChain() {
    return certificates.stream().map(byte[]::clone).toList();
  }

  /** The public-key hint, for a bundle signed by a self-managed key. */
  public Optional<String> publicKeyHint() {
    return Optional.ofNullable(publicKeyHint);
  }

  /** Whether the bundle carries at least one transparency-log entry. */
  public boolean hasTransparencyLogEntry() {
    return tlogEntries > 0;
  }

  /** The number of transparency-log entries. */
  public int transparencyLogEntryCount() {
    return tlogEntries;
  }

  /** The number of RFC 3161 timestamps. */
  public int timestampCount() {
    return timestamps;
  }

  /**
   * The bundle as compact ASCII-only JSON. A parsed bundle is written with its fields as read
   * (including ones this class does not interpret); a bundle made by {@link #ofKeySigned} in the
   * order mediaType, verificationMaterial, dsseEnvelope.
   */
  public String toJson() {
    return new String(Json.write(json), StandardCharsets.UTF_8);
  }

  /** As {@link #toJson()}, as UTF-8 bytes. */
  public byte[] toJsonBytes() {
    return Json.write(json);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof SigstoreBundle b && json.equals(b.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  /** For example {@code SigstoreBundle[v0.3, certificate, 1 tlog entry, 1 timestamp]}. */
  @Override
  public String toString() {
    return "SigstoreBundle["
        + mediaType
        + ", "
        + (publicKeyHint != null
            ? "publicKey hint=" + publicKeyHint
            : certificates.size() + " certificate(s)")
        + ", "
        + tlogEntries
        + " tlog entr"
        + (tlogEntries == 1 ? "y" : "ies")
        + ", "
        + timestamps
        + " timestamp(s)]";
  }
}
