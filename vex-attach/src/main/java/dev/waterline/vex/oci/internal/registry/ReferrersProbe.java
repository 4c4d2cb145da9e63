package dev.waterline.vex.oci.internal.registry;

import dev.waterline.vex.oci.MediaTypes;
import org.jspecify.annotations.Nullable;

/**
 * Whether a registry has the OCI 1.1 referrers API: {@code GET /v2/<repo>/referrers/sha256:0…0}
 * answered 200 with an OCI image index. Asked at most once per client (one {@code Registry}, shared
 * by everything that uses it), the answer kept by the client, not the process: a 200 index means
 * yes; a {@code NAME_UNKNOWN} 404 (the repository does not exist yet) and 429 or 5xx answers are
 * not kept, so the next call asks again; any other answer means no. A 401 or 403 is an error.
 * Concurrent callers wait for one probe rather than sending their own.
 */
final class ReferrersProbe {
  private static final String ZERO =
      "sha256:0000000000000000000000000000000000000000000000000000000000000000";

  private final RegistryClient client;
  private volatile @Nullable Boolean known;

  ReferrersProbe(RegistryClient client) {
    this.client = client;
  }

  /** The answer, asking the registry (about {@code repository}) when it is not known yet. */
  boolean supported(String repository) {
    Boolean k = known;
    if (k != null) {
      return k;
    }
    synchronized (this) {
      k = known;
      if (k != null) {
        return k;
      }
      Response r =
          client.send(
              Request.of("GET", "/v2/" + repository + "/referrers/" + ZERO, repository)
                  .header("Accept", MediaTypes.OCI_INDEX)
                  .maxBody(4 * 1024 * 1024)
                  .about("probing the referrers API", null));
      if (r.status() == 200 && r.contentType().orElse("").equals(MediaTypes.OCI_INDEX)) {
        known = true;
        return true;
      }
      if (r.status() == 404 && client.errors().hasErrorCode(r.body(), "NAME_UNKNOWN")) {
        return false; // the repository does not exist yet: ask again later
      }
      if (r.status() == 401 || r.status() == 403) {
        throw client.failure(r, "probing the referrers API", repository, null);
      }
      if (RetryPolicy.retryableStatus(r.status())) {
        return false; // the registry is struggling: use the fallback now, ask again later
      }
      known = false;
      return false;
    }
  }

  @Override
  public String toString() {
    return "ReferrersProbe[" + (known == null ? "not asked" : known ? "API" : "no API") + "]";
  }
}
