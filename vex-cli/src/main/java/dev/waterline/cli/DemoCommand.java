package dev.waterline.cli;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Statement;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.AttestationKind;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.FetchedAttestation;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.policy.Decision;
import dev.waterline.vex.policy.FindingDecision;
import dev.waterline.vex.policy.KevCatalog;
import dev.waterline.vex.policy.Policy;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.policy.ScanReports;
import dev.waterline.vex.policy.Triage;
import dev.waterline.vex.policy.TriageReport;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.policy.Waterline;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.InTotoStatement;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code waterline demo}: the whole life of a VEX statement on an OCI image layout in a directory,
 * with no registry and no network. Builds a base and an app image, writes our VEX and the base
 * vendor's, signs ours with a fresh key, attaches both, fetches and verifies them back, and triages
 * a bundled scan report; narrates each step with the files it left.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Walk through Waterline on the embedded default: an OCI image layout in DIR.",
      "No registry, no network: build a base image and an app image on it, write VEX (ours and",
      "the base vendor's), sign ours with a fresh key (DSSE, Sigstore bundle), attach in every",
      "layout Waterline writes, fetch and verify everything back, and triage a bundled Trivy",
      "report under the default policy. Each step says what it did and which files it left.",
      "DIR must be new, empty or a previous demo (which is replaced). Exit 0 when the demo ran",
      "(the triage verdict is part of the story, not the exit code), 2 when it could not."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "  0:The demo ran, whatever the triage verdict.",
      "  2:It could not run (DIR not usable, a file not writable; one line on stderr)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  waterline demo",
      "  waterline demo /tmp/vex-demo",
      "  waterline demo mydir --force"
    })
final class DemoCommand implements Callable<Integer> {
  /** The marker file of a demo directory: a re-run may replace what the demo wrote. */
  static final String MARKER = ".waterline-demo";

  /** What the demo writes in its directory (and removes before writing again). */
  static final List<String> ENTRIES =
      List.of("image", "keys", "vex", "scan", "triage", "policy.json", MARKER);

  /** The repository the demo's images would be pushed to; subjects and purls name it. */
  static final String APP_REPO = "registry.example/demo/app";

  static final String BASE_REPO = "registry.example/demo/base";

  static final String OUR_AUTHOR = "Demo App Team <security@app.example>";

  static final String VENDOR_AUTHOR = "Demo Base Images <vex@base.example>";

  static final String ACCEPT_UNSIGNED_REASON =
      "the base vendor publishes VEX as an unsigned statement referrer (demo)";

  private static final String RESOURCES = "/dev/waterline/cli/demo/";

  private final Context ctx;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "The demo directory (default: ${DEFAULT-VALUE}).",
      defaultValue = "waterline-demo")
  Path dir = Path.of("waterline-demo");

  @Option(
      names = "--force",
      description =
          "Write into DIR even when it is not empty and not a previous demo (replacing the"
              + " demo's own entries: image/, keys/, vex/, scan/, triage/, policy.json).")
  boolean force;

  @Option(
      names = "--no-color",
      description = "No colour, even on a terminal (also: the NO_COLOR environment variable).")
  boolean noColor;

  private boolean color;

  DemoCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  @SuppressWarnings("SystemConsoleNull") // on Java 17 a null console means no terminal
  public Integer call() {
    color =
        !noColor
            && System.console() != null
            && !ctx.env().containsKey("NO_COLOR")
            && !"dumb".equals(ctx.env().get("TERM"));
    try {
      prepare();
      run();
    } catch (IOException e) {
      throw CliException.usage("demo in " + dir + ": " + DocumentIo.describe(e));
    } catch (UncheckedIOException e) {
      throw CliException.usage("demo in " + dir + ": " + DocumentIo.describe(e));
    }
    ctx.out().flush();
    return 0;
  }

  /** Checks that {@link #dir} may be used, and clears what an earlier demo left. */
  private void prepare() throws IOException {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw CliException.usage(dir + " exists and is not a directory; name another DIR");
    }
    if (Files.isDirectory(dir)) {
      boolean empty;
      try (Stream<Path> s = Files.list(dir)) {
        empty = s.findAny().isEmpty();
      }
      boolean previous = Files.isRegularFile(dir.resolve(MARKER));
      if (!empty && !previous && !force) {
        throw CliException.usage(
            dir
                + " is not empty and holds no earlier demo ("
                + MARKER
                + " is missing): name another DIR, or add --force to write the demo's entries"
                + " into it (replacing "
                + String.join(", ", ENTRIES.subList(0, ENTRIES.size() - 1))
                + ")");
      }
      for (String entry : ENTRIES) {
        deleteRecursively(dir.resolve(entry));
      }
    }
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(MARKER),
        "Written by `waterline demo`; running it again replaces the demo's files here.\n",
        StandardCharsets.UTF_8);
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  private void run() throws IOException {
    Instant now = ctx.now();
    out(
        bold("Waterline demo")
            + ": the life of a VEX statement, on an OCI image layout in "
            + show(dir)
            + "/");
    out("(no registry, no network).");

    // 1. Images.
    Path imageDir = dir.resolve("image");
    DemoImage.Written image = DemoImage.write(imageDir);
    String appRef = APP_REPO + "@" + image.appManifest();
    String baseRef = BASE_REPO + "@" + image.baseManifest();
    Path scanDir = Files.createDirectories(dir.resolve("scan"));
    Path diffIds = scanDir.resolve("base.diffids");
    Files.writeString(
        diffIds,
        "# rootfs.diff_ids of the base image: the waterline\n" + image.baseDiffId() + "\n",
        StandardCharsets.UTF_8);
    step(1, "Build an image");
    out("   A base image (the vendor's: one layer, an Alpine-like root file system) and an app");
    out("   image on top of it (the base layer + our layer). The base's layers are the waterline:");
    out("   the vendor owns what lies below it, we own what is above.");
    file(
        imageDir,
        "OCI image layout: base "
            + shortDigest(image.baseManifest().toString())
            + ", app "
            + shortDigest(image.appManifest().toString()));
    file(diffIds, "the base's diff_ids: the waterline");

    // 2. VEX.
    VexDocument ours = ourVex(image, now);
    VexDocument vendor = vendorVex(now);
    requireValid(ours);
    requireValid(vendor);
    Path vexDir = Files.createDirectories(dir.resolve("vex"));
    Path oursFile = vexDir.resolve("app.openvex.json");
    Path vendorFile = vexDir.resolve("base-vendor.openvex.json");
    Files.write(oursFile, ours.toJsonBytes());
    Files.write(vendorFile, vendor.toJsonBytes());
    step(2, "Write VEX");
    out("   Ours, about the app image, one statement per status:");
    out("     " + statuses(ours) + ".");
    out("   The base vendor's, about its packages (it counts below the waterline only).");
    file(oursFile, "our OpenVEX v0.2.0 document, " + ours.statements().size() + " statements");
    file(vendorFile, "the vendor's, " + vendor.statements().size() + " statements");

    // 3. Keys and signatures.
    SigningKey key = Keys.generate();
    Path keyDir = Files.createDirectories(dir.resolve("keys"));
    Path keyFile = keyDir.resolve("demo.key");
    Path pubFile = keyDir.resolve("demo.pub");
    Keys.writePrivatePem(key, keyFile);
    restrict(keyFile);
    Keys.writePublicPem(key.publicKey(), pubFile);
    Attestations attestation = Attestations.of(ours).subject(appRef);
    DsseEnvelope envelope = attestation.sign(key);
    SigstoreBundle bundle = SigstoreBundle.ofKeySigned(envelope, key.publicKey());
    Path statementFile = vexDir.resolve("app.intoto.json");
    Path dsseFile = vexDir.resolve("app.dsse.json");
    Path bundleFile = vexDir.resolve("app.sigstore.json");
    Files.write(statementFile, attestation.statement().toPayload());
    Files.writeString(dsseFile, envelope.toJson() + "\n", StandardCharsets.UTF_8);
    Files.writeString(bundleFile, bundle.toJson() + "\n", StandardCharsets.UTF_8);
    step(3, "Sign");
    out(
        "   A fresh "
            + algorithm(key)
            + " key signs our VEX as an in-toto statement about the app");
    out("   image, " + shortRef(appRef) + ": a DSSE envelope, and the same in a");
    out("   Sigstore bundle v0.3.");
    file(keyFile, "private key, PKCS#8 PEM, unencrypted (mode 0600)");
    file(pubFile, "public key, key id " + key.publicKey().keyId());
    file(statementFile, "the in-toto statement that was signed");
    file(dsseFile, "DSSE envelope");
    file(bundleFile, "Sigstore bundle v0.3 (key-signed: publicKey.hint, no log entry)");

    // 4. Attach.
    OciLayout layout = OciLayout.open(imageDir);
    Attachments attachments = Attachments.on(layout);
    AttachResult app = attachments.attach(DemoImage.APP_TAG, Attestation.of(bundle.toJsonBytes()));
    byte[] vendorStatement = Attestations.of(vendor).subject(baseRef).statement().toPayload();
    AttachResult base =
        attachments.attach(
            DemoImage.BASE_TAG,
            Attestation.of(vendorStatement, AttestationKind.IN_TOTO_STATEMENT),
            AttachmentLayout.STATEMENT_REFERRER);
    step(4, "Attach, in every layout Waterline writes");
    out("   Our bundle goes to the app image twice, as cosign 3 and as older cosign find it; the");
    out("   vendor's statement goes to the base image unsigned, as Docker Hardened Images do.");
    for (AttachResult.Entry e : app.entries()) {
      out("   app:  " + pad(layoutName(e.layout()), 30) + describe(e));
    }
    for (AttachResult.Entry e : base.entries()) {
      out("   base: " + pad(layoutName(e.layout()), 30) + describe(e));
    }
    file(imageDir.resolve("index.json"), "lists the images and their attestations");

    // 5. Fetch and verify.
    PublicKey pub = PublicKey.read(pubFile);
    List<VexSource> sources = new ArrayList<>();
    step(5, "Fetch everything back and verify it");
    int verified = 0;
    int failed = 0;
    FetchResult fetchedApp = attachments.fetch("oci:" + imageDir + ":" + DemoImage.APP_TAG);
    for (FetchedAttestation a : fetchedApp.openVex()) {
      VerificationResult v =
          Verifier.verify(a.bytes(), VerificationPolicy.keys(pub).subject(appRef));
      if (v.verified() && v.statement().isPresent()) {
        verified++;
        out(
            "   app:  "
                + pad(layoutName(a.layout()), 30)
                + "verified: signed by key "
                + pub.keyId());
        sources.add(VexSource.verified(v, "oci:app (" + a.layout() + ")"));
      } else {
        failed++;
        out(
            "   app:  "
                + pad(layoutName(a.layout()), 30)
                + "verification FAILED: "
                + v.failure().map(f -> f.reason() + ": " + f.message()).orElse("no statement"));
      }
    }
    int unsigned = 0;
    FetchResult fetchedBase = attachments.fetch("oci:" + imageDir + ":" + DemoImage.BASE_TAG);
    for (FetchedAttestation a : fetchedBase.openVex()) {
      if (a.kind() != AttestationKind.IN_TOTO_STATEMENT) {
        continue;
      }
      unsigned++;
      VexDocument doc = InTotoStatement.parse(a.statement()).predicate();
      out("   base: " + pad(layoutName(a.layout()), 30) + "unsigned, by " + doc.author());
      sources.add(
          VexSource.of(doc, "oci:base (" + a.layout() + ")")
              .acceptedUnsigned(ACCEPT_UNSIGNED_REASON));
    }
    for (String problem : fetchedApp.problems()) {
      out("   problem: " + problem);
    }
    for (String problem : fetchedBase.problems()) {
      out("   problem: " + problem);
    }
    out(
        "   "
            + verified
            + (verified == 1 ? " signature" : " signatures")
            + " verified, "
            + failed
            + " failed. The vendor's "
            + unsigned
            + " unsigned "
            + (unsigned == 1 ? "statement is" : "statements are")
            + " trusted, with the");
    out("   reason recorded: \"" + ACCEPT_UNSIGNED_REASON + "\".");

    // 6. Triage.
    Path reportFile = scanDir.resolve("trivy.json");
    Path kevFile = scanDir.resolve("kev.json");
    Files.write(reportFile, resource("trivy.json"));
    Files.write(kevFile, resource("kev.json"));
    ScanReport report = ScanReports.read(reportFile);
    if (!report.diffIds().equals(List.of(image.baseDiffId(), image.appDiffId()))) {
      throw new IllegalStateException(
          "the bundled scan report names the layers "
              + report.diffIds()
              + " but the demo image has "
              + List.of(image.baseDiffId(), image.appDiffId()));
    }
    KevCatalog kev = KevCatalog.read(kevFile);
    Waterline waterline = Waterline.read(diffIds);
    Policy policy =
        Policy.defaults().toBuilder().vendor(Policy.Vendor.author(VENDOR_AUTHOR)).build();
    Path policyFile = dir.resolve("policy.json");
    Files.writeString(policyFile, policy.toJson(), StandardCharsets.UTF_8);
    TriageReport result =
        Triage.of(report)
            .vex(sources)
            .kev(kev)
            .waterline(waterline)
            .policy(policy)
            .image(appRef)
            .scanTime(now)
            .input("report", show(reportFile))
            .run();
    Path triageDir = Files.createDirectories(dir.resolve("triage"));
    Path jsonFile = triageDir.resolve("report.json");
    Path markdownFile = triageDir.resolve("report.md");
    Files.writeString(jsonFile, result.toJson(), StandardCharsets.UTF_8);
    Files.writeString(markdownFile, result.toMarkdown(), StandardCharsets.UTF_8);
    step(6, "Triage a scan of the app image");
    out(
        "   A Trivy report with "
            + report.findings().size()
            + " findings, "
            + kev.size()
            + " KEV entries, the waterline and the fetched VEX, under the");
    out("   default policy (docs/policy.md) with the demo's base vendor added to its vendors.");
    out("   " + result.decisions().size() + " findings: " + counts(result));
    for (FindingDecision d : result.decisions()) {
      out(
          "   "
              + pad(d.decision().toString(), 14)
              + pad(d.vulnerability(), 16)
              + d.packageName().orElse("?")
              + d.packageVersion().map(v -> " " + v).orElse("")
              + " ("
              + d.severity().toString().toLowerCase(Locale.ROOT)
              + ", "
              + d.position()
              + (d.kev() ? ", KEV" : "")
              + ")");
      out("   " + " ".repeat(14) + d.reasons().get(0).message());
      for (var note : d.notes()) {
        out("   " + " ".repeat(14) + "note: " + note.message());
      }
    }
    int remediate = result.counts().getOrDefault(Decision.REMEDIATE, 0);
    out(
        "   "
            + bold(
                result.needsRemediation()
                    ? "The gate fails: "
                        + remediate
                        + (remediate == 1 ? " finding" : " findings")
                        + " to remediate ('waterline triage' exits 1)."
                    : "The gate passes: nothing to remediate ('waterline triage' exits 0)."));
    file(reportFile, "the scan report (Trivy JSON, schema 2)");
    file(kevFile, "KEV entries, in CISA's feed format");
    file(policyFile, "the policy used");
    file(jsonFile, "every decision with its reasons: the audit trail");
    file(markdownFile, "the same, for a pull request");

    out("");
    out(bold("Look at these files") + ": " + show(oursFile) + ", " + show(bundleFile) + ",");
    out("  " + show(imageDir.resolve("index.json")) + ", " + show(markdownFile) + ".");
    out(bold("Next, try") + ":");
    String w = "  waterline ";
    out(w + "validate " + show(oursFile));
    out(w + "verify " + show(bundleFile) + " --key " + show(pubFile) + " --subject " + appRef);
    out(
        w
            + "status --vex "
            + show(oursFile)
            + " --product 'pkg:oci/app@"
            + image.appManifest().toString().replace(":", "%3A")
            + "' --vuln CVE-2021-44228");
    out(
        w
            + "triage --report "
            + show(reportFile)
            + " --vex-from oci:"
            + show(imageDir)
            + ":app --key "
            + show(pubFile)
            + " \\");
    out(
        "      --vex "
            + show(vendorFile)
            + " --accept-unsigned 'demo vendor' --policy "
            + show(policyFile)
            + " \\");
    out("      --kev " + show(kevFile) + " --base-diffids " + show(diffIds));
    out("  waterline jshell        # the same API, interactively (README, \"JShell\")");
    ctx.out().flush();
  }

  private static VexDocument ourVex(DemoImage.Written image, Instant now) {
    String product = "pkg:oci/app@" + image.appManifest().toString().replace(":", "%3A");
    return Vex.document(OUR_AUTHOR)
        .timestamp(now)
        .statement(
            Vex.notAffected("CVE-2021-44228", product)
                .subcomponent("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1")
                .justification(Justification.VULNERABLE_CODE_NOT_PRESENT)
                .impactStatement(
                    "The build removes JndiLookup.class from log4j-core: the lookup that"
                        + " Log4Shell abuses is not in the image.")
                .timestamp(now))
        .statement(
            Vex.affected(
                    "CVE-2022-42003",
                    product,
                    "Upgrade jackson-databind to 2.13.4.2 in the next release; until then"
                        + " UNWRAP_SINGLE_VALUE_ARRAYS stays disabled.")
                .subcomponent("pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.3")
                .actionStatementTimestamp(now)
                .timestamp(now))
        .statement(
            Vex.fixed("CVE-2022-25857", product)
                .subcomponent("pkg:maven/org.yaml/snakeyaml@1.30")
                .statusNotes("Our snakeyaml 1.30 build carries the upstream fix (backport).")
                .timestamp(now))
        .statement(
            Vex.underInvestigation("CVE-2020-8908", product)
                .subcomponent("pkg:maven/com.google.guava/guava@30.1-jre")
                .statusNotes("Checking whether the service calls Files.createTempDir.")
                .timestamp(now))
        .build();
  }

  private static VexDocument vendorVex(Instant now) {
    return Vex.document(VENDOR_AUTHOR)
        .timestamp(now)
        .statement(
            Vex.notAffected("CVE-2024-5535", "pkg:apk/alpine/libssl3")
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH)
                .impactStatement("Nothing in the base image uses NPN.")
                .timestamp(now))
        .statement(
            Vex.affected(
                    "CVE-2023-42366",
                    "pkg:apk/alpine/busybox",
                    "Fixed in busybox 1.36.1-r16: pull base 1.0.1.")
                .actionStatementTimestamp(now)
                .timestamp(now))
        .build();
  }

  private static void requireValid(VexDocument doc) {
    ValidationReport r = doc.validate();
    if (!r.isValid()) {
      throw new IllegalStateException("the demo wrote an invalid document: " + r);
    }
  }

  private static String statuses(VexDocument doc) {
    List<String> s = new ArrayList<>();
    for (Statement st : doc.statements()) {
      s.add(
          st.status()
              + st.justification().map(j -> " (" + j + ")").orElse("")
              + (st.actionStatement().isPresent() ? " (with an action)" : ""));
    }
    return String.join(", ", s);
  }

  private static String describe(AttachResult.Entry e) {
    return e.tag()
        .map(
            t ->
                "tag "
                    + (t.length() > 24
                        ? t.substring(0, 19) + "…" + t.substring(t.length() - 4)
                        : t))
        .orElse("manifest " + shortDigest(e.manifest().toString()));
  }

  private static String layoutName(AttachmentLayout layout) {
    switch (layout) {
      case SIGSTORE_BUNDLE_REFERRER:
        return "Sigstore bundle referrer";
      case COSIGN_ATT_TAG:
        return "cosign .att tag";
      case STATEMENT_REFERRER:
        return "in-toto statement referrer";
      case DSSE_REFERRER:
        return "DSSE referrer";
      default:
        return "BuildKit attestation manifest";
    }
  }

  private static String counts(TriageReport r) {
    StringBuilder b = new StringBuilder();
    for (Decision d : Decision.values()) {
      b.append(b.length() == 0 ? "" : ", ").append(d).append(' ').append(r.counts().get(d));
    }
    return b.toString();
  }

  private static String algorithm(SigningKey key) {
    String name = key.algorithm().name();
    return name.startsWith("ECDSA_P") ? "ECDSA P-" + name.substring(7) : name.replace('_', ' ');
  }

  private static String shortDigest(String digest) {
    int colon = digest.indexOf(':');
    return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
  }

  private static String shortRef(String ref) {
    int at = ref.indexOf('@');
    return ref.substring(0, at + 1) + shortDigest(ref.substring(at + 1));
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: the key is a throwaway demo key.
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException("the demo resource " + RESOURCES + name + " is missing");
      }
      return Inputs.read(in, InputKind.VEX_DOCUMENT, RESOURCES + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A path as the user would type it: relative to the working directory when under it. */
  private static String show(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath();
    return abs.startsWith(cwd) && !abs.equals(cwd)
        ? cwd.relativize(abs).toString()
        : abs.toString();
  }

  private void step(int n, String title) {
    out("");
    out(bold(n + ". " + title));
  }

  private void file(Path p, String what) {
    String name = show(p) + (Files.isDirectory(p) ? "/" : "");
    out("   " + pad(name, 46) + what);
  }

  private String bold(String s) {
    return color ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  private void out(String line) {
    // Exactly: the bold headings are the demo's own, and so is the rest of its text.
    ctx.exactOut().println(line);
  }
}
