package dev.waterline.samples;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.policy.FindingDecision;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.Reason;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.ScanReports;
import dev.waterline.vex.policy.Triage;
import dev.waterline.vex.policy.TriageReport;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.policy.Waterline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Vendor VEX below the waterline: the base image's vendor speaks for what lies in the base image's
 * layers, and for nothing else; the team's own VEX counts everywhere.
 *
 * <p>The bundled Trivy report of {@code orders} (in {@code
 * src/main/resources/dev/waterline/samples/vendor-vex/}) has five high or critical findings, in two
 * base layers and one app layer. The waterline is the base image's {@code rootfs.diff_ids} ({@code
 * base.diffids}): a finding whose package came from one of those layers is below it. The vendor
 * (named in the policy by its VEX author) says {@code not_affected} for expat and for curl; the
 * team says {@code not_affected} for {@code golang.org/x/net} in its Go binary and for OpenSSL in
 * the base layer. What comes out:
 *
 * <ul>
 *   <li>expat CVE-2024-45490, base layer: the vendor's {@code not_affected} decides;
 *   <li>expat CVE-2024-28757, base layer, no VEX: {@code vendor} (the vendor owns it);
 *   <li>OpenSSL, base layer: the team's {@code not_affected} decides (the team's VEX counts below
 *       the waterline too);
 *   <li>curl, which the team's Dockerfile installed in its own layer: the vendor's statement is
 *       ignored ({@code vendor_vex_above_waterline}) and the finding is {@code remediate};
 *   <li>{@code golang.org/x/net}, app layer: the team's {@code not_affected} decides.
 * </ul>
 *
 * Without the waterline every finding's origin is unknown, so the vendor's VEX counts nowhere and
 * both expat findings become {@code remediate} as well.
 *
 * <p>The vendor's VEX here is accepted unsigned, with the reason recorded in the audit trail; a
 * signed file is read with {@code VexTrust.of(VerificationPolicy.keys(vendorKey)).read(path)}, and
 * signed attestations on an image with {@code fetchResult.verify(policy).vexSources()}: both give
 * sources signed by the key that verified.
 *
 * <pre>
 * samples/run VendorVexBelowWaterline
 * </pre>
 */
public final class VendorVexBelowWaterline {
  private VendorVexBelowWaterline() {}

  /** The vendor, as its VEX documents name their author. */
  public static final String VENDOR = "Hardened Base Images <vex@base.example>";

  /** The default policy, with our base image's vendor in its vendor list. */
  public static Policy policy() {
    return Policy.builder().vendor(Policy.Vendor.author(VENDOR)).build();
  }

  /**
   * Triages the report with the vendor's VEX and the team's, below and above {@code waterline} (or,
   * without one, with every finding's origin unknown).
   */
  public static TriageReport triage(
      ScanReport report, VexDocument vendor, VexDocument team, @Nullable Waterline waterline) {
    Triage t =
        Triage.of(report)
            .policy(policy())
            .vex(
                VexSource.of(vendor, "vendor.openvex.json")
                    .acceptedUnsigned("downloaded from the vendor's portal over TLS"),
                VexSource.of(team, "team.openvex.json"));
    if (report.scannedAt().isPresent()) {
      t = t.scanTime(report.scannedAt().get());
    }
    if (waterline != null) {
      t = t.waterline(waterline);
    }
    return t.run();
  }

  /** Triages the bundled report, with the bundled waterline or without one. */
  public static TriageReport bundled(boolean withWaterline) {
    Waterline waterline =
        withWaterline
            ? Waterline.parse(new String(read("base.diffids"), StandardCharsets.UTF_8))
                .named("hardened/debian:12")
            : null;
    return triage(
        ScanReports.read(read("trivy-report.json")),
        VexDocument.parse(read("vendor.openvex.json")),
        VexDocument.parse(read("team.openvex.json")),
        waterline);
  }

  /** One line per finding: vulnerability, package, waterline position, decision, why. */
  public static List<String> lines(TriageReport report) {
    List<String> lines = new ArrayList<>();
    for (FindingDecision d : report.decisions()) {
      String why = d.reasons().stream().map(Reason::message).collect(Collectors.joining("; "));
      String notes =
          d.notes().isEmpty()
              ? ""
              : " [" + d.notes().stream().map(Reason::rule).collect(Collectors.joining(", ")) + "]";
      lines.add(
          String.format(
              "%-15s %-17s %-7s %-12s %s%s",
              d.vulnerability(),
              d.packageName().orElse("?"),
              d.position(),
              d.decision(),
              why,
              notes));
    }
    return lines;
  }

  /** Prints the decisions with the waterline, then without it. */
  public static void main(String[] args) {
    System.out.println("With the waterline (hardened/debian:12's layers):");
    lines(bundled(true)).forEach(l -> System.out.println("  " + l));
    System.out.println();
    System.out.println("Without it (origin unknown: the vendor's VEX counts nowhere):");
    lines(bundled(false)).forEach(l -> System.out.println("  " + l));
  }

  private static byte[] read(String name) {
    String resource = "vendor-vex/" + name;
    try (InputStream in =
        Objects.requireNonNull(
            VendorVexBelowWaterline.class.getResourceAsStream(resource), resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
