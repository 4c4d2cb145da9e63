package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.oci.internal.json.Descriptor;
import java.util.List;

/**
 * A referrers list, the entries that could not be used while building it (an entry with an unknown
 * digest algorithm, a layout listing a manifest whose blob is gone): one broken entry does not hide
 * the others; and the manifests it lists that are there but cannot be read (tampered, too large,
 * not a regular file), which may be attestations of the subject and so fail a fetch.
 *
 * @param referrers descriptors with {@code artifactType} and the manifests' annotations
 * @param problems entries that could not be used, with digests
 * @param broken manifests listed that are there but cannot be read
 */
public record ReferrersListing(
    List<Descriptor> referrers, List<String> problems, List<BrokenContent> broken) {
  /** Copies the lists. */
  public ReferrersListing {
    referrers = List.copyOf(referrers);
    problems = List.copyOf(problems);
    broken = List.copyOf(broken);
  }

  /** A listing in which nothing is broken (a registry's answer). */
  public ReferrersListing(List<Descriptor> referrers, List<String> problems) {
    this(referrers, problems, List.of());
  }
}
