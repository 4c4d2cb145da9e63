package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.internal.io.InputKind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every file the CLI reads, attacked: each verb and option that takes a file is given {@code
 * /dev/zero}, a FIFO, a directory, a sparse file one byte over the limit of its kind, and (for JSON
 * inputs) a well-formed file with a member named twice. Each must end with exit 2, exactly one line
 * on stderr ({@code waterline: error: …}) that names the file (and, for a duplicate, the JSON
 * pointer), nothing on stdout, no stack trace and no {@code OutOfMemoryError} — and never block:
 * every case has a deadline (issue 12: {@code /dev/zero} ran out of memory with a stack trace, a
 * FIFO hung, and a second {@code "Results": []} let {@code triage} exit 0).
 *
 * <p>Two verbs answer a duplicate key with their negative answer instead, because telling whether a
 * document or an attestation is valid is their job: {@code validate} reports the document invalid
 * (exit 1, the finding with its pointer on stdout) and {@code verify} reports the attestation not
 * verified as {@code MALFORMED} (exit 1, with the pointer). Their unreadable-file cases still exit
 * 2.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileFilesTest {
  static final String HEX = "ab".repeat(32);
  static final String SUBJECT = "registry.local/app@sha256:" + HEX;
  static final String DIFF_ID = "sha256:" + "aa".repeat(32);

  @TempDir static Path fixtures;

  static Path pub;
  static Path key;
  static Path vex;
  static Path trivy;
  static Path sarif;
  static Path signingConfig;

  /** What a hostile file must lead to. */
  enum Outcome {
    /** Exit 2, one error line on stderr naming the file, nothing on stdout. */
    INPUT_ERROR,
    /** Exit 1 and the problem (with its JSON pointer) on stdout: the verb's negative answer. */
    NEGATIVE_ANSWER
  }

  /** The attacks. */
  enum Attack {
    DEV_ZERO,
    FIFO,
    DIRECTORY,
    OVER_THE_LIMIT,
    DUPLICATE_KEY
  }

  /** A well-formed file of the option's format with one member named twice. */
  record Duplicate(String content, String pointer, String key, Outcome outcome) {
    Duplicate(String content, String pointer, String key) {
      this(content, pointer, key, Outcome.INPUT_ERROR);
    }
  }

  /** One file option of one verb: {@code args} builds the command line around the file. */
  record Target(
      String name,
      InputKind kind,
      @Nullable Duplicate duplicate,
      Function<Path, List<String>> args) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String VEX =
      "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"@id\":\"https://acme.example/vex/1\","
          + "\"author\":\"Acme <psirt@acme.example>\",\"timestamp\":\"2026-01-01T00:00:00Z\","
          + "\"version\":1,\"statements\":[{\"vulnerability\":{\"name\":\"CVE-2024-0001\"},"
          + "\"products\":[{\"@id\":\"pkg:oci/app\"}],\"status\":\"fixed\"}]}";

  /** The VEX document with a second, empty {@code statements}. */
  static final Duplicate VEX_DUPLICATE =
      new Duplicate(
          VEX.substring(0, VEX.length() - 1) + ",\"statements\":[]}", "/statements", "statements");

  static final String TRIVY =
      "{\"SchemaVersion\":2,\"ArtifactName\":\"registry.local/app:1.0\",\"Metadata\":"
          + "{\"DiffIDs\":[\""
          + DIFF_ID
          + "\"]},\"Results\":[{\"Target\":\"app\",\"Type\":\"debian\",\"Vulnerabilities\":["
          + "{\"VulnerabilityID\":\"CVE-2024-0001\",\"PkgName\":\"openssl\","
          + "\"InstalledVersion\":\"3.0.1\",\"Severity\":\"CRITICAL\"}]}]}";

  static final String SARIF =
      "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"Trivy\",\"rules\":"
          + "[{\"id\":\"CVE-2024-0001\"}]}},\"results\":[{\"ruleId\":\"CVE-2024-0001\","
          + "\"message\":{\"text\":\"Package: openssl\"}}]}]}";

  static final String KEV =
      "{\"catalogVersion\":\"2099.01.01\",\"count\":1,\"vulnerabilities\":[{\"cveID\":"
          + "\"CVE-2024-0001\",\"cveID\":\"CVE-1999-0001\",\"dateAdded\":\"2099-01-01\"}]}";

  /** A DSSE envelope whose payload is given twice. */
  static final Duplicate ENVELOPE_DUPLICATE =
      new Duplicate(
          "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\","
              + "\"payload\":\"\",\"signatures\":[]}",
          "/payload",
          "payload");

  static final Duplicate TRUST_DUPLICATE =
      new Duplicate(
          "{\"mediaType\":\"application/vnd.dev.sigstore.trustedroot+json;version=0.1\","
              + "\"mediaType\":\"x\"}",
          "/mediaType",
          "mediaType");

  static List<String> args(String... a) {
    return List.of(a);
  }

  static List<Target> targets() {
    String image = "oci:" + fixtures.resolve("layout") + ":1.0";
    String none = "oci:" + fixtures.resolve("no-such-layout") + ":1.0";
    List<Target> t = new ArrayList<>();
    // validate FILE
    t.add(
        new Target(
            "validate FILE",
            InputKind.VEX_DOCUMENT,
            new Duplicate(
                VEX_DUPLICATE.content(), "/statements", "statements", Outcome.NEGATIVE_ANSWER),
            f -> args("validate", f.toString())));
    // verify FILE, --key, --trusted-root
    t.add(
        new Target(
            "verify ATTESTATION",
            InputKind.ATTESTATION,
            new Duplicate(
                ENVELOPE_DUPLICATE.content(), "/payload", "payload", Outcome.NEGATIVE_ANSWER),
            f -> args("verify", f.toString(), "--key", pub.toString())));
    t.add(
        new Target(
            "verify --key",
            InputKind.KEY,
            null,
            f -> args("verify", vex.toString(), "--key", f.toString())));
    t.add(
        new Target(
            "verify --trusted-root",
            InputKind.TRUST_CONFIG,
            TRUST_DUPLICATE,
            f ->
                args(
                    "verify",
                    vex.toString(),
                    "--certificate-identity",
                    "ci@acme.example",
                    "--certificate-oidc-issuer",
                    "https://issuer.example",
                    "--trusted-root",
                    f.toString())));
    // attest DOC, --key, --trusted-root
    t.add(
        new Target(
            "attest DOC",
            InputKind.VEX_DOCUMENT,
            VEX_DUPLICATE,
            f -> args("attest", f.toString(), "--key", key.toString(), "--subject", SUBJECT)));
    t.add(
        new Target(
            "attest --key",
            InputKind.KEY,
            null,
            f -> args("attest", vex.toString(), "--key", f.toString(), "--subject", SUBJECT)));
    t.add(
        new Target(
            "attest --trusted-root",
            InputKind.TRUST_CONFIG,
            TRUST_DUPLICATE,
            f ->
                args(
                    "attest",
                    vex.toString(),
                    "--keyless",
                    "--subject",
                    SUBJECT,
                    "--signing-config",
                    signingConfig.toString(),
                    "--trusted-root",
                    f.toString())));
    // attach IMAGE FILE
    t.add(
        new Target(
            "attach ATTESTATION",
            InputKind.ATTESTATION,
            ENVELOPE_DUPLICATE,
            f -> args("attach", image, f.toString())));
    // fetch --key, --trusted-root
    t.add(
        new Target(
            "fetch --key", InputKind.KEY, null, f -> args("fetch", none, "--key", f.toString())));
    t.add(
        new Target(
            "fetch --trusted-root",
            InputKind.TRUST_CONFIG,
            TRUST_DUPLICATE,
            f ->
                args(
                    "fetch",
                    none,
                    "--certificate-identity",
                    "ci@acme.example",
                    "--certificate-oidc-issuer",
                    "https://issuer.example",
                    "--trusted-root",
                    f.toString())));
    // triage: every file option
    t.add(
        new Target(
            "triage --report",
            InputKind.SCAN_REPORT,
            new Duplicate(
                TRIVY.substring(0, TRIVY.length() - 1) + ",\"Results\":[]}", "/Results", "Results"),
            f -> args("triage", "--report", f.toString())));
    t.add(
        new Target(
            "triage --report --format sarif",
            InputKind.SCAN_REPORT,
            new Duplicate(
                SARIF.replace("\"results\":[", "\"results\":[],\"results\":["),
                "/runs/0/results",
                "results"),
            f -> args("triage", "--report", f.toString(), "--format", "sarif")));
    t.add(
        new Target(
            "triage --vex",
            InputKind.VEX_DOCUMENT,
            VEX_DUPLICATE,
            f -> args("triage", "--report", trivy.toString(), "--vex", f.toString())));
    t.add(
        new Target(
            "triage --kev",
            InputKind.KEV_CATALOG,
            new Duplicate(KEV, "/vulnerabilities/0/cveID", "cveID"),
            f -> args("triage", "--report", trivy.toString(), "--kev", f.toString())));
    t.add(
        new Target(
            "triage --epss",
            InputKind.EPSS_SCORES,
            null,
            f -> args("triage", "--report", trivy.toString(), "--epss", f.toString())));
    t.add(
        new Target(
            "triage --policy",
            InputKind.POLICY,
            new Duplicate(
                "{\"severities\":{\"critical\":\"remediate\"},\"severities\":{\"critical\":"
                    + "\"accept\"}}",
                "/severities",
                "severities"),
            f -> args("triage", "--report", trivy.toString(), "--policy", f.toString())));
    t.add(
        new Target(
            "triage --base-diffids",
            InputKind.DIFF_IDS,
            new Duplicate("[\"" + DIFF_ID + "\",{\"a\":1,\"a\":2}]", "/1/a", "a"),
            f -> args("triage", "--report", trivy.toString(), "--base-diffids", f.toString())));
    t.add(
        new Target(
            "triage --key",
            InputKind.KEY,
            null,
            f -> args("triage", "--report", trivy.toString(), "--key", f.toString())));
    t.add(
        new Target(
            "triage --trusted-root",
            InputKind.TRUST_CONFIG,
            TRUST_DUPLICATE,
            f ->
                args(
                    "triage",
                    "--report",
                    trivy.toString(),
                    "--certificate-identity",
                    "ci@acme.example",
                    "--certificate-oidc-issuer",
                    "https://issuer.example",
                    "--trusted-root",
                    f.toString())));
    // filter REPORT VEX
    t.add(
        new Target(
            "filter REPORT",
            InputKind.SCAN_REPORT,
            new Duplicate(SARIF.replace("\"runs\":[", "\"runs\":[],\"runs\":["), "/runs", "runs"),
            f -> args("filter", f.toString(), vex.toString())));
    t.add(
        new Target(
            "filter VEX",
            InputKind.VEX_DOCUMENT,
            VEX_DUPLICATE,
            f -> args("filter", sarif.toString(), f.toString())));
    // status --vex, merge, add -i, embed
    t.add(
        new Target(
            "status --vex",
            InputKind.VEX_DOCUMENT,
            VEX_DUPLICATE,
            f -> args("status", "--vex", f.toString(), "-p", "pkg:oci/app", "-v", "CVE-2024-1")));
    t.add(
        new Target(
            "merge FILE",
            InputKind.VEX_DOCUMENT,
            VEX_DUPLICATE,
            f -> args("merge", vex.toString(), f.toString())));
    t.add(
        new Target(
            "add -i DOC",
            InputKind.VEX_DOCUMENT,
            VEX_DUPLICATE,
            f -> args("add", "-i", f.toString(), "pkg:oci/app", "CVE-2024-0009", "fixed")));
    t.add(
        new Target(
            "embed VEX",
            InputKind.VEX_DOCUMENT,
            VEX_DUPLICATE,
            f ->
                args(
                    "embed",
                    "--from",
                    image,
                    "--to",
                    "oci:" + fixtures.resolve("out") + ":1.0-vex",
                    f.toString())));
    return t;
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (Target target : targets()) {
      for (Attack attack : Attack.values()) {
        if (attack == Attack.DUPLICATE_KEY && target.duplicate() == null) {
          continue; // not JSON (PEM keys, EPSS CSV)
        }
        all.add(Arguments.of(target, attack));
      }
    }
    return all.stream();
  }

  @BeforeAll
  static void validInputs() {
    Cli.Result keygen =
        Cli.atFixedTime()
            .env("COSIGN_PASSWORD", "pw")
            .run("keygen", "--output-key-prefix", fixtures.resolve("cosign").toString());
    assertThat(keygen.code()).as(keygen.toString()).isZero();
    key = fixtures.resolve("cosign.key");
    pub = fixtures.resolve("cosign.pub");
    vex = Cli.write(fixtures.resolve("vex.json"), VEX);
    trivy = Cli.write(fixtures.resolve("trivy.json"), TRIVY);
    sarif = Cli.write(fixtures.resolve("report.sarif"), SARIF);
    signingConfig = Cli.write(fixtures.resolve("signing_config.json"), "{}");
  }

  @ParameterizedTest(name = "{0} given {1}")
  @MethodSource("cases")
  void isRefusedOnOneLineWithoutBlocking(Target target, Attack attack, @TempDir Path dir)
      throws IOException, InterruptedException {
    Path file;
    String expected;
    switch (attack) {
      case DEV_ZERO:
        file = Path.of("/dev/zero");
        assumeTrue(Files.exists(file), "/dev/zero is not available here: case skipped");
        expected = "cannot read /dev/zero: it is a character device, not a regular file";
        break;
      case FIFO:
        file = dir.resolve("pipe.json");
        assumeTrue(mkfifo(file), "mkfifo is not available here: FIFO case skipped");
        expected = "cannot read " + file + ": it is a FIFO (named pipe), not a regular file";
        break;
      case DIRECTORY:
        file = Files.createDirectory(dir.resolve("dir.json"));
        expected = "cannot read " + file + ": it is a directory, not a regular file";
        break;
      case OVER_THE_LIMIT:
        file = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
          f.setLength(target.kind().limit() + 1); // sparse: nothing is written
        }
        expected =
            "cannot read "
                + file
                + ": it is "
                + InputKind.describeSize(target.kind().limit() + 1)
                + ", larger than the "
                + InputKind.describeSize(target.kind().limit())
                + " limit for "
                + target.kind().description()
                + " (raise it with -D"
                + target.kind().property()
                + "=SIZE)";
        break;
      default:
        Duplicate d = Objects.requireNonNull(target.duplicate());
        file = Cli.write(dir.resolve("duplicate.json"), d.content());
        expected = "duplicate field '" + d.key() + "' in one object";
        break;
    }
    Cli.Result r =
        Cli.atFixedTime()
            .env("COSIGN_PASSWORD", "pw")
            .run(target.args().apply(file).toArray(String[]::new));

    assertThat(r.err() + r.out())
        .as(r.toString())
        .doesNotContain("OutOfMemoryError")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    Duplicate d = target.duplicate();
    if (attack == Attack.DUPLICATE_KEY && d != null && d.outcome() == Outcome.NEGATIVE_ANSWER) {
      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.out()).as(r.toString()).contains(d.pointer()).contains(expected);
      return;
    }
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).as(r.toString()).isEmpty();
    assertThat(r.errLines()).as(r.toString()).hasSize(1);
    String line = r.errLines().get(0);
    assertThat(line).startsWith("waterline: error: ").contains(file.toString());
    if (attack == Attack.DUPLICATE_KEY) {
      // Each format's reader words it its own way; all name the pointer, line and the duplicate.
      assertThat(line)
          .contains(" at " + Objects.requireNonNull(d).pointer())
          .contains("(line 1, column ")
          .contains(expected);
    } else {
      assertThat(line).endsWith(expected);
    }
  }

  @Test
  void aSecondEmptyResultsInATrivyReportIsAnInputErrorNotAPass(@TempDir Path dir) {
    Cli cli = Cli.atFixedTime();
    Cli.Result gate = cli.run("triage", "--report", trivy.toString());
    assertThat(gate.code()).as(gate.toString()).isEqualTo(1);
    assertThat(gate.outLines()).first().isEqualTo("1 to remediate");

    Path hidden =
        Cli.write(
            dir.resolve("trivy.json"), TRIVY.substring(0, TRIVY.length() - 1) + ",\"Results\":[]}");
    Cli.Result r = cli.run("triage", "--report", hidden.toString());
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "waterline: error: "
                + hidden
                + ": not valid JSON at /Results (line 1, column 338): duplicate field 'Results' in"
                + " one object\n");
  }

  /**
   * An output file is written beside and moved into place: a move onto a FIFO or a device would put
   * a regular file where it was ({@code --file /dev/null} run as root replaced the device).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"convert", "merge"})
  void anOutputFileThatIsAFifoIsRefusedAndLeftAsItWas(String command, @TempDir Path dir)
      throws IOException, InterruptedException {
    Path fifo = dir.resolve("out.json");
    assumeTrue(mkfifo(fifo), "mkfifo is not available here: FIFO case skipped");
    List<String> args =
        command.equals("convert")
            ? List.of("convert", vex.toString(), "--to", "csaf", "--file", fifo.toString())
            : List.of("merge", vex.toString(), "--file", fifo.toString());
    Cli.Result r = Cli.atFixedTime().run(args.toArray(String[]::new));

    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .as(r.toString())
        .isEqualTo(
            "waterline: error: cannot write "
                + fifo
                + ": it is a FIFO (named pipe), not a regular file\n");
    assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
    try (var listing = Files.list(dir)) {
      assertThat(listing).as("no temporary file left behind").containsExactly(fifo);
    }
  }

  static boolean mkfifo(Path p) throws InterruptedException {
    try {
      Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
      return proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0 && Files.exists(p);
    } catch (IOException e) {
      return false;
    }
  }
}
