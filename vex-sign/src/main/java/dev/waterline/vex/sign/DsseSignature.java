package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.Base64;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One DSSE signature: an unauthenticated key id hint (empty when absent) and the signature bytes.
 */
@API(status = STABLE, since = "0.1.0")
public final class DsseSignature {
  private final String keyId;
  private final byte[] sig;

  private DsseSignature(String keyId, byte[] sig) {
    this.keyId = keyId;
    this.sig = sig;
  }

  /** A signature with a key id (use {@code ""} for none). */
  public static DsseSignature of(String keyId, byte[] sig) {
    return new DsseSignature(keyId, sig.clone());
  }

  /** The key id hint, {@code ""} when absent. It is not covered by the signature. */
  public String keyId() {
    return keyId;
  }

  /** The signature bytes (a copy). */
  public byte[] sig() {
    return sig.clone();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DsseSignature
        && keyId.equals(((DsseSignature) o).keyId)
        && Arrays.equals(sig, ((DsseSignature) o).sig);
  }

  @Override
  public int hashCode() {
    return keyId.hashCode() * 31 + Arrays.hashCode(sig);
  }

  /** For example {@code DsseSignature[keyid=… sig=MEUCIQ…(72 bytes)]}. */
  @Override
  public String toString() {
    String b64 = Base64.getEncoder().encodeToString(sig);
    return "DsseSignature[keyid="
        + (keyId.isEmpty() ? "\"\"" : keyId)
        + " sig="
        + (b64.length() > 12 ? b64.substring(0, 12) + "…" : b64)
        + "("
        + sig.length
        + " bytes)]";
  }
}
