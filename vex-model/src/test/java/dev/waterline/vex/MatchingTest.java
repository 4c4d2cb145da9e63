package dev.waterline.vex;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table-driven tests of every matching rule, through the public value classes. */
class MatchingTest {
  static final String D = "4f0c8bd1c3d6e8a2b7d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5";
  static final String E = "0000000000000000000000000000000000000000000000000000000000000001";

  /** Replaces {@code {D}}, {@code {DU}} (upper case) and {@code {E}} by digests. */
  static String hex(String s) {
    return s.replace("{DU}", D.toUpperCase(Locale.ROOT)).replace("{D}", D).replace("{E}", E);
  }

  /**
   * A component from {@code key=value; key=value}: {@code @id}, an identifier type ({@code purl},
   * {@code cpe22}, {@code cpe23}) or a hash algorithm ({@code sha-256}, …).
   */
  static Component component(String spec) {
    Component.Builder b = Component.builder();
    Map<String, String> hashes = new LinkedHashMap<>();
    for (String part : hex(spec).split(";")) {
      String p = part.strip();
      int eq = p.indexOf('=');
      String key = p.substring(0, eq);
      String value = p.substring(eq + 1);
      if (key.equals("@id")) {
        b.id(value);
      } else if (key.startsWith("cpe") || key.equals("purl")) {
        b.identifier(IdentifierType.valueOf(key.toUpperCase(Locale.ROOT)), value);
      } else {
        hashes.put(key, value);
      }
    }
    return b.hashes(hashes).build();
  }

  @Nested
  class ComponentMatches {
    @ParameterizedTest(name = "[{index}] {3}: {0} vs {1} -> {2}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            # component                                       | identifier asked                                | match | rule
            @id=https://example.com/product/1                 | https://example.com/product/1                   | true  | @id equal
            @id=https://example.com/product/1                 | https://example.com/product/2                   | false | @id differs
            @id=https://example.com/product/1                 | https://EXAMPLE.com/product/1                   | false | @id exact string
            @id=pkg:apk/wolfi/curl@8.1.2-r0                   | pkg:apk/wolfi/curl@8.1.2-r0?arch=x86_64         | true  | @id purl covers query purl
            @id=pkg:apk/wolfi/curl@8.1.2-r0?arch=x86_64       | pkg:apk/wolfi/curl@8.1.2-r0                     | false | @id purl qualifier missing in query
            @id=pkg:apk/wolfi/curl                            | pkg:apk/Wolfi/Curl@8.1.2-r0                     | true  | versionless @id purl, apk case folded
            @id=pkg:maven/bar                                 | pkg:maven/bar@1                                 | false | invalid @id purl never covers
            purl=pkg:deb/debian/curl                          | pkg:deb/debian/curl@8.1.2?arch=amd64            | true  | purl identifier covers query purl
            purl=pkg:deb/debian/curl@8.1.2                    | pkg:deb/debian/curl@8.1.3                       | false | purl identifier version differs
            purl=pkg:maven/bar@1                              | pkg:maven/bar@1                                 | true  | identifier value equal even if not a valid purl
            @id=https://x.example/p; purl=pkg:npm/foo         | pkg:npm/foo@2.0.0                               | true  | any identifier may match
            cpe23=cpe:2.3:a:curl:curl:8.1.2:*:*:*:*:*:*:*     | cpe:2.3:a:curl:curl:8.1.2:*:*:*:*:*:*:*         | true  | CPE 2.3 exact
            cpe23=cpe:2.3:a:curl:curl:8.1.2:*:*:*:*:*:*:*     | cpe:2.3:a:curl:curl:*:*:*:*:*:*:*:*             | false | CPE has no wildcard matching
            cpe23=cpe:2.3:a:curl:curl:8.1.2:*:*:*:*:*:*:*     | cpe:2.3:a:CURL:curl:8.1.2:*:*:*:*:*:*:*         | false | CPE is case-sensitive
            cpe22=cpe:/a:curl:curl:8.1.2                      | cpe:/a:curl:curl:8.1.2                          | true  | CPE 2.2 exact
            sha-256={D}                                       | {D}                                             | true  | raw hash value
            sha-512=abc123                                    | abc123                                          | true  | raw hash value, any algorithm
            sha-512=abc123                                    | ABC123                                          | false | raw hash value is exact
            sha-256={D}                                       | sha256:{D}                                      | true  | digest sha256: vs sha-256 hash
            sha-256={DU}                                      | sha256:{D}                                      | true  | sha-256 hash hex in upper case
            sha-256={D}                                       | sha256:{DU}                                     | false | digest hex must be lower case
            sha-256={D}                                       | sha256:{E}                                      | false | digest differs
            sha-512={D}                                       | sha256:{D}                                      | false | digest is sha256 only
            sha-256={D}                                       | ghcr.io/acme/app@sha256:{D}                     | true  | image reference vs sha-256 hash
            sha-256={D}                                       | pkg:oci/app@sha256%3A{D}                        | true  | OCI purl vs sha-256 hash
            @id=pkg:oci/app@sha256%3A{D}                      | sha256:{D}                                      | true  | digest vs OCI purl version
            @id=pkg:oci/app@sha256%3A{D}                      | sha256:{E}                                      | false | digest vs other OCI purl version
            purl=pkg:oci/app@sha256:{D}                       | sha256:{D}                                      | true  | digest vs OCI purl identifier
            @id=pkg:npm/app@sha256:{D}                        | sha256:{D}                                      | false | digest only from OCI purls
            @id=ghcr.io/acme/app@sha256:{D}                   | sha256:{D}                                      | true  | digest vs image reference @id
            @id=ghcr.io/acme/app@sha256:{D}                   | ghcr.io/acme/app:v1@sha256:{D}                  | true  | image reference, tag ignored
            @id=ghcr.io/acme/app@sha256:{D}                   | ghcr.io/other/app@sha256:{D}                    | false | image reference, other repository
            @id=nginx@sha256:{D}                              | docker.io/library/nginx@sha256:{D}              | true  | Docker Hub defaults
            @id=pkg:oci/app@sha256%3A{D}?repository_url=ghcr.io/acme/app | ghcr.io/acme/app@sha256:{D}          | true  | image reference vs OCI purl with repository_url
            @id=pkg:oci/app@sha256%3A{D}?repository_url=ghcr.io/acme/app | ghcr.io/other/app@sha256:{D}         | false | image reference, other repository than repository_url
            @id=pkg:oci/app@sha256%3A{D}?repository_url=ghcr.io/acme/app | ghcr.io/acme/app@sha256:{E}          | false | image reference, other digest
            @id=pkg:oci/app@sha256%3A{D}?repository_url=https://ghcr.io/acme/app | ghcr.io/acme/app@sha256:{D}  | true  | repository_url scheme ignored
            @id=pkg:oci/nginx@sha256%3A{D}?repository_url=index.docker.io/library/nginx | nginx@sha256:{D}      | true  | repository_url Docker Hub defaults
            @id=pkg:oci/app@sha256%3A{D}                      | ghcr.io/acme/app@sha256:{D}                     | true  | OCI purl without repository_url, same name
            @id=pkg:oci/app@sha256%3A{D}                      | ghcr.io/acme/other@sha256:{D}                   | false | OCI purl without repository_url, other name
            @id=ghcr.io/acme/app@sha256:{D}                   | pkg:oci/app@sha256%3A{D}?repository_url=ghcr.io/acme/app | true | OCI purl query vs image reference
            @id=ghcr.io/acme/app@sha256:{D}                   | pkg:oci/app@sha256%3A{D}?repository_url=ghcr.io/other/app | false | OCI purl query, other repository
            @id=ghcr.io/acme/app@sha256:{D}                   | pkg:oci/app@sha256%3A{D}                        | true  | OCI purl query without repository_url
            @id=ghcr.io/acme/app@sha256:{D}                   | pkg:oci/other@sha256%3A{D}                      | false | OCI purl query, other name
            @id=pkg:oci/app@sha256%3A{D}?repository_url=ghcr.io/acme/app | pkg:oci/app@sha256%3A{D}             | false | purl vs purl stays go-vex's rule
            @id=pkg:oci/app@sha256%3A{D}                      | pkg:oci/app@sha256%3A{D}?repository_url=ghcr.io/acme/app | true | purl vs purl, query more specific
            @id=pkg:oci/app                                   | ghcr.io/acme/app@sha256:{D}                     | false | versionless OCI purl has no digest
            @id=pkg:oci/app@sha256%3A{D}?repository_url=a//b  | sha256:{D}                                      | false | invalid repository_url never matches by digest
            @id=ghcr.io/acme/app:v1                           | ghcr.io/acme/app@sha256:{D}                     | false | a tag is not a digest
            """)
    void followsTheRules(String component, String identifier, boolean match, String rule) {
      assertThat(component(component).matches(hex(identifier))).as(rule).isEqualTo(match);
    }
  }

  @Nested
  class ProductMatches {
    @ParameterizedTest(name = "[{index}] {4}")
    @CsvSource(
        delimiter = '|',
        nullValues = "-",
        textBlock =
            """
            # product            | its subcomponents                      | product asked             | subcomponent asked         | match | rule
            pkg:oci/app          | pkg:npm/lodash pkg:npm/express         | pkg:oci/app@sha256:abc    | -                          | true  | no subcomponent asked
            pkg:oci/app          | pkg:npm/lodash pkg:npm/express         | pkg:oci/app@sha256:abc    | ''                         | true  | empty subcomponent means none
            pkg:oci/app          | -                                      | pkg:oci/app@sha256:abc    | pkg:npm/lodash@4.17.21     | true  | product without subcomponents matches any
            pkg:oci/app          | pkg:npm/lodash pkg:npm/express         | pkg:oci/app@sha256:abc    | pkg:npm/express@4.18.2     | true  | one subcomponent matches
            pkg:oci/app          | pkg:npm/lodash pkg:npm/express         | pkg:oci/app@sha256:abc    | pkg:npm/react@18           | false | no subcomponent matches
            pkg:oci/app          | pkg:npm/lodash                         | pkg:oci/other@sha256:abc  | pkg:npm/lodash@4.17.21     | false | product must match first
            pkg:oci/app          | pkg:npm/lodash@4.17.21                 | pkg:oci/app               | pkg:npm/lodash             | false | subcomponent purl rule applies
            """)
    void followsGoVexSubcomponentRule(
        String product, String subs, String asked, String subAsked, boolean match, String rule) {
      String[] subIds = subs == null ? new String[0] : subs.split(" ");
      Product p = Product.of(product, subIds);
      assertThat(p.matches(asked, subAsked)).as(rule).isEqualTo(match);
    }
  }

  @Nested
  class VulnerabilityMatches {
    @ParameterizedTest(name = "[{index}] {1} -> {2}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            # asked                                                | match | rule
            GHSA-qppj-fm5r-hxr3                                    | true  | name
            CVE-2023-44487                                         | true  | alias
            https://nvd.nist.gov/vuln/detail/CVE-2023-44487        | true  | @id
            cve-2023-44487                                         | false | exact, case-sensitive
            CVE-2023-4448                                          | false | no prefix matching
            """)
    void byNameIdOrAlias(String asked, boolean match, String rule) {
      Vulnerability v =
          Vulnerability.builder("GHSA-qppj-fm5r-hxr3")
              .id("https://nvd.nist.gov/vuln/detail/CVE-2023-44487")
              .alias("CVE-2023-44487")
              .build();
      assertThat(v.matches(asked)).as(rule).isEqualTo(match);
    }
  }

  @Nested
  class StatementMatches {
    final Statement statement =
        Vex.notAffected("CVE-2023-44487", "pkg:oci/app")
            .aliases("GHSA-qppj-fm5r-hxr3")
            .product("pkg:deb/debian/nghttp2@1.52.0")
            .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH)
            .build();

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(
        delimiter = '|',
        nullValues = "-",
        textBlock =
            """
            # vulnerability       | product                          | subcomponent    | match | rule
            CVE-2023-44487        | pkg:oci/app@sha256:abc           | -               | true  | name and first product
            GHSA-qppj-fm5r-hxr3   | pkg:deb/debian/nghttp2@1.52.0    | -               | true  | alias and second product
            CVE-2023-44487        | pkg:deb/debian/nghttp2@1.52.1    | -               | false | no product matches
            CVE-2023-0001         | pkg:oci/app                      | -               | false | other vulnerability
            CVE-2023-44487        | pkg:oci/app                      | pkg:npm/foo@1   | true  | products without subcomponents match any
            """)
    void needsVulnerabilityAndProduct(
        String vulnerability, String product, String subcomponent, boolean match, String rule) {
      assertThat(statement.matches(vulnerability, product, subcomponent)).as(rule).isEqualTo(match);
    }

    @Test
    void statementWithoutProductsNeverMatches() {
      Statement noProducts =
          Statement.builder().vulnerability("CVE-2023-44487").status(Status.FIXED).build();
      assertThat(noProducts.products()).isEmpty();
      assertThat(noProducts.matches("CVE-2023-44487", "pkg:oci/app", null)).isFalse();
      assertThat(noProducts.matches("CVE-2023-44487", "", null)).isFalse();
    }
  }

  @Test
  void componentTableHelperBuildsWhatItSays() {
    Component c = component("@id=x; purl=pkg:npm/a; sha-256={D}");
    assertThat(c.id()).contains("x");
    assertThat(c.identifiers()).containsEntry("purl", "pkg:npm/a");
    assertThat(c.hashes()).isEqualTo(Map.of("sha-256", D));
  }
}
