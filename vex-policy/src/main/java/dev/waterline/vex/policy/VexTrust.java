package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.waterline.vex.VexException;
import dev.waterline.vex.formats.ConversionWarning;
import dev.waterline.vex.formats.ReadResult;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.formats.VexFormats;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.internal.json.Json;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a gate trusts in the VEX files it is given: signatures verified under any of some {@link
 * VerificationPolicy verification policies} (keys, or keyless certificate identities), and plain
 * documents as unsigned sources (the triage {@link Policy} and {@code acceptUnsigned} then decide
 * what they count for). The {@code waterline triage --vex} command reads its files through this
 * class, so a tool author's gate decides exactly as the CLI does.
 *
 * <pre>{@code
 * VexTrust trust = VexTrust.of(VerificationPolicy.keys(PublicKey.read(Path.of("cosign.pub"))));
 * VexSource own = trust.read(Path.of("app.vex.json"));          // a plain document: unsigned
 * VexSource vendor = trust.read(Path.of("vendor.intoto.json")); // a DSSE envelope: must verify
 * }</pre>
 *
 * <p>Immutable; each {@code with…} method returns a new value. For VEX attached to an image, see
 * {@code VerifiedFetch.vexSources()} in vex-attach, which applies the same rules.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class VexTrust {
  private final List<VerificationPolicy> policies;
  private final @Nullable VexFormat inputFormat;

  private VexTrust(List<VerificationPolicy> policies, @Nullable VexFormat inputFormat) {
    this.policies = List.copyOf(policies);
    this.inputFormat = inputFormat;
  }

  /**
   * Trust signatures that verify under any of {@code policies}, tried in order (the first that
   * verifies names the signer). With none, only unsigned documents can be read: a signed file is
   * then an error, since nothing could verify it.
   */
  public static VexTrust of(List<VerificationPolicy> policies) {
    for (VerificationPolicy p : policies) {
      Objects.requireNonNull(p, "policies must not hold null");
    }
    return new VexTrust(policies, null);
  }

  /** {@link #of(List)} with the given policies. */
  public static VexTrust of(VerificationPolicy... policies) {
    return of(List.of(policies));
  }

  /** Trust no signature: plain documents only. */
  public static VexTrust unsignedOnly() {
    return new VexTrust(List.of(), null);
  }

  /** The same trust, reading plain documents as {@code format} instead of detecting the dialect. */
  public VexTrust withInputFormat(VexFormat format) {
    return new VexTrust(policies, Objects.requireNonNull(format, "format"));
  }

  /** The verification policies, in the order tried. */
  public List<VerificationPolicy> policies() {
    return policies;
  }

  /** The dialect forced on plain documents, if any (else it is detected from the content). */
  public Optional<VexFormat> inputFormat() {
    return Optional.ofNullable(inputFormat);
  }

  /**
   * Reads a VEX file: a plain document of any dialect (OpenVEX as JSON or YAML, CSAF 2.0,
   * CycloneDX) becomes an unsigned source; a signed attestation (a DSSE envelope or a Sigstore
   * bundle) must verify under one of the policies and becomes a source signed by who verified, with
   * the subjects the statement names. The file is read through Waterline's bounded reader (regular
   * files only, size-limited).
   *
   * @throws VexException naming the file: unreadable, not a VEX document, a signed file with no
   *     policy to verify it, or a signature that does not verify (the reason from the last policy
   *     tried)
   */
  public VexSource read(Path file) {
    return read(Inputs.read(file, InputKind.VEX_DOCUMENT), file.toString());
  }

  /**
   * Reads VEX bytes that came from {@code origin} (a path, a URL: used in messages and kept as the
   * source's origin); see {@link #read(Path)}.
   */
  public VexSource read(byte[] bytes, String origin) {
    Objects.requireNonNull(origin, "origin");
    if (!isAttestation(bytes)) {
      ReadResult result;
      try {
        result = inputFormat == null ? VexFormats.read(bytes) : VexFormats.read(bytes, inputFormat);
      } catch (VexException e) {
        throw new VexException(naming(origin, e.getMessage()), e);
      }
      List<String> warnings = new ArrayList<>();
      for (ConversionWarning w : result.warnings()) {
        warnings.add(w.toString());
      }
      return VexSource.of(result.document(), origin).withWarnings(warnings);
    }
    if (policies.isEmpty()) {
      throw new VexException(
          origin
              + " is a signed attestation, and nothing is trusted to verify it: give a key or a"
              + " certificate identity (in the CLI, --key PUB or --certificate-identity ID with"
              + " --certificate-oidc-issuer ISS)");
    }
    VerificationResult result;
    try {
      result = verify(bytes);
    } catch (VexException e) {
      throw new VexException(naming(origin, e.getMessage()), e);
    }
    if (!result.verified() || result.statement().isEmpty()) {
      throw new VexException(
          origin
              + ": verification failed: "
              + result.failure().map(f -> f.reason() + ": " + f.message()).orElse("no statement"));
    }
    return VexSource.verified(result, origin);
  }

  /**
   * Verifies a signed attestation under each policy in turn and returns the first success, else the
   * last failure.
   *
   * @throws VexException when no policy is configured
   */
  public VerificationResult verify(byte[] attestation) {
    @Nullable VerificationResult last = null;
    for (VerificationPolicy policy : policies) {
      last = Verifier.verify(attestation, policy);
      if (last.verified()) {
        return last;
      }
    }
    if (last == null) {
      throw new VexException("no verification policy is configured");
    }
    return last;
  }

  private static String naming(String origin, @Nullable String message) {
    String text = String.valueOf(message);
    return text.contains(origin) ? text : origin + ": " + text;
  }

  /**
   * Whether the bytes are a DSSE envelope or a Sigstore bundle rather than a VEX document: one
   * well-formed JSON object with a top-level {@code payloadType}, or a {@code mediaType} naming
   * Sigstore. Streamed (the input is tokenised, no tree is built), so that a VEX document of
   * hundreds of megabytes costs no memory here.
   */
  public static boolean isAttestation(byte[] bytes) {
    try (JsonParser p = Json.parser(bytes)) {
      boolean attestation = false;
      if (p.nextToken() == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          JsonToken value = p.nextToken();
          if (name.equals("payloadType")
              || (name.equals("mediaType")
                  && value == JsonToken.VALUE_STRING
                  && p.getText().contains("sigstore"))) {
            attestation = true;
          }
          p.skipChildren();
        }
      } else {
        p.skipChildren();
      }
      Json.requireEnd(p);
      return attestation;
    } catch (IOException | VexException e) {
      return false; // not JSON (YAML, or broken): reading it as a document says why
    }
  }

  /** For example {@code VexTrust[2 policies, input format detected]}. */
  @Override
  public String toString() {
    return "VexTrust["
        + policies.size()
        + (policies.size() == 1 ? " policy" : " policies")
        + ", input format "
        + (inputFormat == null ? "detected" : inputFormat.name().toLowerCase(java.util.Locale.ROOT))
        + "]";
  }
}
