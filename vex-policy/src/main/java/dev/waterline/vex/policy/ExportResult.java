package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ScannerExport} wrote: the files (relative path to bytes, sorted by path), one line
 * per exported statement, and one line per statement left out with the reason. Immutable.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class ExportResult {
  private final Map<String, byte[]> files;
  private final List<String> exported;
  private final List<String> leftOut;

  private ExportResult(Map<String, byte[]> files, List<String> exported, List<String> leftOut) {
    TreeMap<String, byte[]> copy = new TreeMap<>();
    files.forEach((k, v) -> copy.put(k, v.clone()));
    this.files = Collections.unmodifiableMap(copy);
    this.exported = List.copyOf(exported);
    this.leftOut = List.copyOf(leftOut);
  }

  /**
   * An export result.
   *
   * @param files relative path (forward slashes) to content
   * @param exported one line per exported statement
   * @param leftOut one line per statement that was not exported, with the reason
   */
  public static ExportResult of(
      Map<String, byte[]> files, List<String> exported, List<String> leftOut) {
    Objects.requireNonNull(files, "files");
    return new ExportResult(files, exported, leftOut);
  }

  /** The files, by relative path (forward slashes), sorted; each call gives fresh arrays. */
  public Map<String, byte[]> files() {
    TreeMap<String, byte[]> copy = new TreeMap<>();
    files.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /** The relative paths of the files, sorted. */
  public List<String> paths() {
    return new ArrayList<>(files.keySet());
  }

  /**
   * One file's content as UTF-8 text.
   *
   * @throws VexException when there is no such file
   */
  public String text(String path) {
    byte[] b = files.get(path);
    if (b == null) {
      throw new VexException("no file " + path + " in this export: " + paths());
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * The exported statements, one line each: vulnerability, product, subcomponent when there is one,
   * status.
   */
  public List<String> exported() {
    return exported;
  }

  /** The statements that were not exported, one line each with the reason. */
  public List<String> leftOut() {
    return leftOut;
  }

  /** Equal when the files, lines and reasons are equal. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ExportResult)) {
      return false;
    }
    ExportResult r = (ExportResult) o;
    if (!files.keySet().equals(r.files.keySet())) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (!java.util.Arrays.equals(e.getValue(), r.files.get(e.getKey()))) {
        return false;
      }
    }
    return exported.equals(r.exported) && leftOut.equals(r.leftOut);
  }

  /** Consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    int h = Objects.hash(exported, leftOut, files.keySet());
    for (byte[] b : files.values()) {
      h = 31 * h + java.util.Arrays.hashCode(b);
    }
    return h;
  }

  /** For example {@code ExportResult[files=[.trivyignore.yaml], 3 exported, 1 left out]}. */
  @Override
  public String toString() {
    return "ExportResult[files="
        + paths()
        + ", "
        + exported.size()
        + " exported, "
        + leftOut.size()
        + " left out]";
  }
}
