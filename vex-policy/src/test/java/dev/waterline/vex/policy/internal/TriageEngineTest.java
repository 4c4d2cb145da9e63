package dev.waterline.vex.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.Reason;
import dev.waterline.vex.policy.Severity;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.policy.internal.TriageEngine.Outcome;
import dev.waterline.vex.policy.internal.TriageEngine.Side;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.Subject;
import dev.waterline.vex.sign.VerificationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TriageEngineTest {
  static final String IMAGE = "ghcr.io/acme/app@sha256:" + "ab".repeat(32);
  static final String PURL = "pkg:deb/debian/openssl@3.0.1?arch=amd64&distro=debian-12";
  static final String CVE = "CVE-2024-0001";
  static final Instant SCAN = Instant.parse("2026-06-01T00:00:00Z");
  static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
  static final String VENDOR = Policy.DOCKER_HARDENED_IMAGES;

  static VexDocument doc(String author, Instant time, Statement.Builder... statements) {
    VexDocument.Builder b = Vex.document(author).timestamp(time);
    for (Statement.Builder s : statements) {
      b.statement(s);
    }
    return b.buildLenient(); // fixtures stand for documents read from elsewhere
  }

  static TriageEngine engine(
      Policy policy, Set<String> kev, Map<String, Double> epss, VexSource... vex) {
    return new TriageEngine(policy, List.of(vex), SCAN, kev::contains, epss::get, List.of(IMAGE));
  }

  static TriageEngine engine(VexSource... vex) {
    return engine(Policy.defaults(), Set.of(), Map.of(), vex);
  }

  static Outcome decide(TriageEngine e, Severity s, Side side) {
    return e.decide(List.of(CVE), PURL, s, side);
  }

  static List<String> rules(List<Reason> reasons) {
    List<String> r = new ArrayList<>();
    reasons.forEach(x -> r.add(x.rule()));
    return r;
  }

  @Nested
  class Severities {
    @Test
    void criticalAndHighAreRemediated() {
      for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH)) {
        Outcome o = decide(engine(), s, Side.ABOVE);
        assertThat(o.decision).isEqualTo(Decision.REMEDIATE);
        assertThat(o.reasons.get(0).message())
            .isEqualTo("severity " + PolicyJson.key(s) + ": policy says remediate");
      }
    }

    @Test
    void mediumAndBelowAreAcceptedWithAReviewDateAfterTheScan() {
      for (Severity s :
          List.of(Severity.MEDIUM, Severity.LOW, Severity.NEGLIGIBLE, Severity.UNKNOWN)) {
        Outcome o = decide(engine(), s, Side.ABOVE);
        assertThat(o.decision).isEqualTo(Decision.ACCEPTED);
        assertThat(o.reviewBy).isEqualTo(Instant.parse("2026-08-30T00:00:00Z"));
      }
    }

    @Test
    void reviewIntervalComesFromThePolicy() {
      Policy p = Policy.builder().reviewIntervalDays(30).build();
      Outcome o = decide(engine(p, Set.of(), Map.of()), Severity.LOW, Side.ABOVE);
      assertThat(o.reviewBy).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
    }

    @Test
    void unknownOriginCountsAsAboveAndIsNoted() {
      Outcome o = decide(engine(), Severity.HIGH, Side.UNKNOWN);
      assertThat(o.decision).isEqualTo(Decision.REMEDIATE);
      assertThat(rules(o.notes)).containsExactly("waterline");
    }
  }

  @Nested
  class Kev {
    @Test
    void kevIsNeverAcceptedOnSeverityAlone() {
      for (Severity s : Severity.values()) {
        Outcome o = decide(engine(Policy.defaults(), Set.of(CVE), Map.of()), s, Side.ABOVE);
        assertThat(o.decision).as(s.toString()).isEqualTo(Decision.REMEDIATE);
        assertThat(o.kev).isTrue();
        assertThat(rules(o.reasons)).containsExactly("kev");
      }
    }

    @Test
    void kevIsFoundThroughAnAlias() {
      TriageEngine e = engine(Policy.defaults(), Set.of(CVE), Map.of());
      Outcome o = e.decide(List.of("GHSA-cfh5-3ghh-wfjx", CVE), PURL, Severity.LOW, Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.REMEDIATE);
    }

    @Test
    void kevBelowTheWaterlineMeansPullAPatchedBaseImage() {
      Outcome o =
          decide(engine(Policy.defaults(), Set.of(CVE), Map.of()), Severity.LOW, Side.BELOW);
      assertThat(o.decision).isEqualTo(Decision.REMEDIATE);
      assertThat(o.reasons.get(0).message())
          .isEqualTo(
              CVE
                  + " is in the CISA KEV catalog and lies below the waterline: pull a patched base"
                  + " image");
    }

    @Test
    void aDocumentedNotAffectedStillDecidesWithKevAmongTheReasons() {
      VexDocument d =
          doc(
              "Acme",
              T0,
              Vex.notAffected(CVE, IMAGE).justification(Justification.COMPONENT_NOT_PRESENT));
      Outcome o =
          decide(
              engine(Policy.defaults(), Set.of(CVE), Map.of(), VexSource.of(d, "a.json")),
              Severity.CRITICAL,
              Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.NOT_AFFECTED);
      assertThat(rules(o.reasons)).containsExactly("vex", "kev");
    }

    @Test
    void withKevNotAlwaysInScopeSeverityDecides() {
      Policy p = Policy.builder().kevAlwaysInScope(false).build();
      Outcome o = decide(engine(p, Set.of(CVE), Map.of()), Severity.LOW, Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.ACCEPTED);
    }
  }

  @Nested
  class Epss {
    @Test
    void scoreAtTheThresholdBringsAnAcceptedFindingInScope() {
      Policy p = Policy.builder().epssThreshold(0.5).build();
      assertThat(decide(engine(p, Set.of(), Map.of(CVE, 0.5)), Severity.LOW, Side.ABOVE).decision)
          .isEqualTo(Decision.REMEDIATE);
      assertThat(decide(engine(p, Set.of(), Map.of(CVE, 0.49)), Severity.LOW, Side.ABOVE).decision)
          .isEqualTo(Decision.ACCEPTED);
    }

    @Test
    void withoutAThresholdEpssIsOnlyRecorded() {
      Outcome o =
          decide(engine(Policy.defaults(), Set.of(), Map.of(CVE, 0.99)), Severity.LOW, Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.ACCEPTED);
      assertThat(o.epss).isEqualTo(0.99);
    }
  }

  @Nested
  class OwnVex {
    @Test
    void notAffectedAboutTheImageWithThePackageAsSubcomponent() {
      VexDocument d =
          doc(
              "Acme",
              T0,
              Vex.notAffected(CVE, IMAGE)
                  .subcomponent("pkg:deb/debian/openssl")
                  .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH));
      Outcome o = decide(engine(VexSource.of(d, "a.json")), Severity.CRITICAL, Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.NOT_AFFECTED);
      Reason r = o.reasons.get(0);
      assertThat(r.message())
          .isEqualTo("our VEX says not_affected (vulnerable_code_not_in_execute_path)");
      assertThat(r.evidence().orElseThrow().author()).isEqualTo("Acme");
      assertThat(r.evidence().orElseThrow().origin()).isEqualTo("a.json");
      assertThat(r.evidence().orElseThrow().documentId()).isEqualTo(d.id());
      assertThat(r.evidence().orElseThrow().time()).contains(T0);
      assertThat(r.evidence().orElseThrow().trust()).isEqualTo("unsigned");
    }

    @Test
    void aStatementAboutAnotherSubcomponentDoesNotMatch() {
      VexDocument d =
          doc(
              "Acme",
              T0,
              Vex.notAffected(CVE, IMAGE)
                  .subcomponent("pkg:deb/debian/zlib")
                  .justification(Justification.COMPONENT_NOT_PRESENT));
      assertThat(decide(engine(VexSource.of(d, "a")), Severity.HIGH, Side.ABOVE).decision)
          .isEqualTo(Decision.REMEDIATE);
    }

    @Test
    void fixedAboutThePackagePurlMatchesByPurlRules() {
      VexDocument d = doc("Acme", T0, Vex.fixed(CVE, "pkg:deb/debian/openssl"));
      assertThat(decide(engine(VexSource.of(d, "a")), Severity.HIGH, Side.ABOVE).decision)
          .isEqualTo(Decision.FIXED);
    }

    @Test
    void matchesTheVulnerabilityByAStatementAlias() {
      VexDocument d = doc("Acme", T0, Vex.fixed("GHSA-cfh5-3ghh-wfjx", IMAGE).aliases(CVE));
      assertThat(decide(engine(VexSource.of(d, "a")), Severity.HIGH, Side.ABOVE).decision)
          .isEqualTo(Decision.FIXED);
    }

    @Test
    void theLatestStatementWinsWhateverTheDocumentOrder() {
      VexDocument newer = doc("Acme", T0.plusSeconds(60), Vex.underInvestigation(CVE, IMAGE));
      VexDocument older = doc("Acme", T0, Vex.fixed(CVE, IMAGE));
      Outcome o =
          decide(
              engine(VexSource.of(newer, "n"), VexSource.of(older, "o")),
              Severity.HIGH,
              Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.REMEDIATE);
      assertThat(rules(o.notes)).containsExactly("under_investigation");
      Outcome reversed =
          decide(
              engine(VexSource.of(older, "o"), VexSource.of(newer, "n")),
              Severity.HIGH,
              Side.ABOVE);
      assertThat(reversed.decision).isEqualTo(Decision.REMEDIATE);
    }

    @Test
    void underInvestigationDecidesNothingAndIsNoted() {
      VexDocument d = doc("Acme", T0, Vex.underInvestigation(CVE, IMAGE));
      Outcome o = decide(engine(VexSource.of(d, "a")), Severity.LOW, Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.ACCEPTED);
      assertThat(rules(o.notes)).containsExactly("under_investigation");
    }

    @Test
    void ownVexAppliesBelowTheWaterlineToo() {
      VexDocument d = doc("Acme", T0, Vex.fixed(CVE, IMAGE));
      assertThat(decide(engine(VexSource.of(d, "a")), Severity.HIGH, Side.BELOW).decision)
          .isEqualTo(Decision.FIXED);
    }
  }

  @Nested
  class Exceptions {
    @Test
    void affectedWithAnActionStatementIsAnExceptionUntilItExpires() {
      VexDocument d = doc("Acme", T0, Vex.affected(CVE, IMAGE, "upgrade in the next sprint"));
      Outcome o = decide(engine(VexSource.of(d, "a")), Severity.CRITICAL, Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.EXCEPTION);
      assertThat(o.expires).isEqualTo(Instant.parse("2026-07-30T00:00:00Z"));
      assertThat(o.reasons.get(0).evidence().orElseThrow().actionStatement())
          .contains("upgrade in the next sprint");
    }

    @Test
    void theActionStatementTimestampStartsTheClock() {
      VexDocument d =
          doc(
              "Acme",
              T0,
              Vex.affected(CVE, IMAGE, "upgrade")
                  .actionStatementTimestamp(Instant.parse("2026-01-01T00:00:00Z")));
      Outcome o = decide(engine(VexSource.of(d, "a")), Severity.HIGH, Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.REMEDIATE);
      assertThat(o.notes.get(0).message())
          .isEqualTo(
              "the exception expired 2026-04-01T00:00:00Z (90 days after 2026-01-01T00:00:00Z):"
                  + " back in scope");
    }

    @Test
    void exceptionAgeComesFromThePolicy() {
      VexDocument d = doc("Acme", T0, Vex.affected(CVE, IMAGE, "upgrade"));
      Policy p = Policy.builder().exceptionMaxAgeDays(30).build();
      Outcome o =
          decide(engine(p, Set.of(), Map.of(), VexSource.of(d, "a")), Severity.HIGH, Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.REMEDIATE);
      assertThat(rules(o.notes)).containsExactly("exception_expired");
    }

    @Test
    void anExpiredExceptionPutsTheFindingBackUnderTheSeverityRules() {
      VexDocument d = doc("Acme", T0, Vex.affected(CVE, IMAGE, "upgrade"));
      Policy p = Policy.builder().exceptionMaxAgeDays(30).build();
      Outcome o =
          decide(engine(p, Set.of(), Map.of(), VexSource.of(d, "a")), Severity.MEDIUM, Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.ACCEPTED);
      assertThat(rules(o.notes)).containsExactly("exception_expired");
    }

    @Test
    void affectedWithoutAnActionIsNoException() {
      VexDocument d = doc("Acme", T0, Vex.statement(CVE, IMAGE, dev.waterline.vex.Status.AFFECTED));
      Outcome o = decide(engine(VexSource.of(d, "a")), Severity.HIGH, Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.REMEDIATE);
      assertThat(rules(o.notes)).containsExactly("affected_without_action");
    }
  }

  @Nested
  class VendorVex {
    VexDocument vendorDoc() {
      return doc(
          VENDOR,
          T0,
          Vex.notAffected(CVE, "pkg:deb/debian/openssl")
              .justification(Justification.VULNERABLE_CODE_NOT_PRESENT));
    }

    @Test
    void countsBelowTheWaterline() {
      VexSource s = VexSource.of(vendorDoc(), "dhi.json").acceptedUnsigned("signed out of band");
      Outcome o = decide(engine(s), Severity.CRITICAL, Side.BELOW);
      assertThat(o.decision).isEqualTo(Decision.NOT_AFFECTED);
      assertThat(o.reasons.get(0).message())
          .isEqualTo("vendor VEX says not_affected (vulnerable_code_not_present)");
      assertThat(o.reasons.get(0).evidence().orElseThrow().trust())
          .isEqualTo("unsigned, accepted because: signed out of band");
      assertThat(o.reasons.get(0).evidence().orElseThrow().owner()).isEqualTo("vendor");
    }

    @Test
    void isIgnoredAboveTheWaterlineAndNoted() {
      VexSource s = signed(vendorDoc(), "dhi.json", "dhi@docker.com");
      Outcome o = decide(engine(s), Severity.CRITICAL, Side.ABOVE);
      assertThat(o.decision).isEqualTo(Decision.REMEDIATE);
      assertThat(rules(o.notes)).containsExactly("vendor_vex_above_waterline");
      Outcome unknown = decide(engine(s), Severity.CRITICAL, Side.UNKNOWN);
      assertThat(unknown.decision).isEqualTo(Decision.REMEDIATE);
    }

    @Test
    void isIgnoredWhenUnsignedAndNotAccepted() {
      Outcome o =
          decide(engine(VexSource.of(vendorDoc(), "dhi.json")), Severity.CRITICAL, Side.BELOW);
      assertThat(o.decision).isEqualTo(Decision.VENDOR);
      assertThat(rules(o.notes)).containsExactly("vendor_vex_untrusted");
    }

    @Test
    void belowTheWaterlineWithoutVendorVexIsTheVendors() {
      Outcome o = decide(engine(), Severity.CRITICAL, Side.BELOW);
      assertThat(o.decision).isEqualTo(Decision.VENDOR);
      assertThat(rules(o.reasons)).containsExactly("waterline");
    }

    @Test
    void aSignerListedInThePolicyMakesADocumentTheVendors() {
      Policy p =
          Policy.builder().vendors(List.of(Policy.Vendor.signer("psirt@vendor.example"))).build();
      VexDocument d = doc("Someone", T0, Vex.fixed(CVE, IMAGE));
      VexSource s = signed(d, "v.json", "psirt@vendor.example");
      assertThat(decide(engine(p, Set.of(), Map.of(), s), Severity.HIGH, Side.ABOVE).decision)
          .isEqualTo(Decision.REMEDIATE);
      assertThat(decide(engine(p, Set.of(), Map.of(), s), Severity.HIGH, Side.BELOW).decision)
          .isEqualTo(Decision.FIXED);
      assertThat(
              decide(engine(p, Set.of(), Map.of(), s.asOwn()), Severity.HIGH, Side.ABOVE).decision)
          .isEqualTo(Decision.FIXED);
    }

    @Test
    void vendorAffectedBelowTheWaterlineIsTheVendorsNotAnException() {
      VexDocument d =
          doc(VENDOR, T0, Vex.affected(CVE, "pkg:deb/debian/openssl", "update to 3.0.2"));
      Outcome o = decide(engine(signed(d, "dhi.json", "k")), Severity.HIGH, Side.BELOW);
      assertThat(o.decision).isEqualTo(Decision.VENDOR);
      assertThat(o.notes.get(0).message())
          .isEqualTo("vendor VEX says affected, action: \"update to 3.0.2\": the vendor's to fix");
      Outcome kev =
          decide(
              engine(Policy.defaults(), Set.of(CVE), Map.of(), signed(d, "dhi.json", "k")),
              Severity.LOW,
              Side.BELOW);
      assertThat(kev.decision).isEqualTo(Decision.REMEDIATE);
    }

    @Test
    void ownVexLaterThanVendorVexWinsBelowTheWaterline() {
      VexSource vendor = signed(vendorDoc(), "dhi.json", "k");
      VexDocument own = doc("Acme", T0.plusSeconds(1), Vex.affected(CVE, IMAGE, "rebuild"));
      Outcome o = decide(engine(vendor, VexSource.of(own, "a")), Severity.HIGH, Side.BELOW);
      assertThat(o.decision).isEqualTo(Decision.EXCEPTION);
    }
  }

  /** A source signed by {@code signer}, as a verification that succeeded gives it. */
  private static VexSource signed(VexDocument doc, String origin, String signer) {
    InTotoStatement statement = InTotoStatement.of(doc, Subject.of("app", "a".repeat(64)));
    return VexSource.verified(VerificationResult.verified(signer, statement), origin);
  }
}
