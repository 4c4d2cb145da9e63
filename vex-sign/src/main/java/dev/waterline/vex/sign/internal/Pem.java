package dev.waterline.vex.sign.internal;

import dev.waterline.vex.VexException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** PEM blocks (RFC 7468): one labelled base64 block, 64-character lines, {@code \n} endings. */
public final class Pem {
  private final String label;
  private final byte[] der;

  private Pem(String label, byte[] der) {
    this.label = label;
    this.der = der;
  }

  /** The label, e.g. {@code PUBLIC KEY}. */
  public String label() {
    return label;
  }

  /** The decoded bytes (not copied: callers own the Pem). */
  public byte[] bytes() {
    return der;
  }

  /**
   * Reads the first PEM block of a text.
   *
   * @param what what the text is, for messages (e.g. a file name)
   * @throws VexException when there is no well-formed block; the message never shows the body
   */
  public static Pem parse(String text, String what) {
    int begin = text.indexOf("-----BEGIN ");
    if (begin < 0) {
      throw new VexException(
          "expected a PEM block (-----BEGIN …-----) in " + what + " but found none");
    }
    int labelEnd = text.indexOf("-----", begin + 11);
    if (labelEnd < 0) {
      throw new VexException("malformed PEM header in " + what);
    }
    String label = text.substring(begin + 11, labelEnd);
    String end = "-----END " + label + "-----";
    int endAt = text.indexOf(end, labelEnd + 5);
    if (endAt < 0) {
      throw new VexException("PEM block '" + label + "' in " + what + " has no '" + end + "' line");
    }
    String body = text.substring(labelEnd + 5, endAt);
    StringBuilder b64 = new StringBuilder(body.length());
    for (String line : body.split("\r?\n", -1)) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (l.contains(":")) {
        throw new VexException(
            "PEM block '"
                + label
                + "' in "
                + what
                + " has RFC 1421 headers (legacy OpenSSL encryption), which are not supported;"
                + " convert it to PKCS#8");
      }
      b64.append(l);
    }
    try {
      return new Pem(label, Base64.getDecoder().decode(b64.toString()));
    } catch (IllegalArgumentException e) {
      throw new VexException("PEM block '" + label + "' in " + what + " is not valid base64");
    }
  }

  /** Writes a PEM block. */
  public static String write(String label, byte[] der) {
    String b64 = Base64.getEncoder().encodeToString(der);
    StringBuilder out = new StringBuilder();
    out.append("-----BEGIN ").append(label).append("-----\n");
    for (int i = 0; i < b64.length(); i += 64) {
      out.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
    }
    out.append("-----END ").append(label).append("-----\n");
    return out.toString();
  }

  /** UTF-8 bytes of a PEM text. */
  public static byte[] utf8(String pem) {
    return pem.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Pem[" + label.toLowerCase(Locale.ROOT) + ", " + der.length + " bytes]";
  }
}
