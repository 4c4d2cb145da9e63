package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The twelve hash algorithm names of OpenVEX v0.2.0 (Appendix A), with the length of a hex digest
 * and the in-toto digest name where one exists.
 */
@API(status = STABLE, since = "0.1.0")
public enum HashAlgorithm {
  /** MD5. */
  MD5("md5", 32, "md5"),
  /** SHA-1. */
  SHA1("sha1", 40, "sha1"),
  /** SHA-256. */
  SHA_256("sha-256", 64, "sha256"),
  /** SHA-384. */
  SHA_384("sha-384", 96, "sha384"),
  /** SHA-512. */
  SHA_512("sha-512", 128, "sha512"),
  /** SHA3-224. */
  SHA3_224("sha3-224", 56, "sha3_224"),
  /** SHA3-256. */
  SHA3_256("sha3-256", 64, "sha3_256"),
  /** SHA3-384. */
  SHA3_384("sha3-384", 96, "sha3_384"),
  /** SHA3-512. */
  SHA3_512("sha3-512", 128, "sha3_512"),
  /** BLAKE2s-256. */
  BLAKE2S_256("blake2s-256", 64, null),
  /** BLAKE2b-256. */
  BLAKE2B_256("blake2b-256", 64, null),
  /** BLAKE2b-512. */
  BLAKE2B_512("blake2b-512", 128, null);

  private final String value;
  private final int hexLength;
  private final @Nullable String inToto;

  HashAlgorithm(String value, int hexLength, @Nullable String inToto) {
    this.value = value;
    this.hexLength = hexLength;
    this.inToto = inToto;
  }

  /** The name as written in an OpenVEX {@code hashes} map, e.g. {@code sha-256}. */
  public String value() {
    return value;
  }

  /** The number of hex characters in a digest of this algorithm. */
  public int hexLength() {
    return hexLength;
  }

  /** The in-toto digest name ({@code sha256}, {@code sha3_256}, …), if in-toto has one. */
  public Optional<String> inTotoName() {
    return Optional.ofNullable(inToto);
  }

  /** The algorithm with this OpenVEX name, if it is one of the twelve. */
  public static Optional<HashAlgorithm> fromValue(String value) {
    for (HashAlgorithm a : values()) {
      if (a.value.equals(value)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
