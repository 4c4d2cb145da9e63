package com.example.consumer;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Status;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.Validator;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.FetchPolicy;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.oci.VerifiedFetch;
import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.FindingDecision;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.ScanReports;
import dev.waterline.vex.policy.Triage;
import dev.waterline.vex.policy.TriageReport;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.testkit.SampleImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The README's flow as a tool author writes it: create, validate, merge, status, sign, attach to an
 * OCI layout, fetch, verify, triage. Each step checks its outcome; anything Waterline or its
 * dependencies print on stderr (a logging warning, say) fails the run.
 */
public final class ReadmeFlow {
  private static final String REPOSITORY = "registry.local/app";
  private static final String CVE_NOT_AFFECTED = "CVE-2023-44487";
  private static final String CVE_FIXED = "CVE-2024-0727";

  private ReadmeFlow() {}

  public static void main(String[] args) throws Exception {
    // A fresh directory each run: a layout left by an earlier run holds attestations signed with
    // another key.
    Path work = Files.createTempDirectory(Files.createDirectories(Path.of(args[0])), "run");
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      run(work);
    } finally {
      System.setErr(stderr);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    if (!printed.isEmpty()) {
      throw new AssertionError("the flow printed on stderr:\n" + printed);
    }
    System.out.println("README flow: every step passed, nothing printed on stderr");
  }

  static void run(Path work) throws Exception {
    // create: an image in an OCI layout, and two VEX documents about it
    OciLayout layout = OciLayout.create(work.resolve("layout"));
    Digest image = SampleImages.write(layout, "1.0");
    String subject = REPOSITORY + "@" + image;
    String product =
        "pkg:oci/app@" + image.toString().replace(":", "%3A") + "?repository_url=" + REPOSITORY;
    VexDocument ours =
        Vex.document("Acme Security <psirt@acme.example>")
            .timestamp(Instant.parse("2026-03-01T10:00:00Z"))
            .statement(
                Vex.notAffected(CVE_NOT_AFFECTED, product)
                    .subcomponent("pkg:golang/golang.org/x/net@v0.7.0")
                    .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
            .build();
    VexDocument later =
        Vex.document("Acme Security <psirt@acme.example>")
            .timestamp(Instant.parse("2026-03-02T10:00:00Z"))
            .statement(Vex.fixed(CVE_FIXED, product).subcomponent("pkg:generic/openssl@3.0.13"))
            .build();

    // validate
    for (VexDocument d : List.of(ours, later)) {
      ValidationReport report = Validator.validate(d);
      check(report.isValid(true), "validate: " + report.findings());
    }

    // merge, then status
    VexDocument merged = Vex.merge(List.of(ours, later));
    check(merged.statements().size() == 2, "merge: " + merged.statements().size() + " statements");
    Status status =
        Vex.index(List.of(merged))
            .effective(product, CVE_NOT_AFFECTED)
            .orElseThrow(() -> new AssertionError("status: no statement for " + CVE_NOT_AFFECTED))
            .status();
    check(status == Status.NOT_AFFECTED, "status: " + status);

    // sign, attach, fetch, verify
    SigningKey key = Keys.generate();
    SigstoreBundle bundle = Attestations.of(merged).subject(subject).signBundle(key);
    Attachments attachments = Attachments.on(layout);
    AttachResult attached = attachments.attach("1.0", Attestation.of(bundle.toJsonBytes()));
    check(!attached.entries().isEmpty(), "attach: nothing attached");
    FetchResult fetched = attachments.fetch("1.0");
    check(fetched.problems().isEmpty(), "fetch: " + fetched.problems());
    VerifiedFetch checked =
        fetched.verify(FetchPolicy.of(VerificationPolicy.keys(key.publicKey()).subject(subject)));
    check(!checked.hasFailures(), "verify: " + checked.leftOut());
    List<VexSource> verified = checked.vexSources();
    check(
        verified.stream().allMatch(s -> s.signer().equals(Optional.of(key.publicKey().keyId()))),
        "verify: not signed by the key: " + verified);
    check(!verified.isEmpty(), "fetch: no OpenVEX attestation came back");

    // triage a scan of the image under the default policy
    byte[] trivy = trivyReport(image).getBytes(StandardCharsets.UTF_8);
    TriageReport triage =
        Triage.of(ScanReports.read(trivy)).vex(verified).policy(Policy.defaults()).run();
    FindingDecision decision =
        triage.decisions().stream()
            .filter(d -> d.vulnerability().equals(CVE_NOT_AFFECTED))
            .findFirst()
            .orElseThrow(() -> new AssertionError("triage: no decision for " + CVE_NOT_AFFECTED));
    check(decision.decision() == Decision.NOT_AFFECTED, "triage: " + decision);
    check(!triage.needsRemediation(), "triage: " + triage.toMarkdown());
  }

  private static String trivyReport(Digest image) {
    return "{\"SchemaVersion\":2,\"CreatedAt\":\"2026-03-15T06:00:00Z\","
        + "\"ArtifactName\":\""
        + REPOSITORY
        + ":1.0\",\"ArtifactType\":\"container_image\","
        + "\"Metadata\":{\"RepoDigests\":[\""
        + REPOSITORY
        + "@"
        + image
        + "\"]},"
        + "\"Results\":[{\"Target\":\"app\",\"Class\":\"lang-pkgs\",\"Type\":\"gobinary\","
        + "\"Vulnerabilities\":[{\"VulnerabilityID\":\""
        + CVE_NOT_AFFECTED
        + "\",\"PkgName\":\"golang.org/x/net\","
        + "\"PkgIdentifier\":{\"PURL\":\"pkg:golang/golang.org/x/net@v0.7.0\"},"
        + "\"InstalledVersion\":\"v0.7.0\",\"FixedVersion\":\"0.17.0\",\"Status\":\"fixed\","
        + "\"Severity\":\"HIGH\"}]}]}";
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }
}
