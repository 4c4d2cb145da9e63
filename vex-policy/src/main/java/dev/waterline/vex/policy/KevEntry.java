package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the CISA Known Exploited Vulnerabilities catalog.
 *
 * @param cveId the CVE, e.g. {@code CVE-2021-44228}
 * @param vendorProject the vendor or project
 * @param product the product
 * @param dateAdded when CISA added it
 * @param dueDate when federal agencies must have remediated it, if given
 * @param knownRansomwareCampaignUse true when CISA says {@code Known}
 */
@API(status = STABLE, since = "0.1.0")
public record KevEntry(
    String cveId,
    String vendorProject,
    String product,
    LocalDate dateAdded,
    Optional<LocalDate> dueDate,
    boolean knownRansomwareCampaignUse) {

  /** Checks the values. */
  public KevEntry {
    Objects.requireNonNull(cveId, "cveId");
    Objects.requireNonNull(vendorProject, "vendorProject");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(dateAdded, "dateAdded");
    Objects.requireNonNull(dueDate, "dueDate");
  }

  /** An entry with the CVE and the date it was added; the rest empty. */
  public static KevEntry of(String cveId, LocalDate dateAdded) {
    return new KevEntry(cveId, "", "", dateAdded, Optional.empty(), false);
  }

  /** An entry from all its values. */
  public static KevEntry of(
      String cveId,
      String vendorProject,
      String product,
      LocalDate dateAdded,
      @Nullable LocalDate dueDate,
      boolean knownRansomwareCampaignUse) {
    return new KevEntry(
        cveId,
        vendorProject,
        product,
        dateAdded,
        Optional.ofNullable(dueDate),
        knownRansomwareCampaignUse);
  }
}
