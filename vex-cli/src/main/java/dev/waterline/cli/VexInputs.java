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
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads triage's {@code --vex} files: a plain OpenVEX document (unsigned), or a signed attestation
 * (a DSSE envelope or a Sigstore bundle) verified with the {@code --key} keys, whose signer is then
 * the key id.
 */
final class VexInputs {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<PublicKey> keys = new ArrayList<>();

  VexInputs(List<Path> keyFiles) {
    for (Path k : keyFiles) {
      keys.add(TriageCommand.input(() -> Keys.readPublicPem(k), k));
    }
  }

  /** The source a file holds; a signed one must verify. */
  VexSource read(Path file) {
    byte[] bytes = DocumentIo.readBytes(file);
    if (!isAttestation(bytes)) {
      return VexSource.of(DocumentIo.read(file), file.toString());
    }
    if (keys.isEmpty()) {
      throw CliException.usage(file + " is a signed attestation: give --key PUB to verify it");
    }
    VerificationResult result;
    try {
      result = Verifier.verify(bytes, VerificationPolicy.keys(keys));
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
      if (keys.isEmpty()) {
        warnings.println(
            "waterline: warning: " + origin + " is signed; without --key it is left out");
        continue;
      }
      VerificationResult v = Verifier.verify(a.bytes(), VerificationPolicy.keys(keys));
      if (!v.verified() || v.statement().isEmpty()) {
        warnings.println(
            "waterline: warning: "
                + origin
                + " left out: verification failed: "
                + v.failure().map(f -> f.reason() + ": " + f.message()).orElse("no statement"));
        continue;
      }
      String signer =
          v.signerKey().map(PublicKey::keyId).orElse(v.signer().orElse("unknown signer"));
      sources.add(VexSource.of(v.statement().get().predicate(), origin).signedBy(signer));
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
