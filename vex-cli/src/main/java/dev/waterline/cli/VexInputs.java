package dev.waterline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.FetchPolicy;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.oci.UnreadableAttestation;
import dev.waterline.vex.oci.VerificationState;
import dev.waterline.vex.oci.VerifiedAttestation;
import dev.waterline.vex.policy.UnreadableVex;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.sign.FailureReason;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.Subject;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads triage's {@code --vex} files and {@code --vex-from} images: a plain OpenVEX document
 * (unsigned), or a signed attestation (a DSSE envelope or a Sigstore bundle) verified with the
 * {@code --key} keys (the signer is then the key id) or keylessly with {@code
 * --certificate-identity} and {@code --certificate-oidc-issuer} (the signer is then {@code
 * certificate identity <SAN> issuer <ISS>}).
 */
final class VexInputs {
  private static final String UNSIGNED = "triage decides on unsigned statements";

  private final Context ctx;
  private final VerificationOptions verification;
  private final Images images;
  private final @Nullable VexFormat inputFormat;
  private final Map<Path, List<String>> signedSubjects = new LinkedHashMap<>();

  VexInputs(
      Context ctx,
      VerificationOptions verification,
      RegistryOptions registryOptions,
      @Nullable VexFormat inputFormat) {
    this.ctx = ctx;
    this.verification = verification;
    this.images = new Images(registryOptions);
    this.inputFormat = inputFormat;
    if (verification.any()) {
      verification.policies(); // incomplete keyless flags or unreadable keys fail before any work
    }
  }

  /** The source a file holds; a signed one must verify. */
  VexSource read(Path file) {
    byte[] bytes = DocumentIo.readBytes(file, InputKind.VEX_DOCUMENT);
    if (!isAttestation(bytes)) {
      return VexSource.of(DocumentIo.parseVex(ctx, bytes, file, inputFormat), file.toString());
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
    List<String> subjects = new ArrayList<>();
    for (Subject s : result.statement().get().subjects()) {
      s.sha256().ifPresent(hex -> subjects.add("sha256:" + hex));
    }
    signedSubjects.put(file, subjects);
    return VexSource.of(doc, file.toString()).signedBy(signer(result));
  }

  /**
   * The signed {@code --vex} files read so far, each with the sha256 digests its statement names as
   * subjects: the images it was signed for.
   */
  Map<Path, List<String>> signedSubjects() {
    return Collections.unmodifiableMap(signedSubjects);
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
   * The OpenVEX attestations attached to an image on a registry or in an OCI layout: signed ones
   * verified under the verification flags (those that do not verify, or that name another digest,
   * are left out with a warning), unsigned in-toto statements as unsigned sources (triage's
   * --accept-unsigned and policy decide what they count for). Also returns the image's digest.
   *
   * <p>An attestation that is there but cannot be read (tampered, damaged, incomplete) stops triage
   * with a usage error naming image, digest and reason, unless {@code ignoreUnreadable}: then it is
   * returned as {@link UnreadableVex} for the report, with a warning.
   */
  Fetched fetch(String image, PrintWriter warnings, boolean ignoreUnreadable) {
    ImageReference ref = Images.parse(image, "--vex-from");
    FetchResult result;
    try {
      result = images.fetch(ref).onlyOpenVex();
    } catch (VexException e) {
      throw CliException.usage("--vex-from " + image + ": " + DocumentIo.oneLine(e.getMessage()));
    }
    List<UnreadableVex> unreadable = new ArrayList<>();
    for (UnreadableAttestation u : result.unreadable()) {
      String what =
          "the attestation "
              + u.digest().or(u::manifest).map(Digest::toString).orElse("(digest unknown)")
              + u.layout().map(l -> " (" + Images.name(l) + ")").orElse("")
              + " on "
              + u.subject()
              + " cannot be read: "
              + u.reason()
              + ": "
              + DocumentIo.oneLine(u.message());
      if (!ignoreUnreadable) {
        int more = result.unreadable().size() - 1;
        throw CliException.usage(
            "--vex-from "
                + image
                + ": "
                + what
                + (more > 0 ? " (and " + more + " more)" : "")
                + "; nothing was decided (--ignore-unreadable goes on without it and records it in"
                + " the report)");
      }
      warnings.println("waterline: warning: --vex-from " + image + ": " + what + "; left out");
      unreadable.add(
          UnreadableVex.of(
              image,
              u.digest().or(u::manifest).map(Digest::toString).orElse(""),
              u.reason().name(),
              u.message()));
    }
    List<VerificationPolicy> trusts = verification.policies();
    List<List<VerifiedAttestation>> runs = new ArrayList<>();
    if (trusts.isEmpty()) {
      runs.add(result.verify(FetchPolicy.unsignedOnly(UNSIGNED)).attestations());
    }
    for (VerificationPolicy trust : trusts) {
      runs.add(result.verify(FetchPolicy.of(trust).acceptUnsigned(UNSIGNED)).attestations());
    }
    List<VexSource> sources = new ArrayList<>();
    for (int i = 0; i < runs.get(0).size(); i++) {
      VerifiedAttestation a = runs.get(runs.size() - 1).get(i);
      for (List<VerifiedAttestation> run : runs) {
        if (run.get(i).state() != VerificationState.FAILED) {
          a = run.get(i); // the first policy that accepts it
          break;
        }
      }
      String origin = image + " (" + a.layout() + ", manifest " + a.manifest() + ")";
      if (a.state() == VerificationState.FAILED) {
        if (trusts.isEmpty()
            && a.fetched().kind().isSigned()
            && a.failure().map(f -> f.reason() == FailureReason.UNKNOWN_KEY).orElse(false)) {
          warnings.println(
              "waterline: warning: "
                  + origin
                  + " is signed; without --key or --certificate-identity it is left out");
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
    for (String problem : result.warnings()) {
      warnings.println("waterline: warning: " + image + ": " + problem);
    }
    warnings.flush();
    return new Fetched(sources, result.digest().toString(), unreadable);
  }

  /** What {@link #fetch} found. */
  static final class Fetched {
    final List<VexSource> sources;
    final String digest;
    final List<UnreadableVex> unreadable;

    Fetched(List<VexSource> sources, String digest, List<UnreadableVex> unreadable) {
      this.sources = sources;
      this.digest = digest;
      this.unreadable = List.copyOf(unreadable);
    }
  }

  /** Whether the bytes are a DSSE envelope or a Sigstore bundle rather than a VEX document. */
  static boolean isAttestation(byte[] bytes) {
    try {
      JsonNode root = Json.tree(bytes);
      return root.isObject()
          && (root.has("payloadType") || root.path("mediaType").asText("").contains("sigstore"));
    } catch (VexException e) {
      return false; // not JSON: reading it as a document reports why
    }
  }
}
