package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.sign.KeyAlgorithm;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.Password;
import dev.waterline.vex.sign.SigningKey;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code waterline keygen}: a cosign-compatible key pair ({@code cosign.key}, {@code cosign.pub}).
 */
@Command(
    name = "keygen",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Generate a key pair in cosign's format: PREFIX.key (ENCRYPTED SIGSTORE PRIVATE KEY,",
      "mode 0600, never overwritten) and PREFIX.pub (PUBLIC KEY). The password comes from",
      "COSIGN_PASSWORD or WATERLINE_PASSWORD, else it is asked twice on the terminal."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  COSIGN_PASSWORD=... waterline keygen",
      "  waterline keygen --output-key-prefix release --algorithm ed25519"
    })
final class KeygenCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--output-key-prefix",
      paramLabel = "PREFIX",
      defaultValue = "cosign",
      description = "Write PREFIX.key and PREFIX.pub (default: ${DEFAULT-VALUE}).")
  String prefix = "cosign";

  @Option(
      names = "--algorithm",
      paramLabel = "ALG",
      defaultValue = "ecdsa-p256",
      converter = AlgorithmConverter.class,
      description =
          "Key algorithm: ecdsa-p256, ecdsa-p384, ed25519, rsa-3072, rsa-4096"
              + " (default: ${DEFAULT-VALUE}).")
  KeyAlgorithm algorithm = KeyAlgorithm.ECDSA_P256;

  @Mixin FormatOption output = new FormatOption();

  KeygenCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path keyFile = Path.of(prefix + ".key");
    Path pubFile = Path.of(prefix + ".pub");
    if (keyFile.toFile().exists()) {
      throw CliException.usage(
          "not overwriting " + keyFile + ": the file exists (remove it first)");
    }
    Password password = Passwords.forWriting(ctx);
    SigningKey key = Keys.generate(algorithm);
    try {
      Keys.writeCosign(key, keyFile, password);
    } finally {
      password.clear();
    }
    Keys.writePublicPem(key.publicKey(), pubFile);
    if (output.json()) {
      ObjectNode json = Json.object();
      json.put("privateKey", keyFile.toString());
      json.put("publicKey", pubFile.toString());
      json.put("algorithm", algorithm.name());
      json.put("keyid", key.keyId());
      Json.print(ctx, json);
    } else {
      ctx.out().println("Private key written to " + keyFile + " (mode 0600)");
      ctx.out().println("Public key written to " + pubFile);
      ctx.out().println(algorithm + " keyid=" + key.keyId());
      ctx.out().flush();
    }
    return 0;
  }

  /** {@code ecdsa-p256} → {@link KeyAlgorithm#ECDSA_P256}, and so on. */
  static final class AlgorithmConverter implements ITypeConverter<KeyAlgorithm> {
    @Override
    public KeyAlgorithm convert(String value) {
      String v = value.toUpperCase(Locale.ROOT).replace('-', '_');
      for (KeyAlgorithm a : KeyAlgorithm.values()) {
        if (a.name().equals(v)) {
          return a;
        }
      }
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a key algorithm; expected ecdsa-p256, ecdsa-p384, ed25519, rsa-3072 or"
              + " rsa-4096");
    }
  }
}
