package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.sign.internal.Json;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The Sigstore trust material a keyless verification or signing uses (Fulcio CAs, Rekor and CT log
 * keys, timestamp authorities): a {@code trusted_root.json} file, or the production or staging
 * instance's root fetched through TUF (network access when first used; cached by sigstore-java
 * under {@code ~/.sigstore-java}).
 */
@API(status = STABLE, since = "0.1.0")
public final class TrustedRoot {
  /** Where the trust material comes from. */
  public enum Source {
    /** A {@code trusted_root.json} file. */
    FILE,
    /** The Sigstore public-good instance, through TUF. */
    PRODUCTION_TUF,
    /** The Sigstore staging instance, through TUF. */
    STAGING_TUF
  }

  /** The media type prefix of a trusted root ({@code …trustedroot+json;version=0.1}). */
  public static final String MEDIA_TYPE_PREFIX = "application/vnd.dev.sigstore.trustedroot";

  private final Source source;
  private final @Nullable Path file;

  private TrustedRoot(Source source, @Nullable Path file) {
    this.source = source;
    this.file = file;
  }

  /**
   * A trusted root read from a {@code trusted_root.json} file. The file is checked to be a JSON
   * object with a trusted-root {@code mediaType} and a {@code certificateAuthorities} array.
   *
   * @throws VexException when the file is not a trusted root (message names file and pointer)
   * @throws dev.waterline.vex.UnreadableInputException when it cannot be read (missing, not a
   *     regular file, too large)
   */
  public static TrustedRoot fromFile(Path file) {
    byte[] bytes = Inputs.read(file, InputKind.TRUST_CONFIG);
    JsonNode json = Json.read(bytes, "trusted root " + file);
    JsonNode mt = json.path("mediaType");
    if (!mt.isTextual() || !mt.asText().startsWith(MEDIA_TYPE_PREFIX)) {
      throw new VexException(
          "trusted root "
              + file
              + ": /mediaType must start with '"
              + MEDIA_TYPE_PREFIX
              + "' but is "
              + (mt.isMissingNode() ? "missing" : mt.toString()));
    }
    if (!json.path("certificateAuthorities").isArray()) {
      throw new VexException(
          "trusted root " + file + ": /certificateAuthorities must be an array of Fulcio CAs");
    }
    return new TrustedRoot(Source.FILE, file.toAbsolutePath());
  }

  /** The Sigstore public-good trust root, fetched through TUF when first used. */
  public static TrustedRoot productionFromTuf() {
    return new TrustedRoot(Source.PRODUCTION_TUF, null);
  }

  /** The Sigstore staging trust root, fetched through TUF when first used. */
  public static TrustedRoot stagingFromTuf() {
    return new TrustedRoot(Source.STAGING_TUF, null);
  }

  /** Where the trust material comes from. */
  public Source source() {
    return source;
  }

  /** The file, for {@link Source#FILE}. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TrustedRoot t && source == t.source && Objects.equals(file, t.file);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, file);
  }

  /**
   * For example {@code TrustedRoot[file /path/trusted_root.json]} or {@code TrustedRoot[staging
   * TUF]}.
   */
  @Override
  public String toString() {
    return switch (source) {
      case FILE -> "TrustedRoot[file " + file + "]";
      case PRODUCTION_TUF -> "TrustedRoot[production TUF]";
      case STAGING_TUF -> "TrustedRoot[staging TUF]";
    };
  }
}
