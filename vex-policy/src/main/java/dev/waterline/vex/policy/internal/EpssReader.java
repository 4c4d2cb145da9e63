package dev.waterline.vex.policy.internal;

import dev.waterline.vex.policy.InputParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/** Reads FIRST's EPSS CSV feed, plain or gzip-compressed. */
public final class EpssReader {
  private static final String WHAT = "EPSS CSV file";

  /** The decompressed feed is refused beyond this size (the real one is about 10 MB). */
  static final long MAX_BYTES = 512L * 1024 * 1024;

  private EpssReader() {}

  /** The comment line's values and the scores (CVE in upper case → {epss, percentile}). */
  public record Result(
      @Nullable String modelVersion, @Nullable String scoreDate, Map<String, double[]> scores) {}

  /** Reads the feed. */
  public static Result read(byte[] bytes) {
    String text = new String(gunzipIfNeeded(bytes), StandardCharsets.UTF_8);
    String modelVersion = null;
    String scoreDate = null;
    Map<String, double[]> scores = new HashMap<>();
    int pos = 0;
    int lineNo = 0;
    boolean header = false;
    int n = text.length();
    if (n > 0 && text.charAt(0) == '\ufeff') {
      pos = 1;
    }
    while (pos < n) {
      int end = text.indexOf('\n', pos);
      if (end < 0) {
        end = n;
      }
      int lineEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
      String line = text.substring(pos, lineEnd);
      pos = end + 1;
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        for (String part : line.substring(1).split(",", -1)) {
          int colon = part.indexOf(':');
          if (colon > 0) {
            String key = part.substring(0, colon).trim();
            String value = part.substring(colon + 1).trim();
            if (key.equals("model_version")) {
              modelVersion = value;
            } else if (key.equals("score_date")) {
              scoreDate = value;
            }
          }
        }
        continue;
      }
      if (!header) {
        if (!line.strip().equalsIgnoreCase("cve,epss,percentile")) {
          throw error(
              lineNo,
              "expected the header 'cve,epss,percentile' but found '" + Json.clip(line) + "'");
        }
        header = true;
        continue;
      }
      int c1 = line.indexOf(',');
      int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
      if (c1 < 0 || c2 < 0 || line.indexOf(',', c2 + 1) >= 0) {
        throw error(
            lineNo,
            "expected three columns cve,epss,percentile but found '" + Json.clip(line) + "'");
      }
      String cve = line.substring(0, c1).strip();
      if (!cve.regionMatches(true, 0, "CVE-", 0, 4)) {
        throw error(lineNo, "expected a CVE id but found '" + Json.clip(cve) + "'");
      }
      double epss = probability(line.substring(c1 + 1, c2), lineNo, "epss");
      double percentile = probability(line.substring(c2 + 1), lineNo, "percentile");
      scores.put(cve.toUpperCase(Locale.ROOT), new double[] {epss, percentile});
    }
    if (!header) {
      throw error(0, "no 'cve,epss,percentile' header found");
    }
    return new Result(modelVersion, scoreDate, scores);
  }

  private static double probability(String s, int lineNo, String column) {
    String t = s.strip();
    double d;
    try {
      if (t.length() > Json.MAX_NUMBER_LENGTH) {
        throw new NumberFormatException();
      }
      d = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw error(lineNo, "expected a number for " + column + " but found '" + Json.clip(t) + "'");
    }
    if (!(d >= 0.0 && d <= 1.0)) {
      throw error(lineNo, "expected " + column + " between 0 and 1 but found " + Json.clip(t));
    }
    return d;
  }

  private static InputParseException error(int line, String detail) {
    return new InputParseException(InputParseException.Kind.DATA, WHAT, null, "", line, 0, detail);
  }

  private static byte[] gunzipIfNeeded(byte[] bytes) {
    if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
      return bytes;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
      byte[] buf = new byte[65536];
      long total = 0;
      int r;
      while ((r = in.read(buf)) > 0) {
        total += r;
        if (total > MAX_BYTES) {
          throw new InputParseException(
              InputParseException.Kind.SYNTAX,
              WHAT,
              null,
              "",
              0,
              0,
              "decompresses to more than " + MAX_BYTES + " bytes");
        }
        out.write(buf, 0, r);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new InputParseException(
          InputParseException.Kind.SYNTAX,
          WHAT,
          null,
          "",
          0,
          0,
          "gzip data is corrupt: " + e.getMessage());
    }
  }
}
