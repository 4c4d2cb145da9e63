package dev.waterline.vex;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.internal.image.ImageText;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A content digest as OCI writes it: {@code sha256:<64 lowercase hex>} or {@code sha512:<128
 * lowercase hex>}. Parsing is strict (no upper case, no other algorithms, no whitespace). This is
 * the one digest parser of Waterline: image references, in-toto subjects, OCI layouts and
 * registries all read digests through it.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class ContentDigest implements Comparable<ContentDigest> {
  /** The SHA-256 algorithm name. */
  public static final String SHA256 = "sha256";

  /** The SHA-512 algorithm name. */
  public static final String SHA512 = "sha512";

  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final int SHOWN = 160;

  private final String algorithm;
  private final String hex;

  private ContentDigest(String algorithm, String hex) {
    this.algorithm = algorithm;
    this.hex = hex;
  }

  /**
   * Parses {@code sha256:<64 hex>} or {@code sha512:<128 hex>}.
   *
   * @throws ImageParseException naming the input when it is not such a digest
   */
  public static ContentDigest parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw invalid(text, "expected <algorithm>:<hex>, e.g. sha256:<64 hex digits>");
    }
    return of(text, text.substring(0, colon), text.substring(colon + 1), colon + 1);
  }

  /**
   * The digest with this algorithm ({@code sha256} or {@code sha512}) and hex.
   *
   * @throws ImageParseException naming the digest when the algorithm is not supported or the hex is
   *     not its length of lowercase hex digits
   */
  public static ContentDigest of(String algorithm, String hex) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    return of(algorithm + ":" + hex, algorithm, hex, algorithm.length() + 1);
  }

  private static ContentDigest of(String text, String algorithm, String hex, int hexAt) {
    if (!ALGORITHM.matcher(algorithm).matches()) {
      throw invalid(text, "the algorithm \"" + algorithm + "\" is not a valid algorithm name");
    }
    int expected;
    if (algorithm.equals(SHA256)) {
      expected = ImageText.SHA256_HEX_LENGTH;
    } else if (algorithm.equals(SHA512)) {
      expected = ImageText.SHA512_HEX_LENGTH;
    } else {
      throw invalid(
          text, "unsupported algorithm \"" + algorithm + "\" (supported: sha256, sha512)");
    }
    if (hex.length() != expected) {
      throw invalid(
          text,
          algorithm
              + " needs exactly "
              + expected
              + " lowercase hex digits after the colon, found "
              + hex.length()
              + " characters");
    }
    if (!ImageText.isLowerHex(hex, 0, expected)) {
      int at = 0;
      while (ImageText.isLowerHex(hex, at, 1)) {
        at++;
      }
      throw invalid(
          text,
          algorithm
              + " needs exactly "
              + expected
              + " lowercase hex digits after the colon, found '"
              + ImageText.printable(hex.charAt(at))
              + "' at position "
              + (hexAt + at));
    }
    return new ContentDigest(algorithm, hex);
  }

  /** The digest in {@code text}, if it is one that {@link #parse(String)} accepts. */
  public static Optional<ContentDigest> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (ImageParseException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code text} is a digest that {@link #parse(String)} accepts. */
  public static boolean isDigest(String text) {
    return tryParse(text).isPresent();
  }

  /** The SHA-256 digest of {@code content}. */
  public static ContentDigest sha256(byte[] content) {
    return compute(SHA256, content);
  }

  /** The SHA-512 digest of {@code content}. */
  public static ContentDigest sha512(byte[] content) {
    return compute(SHA512, content);
  }

  private static ContentDigest compute(String algorithm, byte[] content) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm.equals(SHA256) ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
    byte[] bytes = md.digest(content);
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return new ContentDigest(algorithm, sb.toString());
  }

  private static ImageParseException invalid(String text, String why) {
    String shown = ImageText.shown(text, SHOWN);
    return new ImageParseException("invalid digest \"" + shown + "\": " + why, shown);
  }

  /** {@code sha256} or {@code sha512}. */
  public String algorithm() {
    return algorithm;
  }

  /** The encoded part: lowercase hex. */
  public String hex() {
    return hex;
  }

  /** Whether {@code content} has this digest (computed with this digest's algorithm). */
  public boolean matches(byte[] content) {
    return recompute(content).equals(this);
  }

  /** The digest {@code content} has under this digest's algorithm. */
  public ContentDigest recompute(byte[] content) {
    return compute(algorithm, content);
  }

  /** Orders by {@link #toString()}. */
  @Override
  public int compareTo(ContentDigest other) {
    return toString().compareTo(other.toString());
  }

  /** Equal when algorithm and hex are. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ContentDigest
        && ((ContentDigest) o).algorithm.equals(algorithm)
        && ((ContentDigest) o).hex.equals(hex);
  }

  /** Consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return Objects.hash(algorithm, hex);
  }

  /** {@code <algorithm>:<hex>}. */
  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
