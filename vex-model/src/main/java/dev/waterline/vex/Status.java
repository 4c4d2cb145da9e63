package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** The four VEX status labels of OpenVEX v0.2.0. */
@API(status = STABLE, since = "0.1.0")
public enum Status {
  /** No remediation is required regarding this vulnerability. */
  NOT_AFFECTED("not_affected"),
  /** Actions are recommended to remediate or address this vulnerability. */
  AFFECTED("affected"),
  /** The listed product versions contain a fix for the vulnerability. */
  FIXED("fixed"),
  /** It is not yet known whether the product is affected; an update will follow. */
  UNDER_INVESTIGATION("under_investigation");

  private final String value;

  Status(String value) {
    this.value = value;
  }

  /** The label as written in JSON, e.g. {@code not_affected}. */
  public String value() {
    return value;
  }

  /** The labels as written in JSON, in spec order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(Status::value).collect(Collectors.toUnmodifiableList());
  }

  /**
   * The status for a JSON label.
   *
   * @throws VexException naming the allowed labels when {@code value} is not one
   */
  public static Status parse(String value) {
    for (Status s : values()) {
      if (s.value.equals(value)) {
        return s;
      }
    }
    throw new VexException("expected one of " + labels() + " but was '" + value + "'");
  }

  @Override
  public String toString() {
    return value;
  }
}
