package dev.waterline.vex.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.VexDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official examples (src/test/resources/third-party, see its README): every CSAF VEX example of
 * oasis-tcs/csaf and the CycloneDX VEX examples of CycloneDX/bom-examples read, validate, and
 * answer what their own text says; the CSAF validator test cases fail exactly the mandatory tests
 * they are written for.
 */
class OfficialExamplesTest {
  static byte[] resource(String name) {
    try (InputStream in = OfficialExamplesTest.class.getResourceAsStream("/third-party/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String status(String file, String product, String vulnerability) {
    VexDocument doc = VexFormats.read(resource(file)).document();
    return doc.effective(product, vulnerability)
        .map(EffectiveStatement::status)
        .map(Object::toString)
        .orElse("none");
  }

  @Nested
  class CsafVexExamples {
    @ParameterizedTest(name = "{0}: {2} in {1} is {3}")
    @CsvSource(
        delimiter = '|',
        value = {
          "csaf/examples/2022-evd-uc-01-a-001.json  | Example Company DEF 1.0  | CVE-2021-44228 | affected",
          "csaf/examples/2022-evd-uc-01-f-001.json  | Example Company DEF 1.1  | CVE-2021-44228 | fixed",
          "csaf/examples/2022-evd-uc-01-na-001.json | Example Company ABC 4.2  | CVE-2021-44228 | not_affected",
          "csaf/examples/2022-evd-uc-01-ui-001.json | Example Company GHI 17.4 | CVE-2021-44228 | under_investigation",
          "csaf/examples/2022-evd-uc-02-na-001.json | Example Company ABC 4.2  | CVE-2020-11914 | not_affected",
          "csaf/examples/2022-evd-uc-03-ms-001.json | Example Company GHI 17.4 | CVE-2020-11896 | under_investigation",
          "csaf/examples/2022-evd-uc-03-ms-001.json | Example Company GHI 17.4 | CVE-2020-11897 | not_affected",
          "csaf/examples/2022-evd-uc-03-ms-001.json | Example Company GHI 17.4 | CVE-2020-11898 | affected",
          "csaf/examples/2022-evd-uc-03-ms-001.json | Example Company GHI 17.4 | CVE-2020-11901 | fixed",
          "csaf/examples/2022-evd-uc-04-001.json    | Example Company ABC 2.4  | CVE-2021-44228 | affected",
          "csaf/examples/2022-evd-uc-05-001.json    | Example Company XYZ all versions | CVE-2021-44228 | under_investigation",
          "csaf/examples/2022-evd-uc-06-001.json    | Example Company ABC 4.2  | CVE-2021-44228 | not_affected",
          "csaf/examples/2022-evd-uc-06-001.json    | Example Company ABC 2.6  | CVE-2021-44228 | affected",
          "csaf/examples/2022-evd-uc-07-001.json    | Example Company JKL 5.1  | CVE-2021-44228 | fixed",
          "csaf/examples/2022-evd-uc-07-001.json    | Example Company ABC 2.5  | CVE-2021-44228 | not_affected",
          "csaf/examples/2022-evd-uc-08-001.json    | Example Company JKL 5.2  | CVE-2021-45105 | fixed",
          "csaf/examples/2022-evd-uc-08-001.json    | Example Company JKL 5.1  | CVE-2021-45105 | affected",
          "csaf/examples/2022-evd-uc-09-001.json    | Example Company PROD_ALPHA | CVE-2021-44228 | not_affected",
          "csaf/examples/2022-evd-uc-09-001.json    | Example Company PROD_BETA  | CVE-2021-45105 | affected",
          "csaf/examples/2022-evd-uc-09-001.json    | Example Company PROD_GAMMA | CVE-2021-45105 | none",
        })
    void answerWhatTheirTextSays(String file, String product, String vuln, String expected) {
      assertThat(status(file, product, vuln)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.vex.formats.OfficialExamplesTest#csafExamples")
    void readAndValidate(String file) {
      ReadResult r = VexFormats.read(resource(file));
      assertThat(r.format()).isEqualTo(VexFormat.CSAF);
      assertThat(r.document().statements()).isNotEmpty();
      assertThat(VexFormats.validate(resource(file)).errors()).isEmpty();
    }
  }

  @Nested
  class CycloneDxVexExamples {
    @ParameterizedTest(name = "{0}: {2} in {1} is {3}")
    @CsvSource(
        delimiter = '|',
        value = {
          "cyclonedx/examples/CISA-Use-Cases_Case-1_vex-affected.json | DEF@1.0 | CVE-2021-44228 | affected",
          "cyclonedx/examples/CISA-Use-Cases_Case-1_vex-fixed.json | DEF@1.1 | CVE-2021-44228 | fixed",
          "cyclonedx/examples/CISA-Use-Cases_Case-1_vex-not_affected.json | ABC@4.2 | CVE-2021-44228 | not_affected",
          "cyclonedx/examples/CISA-Use-Cases_Case-1_vex-under_investigation.json | GHI@17.4 | CVE-2021-44228 | under_investigation",
          "cyclonedx/examples/CISA-Use-Cases_Case-3_vex.json | GHI@17.4 | CVE-2020-11898 | affected",
          "cyclonedx/examples/CISA-Use-Cases_Case-3_vex.json | GHI@17.4 | CVE-2020-11901 | fixed",
          "cyclonedx/examples/CISA-Use-Cases_Case-4_vex.json | ABC@2.6 | CVE-2021-44228 | affected",
          "cyclonedx/examples/CISA-Use-Cases_Case-6_vex.json | ABC@2.5 | CVE-2021-44228 | not_affected",
          "cyclonedx/examples/CISA-Use-Cases_Case-7_vex.json | urn:cdx:e4c3eedc-4978-470c-ad02-6ffff63738ff/1#product-JKL@5.1 | CVE-2021-44228 | fixed",
          "cyclonedx/examples/vex.json | pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar | CVE-2020-25649 | not_affected",
          "cyclonedx/examples/Use-Cases_Case-13_vex.json | urn:cdx:240b5b0b-917d-4f48-816c-97e1944d8079/1#acme-product-3 | CVE-2020-25649 | affected",
          "cyclonedx/examples/Use-Cases_Case-13_vex.json | urn:cdx:2c385cf7-e1ee-46e9-a51c-13de1ecb380a/1#acme-product-1 | CVE-2020-25649 | not_affected",
        })
    void answerWhatTheirTextSays(String file, String product, String vuln, String expected) {
      assertThat(status(file, product, vuln)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.vex.formats.OfficialExamplesTest#cycloneDxExamples")
    void readAndValidate(String file) {
      ReadResult r = VexFormats.read(resource(file));
      assertThat(r.format()).isEqualTo(VexFormat.CYCLONEDX);
      assertThat(VexFormats.validate(resource(file)).errors()).isEmpty();
    }
  }

  @Nested
  class CsafValidatorTestCases {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.vex.formats.OfficialExamplesTest#validatorCases")
    void failExactlyTheTestTheyAreWrittenFor(String file) {
      Matcher m = CASE.matcher(file);
      assertThat(m.matches()).isTrue();
      String test =
          Stream.of(m.group(1).split("-"))
              .map(s -> Integer.toString(Integer.parseInt(s)))
              .collect(Collectors.joining("."));
      boolean failing = Integer.parseInt(m.group(2)) < 11;
      List<ValidationFinding> findings =
          VexFormats.validate(resource("csaf/validator/" + file), VexFormat.CSAF).findings();
      List<String> tagged =
          findings.stream()
              .map(ValidationFinding::toString)
              .filter(f -> f.endsWith("(CSAF 6.1." + test + ")"))
              .collect(Collectors.toList());
      if (failing) {
        assertThat(tagged).as("findings of test 6.1.%s in %s", test, findings).isNotEmpty();
      } else {
        assertThat(tagged).as("findings of test 6.1.%s", test).isEmpty();
      }
    }
  }

  static final Pattern CASE =
      Pattern.compile("oasis_csaf_tc-csaf_2_0-2021-6-1-([0-9-]+)-([0-9]{2})\\.json");

  static Stream<String> files(String dir) throws IOException, URISyntaxException {
    Path p =
        Path.of(
            Objects.requireNonNull(OfficialExamplesTest.class.getResource("/third-party/" + dir))
                .toURI());
    try (Stream<Path> s = Files.list(p)) {
      return s
          .map(x -> x.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .collect(Collectors.toList())
          .stream();
    }
  }

  static Stream<String> csafExamples() throws Exception {
    return files("csaf/examples").map(f -> "csaf/examples/" + f);
  }

  static Stream<String> cycloneDxExamples() throws Exception {
    return files("cyclonedx/examples").map(f -> "cyclonedx/examples/" + f);
  }

  static Stream<String> validatorCases() throws Exception {
    return files("csaf/validator");
  }
}
