package dev.waterline.vex.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The one place that reads policy-input's types for the triage. */
final class Facts {
  private Facts() {}

  static List<Finding> findings(ScanReport r) {
    return r.findings();
  }

  static List<String> ids(Finding f) {
    return new ArrayList<>(new LinkedHashSet<>(f.ids()));
  }

  static @Nullable String purl(Finding f) {
    return f.purl().orElse(null);
  }

  static Severity severity(Finding f) {
    return f.severity();
  }

  static @Nullable String packageName(Finding f) {
    return f.packageName().orElse(null);
  }

  static @Nullable String packageVersion(Finding f) {
    return f.packageVersion().orElse(null);
  }

  static Waterline.Position position(Waterline w, ScanReport r, Finding f) {
    return w.classify(r, f);
  }

  static Predicate<String> kev(KevCatalog k) {
    return k::contains;
  }

  static Function<String, @Nullable Double> epss(EpssScores e) {
    return id -> {
      OptionalDouble d = e.score(id);
      return d.isPresent() ? d.getAsDouble() : null;
    };
  }

  /** Image references with a digest: the repository digests, and the user's reference. */
  static List<String> imageRefs(ScanReport r) {
    List<String> refs = new ArrayList<>(r.repoDigests());
    r.imageReference().filter(ref -> ref.contains("@sha256:")).ifPresent(refs::add);
    return refs;
  }

  /** Bare digests of the image: the platform manifest's. */
  static List<String> imageDigests(ScanReport r) {
    return r.manifestDigest().map(List::of).orElse(List.of());
  }

  static @Nullable String imageName(ScanReport r) {
    return r.imageReference().orElse(null);
  }

  /** The image's digest: the first repository digest's, else the platform manifest's. */
  static @Nullable String imageDigest(ScanReport r) {
    for (String ref : r.repoDigests()) {
      int at = ref.lastIndexOf("@sha256:");
      if (at >= 0) {
        return ref.substring(at + 1);
      }
    }
    if (r.manifestDigest().isPresent()) {
      return r.manifestDigest().get();
    }
    String ref = r.imageReference().orElse("");
    int at = ref.lastIndexOf("@sha256:");
    return at >= 0 && ref.length() - at - 8 == 64 ? ref.substring(at + 1) : null;
  }

  static String describe(Object input) {
    return input.toString();
  }
}
