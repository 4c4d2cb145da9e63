package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import com.google.errorprone.annotations.InlineMe;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.sign.internal.CosignKeys;
import dev.waterline.vex.sign.internal.KeySupport;
import dev.waterline.vex.sign.internal.Pem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * Generating, reading and writing keys: PKCS#8 ({@code PRIVATE KEY}) and SubjectPublicKeyInfo
 * ({@code PUBLIC KEY}) PEM, and cosign's encrypted private keys ({@code ENCRYPTED SIGSTORE PRIVATE
 * KEY}, and the older {@code ENCRYPTED COSIGN PRIVATE KEY} on read). Private key files are created
 * with POSIX mode 0600 and never overwritten.
 */
@API(status = STABLE, since = "0.1.0")
public final class Keys {
  private Keys() {}

  /** A new ECDSA P-256 key. */
  public static SigningKey generate() {
    return generate(KeyAlgorithm.defaultAlgorithm());
  }

  /** A new key of the given algorithm. */
  public static SigningKey generate(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator gen;
      switch (algorithm) {
        case ECDSA_P256:
          gen = KeyPairGenerator.getInstance("EC");
          gen.initialize(new ECGenParameterSpec("secp256r1"));
          break;
        case ECDSA_P384:
          gen = KeyPairGenerator.getInstance("EC");
          gen.initialize(new ECGenParameterSpec("secp384r1"));
          break;
        case ED25519:
          gen = KeyPairGenerator.getInstance("Ed25519");
          break;
        default:
          gen = KeyPairGenerator.getInstance("RSA");
          gen.initialize(algorithm.bits());
          break;
      }
      KeyPair pair = gen.generateKeyPair();
      return new SigningKey(pair.getPrivate(), PublicKey.of(pair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new VexException("cannot generate a " + algorithm + " key: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- PKCS#8 / SPKI PEM

  /**
   * Reads an unencrypted PKCS#8 {@code PRIVATE KEY} PEM file.
   *
   * @throws VexException when it holds no such key (the message never shows key material)
   * @throws dev.waterline.vex.UnreadableInputException when the file cannot be read
   */
  public static SigningKey readPrivatePem(Path path) {
    return parsePrivatePem(readText(path), path.toString());
  }

  /** Reads an unencrypted PKCS#8 {@code PRIVATE KEY} PEM text. */
  public static SigningKey parsePrivatePem(String pem) {
    return parsePrivatePem(pem, "the PEM text");
  }

  private static SigningKey parsePrivatePem(String text, String what) {
    Pem pem = Pem.parse(text, what);
    if (pem.label().equals("EC PRIVATE KEY")) {
      throw new VexException(
          what
              + " holds a SEC1 'EC PRIVATE KEY'; expected PKCS#8 'PRIVATE KEY' (convert it with"
              + " 'openssl pkcs8 -topk8 -nocrypt')");
    }
    if (CosignKeys.isCosignLabel(pem.label())) {
      throw new VexException(
          what + " is a cosign encrypted key ('" + pem.label() + "'); it needs a password");
    }
    if (!pem.label().equals("PRIVATE KEY")) {
      throw new VexException(
          "expected a 'PRIVATE KEY' PEM block in " + what + " but found '" + pem.label() + "'");
    }
    try {
      return SigningKey.of(KeySupport.decodePrivate(pem.bytes(), what));
    } finally {
      Arrays.fill(pem.bytes(), (byte) 0);
    }
  }

  /**
   * Reads a {@code PUBLIC KEY} PEM file.
   *
   * @deprecated use {@link PublicKey#read(Path)}, the reading convention of every value type
   *     ({@code read(Path)}, {@code parse…(String)} on the type itself); this delegates to it
   */
  @Deprecated(since = "0.2.0", forRemoval = true)
  @InlineMe(replacement = "PublicKey.read(path)", imports = "dev.waterline.vex.sign.PublicKey")
  public static PublicKey readPublicPem(Path path) {
    return PublicKey.read(path);
  }

  /** The private key as an unencrypted PKCS#8 {@code PRIVATE KEY} PEM text. Handle with care. */
  public static String toPrivatePem(SigningKey key) {
    byte[] der = key.pkcs8();
    try {
      return Pem.write("PRIVATE KEY", der);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * Writes the private key as unencrypted PKCS#8 PEM to a new file created with mode 0600.
   *
   * @throws VexException when the file exists or cannot be written
   */
  public static void writePrivatePem(SigningKey key, Path path) {
    writeSecret(path, toPrivatePem(key));
  }

  /** Writes the public key as {@code PUBLIC KEY} PEM (replacing an existing file). */
  public static void writePublicPem(PublicKey key, Path path) {
    try {
      Files.writeString(path, key.toPem(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Failures.writing("public key " + path, e);
    }
  }

  // ---------------------------------------------------------------- cosign

  /**
   * Reads a cosign encrypted private key file.
   *
   * @throws VexException on a wrong password ("wrong password, or the file was altered"), on
   *     unsupported parameters, or when the key inside is not PKCS#8 (e.g. SEC1)
   * @throws dev.waterline.vex.UnreadableInputException when the file cannot be read
   */
  public static SigningKey readCosign(Path path, Password password) {
    return parseCosign(readText(path), password, path.toString());
  }

  /** Reads a cosign encrypted private key from its PEM text. */
  public static SigningKey parseCosign(String pem, Password password) {
    return parseCosign(pem, password, "the PEM text");
  }

  private static SigningKey parseCosign(String text, Password password, String what) {
    byte[] pw = password.utf8();
    byte[] pkcs8 = null;
    try {
      pkcs8 = CosignKeys.decrypt(Pem.parse(text, what), pw, what);
      return SigningKey.of(KeySupport.decodePrivate(pkcs8, what));
    } finally {
      Arrays.fill(pw, (byte) 0);
      if (pkcs8 != null) {
        Arrays.fill(pkcs8, (byte) 0);
      }
    }
  }

  /** The key in cosign's encrypted format ({@code ENCRYPTED SIGSTORE PRIVATE KEY}, N 65536). */
  public static String toCosignPem(SigningKey key, Password password) {
    return toCosignPem(key, password, CosignKeys.DEFAULT_N);
  }

  /** As {@link #toCosignPem(SigningKey, Password)} with scrypt cost 32768, 65536 or 131072. */
  public static String toCosignPem(SigningKey key, Password password, int scryptN) {
    byte[] pw = password.utf8();
    byte[] der = key.pkcs8();
    try {
      return CosignKeys.encrypt(der, pw, scryptN);
    } finally {
      Arrays.fill(pw, (byte) 0);
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * Writes the key in cosign's encrypted format to a new file created with mode 0600.
   *
   * @throws VexException when the file exists or cannot be written
   */
  public static void writeCosign(SigningKey key, Path path, Password password) {
    writeSecret(path, toCosignPem(key, password));
  }

  /**
   * Reads a private key file of any supported kind: a cosign encrypted key (then {@code password}
   * is asked for) or an unencrypted PKCS#8 PEM.
   */
  public static SigningKey readPrivate(Path path, Supplier<Password> password) {
    String text = readText(path);
    Pem pem = Pem.parse(text, path.toString());
    if (CosignKeys.isCosignLabel(pem.label())) {
      Password pw = password.get();
      return parseCosign(text, pw, path.toString());
    }
    return parsePrivatePem(text, path.toString());
  }

  // ---------------------------------------------------------------- files

  private static String readText(Path path) {
    return Inputs.readString(path, InputKind.KEY);
  }

  private static void writeSecret(Path path, String text) {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
    FileAttribute<?>[] attrs =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try (SeekableByteChannel ch = Files.newByteChannel(path, options, attrs)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    } catch (FileAlreadyExistsException e) {
      throw new VexException("not overwriting " + path + ": the file exists (remove it first)", e);
    } catch (IOException e) {
      throw Failures.writing("private key " + path, e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
