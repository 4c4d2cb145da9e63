package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.image.ImageText;
import dev.waterline.vex.policy.InputParseException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads and checks lists of layer diffIDs ({@code --base-diffids}). */
public final class DiffIdsReader {
  private static final String WHAT = "base diffIDs file";

  private DiffIdsReader() {}

  /** True for {@code sha256:} followed by 64 lower-case hex digits. */
  public static boolean isDiffId(String s) {
    return ImageText.isSha256Digest(s);
  }

  /** Checks a list given in code. */
  public static List<String> validate(List<String> diffIds) {
    if (diffIds.isEmpty()) {
      throw new VexException("a base image has at least one layer; no diffIDs given");
    }
    for (int i = 0; i < diffIds.size(); i++) {
      if (!isDiffId(diffIds.get(i))) {
        throw new VexException(
            "diffID "
                + i
                + ": expected sha256:<64 lower-case hex digits> but found '"
                + Json.clip(diffIds.get(i))
                + "'");
      }
    }
    return diffIds;
  }

  /** Parses lines or a JSON array. */
  public static List<String> parse(String text) {
    String t = text.strip();
    if (t.startsWith("\ufeff")) {
      t = t.substring(1).strip();
    }
    List<String> out = t.startsWith("[") ? parseJson(t) : parseLines(text);
    if (out.isEmpty()) {
      throw new InputParseException(
          InputParseException.Kind.DATA, WHAT, null, "", 0, 0, "no diffIDs found");
    }
    return out;
  }

  private static List<String> parseLines(String text) {
    List<String> out = new ArrayList<>();
    String[] lines = text.split("\r?\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (i == 0 && line.startsWith("\ufeff")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (!isDiffId(line)) {
        throw new InputParseException(
            InputParseException.Kind.DATA,
            WHAT,
            null,
            "",
            i + 1,
            0,
            "expected sha256:<64 lower-case hex digits> but found '" + Json.clip(line) + "'");
      }
      out.add(line);
    }
    return out;
  }

  private static List<String> parseJson(String text) {
    Json json = new Json(WHAT);
    JsonNode node = Json.parse(text.getBytes(StandardCharsets.UTF_8), WHAT);
    if (!node.isArray()) {
      throw json.error("", "expected an array of diffIDs but found " + Json.typeName(node));
    }
    List<String> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      JsonNode v = node.get(i);
      if (!v.isTextual()) {
        throw json.error("/" + i, "expected a string but found " + Json.typeName(v));
      }
      if (!isDiffId(v.textValue())) {
        throw json.error(
            "/" + i,
            "expected sha256:<64 lower-case hex digits> but found '"
                + Json.clip(v.textValue())
                + "'");
      }
      out.add(v.textValue());
    }
    return out;
  }
}
