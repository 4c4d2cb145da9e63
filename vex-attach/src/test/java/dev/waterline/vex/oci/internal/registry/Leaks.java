package dev.waterline.vex.oci.internal.registry;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;

/**
 * A registry user and password for leak tests (test code), the forms a server could echo them in,
 * and a check that none of those forms is in some text. The password has characters that URL- and
 * JSON-encoding change.
 */
public final class Leaks {
  public static final String USER = "alice";

  /** A fresh password with {@code /}, {@code +}, {@code =}, {@code "} and a space in it. */
  public static String password() {
    return "s3cr3t/Pa+ss=\"w d\"-" + Long.toHexString(System.nanoTime());
  }

  /** The {@code Authorization} value Basic auth sends. */
  public static String basic(String password) {
    return "Basic " + b64(USER + ":" + password);
  }

  public static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  public static String b64url(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  public static String url(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code s} as a JSON string's content. */
  public static String json(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** Every form of {@code secret} (and of {@code user:secret}) a test looks for. */
  public static List<String> forms(String secret) {
    List<String> out = new ArrayList<>();
    out.add(secret);
    out.add(url(secret));
    out.add(url(url(secret)));
    out.add(hex(secret));
    out.add(json(secret));
    out.add(b64(secret));
    out.add(b64url(secret));
    out.add(b64(USER + ":" + secret));
    out.add(b64url(USER + ":" + secret));
    out.add(url(b64(USER + ":" + secret)));
    // the secret's bytes inside a longer base64 text, at each alignment: its middle part
    for (int k = 0; k < 3; k++) {
      String e = b64url("xx".substring(0, k) + secret).replace('-', '+').replace('_', '/');
      String core = e.substring((8 * k + 5) / 6, 8 * (k + secret.length()) / 6);
      out.add(core);
    }
    return out;
  }

  /** Fails naming the form when any form of any of {@code secrets} is in {@code text}. */
  public static void assertAbsent(String text, String... secrets) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String secret : secrets) {
      for (String form : forms(secret)) {
        boolean found =
            (form.equals(hex(secret)) || form.contains("%"))
                ? lower.contains(form.toLowerCase(Locale.ROOT))
                : text.contains(form);
        if (found) {
          throw new AssertionError("a secret (as \"" + form + "\") is in:\n" + text);
        }
      }
    }
  }

  /**
   * Everything an exception shows: message, {@code toString} and localized message of it and each
   * cause and suppressed exception, and its whole stack trace as printed.
   */
  public static String everything(Throwable t) {
    StringBuilder b = new StringBuilder();
    collect(t, b, new IdentityHashMap<>());
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return b.append(w).toString();
  }

  private static void collect(
      Throwable t, StringBuilder b, IdentityHashMap<Throwable, Boolean> seen) {
    if (seen.put(t, true) != null) {
      return;
    }
    b.append(t.getMessage()).append('\n');
    b.append(t.getLocalizedMessage()).append('\n');
    b.append(t).append('\n');
    if (t.getCause() != null) {
      collect(t.getCause(), b, seen);
    }
    for (Throwable s : t.getSuppressed()) {
      collect(s, b, seen);
    }
  }

  private Leaks() {}
}
