package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Locale;
import org.apiguardian.api.API;

/** What the policy decided about a finding. */
@API(status = STABLE, since = "0.1.0")
public enum Decision {
  /** Must be fixed by the team (or, below the waterline, by pulling a patched base image). */
  REMEDIATE,
  /** Affected, with a documented action statement that has not expired. */
  EXCEPTION,
  /** Accepted by the severity rule, to be reviewed by a date. */
  ACCEPTED,
  /** VEX says the image is not affected. */
  NOT_AFFECTED,
  /** VEX says the vulnerability is fixed in the image. */
  FIXED,
  /** Below the waterline: the base image's vendor owns it. */
  VENDOR;

  /** The label used in reports: {@code remediate}, {@code not_affected}, … */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
