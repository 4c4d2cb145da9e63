package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.sign.CertificateIdentity;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.Subject;
import dev.waterline.vex.sign.TrustedRoot;
import dev.waterline.vex.sign.VerificationFailure;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code waterline verify}: check an attestation's signature, payload and subject. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Verify a DSSE envelope or Sigstore bundle: signature by a trusted key, in-toto payload,",
      "and (with --subject) the image digest. Exit 0 verified, 1 not verified (the reason is",
      "printed), 2 usage or input error."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline verify app.att.json --key cosign.pub",
      "  waterline verify app.att.json --key cosign.pub --subject registry.local/app@sha256:4f..."
          + " --format json"
    })
final class VerifyCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "ATTESTATION", description = "Envelope or bundle JSON.")
  Path attestation = Path.of("");

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

  @Option(
      names = "--subject",
      paramLabel = "IMAGE@sha256:HEX",
      description = "Require the statement to name this image digest.")
  @Nullable String subject;

  @Mixin FormatOption output = new FormatOption();

  VerifyCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    boolean keylessAsked =
        identity != null
            || identityRegexp != null
            || issuer != null
            || issuerRegexp != null
            || trustedRoot != null;
    if (keys.isEmpty() && !keylessAsked) {
      throw CliException.usage(
          "verify needs --key PUB, or --certificate-identity ID with --certificate-oidc-issuer"
              + " ISS");
    }
    if (!keys.isEmpty() && keylessAsked) {
      throw CliException.usage("--key and the --certificate-* options exclude each other");
    }
    VerificationPolicy policy = keylessAsked ? keylessPolicy() : keyPolicy();
    if (subject != null) {
      policy = policy.subject(subject);
    }
    byte[] bytes = DocumentIo.readBytes(attestation);
    VerificationResult result = Verifier.verify(bytes, policy);
    if (output.json()) {
      Json.print(ctx, toJson(result));
    } else {
      printText(result);
    }
    return result.verified() ? 0 : CliException.NEGATIVE;
  }

  private VerificationPolicy keyPolicy() {
    List<PublicKey> trusted = new ArrayList<>();
    for (Path k : keys) {
      trusted.add(readKey(k));
    }
    return VerificationPolicy.keys(trusted);
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
      return PublicKey.parsePem(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    } catch (dev.waterline.vex.VexException e) {
      throw CliException.usage(path + ": " + DocumentIo.oneLine(e.getMessage()));
    }
  }

  private ObjectNode toJson(VerificationResult result) {
    ObjectNode json = Json.object();
    json.put("path", attestation.toString());
    json.put("verified", result.verified());
    if (result.verified()) {
      json.put("signer", result.signer().orElse(""));
      result.signerKey().ifPresent(k -> json.put("keyid", k.keyId()));
      ArrayNode subjects = json.putArray("subjects");
      for (Subject s : result.subjects()) {
        ObjectNode o = subjects.addObject().put("name", s.name());
        ObjectNode d = o.putObject("digest");
        s.digest().forEach(d::put);
      }
      json.put("predicateType", result.predicateType().orElse(""));
    } else {
      VerificationFailure f = result.failure().orElseThrow();
      json.put("reason", f.reason().name());
      json.put("message", f.message());
    }
    return json;
  }

  private void printText(VerificationResult result) {
    if (result.verified()) {
      ctx.out().println(attestation + ": verified");
      ctx.out().println("  signer: " + result.signer().orElse(""));
      for (Subject s : result.subjects()) {
        ctx.out().println("  subject: " + s);
      }
      ctx.out().println("  predicateType: " + result.predicateType().orElse(""));
    } else {
      VerificationFailure f = result.failure().orElseThrow();
      ctx.out()
          .println(
              attestation
                  + ": not verified: "
                  + f.reason()
                  + ": "
                  + DocumentIo.oneLine(f.message()));
    }
    ctx.out().flush();
  }
}
