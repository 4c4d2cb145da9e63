package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.InlineMe;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.CertificateIdentity;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.TrustedRoot;
import dev.waterline.vex.sign.VerificationPolicy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a caller trusts in what fetch finds: signatures by some keys, or keyless (Fulcio) signatures
 * by a certificate identity and issuer under a trusted root, and optionally unsigned in-toto
 * statements (BuildKit attestations, Docker Scout and Hardened Images referrers), accepted only
 * with a reason that is recorded with every statement it lets in.
 *
 * <pre>{@code
 * FetchPolicy.of(VerificationPolicy.keys(key.publicKey()));
 * FetchPolicy.of(VerificationPolicy.keyless(
 *     CertificateIdentity.exact("dev@acme.example", "https://accounts.google.com"),
 *     TrustedRoot.fromFile(Path.of("trusted_root.json"))));
 * FetchPolicy.of(VerificationPolicy.keys(vendorKey))
 *     .acceptUnsigned("DHI VEX fetched over TLS from the vendor's registry");
 * FetchPolicy.unsignedOnly("statements from our own build, in our own layout");
 * }</pre>
 *
 * <p>Which signatures are trusted is a {@link VerificationPolicy} (vex-sign), the same one {@code
 * Attestations} verify with; a fetch policy adds only what fetching needs: several of them, and
 * whether unsigned statements count.
 *
 * <p>Immutable; each method returns a new policy. Whatever the policy, an attestation counts only
 * on the image it names: its statement must list the digest it was found on (see {@link
 * FetchResult#verify(FetchPolicy)}).
 */
@API(status = STABLE, since = "0.1.0")
public final class FetchPolicy {
  private final List<VerificationPolicy> verifications;
  private final @Nullable String unsignedReason;
  private final boolean unsignedOnlyInImageIndex;

  private FetchPolicy(@Nullable VerificationPolicy verification, @Nullable String unsignedReason) {
    this(verification == null ? List.of() : List.of(verification), unsignedReason, false);
  }

  private FetchPolicy(
      List<VerificationPolicy> verifications,
      @Nullable String unsignedReason,
      boolean unsignedOnlyInImageIndex) {
    this.verifications = List.copyOf(verifications);
    this.unsignedReason = unsignedReason;
    this.unsignedOnlyInImageIndex = unsignedOnlyInImageIndex;
  }

  /**
   * Trust signatures (DSSE envelopes, key-based Sigstore bundles) by any of these keys.
   *
   * @deprecated one way to say which signatures are trusted: {@code
   *     FetchPolicy.of(VerificationPolicy.keys(keys))}
   */
  @Deprecated(since = "0.2.0", forRemoval = true)
  @InlineMe(
      replacement = "FetchPolicy.of(VerificationPolicy.keys(keys))",
      imports = {"dev.waterline.vex.oci.FetchPolicy", "dev.waterline.vex.sign.VerificationPolicy"})
  public static FetchPolicy keys(PublicKey... keys) {
    return FetchPolicy.of(VerificationPolicy.keys(keys));
  }

  /**
   * Trust signatures by any of these keys.
   *
   * @throws dev.waterline.vex.VexException when no key is given
   * @deprecated use {@code FetchPolicy.of(VerificationPolicy.keys(keys))}
   */
  @Deprecated(since = "0.2.0", forRemoval = true)
  @InlineMe(
      replacement = "FetchPolicy.of(VerificationPolicy.keys(keys))",
      imports = {"dev.waterline.vex.oci.FetchPolicy", "dev.waterline.vex.sign.VerificationPolicy"})
  public static FetchPolicy keys(List<PublicKey> keys) {
    return FetchPolicy.of(VerificationPolicy.keys(keys));
  }

  /**
   * Trust Sigstore bundles whose Fulcio certificate chains to {@code trustedRoot} and names {@code
   * identity} (exact or regular expressions for the identity and the issuer).
   *
   * @deprecated use {@code FetchPolicy.of(VerificationPolicy.keyless(identity, trustedRoot))}
   */
  @Deprecated(since = "0.2.0", forRemoval = true)
  @InlineMe(
      replacement = "FetchPolicy.of(VerificationPolicy.keyless(identity, trustedRoot))",
      imports = {"dev.waterline.vex.oci.FetchPolicy", "dev.waterline.vex.sign.VerificationPolicy"})
  public static FetchPolicy keyless(CertificateIdentity identity, TrustedRoot trustedRoot) {
    return FetchPolicy.of(VerificationPolicy.keyless(identity, trustedRoot));
  }

  /**
   * Trust what {@code verification} trusts. A subject it names is required too (by vex-sign), on
   * top of the check that each attestation names the digest it was found on.
   */
  public static FetchPolicy of(VerificationPolicy verification) {
    return new FetchPolicy(Objects.requireNonNull(verification, "verification"), null);
  }

  /**
   * Trust signatures that verify under any of {@code verifications}, tried in order: the first that
   * verifies names the signer (for example some keys and a keyless identity, as {@code waterline
   * triage --key K --certificate-identity ID} trusts both). With none, no signature is trusted.
   */
  public static FetchPolicy anyOf(List<VerificationPolicy> verifications) {
    for (VerificationPolicy v : verifications) {
      Objects.requireNonNull(v, "verifications must not hold null");
    }
    return new FetchPolicy(verifications, null, false);
  }

  /**
   * Trust no signature, only unsigned statements, for {@code reason}: every signed attestation then
   * fails verification.
   */
  public static FetchPolicy unsignedOnly(String reason) {
    return new FetchPolicy(List.of(), checkReason(reason), false);
  }

  /**
   * The same policy, also accepting unsigned in-toto statements for {@code reason} (e.g. "the
   * vendor signs its VEX out of band"). The reason is recorded with each statement accepted.
   *
   * @throws VexException when the reason is blank
   */
  public FetchPolicy acceptUnsigned(String reason) {
    return new FetchPolicy(verifications, checkReason(reason), false);
  }

  /**
   * The same policy, also accepting unsigned in-toto statements for {@code reason}, but only those
   * in BuildKit attestation manifests ({@link AttachmentLayout#BUILDKIT_ATTESTATION_MANIFEST}): the
   * image index lists them by digest, so they are fixed with the image's own digest and were pushed
   * with it, by whoever built it. An unsigned statement anywhere else (a statement referrer, which
   * anyone allowed to push to the repository can add later) stays unaccepted. This is what {@code
   * waterline carry --accept-unsigned-sbom} uses for SBOM attestations.
   *
   * @throws dev.waterline.vex.VexException when the reason is blank
   */
  public FetchPolicy acceptUnsignedInImageIndex(String reason) {
    return new FetchPolicy(verifications, checkReason(reason), true);
  }

  private static String checkReason(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new VexException(
          "accepting unsigned statements needs a reason (it is recorded with each one)");
    }
    return reason.strip();
  }

  /**
   * How signatures are verified (the first of {@link #verifications()}); empty when the policy
   * trusts no signature.
   */
  public Optional<VerificationPolicy> verification() {
    return verifications.stream().findFirst();
  }

  /** Every verification policy a signature may verify under, in the order tried. */
  public List<VerificationPolicy> verifications() {
    return verifications;
  }

  /** Why unsigned statements are accepted; empty when they are not. */
  public Optional<String> unsignedReason() {
    return Optional.ofNullable(unsignedReason);
  }

  /** Whether unsigned statements are accepted (anywhere, or only in the image index). */
  public boolean acceptsUnsigned() {
    return unsignedReason != null;
  }

  /**
   * Whether unsigned statements are accepted only in BuildKit attestation manifests of the image
   * index ({@link #acceptUnsignedInImageIndex(String)}).
   */
  public boolean acceptsUnsignedOnlyInImageIndex() {
    return unsignedReason != null && unsignedOnlyInImageIndex;
  }

  /** Whether an unsigned statement found in {@code layout} counts under this policy. */
  boolean acceptsUnsignedIn(AttachmentLayout layout) {
    return unsignedReason != null
        && (!unsignedOnlyInImageIndex || layout == AttachmentLayout.BUILDKIT_ATTESTATION_MANIFEST);
  }

  /**
   * For example {@code FetchPolicy[keys [PublicKey[ECDSA_P256 keyid=…]], unsigned accepted: "…"]}.
   */
  @Override
  public String toString() {
    String trust;
    if (verifications.isEmpty()) {
      trust = "no signature trusted";
    } else {
      List<String> each = new java.util.ArrayList<>();
      for (VerificationPolicy verification : verifications) {
        if (verification.isKeyless()) {
          each.add(
              "keyless "
                  + verification.certificateIdentity().map(Object::toString).orElse("?")
                  + ", "
                  + verification.trustedRoot().map(Object::toString).orElse("?"));
        } else {
          each.add("keys " + verification.keys());
        }
      }
      trust = String.join(" or ", each);
    }
    return "FetchPolicy["
        + trust
        + (unsignedReason == null
            ? ", unsigned not accepted"
            : (unsignedOnlyInImageIndex
                    ? ", unsigned accepted in the image index only: \""
                    : ", unsigned accepted: \"")
                + unsignedReason
                + "\"")
        + "]";
  }
}
