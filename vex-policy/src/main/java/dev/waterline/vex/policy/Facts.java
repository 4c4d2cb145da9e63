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
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    ids.add(f.vulnerabilityId());
    ids.addAll(f.aliases());
    return new ArrayList<>(ids);
  }

  static @Nullable String purl(Finding f) {
    return f.purl().orElse(null);
  }

  static Severity severity(Finding f) {
    return f.severity();
  }

  static @Nullable String packageName(Finding f) {
    return f.packageName();
  }

  static @Nullable String packageVersion(Finding f) {
    return f.packageVersion();
  }

  static FindingDecision.Position position(Waterline w, ScanReport r, Finding f) {
    switch (w.position(r, f)) {
      case BELOW:
        return FindingDecision.Position.BELOW;
      case ABOVE:
        return FindingDecision.Position.ABOVE;
      default:
        return FindingDecision.Position.UNKNOWN;
    }
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

  static List<String> imageRefs(ScanReport r) {
    return r.repoDigests();
  }

  static List<String> imageDigests(ScanReport r) {
    return r.imageDigest().map(List::of).orElse(List.of());
  }

  static @Nullable String imageName(ScanReport r) {
    return r.imageName().orElse(null);
  }

  static @Nullable String imageDigest(ScanReport r) {
    return r.imageDigest().orElse(null);
  }

  static String describe(Object input) {
    return input.toString();
  }
}
