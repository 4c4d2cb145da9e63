package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.policy.internal.EpssReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * FIRST's EPSS scores, read from the daily CSV feed (plain or gzip-compressed): an optional comment
 * line {@code #model_version:v2025.03.14,score_date:2026-05-18T00:00:00Z}, the header {@code
 * cve,epss,percentile}, then one row per CVE with two probabilities from 0 to 1. Lookups are by CVE
 * id, case-insensitive. Immutable.
 */
@API(status = STABLE, since = "0.1.0")
public final class EpssScores {
  private final @Nullable String modelVersion;
  private final @Nullable String scoreDate;
  private final Map<String, double[]> scores;

  private EpssScores(
      @Nullable String modelVersion, @Nullable String scoreDate, Map<String, double[]> scores) {
    this.modelVersion = modelVersion;
    this.scoreDate = scoreDate;
    this.scores = scores;
  }

  /**
   * Reads the CSV feed from a file ({@code .csv} or {@code .csv.gz}; detected from the content),
   * line by line, through Waterline's bounded reader: a regular file (not a directory, FIFO or
   * device) of at most 256 MiB (system property {@code waterline.limit.epss}); gzip data may also
   * decompress to at most that much.
   *
   * @throws dev.waterline.vex.UnreadableInputException if the file is missing, not a regular file,
   *     larger than the limit (compressed or decompressed), or cannot be read
   * @throws InputParseException if it is not an EPSS CSV; the message names the file and line
   */
  public static EpssScores read(Path file) {
    EpssReader.Result r;
    try (InputStream in = Inputs.open(file, InputKind.EPSS_SCORES)) {
      r = EpssReader.read(in, file.toString());
    } catch (InputParseException e) {
      throw e.withSource(file.toString());
    } catch (IOException e) {
      // Only closing can fail here; everything read has been read.
      throw new UnreadableInputException(
          UnreadableInputException.Reason.IO_ERROR,
          file.toString(),
          -1,
          "cannot read " + file + ": " + e.getMessage(),
          e);
    }
    return new EpssScores(r.modelVersion(), r.scoreDate(), r.scores());
  }

  /**
   * Reads the CSV feed from its bytes (plain or gzip-compressed).
   *
   * @throws InputParseException if it is not an EPSS CSV, or not valid gzip
   * @throws dev.waterline.vex.UnreadableInputException if gzip data decompresses to more than the
   *     EPSS limit (256 MiB, system property {@code waterline.limit.epss})
   */
  public static EpssScores read(byte[] csv) {
    EpssReader.Result r = EpssReader.read(csv);
    return new EpssScores(r.modelVersion(), r.scoreDate(), r.scores());
  }

  /** Scores given directly: CVE → {epss, percentile}. */
  public static EpssScores of(Map<String, double[]> scoresByCve) {
    Map<String, double[]> map = new HashMap<>();
    scoresByCve.forEach(
        (cve, v) -> {
          if (v.length != 2) {
            throw new VexException(
                "scores for "
                    + cve
                    + " must be {epss, percentile} but had "
                    + v.length
                    + " values");
          }
          map.put(cve.toUpperCase(Locale.ROOT), v.clone());
        });
    return new EpssScores(null, null, map);
  }

  /** The model version from the comment line, e.g. {@code v2025.03.14}, if given. */
  public Optional<String> modelVersion() {
    return Optional.ofNullable(modelVersion);
  }

  /** The score date from the comment line, e.g. {@code 2026-05-18T00:00:00Z}, if given. */
  public Optional<String> scoreDate() {
    return Optional.ofNullable(scoreDate);
  }

  /** The number of CVEs scored. */
  public int size() {
    return scores.size();
  }

  /** The probability (0–1) of exploitation in the next 30 days, if the CVE is scored. */
  public OptionalDouble score(String cve) {
    double[] v = scores.get(cve.toUpperCase(Locale.ROOT));
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
  }

  /** The score's percentile (0–1) among all scored CVEs, if the CVE is scored. */
  public OptionalDouble percentile(String cve) {
    double[] v = scores.get(Objects.requireNonNull(cve, "cve").toUpperCase(Locale.ROOT));
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v[1]);
  }

  /** For example {@code EpssScores[v2025.03.14 2026-05-18T00:00:00Z, 250000 CVEs]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("EpssScores[");
    if (modelVersion != null) {
      sb.append(modelVersion).append(' ');
    }
    if (scoreDate != null) {
      sb.append(scoreDate).append(' ');
    }
    if (sb.charAt(sb.length() - 1) == ' ') {
      sb.setCharAt(sb.length() - 1, ',');
      sb.append(' ');
    }
    return sb.append(scores.size()).append(scores.size() == 1 ? " CVE]" : " CVEs]").toString();
  }
}
