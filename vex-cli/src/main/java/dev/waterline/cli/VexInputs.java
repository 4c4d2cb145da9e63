package dev.waterline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.AttestationKind;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.FetchedAttestation;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads triage's {@code --vex} files: a plain OpenVEX document (unsigned), or a signed attestation
 * (a DSSE envelope or a Sigstore bundle) verified with the {@code --key} keys (the signer is then
 * the key id) or keylessly with {@code --certificate-identity} and {@code
 * --certificate-oidc-issuer} (the signer is then {@code certificate identity <SAN> issuer <ISS>}).
 */
final class VexInputs {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final VerificationOptions verification;

  VexInputs(VerificationOptions verification) {
    this.verification = verification;
    if (verification.any()) {
      verification.policies(); // incomplete keyless flags or unreadable keys fail before any work
    }
  }

  /** The source a file holds; a signed one must verify. */
  VexSource read(Path file) {
    byte[] bytes = DocumentIo.readBytes(file);
    if (!isAttestation(bytes)) {
      return VexSource.of(DocumentIo.read(file), file.toString());
    }
    if (!verification.any()) {
      throw CliException.usage(
          file
              + " is a signed attestation: give --key PUB, or --certificate-identity ID with"
              + " --certificate-oidc-issuer ISS, to verify it");
    }
    VerificationResult result;
    try {
      result = verify(bytes);
    } catch (VexException e) {
      throw new CliException(
          CliException.USAGE, file + ": " + DocumentIo.oneLine(e.getMessage()), e);
    }
    if (!result.verified() || result.statement().isEmpty()) {
      throw CliException.usage(file + ": verification failed: " + failure(result));
    }
    VexDocument doc = result.statement().get().predicate();
    return VexSource.of(doc, file.toString()).signedBy(signer(result));
  }

  /**
   * Verifies with each policy the flags give (keys, keyless) and returns the first success, else
   * the last failure.
   */
  private VerificationResult verify(byte[] bytes) {
    @Nullable VerificationResult last = null;
    for (VerificationPolicy policy : verification.policies()) {
      last = Verifier.verify(bytes, policy);
      if (last.verified()) {
        return last;
      }
    }
    if (last == null) {
      throw new IllegalStateException("no verification policy");
    }
    return last;
  }

  private static String failure(VerificationResult r) {
    return r.failure().map(f -> f.reason() + ": " + f.message()).orElse("no statement");
  }

  /**
   * The signer for the audit trail: the key id for a key, else the verifier's words ({@code
   * certificate identity <SAN> issuer <ISS>} for a keyless certificate).
   */
  private static String signer(VerificationResult r) {
    return r.signerKey().map(PublicKey::keyId).orElse(r.signer().orElse("unknown signer"));
  }

  /**
   * The OpenVEX attestations attached to an image in an OCI layout ({@code
   * oci:PATH[:TAG|@DIGEST]}): signed ones verified with the {@code --key} keys (those that do not
   * verify are left out, with a warning), unsigned in-toto statements as unsigned sources. Also
   * returns the image's digest.
   */
  Fetched fetch(String image, java.io.PrintWriter warnings) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(image);
    } catch (RuntimeException e) {
      throw CliException.usage("--vex-from: " + DocumentIo.oneLine(e.getMessage()));
    }
    if (!ref.isLayout()) {
      throw CliException.usage(
          "--vex-from: only OCI layouts (oci:PATH[:TAG|@DIGEST]) are supported yet, not " + image);
    }
    FetchResult result;
    try {
      result = Attachments.on(ref).fetch(ref);
    } catch (VexException e) {
      throw CliException.usage("--vex-from " + image + ": " + DocumentIo.oneLine(e.getMessage()));
    }
    List<VexSource> sources = new ArrayList<>();
    for (FetchedAttestation a : result.openVex()) {
      String origin = image + " (" + a.layout() + ", manifest " + a.manifest() + ")";
      if (a.kind() == AttestationKind.IN_TOTO_STATEMENT) {
        VexDocument doc = InTotoStatement.parse(a.statement()).predicate();
        sources.add(VexSource.of(doc, origin));
        continue;
      }
      if (!verification.any()) {
        warnings.println(
            "waterline: warning: "
                + origin
                + " is signed; without --key or --certificate-identity it is left out");
        continue;
      }
      VerificationResult v = verify(a.bytes());
      if (!v.verified() || v.statement().isEmpty()) {
        warnings.println(
            "waterline: warning: " + origin + " left out: verification failed: " + failure(v));
        continue;
      }
      sources.add(VexSource.of(v.statement().get().predicate(), origin).signedBy(signer(v)));
    }
    for (String problem : result.problems()) {
      warnings.println("waterline: warning: " + image + ": " + problem);
    }
    warnings.flush();
    return new Fetched(sources, result.digest().toString());
  }

  /** What {@link #fetch} found. */
  static final class Fetched {
    final List<VexSource> sources;
    final String digest;

    Fetched(List<VexSource> sources, String digest) {
      this.sources = sources;
      this.digest = digest;
    }
  }

  /** Whether the bytes are a DSSE envelope or a Sigstore bundle rather than a VEX document. */
  static boolean isAttestation(byte[] bytes) {
    try {
      JsonNode root = MAPPER.readTree(bytes);
      return root != null
          && root.isObject()
          && (root.has("payloadType") || root.path("mediaType").asText("").contains("sigstore"));
    } catch (IOException e) {
      return false;
    }
  }
}
