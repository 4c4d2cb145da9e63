package dev.waterline.vex.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A content digest as OCI writes it: {@code sha256:<64 lowercase hex>} or {@code sha512:<128
 * lowercase hex>}. Parsing is strict (no upper case, no other algorithms, no whitespace).
 */
public final class Digest implements Comparable<Digest> {
  /** The SHA-256 algorithm name. */
  public static final String SHA256 = "sha256";

  /** The SHA-512 algorithm name. */
  public static final String SHA512 = "sha512";

  private static final Pattern ALGORITHM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

  private final String algorithm;
  private final String hex;

  private Digest(String algorithm, String hex) {
    this.algorithm = algorithm;
    this.hex = hex;
  }

  /**
   * Parses {@code sha256:<64 hex>} or {@code sha512:<128 hex>}.
   *
   * @throws OciException naming the input when it is not such a digest
   */
  public static Digest parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw invalid(text, "expected <algorithm>:<hex>, e.g. sha256:<64 hex digits>");
    }
    String algorithm = text.substring(0, colon);
    String hex = text.substring(colon + 1);
    if (!ALGORITHM.matcher(algorithm).matches()) {
      throw invalid(text, "the algorithm \"" + algorithm + "\" is not a valid algorithm name");
    }
    int expected;
    if (algorithm.equals(SHA256)) {
      expected = 64;
    } else if (algorithm.equals(SHA512)) {
      expected = 128;
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
    if (!HEX.matcher(hex).matches()) {
      int at = 0;
      while (Character.digit(hex.charAt(at), 16) >= 0 && !Character.isUpperCase(hex.charAt(at))) {
        at++;
      }
      throw invalid(
          text,
          algorithm
              + " needs exactly "
              + expected
              + " lowercase hex digits after the colon, found '"
              + printable(hex.charAt(at))
              + "' at position "
              + (colon + 1 + at));
    }
    return new Digest(algorithm, hex);
  }

  /** Whether {@code text} is a digest that {@link #parse(String)} accepts. */
  public static boolean isDigest(String text) {
    try {
      parse(text);
      return true;
    } catch (OciException e) {
      return false;
    }
  }

  /** The SHA-256 digest of {@code content}. */
  public static Digest of(byte[] content) {
    return of(SHA256, content);
  }

  /** The SHA-512 digest of {@code content}. */
  public static Digest sha512Of(byte[] content) {
    return of(SHA512, content);
  }

  private static Digest of(String algorithm, byte[] content) {
    return new Digest(algorithm, hex(messageDigest(algorithm).digest(content)));
  }

  private static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.equals(SHA256) ? "SHA-256" : "SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  private static OciException invalid(String text, String why) {
    StringBuilder shown = new StringBuilder();
    int limit = Math.min(text.length(), 160);
    for (int i = 0; i < limit; i++) {
      shown.append(printable(text.charAt(i)));
    }
    if (limit < text.length()) {
      shown.append("…(").append(text.length()).append(" characters)");
    }
    return new OciException(
        "invalid digest \"" + shown + "\": " + why, null, shown.toString(), null, null);
  }

  /** {@code c}, or {@code \\uXXXX} when it is not printable ASCII. */
  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
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
  public Digest recompute(byte[] content) {
    return of(algorithm, content);
  }

  /**
   * The tag of the OCI referrers tag schema for this digest as a subject: the algorithm, a dash and
   * the first 64 hex digits (the distribution-spec rule after v1.1.1, which equals {@code
   * sha256-<hex>} for SHA-256).
   */
  public String referrersTag() {
    return algorithm + "-" + hex.substring(0, Math.min(64, hex.length()));
  }

  @Override
  public int compareTo(Digest other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest
        && ((Digest) o).algorithm.equals(algorithm)
        && ((Digest) o).hex.equals(hex);
  }

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
