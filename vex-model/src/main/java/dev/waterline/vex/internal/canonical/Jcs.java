package dev.waterline.vex.internal.canonical;

import dev.waterline.vex.VexException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * RFC 8785 (JSON Canonicalization Scheme) for a generic JSON value built from Java objects.
 *
 * <p>A value is one of: {@code null} (JSON null), {@link Boolean}, {@link String}, {@link Number}
 * (read as an IEEE 754 double, as RFC 8785 requires), {@link List} of values, {@link Map} of {@link
 * String} to values. Objects are written with their keys sorted by UTF-16 code units, without
 * whitespace; strings with only the escapes JCS requires; numbers as ECMAScript's {@code
 * Number.prototype.toString}; the result is UTF-8.
 */
final class Jcs {
  private Jcs() {}

  /**
   * The canonical UTF-8 bytes of {@code value}.
   *
   * @throws VexException when the value holds NaN or an infinity, a lone surrogate, or a type that
   *     is not JSON
   */
  static byte[] canonicalize(@Nullable Object value) {
    return serialize(value).getBytes(StandardCharsets.UTF_8);
  }

  /** The canonical text of {@code value}; see {@link #canonicalize(Object)}. */
  static String serialize(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, "");
    return out.toString();
  }

  private static void write(@Nullable Object value, StringBuilder out, String pointer) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean) {
      out.append(((Boolean) value) ? "true" : "false");
    } else if (value instanceof String) {
      writeString((String) value, out, pointer);
    } else if (value instanceof Number) {
      out.append(formatNumber(toDouble((Number) value, pointer), pointer));
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out, pointer + "/" + i);
      }
      out.append(']');
    } else if (value instanceof Map) {
      writeObject((Map<?, ?>) value, out, pointer);
    } else {
      throw new VexException(
          "cannot write a "
              + value.getClass().getName()
              + " as canonical JSON at '"
              + pointer
              + "': expected null, Boolean, String, Number, List or Map");
    }
  }

  private static void writeObject(Map<?, ?> map, StringBuilder out, String pointer) {
    List<String> keys = new ArrayList<>(map.size());
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        throw new VexException(
            "cannot write canonical JSON at '"
                + pointer
                + "': object key "
                + key
                + " is no String");
      }
      keys.add((String) key);
    }
    // String.compareTo compares UTF-16 code units, which is the order RFC 8785 section 3.2.3 asks
    // for.
    keys.sort(String::compareTo);
    out.append('{');
    boolean first = true;
    for (String key : keys) {
      if (!first) {
        out.append(',');
      }
      first = false;
      String child = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
      writeString(key, out, child);
      out.append(':');
      write(map.get(key), out, child);
    }
    out.append('}');
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** A JSON string as ECMAScript's JSON.stringify writes it (RFC 8785 section 3.2.2.2). */
  static void writeString(String s, StringBuilder out, String pointer) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            throw new VexException(
                "cannot write canonical JSON at '"
                    + pointer
                    + "': the string has a lone surrogate U+"
                    + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                    + " at index "
                    + i
                    + ", which UTF-8 cannot encode");
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static double toDouble(Number n, String pointer) {
    double d;
    if (n instanceof Double || n instanceof Float) {
      d = n.doubleValue();
    } else {
      // Integers and decimals are read as the nearest double, as a JSON parser following I-JSON
      // would; Double.parseDouble rounds correctly.
      d = Double.parseDouble(n.toString());
    }
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new VexException(
          "cannot write canonical JSON at '"
              + pointer
              + "': the number "
              + n
              + " is not a finite IEEE 754 double (RFC 8785 allows no NaN or Infinity)");
    }
    return d;
  }

  /**
   * A double as ECMAScript's {@code Number.prototype.toString} writes it (ECMA-262 section
   * Number::toString, RFC 8785 section 3.2.2.3): the shortest digit string that reads back as the
   * same double (the closest one if several, the even one on a tie), in plain notation for
   * exponents from -7 to 20 and exponent notation ({@code 1e+21}, {@code 5e-324}) outside.
   *
   * @throws VexException for NaN and the infinities
   */
  static String formatNumber(double d) {
    return formatNumber(d, "");
  }

  private static String formatNumber(double d, String pointer) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new VexException(
          "cannot write canonical JSON at '"
              + pointer
              + "': "
              + d
              + " is not a finite number (RFC 8785 allows no NaN or Infinity)");
    }
    if (d == 0) {
      return "0"; // also -0
    }
    if (d < 0) {
      return "-" + formatNumber(-d, pointer);
    }
    BigDecimal shortest = shortestDecimal(d);
    String digits = shortest.unscaledValue().toString();
    int k = digits.length();
    int n = k - shortest.scale(); // value = digits × 10^(n−k)
    StringBuilder sb = new StringBuilder(k + 8);
    if (k <= n && n <= 21) {
      sb.append(digits);
      for (int i = 0; i < n - k; i++) {
        sb.append('0');
      }
    } else if (0 < n && n <= 21) {
      sb.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      sb.append("0.");
      for (int i = 0; i < -n; i++) {
        sb.append('0');
      }
      sb.append(digits);
    } else {
      int e = n - 1;
      sb.append(digits.charAt(0));
      if (k > 1) {
        sb.append('.').append(digits, 1, k);
      }
      sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
    }
    return sb.toString();
  }

  /**
   * The decimal with the fewest significant digits that reads back as {@code d} (positive, finite);
   * among two such decimals with the same number of digits, the one closer to {@code d}, and on a
   * tie the one with an even last digit. Trailing zeros stripped.
   */
  private static BigDecimal shortestDecimal(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p <= 17; p++) {
      BigDecimal down = exact.round(new MathContext(p, RoundingMode.DOWN));
      BigDecimal up = exact.round(new MathContext(p, RoundingMode.UP));
      boolean downOk = readsBackAs(down, d);
      boolean upOk = readsBackAs(up, d);
      if (downOk && upOk && down.compareTo(up) != 0) {
        int cmp = exact.subtract(down).compareTo(up.subtract(exact));
        if (cmp < 0) {
          return down.stripTrailingZeros();
        }
        if (cmp > 0) {
          return up.stripTrailingZeros();
        }
        return (down.unscaledValue().testBit(0) ? up : down).stripTrailingZeros();
      }
      if (downOk) {
        return down.stripTrailingZeros();
      }
      if (upOk) {
        return up.stripTrailingZeros();
      }
    }
    // 17 significant digits always identify a double; not reached.
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  private static boolean readsBackAs(BigDecimal candidate, double d) {
    return Double.parseDouble(candidate.toString()) == d;
  }
}
