package dev.waterline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.oci.FetchPolicy;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.oci.VerificationState;
import dev.waterline.vex.oci.VerifiedAttestation;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.sign.FailureReason;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads triage's {@code --vex} files and {@code --vex-from} images: a plain OpenVEX document
 * (unsigned), or a signed attestation (a DSSE envelope or a Sigstore bundle) verified with the
 * verification flags, whose signer is then the key id (or the certificate identity).
 */
final class VexInputs {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Optional<VerificationPolicy> policy;
  private final Images images;

  VexInputs(VerificationOptions verification, RegistryOptions registryOptions) {
    this.policy = verification.policy();
    this.images = new Images(registryOptions);
  }

  private Optional<VerificationPolicy> policy() {
    return policy;
  }

  /** The source a file holds; a signed one must verify. */
  VexSource read(Path file) {
    byte[] bytes = DocumentIo.readBytes(file);
    if (!isAttestation(bytes)) {
      return VexSource.of(DocumentIo.read(file), file.toString());
    }
    Optional<VerificationPolicy> trust = policy();
    if (trust.isEmpty()) {
      throw CliException.usage(file + " is a signed attestation: give --key PUB to verify it");
    }
    VerificationResult result;
    try {
      result = Verifier.verify(bytes, trust.get());
    } catch (VexException e) {
      throw new CliException(
          CliException.USAGE, file + ": " + DocumentIo.oneLine(e.getMessage()), e);
    }
    if (!result.verified() || result.statement().isEmpty()) {
      throw CliException.usage(
          file
              + ": verification failed: "
              + result.failure().map(f -> f.reason() + ": " + f.message()).orElse("no statement"));
    }
    VexDocument doc = result.statement().get().predicate();
    String signer =
        result.signerKey().map(PublicKey::keyId).orElse(result.signer().orElse("unknown signer"));
    return VexSource.of(doc, file.toString()).signedBy(signer);
  }

  /**
   * The OpenVEX attestations attached to an image on a registry or in an OCI layout: signed ones
   * verified under the verification flags (those that do not verify, or that name another digest,
   * are left out with a warning), unsigned in-toto statements as unsigned sources (triage's
   * --accept-unsigned and policy decide what they count for). Also returns the image's digest.
   */
  Fetched fetch(String image, PrintWriter warnings) {
    ImageReference ref = Images.parse(image, "--vex-from");
    FetchResult result;
    try {
      result = images.fetch(ref).onlyOpenVex();
    } catch (VexException e) {
      throw CliException.usage("--vex-from " + image + ": " + DocumentIo.oneLine(e.getMessage()));
    }
    Optional<VerificationPolicy> trust = policy();
    FetchPolicy fetchPolicy =
        trust
            .map(FetchPolicy::of)
            .orElseGet(() -> FetchPolicy.unsignedOnly("triage decides on unsigned statements"))
            .acceptUnsigned("triage decides on unsigned statements");
    List<VexSource> sources = new ArrayList<>();
    for (VerifiedAttestation a : result.verify(fetchPolicy).attestations()) {
      String origin = image + " (" + a.layout() + ", manifest " + a.manifest() + ")";
      if (a.state() == VerificationState.FAILED) {
        if (trust.isEmpty()
            && a.fetched().kind().isSigned()
            && a.failure().map(f -> f.reason() == FailureReason.UNKNOWN_KEY).orElse(false)) {
          warnings.println(
              "waterline: warning: " + origin + " is signed; without --key it is left out");
        } else {
          warnings.println(
              "waterline: warning: "
                  + origin
                  + " left out: verification failed: "
                  + a.failure().map(f -> f.reason() + ": " + f.message()).orElse("?"));
        }
        continue;
      }
      Optional<VexDocument> doc = a.vex();
      if (doc.isEmpty()) {
        continue;
      }
      if (a.state() == VerificationState.UNSIGNED) {
        sources.add(VexSource.of(doc.get(), origin));
        continue;
      }
      String signer = a.signerKey().map(PublicKey::keyId).orElse(a.signer().orElse("unknown"));
      sources.add(VexSource.of(doc.get(), origin).signedBy(signer));
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
