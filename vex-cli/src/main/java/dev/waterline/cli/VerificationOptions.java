package dev.waterline.cli;

import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.CertificateIdentity;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.TrustedRoot;
import dev.waterline.vex.sign.VerificationPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The verification flags {@code verify}, {@code fetch} and {@code triage} share (a picocli mixin):
 * trusted keys, or a keyless certificate identity and issuer with a trusted root.
 */
final class VerificationOptions {
  @Option(
      names = "--key",
      paramLabel = "PUB",
      description = "A trusted public key (PEM, e.g. cosign.pub); repeatable.")
  List<Path> keys = new ArrayList<>();

  @Option(
      names = "--certificate-identity",
      paramLabel = "ID",
      description = "Keyless: the expected certificate identity (SAN).")
  @Nullable String identity;

  @Option(
      names = "--certificate-identity-regexp",
      paramLabel = "RE",
      description = "Keyless: a regular expression for the identity.")
  @Nullable String identityRegexp;

  @Option(
      names = "--certificate-oidc-issuer",
      paramLabel = "ISS",
      description = "Keyless: the expected OIDC issuer.")
  @Nullable String issuer;

  @Option(
      names = "--certificate-oidc-issuer-regexp",
      paramLabel = "RE",
      description = "Keyless: a regular expression for the issuer.")
  @Nullable String issuerRegexp;

  @Option(
      names = "--trusted-root",
      paramLabel = "FILE",
      description = "Keyless: a Sigstore trusted_root.json (default: production, via TUF).")
  @Nullable Path trustedRoot;

  /** Whether any keyless flag was given. */
  boolean keylessAsked() {
    return identity != null
        || identityRegexp != null
        || issuer != null
        || issuerRegexp != null
        || trustedRoot != null;
  }

  /** Whether any verification flag was given. */
  boolean given() {
    return !keys.isEmpty() || keylessAsked();
  }

  /**
   * The policy the flags state; empty when none was given.
   *
   * @throws CliException (usage) for contradicting or incomplete flags and unreadable keys
   */
  Optional<VerificationPolicy> policy() {
    if (!given()) {
      return Optional.empty();
    }
    if (!keys.isEmpty() && keylessAsked()) {
      throw CliException.usage("--key and the --certificate-* options exclude each other");
    }
    return Optional.of(keylessAsked() ? keylessPolicy() : keyPolicy());
  }

  /** The trusted keys read from {@code --key} files. */
  List<PublicKey> publicKeys() {
    List<PublicKey> trusted = new ArrayList<>();
    for (Path k : keys) {
      trusted.add(readKey(k));
    }
    return trusted;
  }

  private VerificationPolicy keyPolicy() {
    return VerificationPolicy.keys(publicKeys());
  }

  private VerificationPolicy keylessPolicy() {
    if (identity != null && identityRegexp != null) {
      throw CliException.usage(
          "--certificate-identity and --certificate-identity-regexp exclude each other");
    }
    if (issuer != null && issuerRegexp != null) {
      throw CliException.usage(
          "--certificate-oidc-issuer and --certificate-oidc-issuer-regexp exclude each other");
    }
    if (identity == null && identityRegexp == null) {
      throw CliException.usage(
          "keyless verification needs --certificate-identity ID (or"
              + " --certificate-identity-regexp RE)");
    }
    if (issuer == null && issuerRegexp == null) {
      throw CliException.usage(
          "keyless verification needs --certificate-oidc-issuer ISS (or"
              + " --certificate-oidc-issuer-regexp RE)");
    }
    CertificateIdentity.Builder id = CertificateIdentity.builder();
    if (identity != null) {
      id.san(identity);
    } else if (identityRegexp != null) {
      id.sanRegex(identityRegexp);
    }
    if (issuer != null) {
      id.issuer(issuer);
    } else if (issuerRegexp != null) {
      id.issuerRegex(issuerRegexp);
    }
    TrustedRoot root =
        trustedRoot == null ? TrustedRoot.productionFromTuf() : TrustedRoot.fromFile(trustedRoot);
    return VerificationPolicy.keyless(id.build(), root);
  }

  private static PublicKey readKey(Path path) {
    byte[] bytes = DocumentIo.readBytes(path);
    try {
      return PublicKey.parsePem(new String(bytes, StandardCharsets.UTF_8));
    } catch (VexException e) {
      throw CliException.usage(path + ": " + DocumentIo.oneLine(e.getMessage()));
    }
  }
}
