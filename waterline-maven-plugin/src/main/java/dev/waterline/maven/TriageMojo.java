package dev.waterline.maven;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.io.TerminalText;
import dev.waterline.vex.oci.ImageConfig;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.EpssScores;
import dev.waterline.vex.policy.FindingDecision;
import dev.waterline.vex.policy.KevCatalog;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.ScanReports;
import dev.waterline.vex.policy.Triage;
import dev.waterline.vex.policy.TriageReport;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.policy.Waterline;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * {@code waterline:triage}: the policy gate. Decides every finding of a scan report (Grype JSON,
 * Trivy JSON or SARIF) with the project's VEX ({@code target/waterline/vex.json}, when {@code
 * waterline:vex} wrote it), more VEX files, the CISA KEV catalog, EPSS scores, the base image's
 * waterline and a policy, exactly as {@code waterline triage} does; writes {@code
 * target/waterline/triage.json} and {@code triage.md}; and fails the build when something must be
 * remediated ({@code failOnRemediate}, default true), listing what.
 */
@Mojo(name = "triage", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
@SuppressWarnings("NullAway.Init") // Maven injects the parameters
public class TriageMojo extends WaterlineMojo {
  /** Skips this goal. */
  @Parameter(property = "waterline.triage.skip", defaultValue = "false")
  boolean skipTriage;

  /** The scanner's report: Grype JSON, Trivy JSON or SARIF (required). */
  @Parameter(property = "waterline.report")
  @Nullable File report;

  /** Whether the project's {@code target/waterline/vex.json} takes part (when it exists). */
  @Parameter(property = "waterline.triage.projectVex", defaultValue = "true")
  boolean projectVex;

  /** More VEX files (any dialect): the team's own, or a vendor's. */
  @Parameter List<File> vexFiles = new ArrayList<>();

  /** The CISA KEV catalog (its JSON feed, as a file). */
  @Parameter(property = "waterline.kev")
  @Nullable File kev;

  /** EPSS scores (FIRST's CSV feed, as a file). */
  @Parameter(property = "waterline.epss")
  @Nullable File epss;

  /** The policy (JSON, docs/policy.md). Default: the built-in policy. */
  @Parameter(property = "waterline.policy")
  @Nullable File policy;

  /**
   * The base image's {@code rootfs.diff_ids} (one {@code sha256:HEX} a line, or a JSON array): the
   * waterline. Excludes {@code <baseImage>}.
   */
  @Parameter(property = "waterline.baseDiffIds")
  @Nullable File baseDiffIds;

  /**
   * The base image, by digest ({@code REGISTRY/REPO@sha256:HEX}, e.g. Jib's {@code <from><image>}
   * when it names one, or {@code oci:PATH[:TAG|@DIGEST]}): its layers are the waterline.
   */
  @Parameter(property = "waterline.baseImage")
  @Nullable String baseImage;

  /** The platform to take from the base image's index. Default: the report's, else linux/amd64. */
  @Parameter(property = "waterline.basePlatform")
  @Nullable String basePlatform;

  /**
   * Without {@code <baseImage>} or {@code <baseDiffIds>}: take the waterline from Jib's {@code
   * <from><image>} when it names a digest (a tag is not used: it may have moved since the build).
   */
  @Parameter(property = "waterline.triage.jibBase", defaultValue = "true")
  boolean useJibBase;

  /** Trust unsigned vendor VEX, recording this reason in the report. */
  @Parameter(property = "waterline.acceptUnsigned")
  @Nullable String acceptUnsigned;

  /** Fail the build when a finding must be remediated. */
  @Parameter(property = "waterline.failOnRemediate", defaultValue = "true")
  boolean failOnRemediate;

  /**
   * Also write the Markdown report where the Maven site picks up generated pages ({@code
   * target/generated-site/markdown/waterline-triage.md}), so that {@code mvn verify site} publishes
   * it as {@code waterline-triage.html}.
   */
  @Parameter(property = "waterline.triage.site", defaultValue = "true")
  boolean siteReport;

  /** The directory the Maven site reads generated page sources from. */
  @Parameter(defaultValue = "${project.build.directory}/generated-site", readonly = true)
  @Nullable File generatedSiteDirectory;

  /** Creates the goal; Maven injects the parameters. */
  public TriageMojo() {}

  @Override
  boolean goalSkipped() {
    return skipTriage;
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    File reportFile = report;
    if (reportFile == null) {
      throw new MojoFailureException(
          "waterline:triage needs the scan report: configure <report> (property waterline.report),"
              + " a Grype JSON, Trivy JSON or SARIF file");
    }
    if (baseImage != null && baseDiffIds != null) {
      throw new MojoFailureException("<baseImage> and <baseDiffIds> exclude each other");
    }
    Path reportPath = reportFile.toPath();
    ScanReport scan = read(reportPath, () -> ScanReports.read(reportPath));
    Policy p = Policy.defaults();
    if (policy != null) {
      Path policyPath = policy.toPath();
      p = read(policyPath, () -> Policy.read(policyPath));
    }
    List<VexSource> sources = new ArrayList<>();
    List<Path> vex = new ArrayList<>();
    if (projectVex && Files.isRegularFile(vexFile())) {
      vex.add(vexFile());
    }
    vexFiles.forEach(f -> vex.add(f.toPath()));
    for (Path f : vex) {
      VexDocument d = read(f, () -> VexDocument.read(f));
      VexSource s = VexSource.of(d, shown(f));
      boolean vendor = p.vendorOf(d.author(), null).isPresent();
      if (acceptUnsigned != null && !acceptUnsigned.isBlank() && vendor) {
        s = s.acceptedUnsigned(acceptUnsigned);
      }
      sources.add(s);
    }
    Triage triage = Triage.of(scan).vex(sources).policy(p).scanTime(Instant.now());
    if (kev != null) {
      File k = kev;
      triage = triage.kev(read(k.toPath(), () -> KevCatalog.read(k.toPath())));
    }
    if (epss != null) {
      File e = epss;
      triage = triage.epss(read(e.toPath(), () -> EpssScores.read(e.toPath())));
    }
    if (baseDiffIds != null) {
      File b = baseDiffIds;
      triage = triage.waterline(read(b.toPath(), () -> Waterline.read(b.toPath())));
    } else if (baseImage != null && !baseImage.isBlank()) {
      triage = triage.waterline(baseWaterline(baseImage, scan));
    } else if (useJibBase) {
      Optional<String> jibBase = JibConfig.pinnedBaseImage(project);
      if (jibBase.isPresent()) {
        getLog().info("Waterline: the waterline is Jib's base image " + jibBase.get());
        triage = triage.waterline(baseWaterline(jibBase.get(), scan));
      }
    }
    Optional<String> scanned = scannedImage();
    if (scanned.isPresent()) {
      triage = triage.image(scanned.get());
    }
    TriageReport result = triage.input("report", shown(reportPath)).run();
    for (String w : result.warnings()) {
      getLog().warn("Waterline: " + w);
    }
    Path json = output().resolve("triage.json");
    Path md = output().resolve("triage.md");
    writeIfChanged(json, result.toJson().getBytes(StandardCharsets.UTF_8));
    byte[] markdown = result.toMarkdown().getBytes(StandardCharsets.UTF_8);
    writeIfChanged(md, markdown);
    if (siteReport && generatedSiteDirectory != null) {
      Path page =
          generatedSiteDirectory.toPath().resolve("markdown").resolve("waterline-triage.md");
      writeIfChanged(page, markdown);
      getLog().debug("Waterline: the report for the Maven site is " + shown(page));
    }
    StringBuilder counts = new StringBuilder();
    for (Decision d : Decision.values()) {
      counts
          .append(counts.length() == 0 ? "" : ", ")
          .append(d)
          .append(' ')
          .append(result.counts().get(d));
    }
    getLog()
        .info(
            "Waterline: "
                + result.decisions().size()
                + " findings: "
                + counts
                + "; reports in "
                + shown(json)
                + " and "
                + shown(md));
    if (!result.needsRemediation()) {
      getLog().info("Waterline: nothing to remediate");
      return;
    }
    List<String> lines = new ArrayList<>();
    for (FindingDecision d : result.decisions(Decision.REMEDIATE)) {
      lines.add(TerminalText.inline("remediate " + d + ": " + d.reasons().get(0).message()));
    }
    String head = result.counts().get(Decision.REMEDIATE) + " finding(s) to remediate:";
    String trail = "(the audit trail is in " + shown(md) + ")";
    if (failOnRemediate) {
      throw new MojoFailureException(head + "\n  " + String.join("\n  ", lines) + "\n" + trail);
    }
    // One record per line (the log escapes a line feed inside a record).
    getLog().warn("Waterline: " + head);
    for (String line : lines) {
      getLog().warn("  " + line);
    }
    getLog().warn(trail);
  }

  /** The built image, by digest, when it can be known; the report may name it only by tag. */
  private java.util.Optional<String> scannedImage() {
    try {
      BuiltImage built = builtImage();
      return java.util.Optional.of(
          built.isLayout() ? built.digest().toString() : built.reference().toString());
    } catch (MojoFailureException | VexException e) {
      getLog().debug("Waterline: the built image is not known: " + e.getMessage());
      return java.util.Optional.empty();
    }
  }

  private Waterline baseWaterline(String base, ScanReport scan) throws MojoFailureException {
    ImageReference ref;
    try {
      ref = ImageReference.parse(base.strip());
    } catch (VexException | IllegalArgumentException e) {
      throw new MojoFailureException("<baseImage> " + base + ": " + e.getMessage(), e);
    }
    if (!ref.isLayout() && session.isOffline()) {
      throw new MojoFailureException(
          "Maven is offline (-o), so waterline:triage cannot read the base image "
              + base
              + " from its registry: build online, or give its diff_ids as <baseDiffIds>");
    }
    String platform =
        basePlatform != null
            ? basePlatform
            : scan.architecture()
                .filter(a -> !a.isBlank())
                .map(a -> "linux/" + a)
                .orElse("linux/amd64");
    try {
      ImageConfig config = ImageConfig.read(ref, platform, RegistryOptions.defaults());
      return Waterline.of(config.diffIds())
          .named(
              "base image "
                  + base
                  + " ("
                  + config.platform()
                  + ", manifest "
                  + config.manifest()
                  + ")");
    } catch (VexException | IllegalArgumentException e) {
      throw new MojoFailureException("<baseImage> " + base + ": " + e.getMessage(), e);
    }
  }

  /** Reads an input, turning every failure into a build failure naming the file. */
  interface Reader<T> {
    T read() throws IOException;
  }

  private <T> T read(Path file, Reader<T> reader) throws MojoFailureException {
    try {
      return reader.read();
    } catch (VexException | IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      throw new MojoFailureException(m.contains(file.toString()) ? m : shown(file) + ": " + m, e);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new MojoFailureException("cannot read " + shown(file) + ": " + e.getMessage(), e);
    }
  }
}
