package dev.waterline.vex.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchingFacadeTest {
  final Statement statement =
      Statement.builder()
          .vulnerability("CVE-1")
          .status(Status.FIXED)
          .product(Product.of("pkg:oci/app?repository_url=ghcr.io/acme/app", "pkg:npm/lodash"))
          .product("pkg:deb/debian/curl@8.1.2")
          .build();

  @ParameterizedTest(name = "[{index}] {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # product asked                                                      | match | rule
          pkg:oci/app@sha256%3Aabc?repository_url=ghcr.io/acme/app&tag=v1      | true  | first product, purl rule
          pkg:oci/app@sha256%3Aabc                                             | false | qualifier of the statement missing
          pkg:DEB/Debian/Curl@8.1.2                                            | true  | second product, deb case folded
          pkg:npm/lodash@4.17.21                                               | false | subcomponents are not products
          """)
  void matchesProductIgnoresSubcomponents(String product, boolean match, String rule) {
    assertThat(Matching.matchesProduct(statement, product)).as(rule).isEqualTo(match);
  }
}
