package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.internal.validate.DocumentValidator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Validates OpenVEX documents against Waterline's JSON Schema for v0.2.0 and the spec's rules,
 * reporting each problem with a JSON pointer. Input that is not JSON, or a legacy document, is
 * reported as findings rather than thrown; every deviation is reported, a legacy context does not
 * hide the others.
 *
 * <p>Times are judged against a clock: a document or statement time more than {@link #CLOCK_SKEW}
 * after "now" is a warning (a statement dated in the future wins over every statement issued until
 * then). The methods without a {@link Clock} use the system clock.
 */
@API(status = STABLE, since = "0.1.0")
public final class Validator {
  /**
   * How far after "now" a time may lie before validation calls it "in the future": 5 minutes, for
   * clocks that disagree a little. Triage and {@code waterline status} use the same allowance.
   */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private Validator() {}

  /** Validates UTF-8 JSON bytes, judging times against the system clock. */
  public static ValidationReport validate(byte[] json) {
    return validate(json, Clock.systemUTC());
  }

  /**
   * Validates UTF-8 JSON bytes, judging times against {@code clock}: a time more than {@link
   * #CLOCK_SKEW} after its instant is a warning.
   */
  public static ValidationReport validate(byte[] json, Clock clock) {
    return DocumentValidator.validate(json, clock.instant(), CLOCK_SKEW);
  }

  /** Validates JSON text. */
  public static ValidationReport validate(String json) {
    return validate(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Validates a file, read through the bounded reader (a regular file of at most the VEX document
   * limit, {@code docs/security.md}).
   *
   * @throws UnreadableInputException when the file is missing, not a regular file, too large or
   *     cannot be read
   */
  public static ValidationReport validate(Path path) {
    return validate(Inputs.read(path, InputKind.VEX_DOCUMENT));
  }

  /** Validates a document as Waterline would write it, judging times by the system clock. */
  public static ValidationReport validate(VexDocument document) {
    return validate(document.toJsonBytes());
  }

  /** Validates a document as Waterline would write it, judging times against {@code clock}. */
  public static ValidationReport validate(VexDocument document, Clock clock) {
    return validate(document.toJsonBytes(), clock);
  }
}
