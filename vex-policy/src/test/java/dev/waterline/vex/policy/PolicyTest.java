package dev.waterline.vex.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.waterline.vex.VexException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PolicyTest {
  @Nested
  class Defaults {
    @Test
    void areTheArticles() {
      Policy p = Policy.defaults();
      assertThat(p.rule(Severity.CRITICAL)).isEqualTo(Policy.Rule.REMEDIATE);
      assertThat(p.rule(Severity.HIGH)).isEqualTo(Policy.Rule.REMEDIATE);
      for (Severity s :
          List.of(Severity.MEDIUM, Severity.LOW, Severity.NEGLIGIBLE, Severity.UNKNOWN)) {
        assertThat(p.rule(s)).isEqualTo(Policy.Rule.ACCEPT);
      }
      assertThat(p.exceptionMaxAgeDays()).isEqualTo(90);
      assertThat(p.reviewIntervalDays()).isEqualTo(90);
      assertThat(p.kevAlwaysInScope()).isTrue();
      assertThat(p.epssThreshold()).isEmpty();
      assertThat(p.vendors()).containsExactly(Policy.Vendor.author(Policy.DOCKER_HARDENED_IMAGES));
    }

    @Test
    void printMeaningfully() {
      assertThat(Policy.defaults().toString())
          .isEqualTo(
              "Policy[critical=remediate, high=remediate, medium=accept, low=accept,"
                  + " negligible=accept, unknown=accept, exceptions 90d, reviews 90d, kev always in"
                  + " scope, 1 vendor]");
    }
  }

  @Nested
  class Files {
    @Test
    void anEmptyObjectIsTheDefaults() {
      assertThat(Policy.parse("{}")).isEqualTo(Policy.defaults());
    }

    @Test
    void roundTripsEveryField() {
      Policy p =
          Policy.builder()
              .rule(Severity.MEDIUM, Policy.Rule.REMEDIATE)
              .exceptionMaxAgeDays(30)
              .reviewIntervalDays(14)
              .kevAlwaysInScope(false)
              .epssThreshold(0.2)
              .vendor(
                  Policy.Vendor.signer("https://github.com/acme/.github/workflows/vex.yml@main"))
              .build();
      assertThat(Policy.parse(p.toJson())).isEqualTo(p);
    }

    @Test
    void readsASmallFile() {
      Policy p =
          Policy.parse(
              "{\"severities\":{\"medium\":\"remediate\"},\"epss_threshold\":0.1,"
                  + "\"vendors\":[{\"author\":\"Chainguard\"}]}");
      assertThat(p.rule(Severity.MEDIUM)).isEqualTo(Policy.Rule.REMEDIATE);
      assertThat(p.rule(Severity.LOW)).isEqualTo(Policy.Rule.ACCEPT);
      assertThat(p.epssThreshold()).hasValue(0.1);
      assertThat(p.vendors()).containsExactly(Policy.Vendor.author("Chainguard"));
    }

    @Test
    void rejectsAnUnknownRuleWithItsPointer() {
      assertThatThrownBy(() -> Policy.parse("{\"severities\":{\"high\":\"ignore\"}}"))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "invalid policy policy at /severities/high: expected \"remediate\" or \"accept\" but"
                  + " was \"ignore\"");
    }

    @Test
    void rejectsUnknownFields() {
      assertThatThrownBy(() -> Policy.parse("{\"kev\":{\"always\":true}}"))
          .hasMessage(
              "invalid policy policy at /kev/always: unknown field; expected always_in_scope");
    }

    @Test
    void rejectsAVendorWithBothAuthorAndSigner() {
      assertThatThrownBy(() -> Policy.parse("{\"vendors\":[{\"author\":\"a\",\"signer\":\"b\"}]}"))
          .hasMessage(
              "invalid policy policy at /vendors/0: expected an object with exactly one of"
                  + " \"author\" or \"signer\"");
    }

    @Test
    void rejectsZeroDays() {
      assertThatThrownBy(() -> Policy.parse("{\"review_interval_days\":0}"))
          .hasMessage(
              "invalid policy policy at /review_interval_days: expected a whole number of days from"
                  + " 1 to 36500 but was 0");
    }

    @Test
    void rejectsTextThatIsNotJson() {
      assertThatThrownBy(() -> Policy.parse("{"))
          .isInstanceOf(VexException.class)
          .hasMessage(
              "could not read policy policy: not valid JSON at / (line 1, column 2): unexpected end"
                  + " of input: the JSON is truncated");
    }
  }

  @Nested
  class Schema_ {
    Schema schema() throws IOException {
      try (InputStream in = Policy.class.getResourceAsStream(Policy.SCHEMA_RESOURCE)) {
        assertThat(in).isNotNull();
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(in, InputFormat.JSON);
      }
    }

    @Test
    void acceptsWhatWeWrite() throws IOException {
      Policy p = Policy.builder().epssThreshold(0.3).vendor(Policy.Vendor.signer("k")).build();
      List<Error> errors = schema().validate(p.toJson(), InputFormat.JSON);
      assertThat(errors).isEmpty();
    }

    @Test
    void rejectsWhatTheReaderRejects() throws IOException {
      assertThat(schema().validate("{\"severities\":{\"high\":\"ignore\"}}", InputFormat.JSON))
          .isNotEmpty();
      assertThat(schema().validate("{\"vendors\":[{}]}", InputFormat.JSON)).isNotEmpty();
      assertThat(schema().validate("{\"extra\":1}", InputFormat.JSON)).isNotEmpty();
    }
  }

  @Nested
  class Vendors {
    static final String SAN =
        "https://github.com/acme/vex/.github/workflows/release.yml@refs/heads/main";
    final Policy.Vendor vendor = Policy.Vendor.signer(SAN);

    @Test
    void aSignerCoversTheSameSignerAndAKeylessCertificateForItsSan() {
      assertThat(vendor.covers("anyone", SAN)).isTrue();
      assertThat(
              vendor.covers(
                  "anyone", "certificate identity " + SAN + " issuer https://iss.example"))
          .isTrue();
    }

    @Test
    void aSignerDoesNotCoverAnotherSanOrASanThatOnlyStartsLikeIt() {
      assertThat(vendor.covers("anyone", null)).isFalse();
      assertThat(vendor.covers("anyone", "certificate identity https://evil issuer https://i"))
          .isFalse();
      assertThat(vendor.covers("anyone", "certificate identity " + SAN + "x issuer https://i"))
          .isFalse();
      // A SAN of "<ours> issuer https://x" signed under another issuer is not ours.
      assertThat(
              vendor.covers(
                  "anyone",
                  "certificate identity " + SAN + " issuer https://x issuer https://evil.example"))
          .isFalse();
    }

    @Test
    void anAuthorCoversOnlyThatAuthor() {
      Policy.Vendor dhi = Policy.Vendor.author(Policy.DOCKER_HARDENED_IMAGES);
      assertThat(dhi.covers(Policy.DOCKER_HARDENED_IMAGES, null)).isTrue();
      assertThat(dhi.covers("Acme", Policy.DOCKER_HARDENED_IMAGES)).isFalse();
    }
  }
}
