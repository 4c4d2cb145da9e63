package dev.waterline.vex.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.Severity;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.policy.internal.TriageEngine.Outcome;
import dev.waterline.vex.policy.internal.TriageEngine.Side;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Docker Hardened Images' VEX samples (in the shared data) apply below the waterline only: every
 * {@code not_affected} statement about a package decides a critical finding of that package below
 * the waterline, and none decides one above it or of unknown origin.
 */
class HardenedImagesVexTest {
  static final String IMAGE = "ghcr.io/acme/app@sha256:" + "ab".repeat(32);
  static final Instant SCAN = Instant.parse("2026-06-01T00:00:00Z");

  static Path sample(String name) {
    String dir = System.getProperty("waterline.shared", "");
    Path p = Path.of(dir, "scanners", "examples", "vex", name);
    assumeTrue(
        !dir.isEmpty() && Files.isRegularFile(p),
        "shared data not found (system property waterline.shared): skipping DHI VEX samples");
    return p;
  }

  /** A scanner's purl for a DHI product purl: a version when it has none, scanner qualifiers. */
  static String scannedPurl(String product) {
    String base = product.contains("?") ? product.substring(0, product.indexOf('?')) : product;
    String query = product.contains("?") ? product.substring(product.indexOf('?') + 1) : "";
    if (!base.substring(base.lastIndexOf('/')).contains("@")) {
      base = base + "@1.0.0-1";
    }
    return base + "?" + (query.isEmpty() ? "" : query + "&") + "arch=amd64";
  }

  @ParameterizedTest
  @ValueSource(strings = {"dhi-bash.vex.json", "dhi-alpine-base.vex.json"})
  void vendorVexDecidesBelowTheWaterlineOnly(String name) {
    VexDocument doc = VexDocument.read(sample(name));
    assertThat(doc.author()).isEqualTo(Policy.DOCKER_HARDENED_IMAGES);
    VexSource source = VexSource.of(doc, name).acceptedUnsigned("test sample");
    TriageEngine engine =
        new TriageEngine(
            Policy.defaults(), List.of(source), SCAN, id -> false, id -> null, List.of(IMAGE));
    int checked = 0;
    for (Statement s : doc.statements()) {
      for (Product p : s.products()) {
        String id = p.id().orElse("");
        if (!(id.startsWith("pkg:deb/") || id.startsWith("pkg:apk/"))) {
          continue;
        }
        List<String> ids = List.of(s.vulnerability().name());
        String purl = scannedPurl(id);
        Outcome below = engine.decide(ids, purl, Severity.CRITICAL, Side.BELOW);
        Outcome above = engine.decide(ids, purl, Severity.CRITICAL, Side.ABOVE);
        Outcome unknown = engine.decide(ids, purl, Severity.CRITICAL, Side.UNKNOWN);
        if (s.status() == Status.NOT_AFFECTED) {
          // Another statement about the same package may be later: check that the latest decides.
          assertThat(below.decision)
              .as(purl + " " + ids)
              .isIn(Decision.NOT_AFFECTED, Decision.VENDOR);
        } else {
          assertThat(below.decision).as(purl + " " + ids).isEqualTo(Decision.VENDOR);
        }
        assertThat(above.decision).as(purl).isEqualTo(Decision.REMEDIATE);
        assertThat(unknown.decision).as(purl).isEqualTo(Decision.REMEDIATE);
        assertThat(above.notes).extracting(r -> r.rule()).contains("vendor_vex_above_waterline");
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dhi-bash.vex.json"})
  void everyNotAffectedPackageIsSuppressedBelowTheWaterline(String name) {
    VexDocument doc = VexDocument.read(sample(name));
    TriageEngine engine =
        new TriageEngine(
            Policy.defaults(),
            List.of(VexSource.of(doc, name).acceptedUnsigned("test sample")),
            SCAN,
            Set.<String>of()::contains,
            Map.<String, Double>of()::get,
            List.of(IMAGE));
    List<String> notSuppressed = new ArrayList<>();
    int notAffected = 0;
    for (Statement s : doc.statements()) {
      if (s.status() != Status.NOT_AFFECTED) {
        continue;
      }
      for (Product p : s.products()) {
        String id = p.id().orElse("");
        if (id.startsWith("pkg:deb/")) {
          notAffected++;
          Outcome o =
              engine.decide(
                  List.of(s.vulnerability().name()), scannedPurl(id), Severity.HIGH, Side.BELOW);
          if (o.decision != Decision.NOT_AFFECTED) {
            notSuppressed.add(s.vulnerability().name() + " " + id + ": " + o.decision);
          }
        }
      }
    }
    assertThat(notAffected).isGreaterThan(40);
    assertThat(notSuppressed).isEmpty();
  }
}
