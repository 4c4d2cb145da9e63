package dev.waterline.vex.sign;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import java.io.Console;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A password for an encrypted key. It prints as {@code ***}; {@link #clear()} overwrites it. The
 * bytes used for key derivation are its UTF-8 encoding.
 */
@API(status = STABLE, since = "0.1.0")
public final class Password {
  /** The environment variable cosign reads; looked at first. */
  public static final String COSIGN_PASSWORD = "COSIGN_PASSWORD";

  /** Waterline's own environment variable; looked at when {@code COSIGN_PASSWORD} is unset. */
  public static final String WATERLINE_PASSWORD = "WATERLINE_PASSWORD";

  private final char[] chars;

  private Password(char[] chars) {
    this.chars = chars;
  }

  /** A password from characters (copied; clear your array yourself). */
  public static Password of(char[] chars) {
    return new Password(chars.clone());
  }

  /** The empty password (cosign allows it). */
  public static Password empty() {
    return new Password(new char[0]);
  }

  /**
   * The password from {@code COSIGN_PASSWORD}, else {@code WATERLINE_PASSWORD}, or empty when
   * neither is set. An empty variable counts as set (the empty password).
   */
  public static Optional<Password> fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** As {@link #fromEnvironment()} with the given environment (for tests and embedding). */
  public static Optional<Password> fromEnvironment(Map<String, String> env) {
    String value = env.get(COSIGN_PASSWORD);
    if (value == null) {
      value = env.get(WATERLINE_PASSWORD);
    }
    return value == null ? Optional.empty() : Optional.of(new Password(value.toCharArray()));
  }

  /**
   * The password in a file: its UTF-8 text without one trailing line ending.
   *
   * @throws dev.waterline.vex.UnreadableInputException when the file cannot be read (missing, not a
   *     regular file, larger than the password-file limit)
   */
  public static Password fromFile(Path path) {
    byte[] bytes = Inputs.read(path, InputKind.PASSWORD);
    CharBuffer decoded = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
    Arrays.fill(bytes, (byte) 0);
    int len = decoded.remaining();
    char[] all = new char[len];
    decoded.get(all);
    if (decoded.hasArray()) {
      Arrays.fill(decoded.array(), '\0');
    }
    if (len > 0 && all[len - 1] == '\n') {
      len--;
      if (len > 0 && all[len - 1] == '\r') {
        len--;
      }
    }
    char[] chars = Arrays.copyOf(all, len);
    Arrays.fill(all, '\0');
    return new Password(chars);
  }

  /**
   * Asks for the password on the terminal without echo.
   *
   * @throws VexException when there is no terminal
   */
  @SuppressWarnings("SystemConsoleNull") // on Java 17 a null console is how "no terminal" shows
  public static Password prompt(String prompt) {
    Console console = System.console();
    if (console == null) {
      throw new VexException(
          "no terminal to ask for a password; set "
              + COSIGN_PASSWORD
              + " or "
              + WATERLINE_PASSWORD);
    }
    char[] chars = console.readPassword("%s", prompt);
    if (chars == null) {
      throw new VexException("no password was entered (end of input)");
    }
    return new Password(chars);
  }

  /** Whether the password is empty. */
  public boolean isEmpty() {
    return chars.length == 0;
  }

  /** Overwrites the characters with NUL; use the password no more afterwards. */
  public void clear() {
    Arrays.fill(chars, '\0');
  }

  /** Whether this password has the same characters as another (constant time in the length). */
  public boolean sameAs(Password other) {
    if (chars.length != other.chars.length) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < chars.length; i++) {
      diff |= chars[i] ^ other.chars[i];
    }
    return diff == 0;
  }

  /** A copy of the characters, for APIs that take a {@code char[]}; the caller clears it. */
  char[] copyChars() {
    return chars.clone();
  }

  /** UTF-8 bytes for key derivation; the caller clears them. */
  @SuppressWarnings("ByteBufferBackingArray") // wipes the whole encoder buffer, on purpose
  byte[] utf8() {
    ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    if (buf.hasArray()) {
      Arrays.fill(buf.array(), (byte) 0);
    }
    return out;
  }

  /** Always {@code ***}. */
  @Override
  public String toString() {
    return "***";
  }
}
