package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.sign.Subject;
import dev.waterline.vex.sign.VerificationFailure;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.nio.file.Path;
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
      "Verify a DSSE envelope or Sigstore bundle.",
      "Checks the signature by a trusted key, the in-toto payload and (with --subject) the",
      "image digest. Exit 0 verified, 1 not verified (the reason is printed), 2 usage or input",
      "error."
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

  @Mixin VerificationOptions verification = new VerificationOptions();

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
    if (!verification.given()) {
      throw CliException.usage(
          "verify needs --key PUB, or --certificate-identity ID with --certificate-oidc-issuer"
              + " ISS");
    }
    VerificationPolicy policy = verification.policy().orElseThrow();
    if (subject != null) {
      policy = policy.subject(Images.subject(subject, "--subject"));
    }
    byte[] bytes = DocumentIo.readBytes(ctx, attestation, InputKind.ATTESTATION);
    VerificationResult result = Verifier.verify(bytes, policy);
    if (output.json()) {
      Json.print(ctx, toJson(result));
    } else {
      printText(result);
    }
    return result.verified() ? 0 : CliException.NEGATIVE;
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
