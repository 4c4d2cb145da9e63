package dev.waterline.vex.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
  /** CSAF 2.0's schema pattern for {@code /vulnerabilities[]/cve}. */
  private static final Pattern SCHEMA = Pattern.compile("^CVE-[0-9]{4}-[0-9]{4,}$");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CVE-2024-1234",
        "CVE-2024-12345678",
        "CVE-2024-123",
        "CVE-24-12345",
        "cve-2024-1234",
        "CVE-2024-1234 ",
        "CVE-2024-12a4",
        "CVE-20x4-1234",
        "CVE-2024_1234",
        "CVE-2024--1234",
        "GHSA-xxxx-yyyy-zzzz",
        "CVE-2024-١٢٣٤",
        ""
      })
  void isCveAgreesWithTheSchemaPattern(String id) {
    assertThat(Ids.isCve(id)).as(id).isEqualTo(SCHEMA.matcher(id).matches());
  }
}
