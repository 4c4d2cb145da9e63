package dev.waterline.cli;

import dev.waterline.vex.sign.Password;
import java.io.Console;

/** Where the CLI gets key passwords: the environment, else the terminal, else a clear error. */
final class Passwords {
  private Passwords() {}

  /** The password to decrypt a key: {@code COSIGN_PASSWORD}, {@code WATERLINE_PASSWORD}, prompt. */
  static Password forReading(Context ctx) {
    return Password.fromEnvironment(ctx.env())
        .orElseGet(() -> console().map(c -> read(c, "Enter password for private key: ")));
  }

  /** The password for a new key; on a terminal it is asked twice and must match. */
  static Password forWriting(Context ctx) {
    return Password.fromEnvironment(ctx.env())
        .orElseGet(
            () ->
                console()
                    .map(
                        c -> {
                          Password first = read(c, "Enter password for private key: ");
                          Password again = read(c, "Enter password for private key again: ");
                          if (!first.sameAs(again)) {
                            first.clear();
                            again.clear();
                            throw CliException.usage("the passwords do not match");
                          }
                          again.clear();
                          return first;
                        }));
  }

  private static Password read(Console console, String prompt) {
    char[] chars = console.readPassword("%s", prompt);
    if (chars == null) {
      throw CliException.usage("no password was entered (end of input)");
    }
    Password p = Password.of(chars);
    java.util.Arrays.fill(chars, '\0');
    return p;
  }

  private static ConsoleOrError console() {
    return new ConsoleOrError(System.console());
  }

  /** The terminal, or the error that there is none. */
  private static final class ConsoleOrError {
    private final @org.jspecify.annotations.Nullable Console console;

    ConsoleOrError(@org.jspecify.annotations.Nullable Console console) {
      this.console = console;
    }

    Password map(java.util.function.Function<Console, Password> f) {
      if (console == null) {
        throw CliException.usage(
            "no password: set COSIGN_PASSWORD or WATERLINE_PASSWORD, or run on a terminal to be"
                + " asked");
      }
      return f.apply(console);
    }
  }
}
