package dev.waterline.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.Outputs;
import dev.waterline.vex.sign.KeyAlgorithm;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.Password;
import dev.waterline.vex.sign.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
      "Generate a key pair in cosign's format.",
      "PREFIX.key (ENCRYPTED SIGSTORE PRIVATE KEY, mode 0600) and PREFIX.pub (PUBLIC KEY).",
      "Neither file is overwritten without --force: when either exists, nothing is written.",
      "The password comes from COSIGN_PASSWORD or WATERLINE_PASSWORD, else it is asked twice",
      "on the terminal."
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

  @Option(
      names = "--force",
      description =
          "Replace PREFIX.key and PREFIX.pub if they exist (the old private key is lost).")
  boolean force;

  @Mixin FormatOption output = new FormatOption();

  KeygenCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path keyFile = Path.of(prefix + ".key");
    Path pubFile = Path.of(prefix + ".pub");
    // Both are checked before either is written, so that a refusal leaves both as they were. A
    // symbolic link counts as existing, even when it points nowhere: writing would follow it.
    List<Path> existing = new ArrayList<>();
    for (Path p : List.of(keyFile, pubFile)) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        existing.add(p);
      }
    }
    if (!existing.isEmpty() && !force) {
      throw CliException.usage(
          "not overwriting "
              + existing.stream().map(Path::toString).collect(Collectors.joining(" and "))
              + (existing.size() == 1 ? ": the file exists" : ": the files exist")
              + " (remove "
              + (existing.size() == 1 ? "it" : "them")
              + ", or pass --force to replace "
              + (existing.size() == 1 ? "it" : "them")
              + "); nothing was written");
    }
    for (Path p : existing) {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        throw CliException.usage("not overwriting " + p + ": it is a directory");
      }
      try {
        Outputs.requireReplaceable(p);
      } catch (IOException e) {
        throw CliException.usage("not overwriting " + p + ": " + DocumentIo.describe(e));
      }
    }
    Password password = Passwords.forWriting(ctx);
    SigningKey key = Keys.generate(algorithm);
    String publicPem = key.publicKey().toPem();
    if (force) {
      replace(key, password, keyFile, pubFile, publicPem);
    } else {
      create(key, password, keyFile, pubFile, publicPem);
    }
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

  /**
   * Writes both files as new files: the private key created 0600 and exclusively (by vex-sign), the
   * public key exclusively too. When the public key cannot be created (it appeared since the
   * check), the private key just written is removed again.
   */
  private static void create(
      SigningKey key, Password password, Path keyFile, Path pubFile, String publicPem) {
    try {
      Keys.writeCosign(key, keyFile, password);
    } catch (VexException e) {
      throw CliException.usage(DocumentIo.oneLine(e.getMessage()));
    } finally {
      password.clear();
    }
    try {
      Files.write(
          pubFile,
          publicPem.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(keyFile);
      } catch (IOException ignored) {
        // The error below names the public key; the private key could not be removed either.
      }
      throw CliException.usage(
          (e instanceof FileAlreadyExistsException
                  ? "not overwriting " + pubFile + ": the file exists (remove it, or pass --force)"
                  : "cannot write " + pubFile + ": " + DocumentIo.describeWrite(pubFile, e))
              + "; nothing was written");
    }
  }

  /**
   * Writes both files through new files beside them, moved into place: an existing file (or a
   * symbolic link) is replaced, never written through. The private key is created 0600.
   */
  private static void replace(
      SigningKey key, Password password, Path keyFile, Path pubFile, String publicPem) {
    Path keyTmp = sibling(keyFile);
    Path pubTmp = sibling(pubFile);
    try {
      try {
        Keys.writeCosign(key, keyTmp, password);
      } catch (VexException e) {
        // Its message names the temporary file: say what the user asked for, and why.
        if (e.getCause() instanceof IOException) {
          throw (IOException) e.getCause();
        }
        throw CliException.usage(
            "cannot write " + keyFile + ": " + DocumentIo.oneLine(e.getMessage()));
      } finally {
        password.clear();
      }
      Files.write(
          pubTmp,
          publicPem.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      Files.move(keyTmp, keyFile, StandardCopyOption.REPLACE_EXISTING);
      Files.move(pubTmp, pubFile, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | UncheckedIOException e) {
      throw CliException.usage(
          "cannot write the key pair: " + DocumentIo.describeWrite(keyFile, e));
    } finally {
      try {
        Files.deleteIfExists(keyTmp);
        Files.deleteIfExists(pubTmp);
      } catch (IOException ignored) {
        // Moved into place, or the write already failed; nothing more to report.
      }
    }
  }

  /** A fresh name beside {@code file}, for writing it and then moving it into place. */
  private static Path sibling(Path file) {
    Path absolute = file.toAbsolutePath();
    return absolute.resolveSibling(
        "." + absolute.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
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
