package dev.waterline.cli;

import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
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

  private @Nullable List<VerificationPolicy> policies;

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

  /** The same as {@link #given()}. */
  boolean any() {
    return given();
  }

  /**
   * The one policy the flags state ({@code verify}, {@code fetch}): keys or keyless, not both;
   * empty when none was given.
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
    return Optional.of(policies().get(0));
  }

  /** The trusted keys read from {@code --key} files. */
  List<PublicKey> publicKeys() {
    List<PublicKey> trusted = new ArrayList<>();
    for (Path k : keys) {
      trusted.add(readKey(k));
    }
    return trusted;
  }

  /**
   * The policies the flags ask for ({@code triage}: a file verifies if either accepts it): one over
   * the keys, one keyless; empty when no flag was given. Built once (the production trust root is
   * fetched through TUF only when used).
   *
   * @throws CliException a usage error for an incomplete or contradictory keyless identity, or an
   *     unreadable key or trusted root
   */
  List<VerificationPolicy> policies() {
    List<VerificationPolicy> p = policies;
    if (p != null) {
      return p;
    }
    p = new ArrayList<>();
    if (!keys.isEmpty()) {
      p.add(VerificationPolicy.keys(publicKeys()));
    }
    if (keylessAsked()) {
      p.add(keyless());
    }
    policies = List.copyOf(p);
    return policies;
  }

  private VerificationPolicy keyless() {
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
    TrustedRoot root;
    try {
      Path file = trustedRoot;
      root = file == null ? TrustedRoot.productionFromTuf() : TrustedRoot.fromFile(file);
      return VerificationPolicy.keyless(id.build(), root);
    } catch (VexException e) {
      throw new CliException(CliException.USAGE, DocumentIo.oneLine(e.getMessage()), e);
    }
  }

  private static PublicKey readKey(Path path) {
    byte[] bytes = DocumentIo.readBytes(path, InputKind.KEY);
    try {
      return PublicKey.parsePem(new String(bytes, StandardCharsets.UTF_8));
    } catch (VexException e) {
      throw CliException.usage(path + ": " + DocumentIo.oneLine(e.getMessage()));
    }
  }
}
