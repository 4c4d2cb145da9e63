package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.oci.internal.json.Descriptor;
import java.util.List;

/**
 * A referrers list, and the entries that could not be read while building it (a layout lists a
 * manifest whose blob is gone, say): one broken entry does not hide the others.
 *
 * @param referrers descriptors with {@code artifactType} and the manifests' annotations
 * @param problems what could not be read, with digests
 */
public record ReferrersListing(List<Descriptor> referrers, List<String> problems) {
  /** Copies the lists. */
  public ReferrersListing {
    referrers = List.copyOf(referrers);
    problems = List.copyOf(problems);
  }
}
