package dev.waterline.cli;

import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.KeylessSigning;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.TrustedRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline attest}: sign an OpenVEX document as an in-toto attestation. */
@Command(
    name = "attest",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Wrap a VEX document in an in-toto Statement v1 about images, and sign it.",
      "The images are given by digest; CSAF and CycloneDX are read into OpenVEX. The result is",
      "a Sigstore bundle v0.3 (default) or a bare DSSE envelope. The vexctl form",
      "'attest DOC IMAGE@DIGEST... -s' is accepted too. Prints to stdout unless --file."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline attest app.openvex.json --subject registry.local/app@sha256:4f... --key"
          + " cosign.key --format dsse",
      "  waterline attest app.openvex.json registry.local/app@sha256:4f... -s --key cosign.key"
    })
final class AttestCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "DOC", description = "The OpenVEX document.")
  Path document = Path.of("");

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "IMAGE@DIGEST",
      description = "Subjects, as --subject (vexctl form).")
  List<String> positionalSubjects = new ArrayList<>();

  @Option(
      names = "--subject",
      paramLabel = "IMAGE@sha256:HEX",
      description = "An image the statement is about, by digest (repeatable).")
  List<String> subjects = new ArrayList<>();

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description =
          "Private key: cosign.key (password from COSIGN_PASSWORD, WATERLINE_PASSWORD"
              + " or the terminal) or an unencrypted PKCS#8 PEM.")
  @Nullable Path key;

  @Option(
      names = "--keyless",
      description =
          "Sign keyless with Sigstore (Fulcio certificate, Rekor v2, timestamp authority);"
              + " always writes a bundle.")
  boolean keyless;

  @Option(
      names = "--signing-config",
      paramLabel = "FILE",
      description =
          "Keyless: a Sigstore signing config listing a Fulcio CA, a Rekor v2 log and a"
              + " timestamp authority (needs --trusted-root).")
  @Nullable Path signingConfig;

  @Option(
      names = "--trusted-root",
      paramLabel = "FILE",
      description = "Keyless: the trusted root matching --signing-config.")
  @Nullable Path trustedRoot;

  @Option(
      names = "--staging",
      description = "Keyless: use the Sigstore staging instance (from its TUF repository).")
  boolean staging;

  @Option(
      names = "--identity-token",
      paramLabel = "TOKEN",
      description =
          "Keyless: the OIDC identity token (default: SIGSTORE_ID_TOKEN; else sigstore-java's"
              + " ambient GitHub Actions token or browser flow).")
  @Nullable String identityToken;

  @Option(
      names = "--deterministic",
      description =
          "Sign deterministically: ECDSA nonces from RFC 6979, so the same document and key give"
              + " the same signature bytes (Ed25519 and RSA always do). Not with --keyless.")
  boolean deterministic;

  @Option(
      names = {"-s", "--sign"},
      description = "Sign (vexctl form; attestations are always signed).")
  boolean sign;

  @Option(
      names = {"-a", "--attach"},
      description =
          "Also attach the signed attestation to each subject image (default layouts: bundle"
              + " referrer and cosign's .att for a bundle, .att for an envelope); subjects may be"
              + " oci:PATH@sha256:HEX.")
  boolean attach;

  @Mixin RegistryOption registry = new RegistryOption();

  @Mixin DialectOptions.In input = new DialectOptions.In();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "bundle",
      description = "Output: bundle (Sigstore bundle v0.3) or dsse (default: ${DEFAULT-VALUE}).")
  String format = "bundle";

  @Option(
      names = "--predicate-type",
      paramLabel = "URI",
      defaultValue = "https://openvex.dev/ns",
      description =
          "Predicate type (default: ${DEFAULT-VALUE}; e.g. https://openvex.dev/ns/v0.2.0).")
  String predicateType = "https://openvex.dev/ns";

  @Option(names = "--file", paramLabel = "OUT", description = "Write to OUT instead of stdout.")
  @Nullable Path file;

  AttestCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("bundle") && !fmt.equals("dsse")) {
      throw CliException.usage("--format must be bundle or dsse but was '" + format + "'");
    }
    List<String> all = new ArrayList<>(subjects);
    all.addAll(positionalSubjects);
    if (all.isEmpty()) {
      throw CliException.usage(
          "attest needs at least one subject: --subject IMAGE@sha256:HEX (or IMAGE@sha256:HEX"
              + " after DOC)");
    }
    if (keyless && key != null) {
      throw CliException.usage("--key and --keyless exclude each other");
    }
    if (!keyless && key == null) {
      throw CliException.usage("attest needs --key KEY (or --keyless)");
    }
    if (!keyless && (signingConfig != null || staging || identityToken != null)) {
      throw CliException.usage(
          "--signing-config, --staging and --identity-token only apply with --keyless");
    }
    Attestations attestation = Attestations.of(DocumentIo.read(ctx, document, input.format));
    // an image named twice (as --subject and in the vexctl form, say) is attached to once
    Set<ImageReference> targets = new LinkedHashSet<>();
    for (String s : all) {
      if (s.startsWith("oci:")) {
        attestation = attestation.subject(Images.subject(s, "subject"));
        targets.add(Images.parse(s, "subject"));
      } else {
        attestation = attestation.subject(s);
        if (attach) {
          targets.add(Images.parse(s, "subject"));
        }
      }
    }
    attestation = attestation.predicateType(predicateType);
    if (keyless) {
      if (deterministic) {
        throw CliException.usage(
            "--deterministic needs --key: a keyless signature uses a new key every time");
      }
      if (fmt.equals("dsse")) {
        throw CliException.usage(
            "keyless signatures need their certificate and log entry: use --format bundle");
      }
      return finish(keylessSigning().sign(attestation.statement()).toJson(), targets);
    }
    Path keyPath = key;
    if (keyPath == null) {
      throw CliException.usage("attest needs --key KEY (or --keyless)");
    }
    SigningKey signingKey = Keys.readPrivate(keyPath, () -> Passwords.forReading(ctx));
    if (deterministic) {
      signingKey = signingKey.deterministic();
    }
    DsseEnvelope envelope = attestation.sign(signingKey);
    String json = fmt.equals("dsse") ? envelope.toJson() : bundleJson(envelope, signingKey);
    return finish(json, targets);
  }

  /**
   * Writes the attestation (stdout or --file); with --attach, attaches it to every subject and
   * prints what was written instead (the attestation then goes only to --file, if given).
   */
  private int finish(String json, Set<ImageReference> targets) {
    if (!attach) {
      output(json + "\n");
      return 0;
    }
    if (file != null) {
      output(json + "\n");
    }
    Attestation att = Attestation.of(json.getBytes(StandardCharsets.UTF_8));
    Images images = new Images(registry.options(ctx));
    for (ImageReference ref : targets) {
      AttachResult r;
      Activity progress = Activity.start(ctx, "attaching to " + ref);
      try {
        r = images.attach(ref, att);
      } finally {
        progress.close();
      }
      Images.print(ctx, "attached to " + ref + " (" + r.subject() + ")", r);
    }
    ctx.out().flush();
    ctx.err().flush();
    return 0;
  }

  private KeylessSigning keylessSigning() {
    KeylessSigning signing;
    if (signingConfig != null) {
      if (staging) {
        throw CliException.usage("--signing-config and --staging exclude each other");
      }
      if (trustedRoot == null) {
        throw CliException.usage("--signing-config needs --trusted-root FILE");
      }
      signing = KeylessSigning.fromFiles(signingConfig, TrustedRoot.fromFile(trustedRoot));
    } else if (staging) {
      signing = KeylessSigning.staging();
    } else {
      signing = KeylessSigning.production();
    }
    String token = identityToken != null ? identityToken : ctx.env().get("SIGSTORE_ID_TOKEN");
    return token == null || token.isBlank() ? signing : signing.identityToken(token);
  }

  /** A key-based Sigstore bundle v0.3 of the envelope ({@code publicKey.hint} = key id). */
  private static String bundleJson(DsseEnvelope envelope, SigningKey key) {
    return SigstoreBundle.ofKeySigned(envelope, key.publicKey()).toJson();
  }

  private void output(String text) {
    if (file == null) {
      ctx.exactOut().print(text);
      ctx.exactOut().flush();
      return;
    }
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage("cannot write " + file + ": " + DocumentIo.describeWrite(file, e));
    }
  }
}
