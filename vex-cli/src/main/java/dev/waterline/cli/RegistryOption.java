package dev.waterline.cli;

import dev.waterline.vex.oci.RegistryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --insecure-registry HOST} and {@code --timeout DURATION}, shared by the verbs that reach
 * registries (a picocli mixin). Plain HTTP is used without {@code --insecure-registry} only for
 * loopback hosts; credentials come from Docker's {@code config.json} ({@code $DOCKER_CONFIG}, else
 * {@code ~/.docker}) and its credential helpers.
 */
final class RegistryOption {
  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST",
      description =
          "Allow plain HTTP to this registry (host or host:port; loopback needs no flag)."
              + " Repeatable.")
  List<String> insecure = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "The longest one registry operation (fetching one image, attaching one attestation,"
              + " reading a base image) may take, retries included: a number and a unit, ms, s, m"
              + " or h, e.g. 30s, 2m, 1m30s (default: 2m; at most 24h). A registry that sends"
              + " nothing fails sooner: after 30s (the read timeout) or this, if shorter.")
  @Nullable Duration timeout;

  /** The registry options these flags and {@code DOCKER_CONFIG} in the environment give. */
  RegistryOptions options(Context ctx) {
    RegistryOptions.Builder b = RegistryOptions.builder();
    for (String h : insecure) {
      b.insecureRegistry(h);
    }
    String dockerConfig = ctx.env().get("DOCKER_CONFIG");
    if (dockerConfig != null && !dockerConfig.isBlank()) {
      b.dockerConfig(Path.of(dockerConfig, "config.json"));
    }
    if (timeout != null) {
      b.timeout(timeout);
    }
    return b.build();
  }

  /**
   * Durations as people type them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or several
   * ({@code 1m30s}); ISO-8601 ({@code PT30S}) too. Above zero, at most 24 h.
   */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(?:[0-9]{1,9}(?:ms|s|m|h))+");

    @Override
    public Duration convert(String value) {
      Duration d = parse(value.trim().toLowerCase(Locale.ROOT));
      if (d == null) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a duration; expected a number and a unit (ms, s, m, h), e.g."
                + " 30s, 2m or 1m30s");
      }
      if (d.isZero() || d.isNegative() || d.compareTo(RegistryOptions.MAX_TIMEOUT) > 0) {
        throw new TypeConversionException(
            "'" + value + "' is out of range; the timeout must be above 0 and at most 24h");
      }
      return d;
    }

    private static @Nullable Duration parse(String v) {
      if (v.startsWith("p")) {
        try {
          return Duration.parse(v.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
          return null;
        }
      }
      if (!WHOLE.matcher(v).matches()) {
        return null;
      }
      Duration d = Duration.ZERO;
      Matcher m = PART.matcher(v);
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
          case "ms":
            d = d.plusMillis(n);
            break;
          case "s":
            d = d.plusSeconds(n);
            break;
          case "m":
            d = d.plusMinutes(n);
            break;
          default:
            d = d.plusHours(n);
            break;
        }
      }
      return d;
    }
  }
}
