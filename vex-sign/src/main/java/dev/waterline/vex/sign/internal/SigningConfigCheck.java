package dev.waterline.vex.sign.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Checks a Sigstore signing config ({@code signing_config.v0.2.json}) before sigstore-java uses it:
 * sigstore-java 2.0.0 attests (DSSE) only through a Rekor v2 log and a timestamp authority, so the
 * config must list a Fulcio CA, a {@code rekorTlogUrls} entry with {@code majorApiVersion: 2} and a
 * {@code tsaUrls} entry, each valid at the given time.
 */
public final class SigningConfigCheck {
  /** The signing config media type sigstore-java 2.0.0 reads. */
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.signingconfig.v0.2+json";

  private SigningConfigCheck() {}

  /** What the config offers: the Fulcio, Rekor v2 and TSA URLs chosen. */
  public record Services(String fulcio, String rekorV2, String tsa) {}

  /**
   * Reads and checks a signing config file.
   *
   * @throws VexException naming the file and JSON pointer when it is unusable for attesting
   */
  public static Services check(Path file, Instant now) {
    byte[] bytes = Inputs.read(file, InputKind.TRUST_CONFIG);
    return check(bytes, file.toString(), now);
  }

  /** As {@link #check(Path, Instant)} for bytes; {@code where} names them in messages. */
  public static Services check(byte[] json, String where, Instant now) {
    JsonNode root = Json.read(json, "signing config " + where);
    JsonNode mt = root.path("mediaType");
    if (!mt.isTextual() || !mt.asText().equals(MEDIA_TYPE)) {
      throw new VexException(
          "signing config "
              + where
              + ": /mediaType must be '"
              + MEDIA_TYPE
              + "' but is "
              + (mt.isMissingNode() ? "missing" : mt.toString()));
    }
    String fulcio =
        pick(root, "caUrls", 1, now)
            .orElseThrow(() -> missing(where, "caUrls", "a Fulcio CA (majorApiVersion 1)"));
    String rekor =
        pick(root, "rekorTlogUrls", 2, now)
            .orElseThrow(
                () ->
                    missing(
                        where,
                        "rekorTlogUrls",
                        "a Rekor v2 log (majorApiVersion 2); sigstore-java 2.0.0 attests only"
                            + " through Rekor v2 (a config listing only Rekor v1, like"
                            + " today's public-good signing_config.v0.2.json, cannot be used)"));
    String tsa =
        pick(root, "tsaUrls", 1, now)
            .orElseThrow(
                () ->
                    missing(
                        where,
                        "tsaUrls",
                        "a timestamp authority, which Rekor v2 signing requires"));
    return new Services(fulcio, rekor, tsa);
  }

  private static VexException missing(String where, String field, String what) {
    return new VexException(
        "signing config " + where + ": /" + field + " lists no " + what + " valid now");
  }

  private static Optional<String> pick(JsonNode root, String field, int version, Instant now) {
    JsonNode list = root.path(field);
    if (!list.isArray()) {
      return Optional.empty();
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode s = list.get(i);
      String at = "/" + field + "/" + i;
      if (!s.path("url").isTextual()) {
        throw new VexException("signing config: " + at + "/url must be a string");
      }
      if (s.path("majorApiVersion").asInt(-1) != version) {
        continue;
      }
      Instant start = time(s.path("validFor").path("start"), at + "/validFor/start");
      JsonNode endNode = s.path("validFor").path("end");
      Instant end = endNode.isMissingNode() ? null : time(endNode, at + "/validFor/end");
      if (start != null && now.isBefore(start)) {
        continue;
      }
      if (end != null && !now.isBefore(end)) {
        continue;
      }
      return Optional.of(s.get("url").asText());
    }
    return Optional.empty();
  }

  private static @org.jspecify.annotations.Nullable Instant time(JsonNode node, String at) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new VexException("signing config: " + at + " must be an RFC 3339 time but is " + node);
    }
  }
}
