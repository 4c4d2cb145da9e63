package dev.waterline.samples;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.CertificateIdentity;
import dev.waterline.vex.sign.KeylessSigning;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.TrustedRoot;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keyless signing in CI (opt-in): sign a VEX attestation with the CI job's OIDC identity through
 * Sigstore <b>staging</b> (Fulcio certificate, Rekor v2 entry, RFC 3161 timestamp), write the
 * Sigstore bundle, and verify it against staging's trusted root and the expected identity. No key
 * to keep: the certificate says which workflow signed.
 *
 * <p>It runs only when {@code WATERLINE_SIGSTORE_TOKEN} holds an OIDC identity token that staging's
 * Fulcio accepts; otherwise it says so and does nothing (exit 0), and its test is skipped with the
 * same message. Optional: {@code WATERLINE_SIGSTORE_IDENTITY} (the certificate SAN, e.g. {@code
 * https://github.com/acme/app/.github/workflows/vex.yml@refs/heads/main}) and {@code
 * WATERLINE_SIGSTORE_ISSUER} (e.g. {@code https://token.actions.githubusercontent.com}) make the
 * verification check the exact signer; without them any identity is accepted.
 *
 * <p>In GitHub Actions (the job needs {@code permissions: id-token: write}):
 *
 * <pre>
 * - run: |
 *     token=$(curl -sSf -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" \
 *       "$ACTIONS_ID_TOKEN_REQUEST_URL&amp;audience=sigstore" | jq -r .value)
 *     echo "::add-mask::$token"
 *     WATERLINE_SIGSTORE_TOKEN="$token" \
 *     WATERLINE_SIGSTORE_IDENTITY="$GITHUB_SERVER_URL/$GITHUB_WORKFLOW_REF" \
 *     WATERLINE_SIGSTORE_ISSUER=https://token.actions.githubusercontent.com \
 *       samples/run KeylessInCi app.sigstore.json
 * </pre>
 *
 * Staging, not production: sigstore-java 2.0.0 signs attestations only through Rekor v2 and a
 * timestamp authority, which the public-good signing config does not list yet (see {@code
 * docs/sigstore.md}); with a config that does, use {@code KeylessSigning.fromFiles(config, root)}.
 *
 * <pre>
 * samples/run KeylessInCi [OUT.sigstore.json]
 * </pre>
 */
public final class KeylessInCi {
  private KeylessInCi() {}

  /** The environment variable holding the OIDC identity token. */
  public static final String TOKEN = "WATERLINE_SIGSTORE_TOKEN";

  /** The expected certificate SAN (optional). */
  public static final String IDENTITY = "WATERLINE_SIGSTORE_IDENTITY";

  /** The expected OIDC issuer (optional). */
  public static final String ISSUER = "WATERLINE_SIGSTORE_ISSUER";

  /** The image the attestation is about. */
  public static final String SUBJECT =
      "registry.local/app@sha256:7f3e9a1c5b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f";

  /** The signed bundle, where it was written, and what verifying it said. */
  public record Signed(SigstoreBundle bundle, Path file, VerificationResult verification) {}

  /** Why the recipe does not run in this environment, or empty when it does. */
  public static Optional<String> skipReason(Map<String, String> env) {
    String token = env.get(TOKEN);
    if (token == null || token.isBlank()) {
      return Optional.of(
          "skipped: keyless signing is opt-in; set "
              + TOKEN
              + " to an OIDC identity token for Sigstore staging (in GitHub Actions: the job's"
              + " ID token with audience sigstore)");
    }
    return Optional.empty();
  }

  /**
   * The identity to verify: exact when {@code WATERLINE_SIGSTORE_IDENTITY/ISSUER} say, else any.
   */
  public static CertificateIdentity expectedIdentity(Map<String, String> env) {
    String san = env.getOrDefault(IDENTITY, "");
    String issuer = env.getOrDefault(ISSUER, "");
    return CertificateIdentity.builder()
        .sanRegex(san.isBlank() ? ".+" : Pattern.quote(san))
        .issuerRegex(issuer.isBlank() ? ".+" : Pattern.quote(issuer))
        .build();
  }

  /** The document signed here. */
  public static VexDocument document() {
    return Vex.document("Acme Security <psirt@acme.example>")
        .timestamp(Instant.parse("2026-03-01T10:00:00Z"))
        .statement(
            Vex.notAffected("CVE-2023-44487", SUBJECT)
                .subcomponent("pkg:golang/golang.org/x/net@v0.7.0")
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
        .build();
  }

  /**
   * Signs {@code doc} about {@link #SUBJECT} keylessly on staging with {@code token}, writes the
   * bundle to {@code out}, and verifies it against staging's trusted root and {@code identity}.
   * Needs network access.
   */
  public static Signed signAndVerify(
      VexDocument doc, String token, CertificateIdentity identity, Path out) throws IOException {
    SigstoreBundle bundle =
        KeylessSigning.staging()
            .identityToken(token)
            .sign(Attestations.of(doc).subject(SUBJECT).statement());
    Files.write(out, bundle.toJsonBytes());
    VerificationResult verification =
        Verifier.verify(
            Files.readAllBytes(out),
            VerificationPolicy.keyless(identity, TrustedRoot.stagingFromTuf()).subject(SUBJECT));
    return new Signed(bundle, out, verification);
  }

  /** Signs and verifies when opted in; otherwise prints why not. Exits 1 if verification fails. */
  public static void main(String[] args) throws IOException {
    Map<String, String> env = System.getenv();
    Optional<String> skip = skipReason(env);
    if (skip.isPresent()) {
      System.out.println(skip.get());
      return;
    }
    Path out = Path.of(args.length > 0 ? args[0] : "app.sigstore.json");
    String token = java.util.Objects.requireNonNull(env.get(TOKEN), TOKEN);
    Signed s = signAndVerify(document(), token, expectedIdentity(env), out);
    System.out.println("wrote " + s.file() + ": " + s.bundle());
    System.out.println("verified: " + s.verification());
    if (!s.verification().verified()) {
      System.exit(1);
    }
  }
}
