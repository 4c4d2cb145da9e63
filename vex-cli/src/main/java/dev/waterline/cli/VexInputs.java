package dev.waterline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.policy.VexSource;
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
