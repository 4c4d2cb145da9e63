package dev.waterline.vex.internal.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PurlTest {

  @Nested
  class Normalisation {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            # input                                          | normalised parts
            pkg:DEB/Debian/Curl@8.1.2                         | deb/debian/curl@8.1.2
            pkg:deb/debian/curl@8.1.2?Arch=amd64&distro=      | deb/debian/curl@8.1.2?{arch=amd64}
            pkg:apk/Alpine/Curl@8.1.2-r0                      | apk/alpine/curl@8.1.2-r0
            pkg:alpm/Arch/Curl@8                              | alpm/arch/curl@8
            pkg:bitbucket/Org/Repo                            | bitbucket/org/repo
            pkg:composer/Laravel/Framework@10                 | composer/laravel/framework@10
            pkg:github/Package-URL/PURL-Spec@1.0              | github/package-url/purl-spec@1.0
            pkg:golang/GitHub.com/Foo/Bar@v1.2.3              | golang/github.com/foo/bar@v1.2.3
            pkg:rpm/Fedora/Curl@8                             | rpm/fedora/Curl@8
            pkg:qpkg/BlackBerry/Daemon@1                      | qpkg/blackberry/Daemon@1
            pkg:bitnami/WordPress@6                           | bitnami//wordpress@6
            pkg:chrome-extension/AbCdEf@1                     | chrome-extension//abcdef@1
            pkg:pypi/Django_Rest_Framework@3.14               | pypi//django-rest-framework@3.14
            pkg:maven/Org.Apache/Commons-IO@2.0               | maven/Org.Apache/Commons-IO@2.0
            pkg:npm/%40angular/Core@17.0.0                    | npm/@angular/Core@17.0.0
            pkg:oci/app@sha256%3Aabc                          | oci//app@sha256:abc
            pkg:oci/app@sha256:abc                            | oci//app@sha256:abc
            pkg:oci/app@sha256%3aabc?repository_url=ghcr.io%2Fx%2Fapp | oci//app@sha256:abc?{repository_url=ghcr.io/x/app}
            pkg:npm/left-pad@1.0.0#lib/index.js               | npm//left-pad@1.0.0
            pkg:npm/left-pad@                                 | npm//left-pad
            pkg:generic/a/b/c/name@1                          | generic/a/b/c/name@1
            pkg:npm/%E2%82%AC@1                               | npm//€@1
            """)
    void normalisesAsGoVex(String input, String expected) {
      Purl p = Purl.parse(input);
      assertThat(p).isNotNull();
      assertThat(p.toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
        strings = {
          "notapurl",
          "PKG:deb/debian/curl",
          "pkg:deb",
          "pkg:deb/",
          "pkg:1deb/debian/curl",
          "pkg:maven/commons-io@2.0",
          "pkg:npm/foo@1?x=%",
          "pkg:npm/foo@1%zz",
          "pkg:npm/fo o",
          "pkg:npm/foo?1key=v",
          "pkg:npm/foo?k=v&K=w",
          "pkg:npm/ns%2Fx/name",
          ""
        })
    void rejectsInvalidPurls(String input) {
      assertThat(Purl.parse(input)).isNull();
    }
  }

  @Nested
  class Covers {
    @ParameterizedTest(name = "[{index}] {0} covers {1}: {2} ({3})")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            # general (statement)                 | specific (query)                                 | match | rule
            pkg:apk/wolfi/curl@8.1.2-r0            | pkg:apk/wolfi/curl@8.1.2-r0                      | true  | identical
            pkg:apk/wolfi/curl@8.1.2-r0            | pkg:deb/wolfi/curl@8.1.2-r0                      | false | type differs
            pkg:apk/wolfi/curl@8.1.2-r0            | pkg:apk/alpine/curl@8.1.2-r0                     | false | namespace differs
            pkg:apk/wolfi/curl@8.1.2-r0            | pkg:apk/wolfi/wget@8.1.2-r0                      | false | name differs
            pkg:apk/wolfi/curl@8.1.2-r0            | pkg:apk/wolfi/curl@8.1.3-r0                      | false | version differs
            pkg:apk/wolfi/curl                     | pkg:apk/wolfi/curl@8.1.2-r0                      | true  | versionless general matches any version
            pkg:apk/wolfi/curl                     | pkg:apk/wolfi/curl                               | true  | versionless both
            pkg:apk/wolfi/curl@8.1.2-r0            | pkg:apk/wolfi/curl                               | false | versioned general needs a version
            pkg:apk/wolfi/curl@8.1.2-r0            | pkg:apk/wolfi/curl@8.1.2-r0?arch=x86_64          | true  | query has extra qualifier
            pkg:apk/wolfi/curl@8.1.2-r0?arch=x86_64 | pkg:apk/wolfi/curl@8.1.2-r0                     | false | general qualifier missing in query
            pkg:apk/wolfi/curl@8.1.2-r0?arch=x86_64 | pkg:apk/wolfi/curl@8.1.2-r0?arch=aarch64        | false | qualifier value differs
            pkg:apk/wolfi/curl@8.1.2-r0?arch=x86_64 | pkg:apk/wolfi/curl@8.1.2-r0?os=linux&arch=x86_64 | true  | qualifier subset, other order
            pkg:apk/wolfi/curl@8.1.2-r0?ARCH=x86_64 | pkg:apk/wolfi/curl@8.1.2-r0?arch=x86_64         | true  | qualifier keys are case-insensitive
            pkg:apk/wolfi/curl@8.1.2-r0?arch=X86_64 | pkg:apk/wolfi/curl@8.1.2-r0?arch=x86_64         | false | qualifier values are case-sensitive
            pkg:apk/wolfi/curl@8.1.2-r0?arch=      | pkg:apk/wolfi/curl@8.1.2-r0                      | true  | empty qualifier value dropped
            pkg:oci/curl                           | pkg:oci/curl@sha256%3Aabc                        | true  | versionless OCI purl matches a digest
            pkg:oci/curl@sha256%3Aabc              | pkg:oci/curl@sha256:abc                          | true  | percent-encoded digest equals plain
            pkg:oci/curl@sha256:abc                | pkg:oci/curl@sha256%3Aabc                        | true  | plain digest equals percent-encoded
            pkg:oci/curl@sha256:ABC                | pkg:oci/curl@sha256:abc                          | false | versions are case-sensitive
            pkg:APK/Wolfi/Curl@8.1.2-r0            | pkg:apk/wolfi/curl@8.1.2-r0                      | true  | apk type, namespace, name lowercased
            pkg:maven/Org.Foo/Bar@1                | pkg:maven/org.foo/bar@1                          | false | maven keeps case
            pkg:pypi/Django_Foo@1                  | pkg:pypi/django-foo@1                            | true  | pypi name lowercased, _ to -
            pkg:npm/left-pad@1.0.0#lib             | pkg:npm/left-pad@1.0.0#other                     | true  | subpath ignored
            pkg:npm/left-pad@1.0.0                 | pkg:npm/left-pad@1.0.0#lib                       | true  | subpath ignored in query
            pkg:npm/left-pad@1.0.0                 | pkg:npm/left-pad@1.0.0@                          | false | invalid query
            pkg:maven/bar@1                        | pkg:maven/bar@1                                  | false | invalid general (maven needs a namespace)
            pkg:npm/foo                            | npm/foo                                          | false | not a purl
            """)
    void followsGoVexPurlRule(String general, String specific, boolean match, String rule) {
      assertThat(Matching.purlMatches(general, specific)).as(rule).isEqualTo(match);
    }
  }

  /** The strict splitter must agree with the full syntax wherever it accepts an input. */
  @Nested
  class FastPathAgreesWithFullSyntax {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "pkg:deb/debian/curl@8.1.2?arch=amd64&distro=bookworm",
          "pkg:oci/app@sha256%3Aabcdef?repository_url=ghcr.io/acme/app&tag=v1",
          "pkg:golang/github.com/Foo/Bar@v1.0.0",
          "pkg:pypi/Django_Foo@1.0",
          "pkg:maven/org.apache/commons-io@2.0?type=jar",
          "pkg:npm/a@1?x==",
          "pkg:npm/a@1?x=a=b&y=%41",
          "pkg:npm/a@1?k=&j=v",
          "pkg:Npm/a",
          "pkg:n.p+m-x/a",
          "pkg:npm/a:b@1+2~3",
          "pkg:generic/a/b/c/d@1"
        })
    void onTypicalInputs(String input) {
      Purl fast = Purl.parseFast(input);
      assertThat(fast).as("accepted by the fast path").isNotNull();
      assertThat(fast).isEqualTo(Purl.parseFull(input));
    }

    @Test
    void onRandomInputs() {
      Random random = new Random(20261126L);
      int accepted = 0;
      List<String> disagreements = new ArrayList<>();
      for (int n = 0; n < 100_000; n++) {
        String input = RandomPurlTexts.next(random, 20);
        Purl fast = Purl.parseFast(input);
        if (fast != null) {
          accepted++;
          Purl slow = Purl.parseFull(input);
          if (!fast.equals(slow)) {
            disagreements.add(input + " fast=" + fast + " full=" + slow);
          }
        }
      }
      assertThat(disagreements).isEmpty();
      assertThat(accepted).as("inputs the fast path took").isGreaterThan(2_000);
    }
  }
}
