package dev.waterline.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Output format of a reporting verb: {@code text} for people, {@code json} for machines. */
enum Format {
  TEXT,
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** picocli converter accepting {@code text} and {@code json}. */
  static final class Converter implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : values()) {
        if (f.toString().equals(value.toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      throw new TypeConversionException("'" + value + "' is not a format; expected text or json");
    }
  }

  /** picocli candidates: text, json. */
  static final class Candidates implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.List.of("text", "json").iterator();
    }
  }
}
