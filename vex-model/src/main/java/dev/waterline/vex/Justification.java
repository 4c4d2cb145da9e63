package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/** Why a product is {@link Status#NOT_AFFECTED not_affected}: the five OpenVEX labels. */
@API(status = STABLE, since = "0.1.0")
public enum Justification {
  /** The vulnerable component is not included in the product. */
  COMPONENT_NOT_PRESENT("component_not_present"),
  /** The component is included, but the vulnerable code is not. */
  VULNERABLE_CODE_NOT_PRESENT("vulnerable_code_not_present"),
  /** The vulnerable code is present but cannot be executed. */
  VULNERABLE_CODE_NOT_IN_EXECUTE_PATH("vulnerable_code_not_in_execute_path"),
  /** The vulnerable code cannot be controlled by an attacker to exploit the vulnerability. */
  VULNERABLE_CODE_CANNOT_BE_CONTROLLED_BY_ADVERSARY(
      "vulnerable_code_cannot_be_controlled_by_adversary"),
  /** The product has built-in protections against exploitation. */
  INLINE_MITIGATIONS_ALREADY_EXIST("inline_mitigations_already_exist");

  private final String value;

  Justification(String value) {
    this.value = value;
  }

  /** The label as written in JSON. */
  public String value() {
    return value;
  }

  /** The labels as written in JSON, in spec order. */
  public static List<String> labels() {
    return Arrays.stream(values())
        .map(Justification::value)
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The justification for a JSON label.
   *
   * @throws VexException naming the allowed labels when {@code value} is not one
   */
  public static Justification parse(String value) {
    for (Justification j : values()) {
      if (j.value.equals(value)) {
        return j;
      }
    }
    throw new VexException("expected one of " + labels() + " but was '" + value + "'");
  }

  @Override
  public String toString() {
    return value;
  }
}
