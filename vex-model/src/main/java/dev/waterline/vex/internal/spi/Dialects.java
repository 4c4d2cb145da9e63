package dev.waterline.vex.internal.spi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.internal.json.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Detects the VEX dialect of some bytes from their content, never from a file name, and reads the
 * dialects other than OpenVEX JSON through the {@link DialectReader} of vex-formats when it is
 * there.
 *
 * <ul>
 *   <li>Input whose first character (after a UTF-8 byte order mark and white space) is an opening
 *       brace is JSON; its top-level members decide: an {@code @context} starting with {@code
 *       https://openvex.dev/ns} is OpenVEX, {@code bomFormat} {@code CycloneDX} is CycloneDX, a
 *       {@code document} object with a {@code csaf_version} is CSAF. Only the top level and {@code
 *       document}'s own members are looked at; the scan stops at the first syntax error and keeps
 *       what it found before it.
 *   <li>Any other input is tried as YAML: a mapping whose {@code @context} is an OpenVEX context is
 *       OpenVEX written as YAML.
 * </ul>
 */
public final class Dialects {
  /** The OpenVEX context prefix. */
  public static final String OPENVEX_NS = "https://openvex.dev/ns";

  private Dialects() {}

  /** What the bytes are, or null when they are none of the dialects. */
  public static @Nullable Detected detect(byte[] input) {
    int i = 0;
    if (input.length >= 3
        && (input[0] & 0xFF) == 0xEF
        && (input[1] & 0xFF) == 0xBB
        && (input[2] & 0xFF) == 0xBF) {
      i = 3;
    }
    while (i < input.length
        && (input[i] == ' ' || input[i] == '\t' || input[i] == '\n' || input[i] == '\r')) {
      i++;
    }
    if (i == input.length) {
      return null;
    }
    if (input[i] == '{') {
      return json(input, i);
    }
    if (input[i] == '[') {
      return null;
    }
    return yaml(input, i);
  }

  private static @Nullable Detected json(byte[] input, int start) {
    String context = null;
    String bomFormat = null;
    String specVersion = null;
    String csafVersion = null;
    try (JsonParser p = Json.factory().createParser(input, start, input.length - start)) {
      // Detection looks at a few top-level members and skips the rest: duplicate keys are the
      // reader's to refuse (it parses again, strictly), and tracking every object's names here
      // would cost as much as the parse itself.
      p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        if (context == null
            && (("CycloneDX".equals(bomFormat) && specVersion != null) || csafVersion != null)) {
          // A BOM or a CSAF document has said what it is before any @context: the rest is skipped
          // unread (on a large document, tokenizing it all cost a tenth of the read).
          break;
        }
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING && name.equals("@context")) {
          context = p.getText();
          if (context.startsWith(OPENVEX_NS)) {
            break; // OpenVEX decides whatever else the document holds (see decide)
          }
        } else if (t == JsonToken.VALUE_STRING && name.equals("bomFormat")) {
          bomFormat = p.getText();
        } else if (t == JsonToken.VALUE_STRING && name.equals("specVersion")) {
          specVersion = p.getText();
        } else if (t == JsonToken.START_OBJECT && name.equals("document")) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String inner = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_STRING && inner.equals("csaf_version")) {
              csafVersion = p.getText();
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      // keep what was found before the error: the reader reports the error itself
    }
    return decide(context, bomFormat, specVersion, csafVersion, false);
  }

  private static @Nullable Detected yaml(byte[] input, int start) {
    String context = null;
    try (JsonParser p = Json.yamlFactory().createParser(input, start, input.length - start)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING && name.equals("@context")) {
          context = p.getText();
          break;
        }
        p.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return decide(context, null, null, null, true);
  }

  private static @Nullable Detected decide(
      @Nullable String context,
      @Nullable String bomFormat,
      @Nullable String specVersion,
      @Nullable String csafVersion,
      boolean yaml) {
    if (context != null && context.startsWith(OPENVEX_NS)) {
      return yaml
          ? new Detected(Dialect.OPENVEX_YAML, "an OpenVEX document written as YAML", context)
          : new Detected(Dialect.OPENVEX, "an OpenVEX document", context);
    }
    if ("CycloneDX".equals(bomFormat)) {
      String v = specVersion == null ? "" : specVersion;
      return new Detected(
          Dialect.CYCLONEDX,
          v.isEmpty() ? "a CycloneDX BOM" : "a CycloneDX " + shortText(v) + " BOM",
          v);
    }
    if (csafVersion != null) {
      return new Detected(
          Dialect.CSAF, "a CSAF " + shortText(csafVersion) + " document", csafVersion);
    }
    return null;
  }

  private static String shortText(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 16; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7F ? c : '?');
    }
    return s.length() > 16 ? b + "…" : b.toString();
  }

  /** The dialect reader of vex-formats, or null when that module is not on the path. */
  public static @Nullable DialectReader reader() {
    try {
      Iterator<DialectReader> it = ServiceLoader.load(DialectReader.class).iterator();
      return it.hasNext() ? it.next() : null;
    } catch (ServiceConfigurationError e) {
      return null;
    }
  }

  /**
   * Reads input that failed as OpenVEX JSON with {@code failure}: another dialect through
   * vex-formats, or an error saying what the input is and what reads it.
   *
   * @throws VexParseException {@code failure} when the input is OpenVEX or no dialect at all; else
   *     one that names the dialect when vex-formats is missing, or the dialect reader's own
   */
  public static VexDocument readOther(byte[] input, VexParseException failure) {
    Detected d = detect(input);
    if (d == null || d.dialect() == Dialect.OPENVEX) {
      throw failure;
    }
    return read(input, d);
  }

  /**
   * Reads input detected as {@code d}, a dialect other than OpenVEX JSON, through vex-formats.
   *
   * @throws VexParseException naming the dialect when vex-formats is missing, or the dialect
   *     reader's own
   */
  public static VexDocument read(byte[] input, Detected d) {
    DialectReader reader = reader();
    if (reader == null) {
      throw new VexParseException(
          VexParseException.Kind.DATA,
          "",
          0,
          0,
          "this is "
              + d.description()
              + "; add dev.waterline:vex-formats to the class path (or module path) to read it");
    }
    return reader.read(input, d.dialect());
  }
}
