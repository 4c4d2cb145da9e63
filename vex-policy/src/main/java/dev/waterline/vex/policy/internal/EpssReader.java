package dev.waterline.vex.policy.internal;

import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.policy.InputParseException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads FIRST's EPSS CSV feed, plain or gzip-compressed, as a stream: line by line, never the whole
 * text at once. Gzip input is bounded twice: the compressed bytes by the file's own limit, the
 * decompressed ones by the same limit ({@link InputKind#EPSS_SCORES}), so a gzip bomb stops there.
 */
public final class EpssReader {
  private static final String WHAT = "EPSS CSV file";

  /** The longest line accepted, in characters (real lines are under 100). */
  static final int MAX_LINE_LENGTH = 10_000;

  private EpssReader() {}

  /** The comment line's values and the scores (CVE in upper case → {epss, percentile}). */
  public record Result(
      @Nullable String modelVersion, @Nullable String scoreDate, Map<String, double[]> scores) {}

  /** Reads the feed from its bytes. */
  public static Result read(byte[] bytes) {
    return read(new ByteArrayInputStream(bytes), "the EPSS data");
  }

  /**
   * Reads the feed from a stream (not closed).
   *
   * @param source what the stream reads (a file), for messages
   * @throws InputParseException when it is not an EPSS CSV, or not valid gzip
   * @throws UnreadableInputException when the decompressed data is larger than the EPSS limit, or
   *     reading fails
   */
  public static Result read(InputStream in, String source) {
    BufferedInputStream buffered = new BufferedInputStream(in, 64 * 1024);
    boolean gzip = isGzip(buffered, source);
    try {
      InputStream text =
          gzip
              ? Inputs.bounded(
                  new GZIPInputStream(buffered, 64 * 1024),
                  InputKind.EPSS_SCORES,
                  source + " (decompressed)")
              : buffered;
      return parse(new InputStreamReader(text, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // From bytes in memory or a regular file, only gzip data fails to read (EOFException,
      // ZipException); a failing disk is reported as such for plain text.
      if (gzip) {
        throw corrupt(e);
      }
      throw new UnreadableInputException(
          UnreadableInputException.Reason.IO_ERROR,
          source,
          -1,
          "cannot read " + source + ": " + e.getMessage(),
          e);
    }
  }

  private static boolean isGzip(BufferedInputStream in, String source) {
    try {
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      return b0 == 0x1f && b1 == 0x8b;
    } catch (IOException e) {
      throw new UnreadableInputException(
          UnreadableInputException.Reason.IO_ERROR,
          source,
          -1,
          "cannot read " + source + ": " + e.getMessage(),
          e);
    }
  }

  private static Result parse(Reader reader) throws IOException {
    Lines lines = new Lines(reader);
    String modelVersion = null;
    String scoreDate = null;
    Map<String, double[]> scores = new HashMap<>();
    boolean header = false;
    String line;
    while ((line = lines.next()) != null) {
      int lineNo = lines.number();
      if (lineNo == 1 && line.startsWith("\ufeff")) {
        line = line.substring(1);
      }
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

  /**
   * The lines of a text: split at {@code \n}, a {@code \r} before it dropped; a line longer than
   * {@link #MAX_LINE_LENGTH} is an error rather than a string as long as the input.
   */
  private static final class Lines {
    private final Reader in;
    private final char[] buf = new char[64 * 1024];
    private final StringBuilder line = new StringBuilder(128);
    private int pos;
    private int end;
    private int number;
    private boolean eof;

    Lines(Reader in) {
      this.in = in;
    }

    /** The 1-based number of the line last returned. */
    int number() {
      return number;
    }

    @Nullable String next() throws IOException {
      if (eof) {
        return null;
      }
      line.setLength(0);
      while (true) {
        if (pos == end) {
          end = in.read(buf, 0, buf.length);
          pos = 0;
          if (end < 0) {
            end = 0;
            eof = true;
            if (line.length() == 0) {
              return null;
            }
            number++;
            return stripCr();
          }
        }
        int start = pos;
        while (pos < end && buf[pos] != '\n') {
          pos++;
        }
        if (line.length() + (pos - start) > MAX_LINE_LENGTH + 1) {
          throw error(number + 1, "a line longer than " + MAX_LINE_LENGTH + " characters");
        }
        line.append(buf, start, pos - start);
        if (pos < end) {
          pos++; // the \n
          number++;
          return stripCr();
        }
      }
    }

    private String stripCr() {
      int n = line.length();
      return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
    }
  }

  private static double probability(String s, int lineNo, String column) {
    String t = s.strip();
    Double d = null;
    if (t.length() <= Json.MAX_NUMBER_LENGTH) {
      try {
        d = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        d = null;
      }
    }
    if (d == null) {
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

  private static InputParseException corrupt(IOException e) {
    return new InputParseException(
        InputParseException.Kind.SYNTAX,
        WHAT,
        null,
        "",
        0,
        0,
        "gzip data is corrupt: " + e.getMessage());
  }
}
