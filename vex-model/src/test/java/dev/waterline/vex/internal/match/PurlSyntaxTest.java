package dev.waterline.vex.internal.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.packageurl.PackageURL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PurlSyntaxTest {

  @Nested
  class Splitting {
    @Test
    void everyPartIsSplitAndPercentDecodedAsUtf8() throws Exception {
      PurlSyntax.Parts p =
          PurlSyntax.parse(
              "pkg:NPM/%40angular/core%C3%A9@1.0.0%2Brc?Arch=x%2F86&empty=&k=a=b#/lib/./x%20y/");

      assertThat(p.type()).isEqualTo("npm");
      assertThat(p.namespace()).isEqualTo("@angular");
      assertThat(p.name()).isEqualTo("coreé");
      assertThat(p.version()).isEqualTo("1.0.0+rc");
      assertThat(p.qualifierKeys()).containsExactly("arch", "k");
      assertThat(p.qualifierValues()).containsExactly("x/86", "a=b");
      assertThat(p.subpath()).isEqualTo("lib/x y");
    }

    @Test
    void leadingSlashesAndEmptyNamespaceSegmentsAreNotSignificant() throws Exception {
      PurlSyntax.Parts p = PurlSyntax.parse("pkg://maven//org.apache//commons-io@2/");

      assertThat(p.namespace()).isEqualTo("org.apache");
      assertThat(p.name()).isEqualTo("commons-io");
      assertThat(p.version()).isEqualTo("2");
    }
  }

  @Nested
  class Rejection {
    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(
        delimiter = '|',
        textBlock =
            """
            ''                          | a purl cannot be empty
            npm/foo                     | a purl starts with the scheme 'pkg:'
            pkg:npm/foo bar             | a purl holds no spaces or control characters (percent-encode them); found a space at offset 11
            pkg:npm                     | a purl needs a name after its type
            pkg:1npm/foo                | the type '1npm' starts with a digit
            pkg:n_pm/foo                | the type 'n_pm' may hold only letters, digits, '.', '+' and '-'
            pkg:npm/@1.0                | a purl needs a name
            pkg:maven/commons-io@2      | a maven purl needs a namespace (the group id)
            pkg:npm/a#b#c               | a purl has at most one '#' (percent-encode the others)
            pkg:npm/a?b=1?c=2           | a purl has at most one '?' (percent-encode the others)
            pkg:npm/a@b@1               | an '@' in the namespace or name must be percent-encoded (%40): 'a@b'
            pkg:npm/a?arch              | the qualifier 'arch' is not key=value
            pkg:npm/a?1a=b              | the qualifier key '1a' starts with a digit
            pkg:npm/a?a$=b              | the qualifier key 'a$' may hold only letters, digits, '.', '-' and '_'
            pkg:npm/a?a=1&A=2           | the qualifier key 'a' is repeated
            pkg:npm/a@1%zz              | the version has a '%' not followed by two hexadecimal digits: '1%zz'
            pkg:npm/a%FF                | the name decodes to bytes that are not UTF-8: 'a%FF'
            pkg:npm/a%2Fb/c             | a namespace segment cannot hold an encoded '/': 'a%2Fb'
            """)
    void saysWhyTheTextIsNotAPurl(String text, String message) {
      assertThatThrownBy(() -> PurlSyntax.parse(text))
          .isInstanceOf(PurlSyntax.PurlSyntaxException.class)
          .hasMessage(message);
    }
  }

  /**
   * packageurl-java 1.5.0, an independent implementation, parses the same parts wherever both
   * accept. Where the verdicts differ it is by design: we follow the specification (UTF-8 decoding,
   * at most one '#' and '?', an '@' in a name encoded, every qualifier key=value), and
   * packageurl-java rejects some inputs java.net.URI will not take.
   */
  @Nested
  class AgreesWithPackageurlJava {
    @ParameterizedTest(name = "{0}")
    @ValueSource(
        strings = {
          "pkg:deb/debian/curl@8.1.2?arch=amd64&distro=bookworm",
          "pkg:oci/app@sha256%3Aabcdef?repository_url=ghcr.io/acme/app&tag=v1",
          "pkg:golang/github.com/Foo/Bar@v1.0.0#sub/dir",
          "pkg:npm/%40angular/core@16.0.0",
          "pkg:pypi/Django_Foo@1.0",
          "pkg:maven/org.apache/commons-io@2.0?type=jar&classifier=sources",
          "pkg:generic/openssl@3.0.13?download_url=https://openssl.org/source/openssl-3.0.13.tar.gz",
          "pkg:npm/caf%C3%A9@1",
          "pkg:Npm/a"
        })
    void onTypicalInputs(String input) {
      Purl ours = Purl.parseFull(input);
      assertThat(ours).as("accepted by PurlSyntax").isNotNull();
      assertThat(ours).isEqualTo(library(input));
    }

    @Test
    void onRandomInputsWhereBothAccept() {
      Random random = new Random(20261205L);
      int both = 0;
      List<String> disagreements = new ArrayList<>();
      for (int n = 0; n < 100_000; n++) {
        String input = RandomPurlTexts.next(random, 0);
        // packageurl-java 1.5.0 keeps an empty namespace segment as a '/' in the name; the
        // specification drops it, as we do.
        if (input.substring(4).contains("//")) {
          continue;
        }
        Purl ours = Purl.parseFull(input);
        Purl theirs = library(input);
        if (ours != null && theirs != null) {
          both++;
          if (!ours.equals(theirs)) {
            disagreements.add(input + " ours=" + ours + " packageurl-java=" + theirs);
          }
        }
      }
      assertThat(disagreements).isEmpty();
      assertThat(both).as("inputs both accepted").isGreaterThan(10_000);
    }
  }

  /**
   * packageurl-java's parse, normalised as ours is; null when it refuses the text, or when its
   * one-char-per-byte decoding (see {@link #utf8}) cannot be undone: raw non-ASCII next to escapes,
   * or escaped UTF-8 it has already lowercased byte by byte.
   */
  static @Nullable Purl library(String text) {
    boolean ascii = text.chars().allMatch(c -> c < 0x80);
    if (!ascii && text.indexOf('%') >= 0) {
      return null;
    }
    PackageURL p;
    try {
      p = new PackageURL(text);
    } catch (Exception e) {
      return null;
    }
    if (p.getName() == null || p.getName().isEmpty()) {
      return null;
    }
    Map<String, String> qualifiers = new TreeMap<>();
    if (p.getQualifiers() != null) {
      p.getQualifiers().forEach((k, v) -> qualifiers.put(k, ascii ? utf8(v) : v));
    }
    Purl purl =
        Purl.ofParts(
            p.getType(),
            p.getNamespace() == null ? null : ascii ? utf8(p.getNamespace()) : p.getNamespace(),
            ascii ? utf8(p.getName()) : p.getName(),
            p.getVersion() == null ? null : ascii ? utf8(p.getVersion()) : p.getVersion(),
            qualifiers,
            text);
    return purl.toString().indexOf('\uFFFD') >= 0 ? null : purl;
  }

  /** packageurl-java 1.5.0 decodes each escaped byte to one char (ISO-8859-1): re-read as UTF-8. */
  private static String utf8(String decoded) {
    for (int i = 0; i < decoded.length(); i++) {
      if (decoded.charAt(i) > 0xff) {
        return decoded;
      }
    }
    return new String(decoded.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }
}
