package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.TestImages;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attach}, {@code fetch} and {@code attest --attach} on an OCI layout and a registry. */
class FetchAttachCommandTest {
  static final Pattern SHA = Pattern.compile("sha256:[0-9a-f]{64}");

  @TempDir static Path keys;
  static Path privateKey;
  static Path publicKey;
  static Path otherPublicKey;

  final Cli cli = Cli.atFixedTime();

  @BeforeAll
  static void keys() {
    SigningKey key = Keys.generate();
    privateKey = keys.resolve("k.pem");
    publicKey = keys.resolve("k.pub");
    otherPublicKey = keys.resolve("other.pub");
    Keys.writePrivatePem(key, privateKey);
    Keys.writePublicPem(key.publicKey(), publicKey);
    Keys.writePublicPem(Keys.generate().publicKey(), otherPublicKey);
  }

  static VexDocument doc(String cve) {
    return Vex.document("Acme Security <psirt@acme.example>")
        .statement(
            Vex.notAffected(cve, "pkg:oci/app")
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
        .build();
  }

  static Path docFile(Path dir, String cve) {
    return Cli.write(dir.resolve(cve + ".openvex.json"), doc(cve).toJson());
  }

  /** An unsigned in-toto statement about {@code digest}, as Docker Scout attaches them. */
  static Path statementFile(Path dir, String cve, String subjectName, Digest digest) {
    byte[] payload =
        Attestations.of(doc(cve)).subject(subjectName + "@" + digest).statement().toPayload();
    return Cli.write(
        dir.resolve(cve + ".intoto.json"), new String(payload, StandardCharsets.UTF_8));
  }

  /** A DSSE envelope signed by our key whose payload was swapped for another statement. */
  static Path tamperedEnvelope(Path dir, String subjectName, Digest digest) {
    String good =
        Attestations.of(doc("CVE-2026-1111"))
            .subject(subjectName + "@" + digest)
            .sign(Keys.readPrivatePem(privateKey))
            .toJson();
    String forged =
        Base64.getEncoder()
            .encodeToString(
                Attestations.of(doc("CVE-2026-6666"))
                    .subject(subjectName + "@" + digest)
                    .statement()
                    .toPayload());
    Matcher m = Pattern.compile("\"payload\":\"([^\"]+)\"").matcher(good);
    assertThat(m.find()).isTrue();
    return Cli.write(dir.resolve("tampered.dsse.json"), good.replace(m.group(1), forged));
  }

  /** The same bytes with one bit flipped near the end (the size stays). */
  static byte[] flipped(byte[] bytes) {
    byte[] changed = bytes.clone();
    changed[changed.length - 3] ^= 1;
    return changed;
  }

  /** The layer digest of the first attestation in {@code layout} found in {@code layout}. */
  static Digest layerIn(Path layoutDir, AttachmentLayout layout) {
    return Attachments.on(OciLayout.open(layoutDir)).fetch("1.0").attestations().stream()
        .filter(a -> a.layout() == layout)
        .findFirst()
        .orElseThrow()
        .layer();
  }

  static List<String> cves(String json) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : Cli.readJsonString(json).path("statements")) {
      out.add(s.path("vulnerability").path("name").asText());
    }
    out.sort(null);
    return out;
  }

  @Nested
  class OnAnOciLayout {
    @TempDir Path dir;
    Path layoutDir;
    Digest digest;
    String image;

    @BeforeEach
    void layout() {
      layoutDir = dir.resolve("layout");
      digest = SampleImages.write(OciLayout.create(layoutDir), "1.0");
      image = "oci:" + layoutDir + ":1.0";
    }

    Cli.Result attestAndAttach(String cve) {
      return cli.run(
          "attest",
          docFile(dir, cve).toString(),
          "oci:" + layoutDir + "@" + digest,
          "-s",
          "-a",
          "--key",
          privateKey.toString());
    }

    @Test
    void anImageGivenTwiceIsOneSubjectAttachedToOnce() throws Exception {
      String subject = "oci:" + layoutDir + "@" + digest;
      Cli.Result attest =
          cli.run(
              "attest",
              docFile(dir, "CVE-2026-0001").toString(),
              subject,
              "--subject",
              subject,
              "-a",
              "--key",
              privateKey.toString(),
              "--file",
              dir.resolve("att.json").toString());

      assertThat(attest.code()).as(attest.toString()).isEqualTo(0);
      assertThat(attest.outLines())
          .hasSize(3)
          .first()
          .isEqualTo("attached to " + subject + " (" + digest + ")");
      assertThat(attest.outLines().subList(1, 3)).allSatisfy(l -> assertThat(l).endsWith(" added"));
      byte[] payload =
          dev.waterline.vex.sign.SigstoreBundle.parse(Files.readAllBytes(dir.resolve("att.json")))
              .envelope()
              .payload();
      assertThat(dev.waterline.vex.sign.InTotoStatement.parse(payload).subjects()).hasSize(1);
    }

    @Test
    void attestAttachThenFetchVerifiesBothDefaultLayouts() {
      Cli.Result attest = attestAndAttach("CVE-2026-0001");
      assertThat(attest.code()).as(attest.toString()).isEqualTo(0);
      assertThat(attest.outLines()).hasSize(3);
      assertThat(attest.outLines().get(0))
          .isEqualTo("attached to oci:" + layoutDir + "@" + digest + " (" + digest + ")");
      assertThat(attest.outLines().get(1))
          .startsWith("  bundle-referrer sha256:")
          .endsWith(" added");
      assertThat(attest.outLines().get(2))
          .startsWith("  att sha256:")
          .endsWith(" tag " + "sha256-" + digest.hex() + ".att added");

      Cli.Result fetch = cli.run("fetch", image, "--key", publicKey.toString());

      assertThat(fetch.code()).as(fetch.toString()).isEqualTo(0);
      assertThat(fetch.outLines().get(0))
          .isEqualTo(image + " " + digest + ": 2 verified, 0 failed, 0 unsigned (0 accepted)");
      assertThat(fetch.outLines().subList(1, 3))
          .allSatisfy(
              l ->
                  assertThat(l)
                      .startsWith("  verified ")
                      .contains(" on " + digest + " https://openvex.dev/ns: signed by key ")
                      .contains("keyid="))
          .anySatisfy(l -> assertThat(l).startsWith("  verified bundle-referrer sha256:"))
          .anySatisfy(l -> assertThat(l).startsWith("  verified att sha256:"));
      assertThat(fetch.err()).isEmpty();
    }

    @Test
    void progressGoesToStderrOnlyWhenAPersonIsWatching() {
      attestAndAttach("CVE-2026-0001");
      java.io.StringWriter out = new java.io.StringWriter();
      java.io.StringWriter err = new java.io.StringWriter();
      Context terminal =
          new Context(
              new java.io.PrintWriter(out),
              new java.io.PrintWriter(err),
              java.util.Map.of(),
              java.time.Instant::now,
              true);

      int code = Main.run(terminal, "fetch", image, "--key", publicKey.toString());

      assertThat(code).isEqualTo(0);
      assertThat(err.toString()).isEqualTo("\r\033[Kfetched 1/1 " + image + "\r\033[K");
      assertThat(out.toString()).startsWith(image + " " + digest + ": 2 verified");
    }

    @Test
    void attachPrintsWhatItWroteAndAddsNothingTheSecondTime() {
      Path statement = statementFile(dir, "CVE-2026-0002", "layout", digest);

      Cli.Result first = cli.run("attach", image, statement.toString());
      Cli.Result again = cli.run("attach", image, statement.toString(), "--format", "json");

      assertThat(first.code()).as(first.toString()).isEqualTo(0);
      assertThat(first.outLines().get(0))
          .isEqualTo(statement + " -> " + image + " (" + digest + ")");
      assertThat(first.outLines().get(1)).matches("  statement-referrer sha256:[0-9a-f]{64} added");
      assertThat(again.code()).isEqualTo(0);
      JsonNode entry = again.json().path("attachments").get(0);
      assertThat(again.json().path("subject").asText()).isEqualTo(digest.toString());
      assertThat(entry.path("layout").asText()).isEqualTo("statement-referrer");
      assertThat(entry.path("added").asBoolean()).isFalse();
      assertThat(entry.path("manifest").asText()).isEqualTo(first.outLines().get(1).split(" ")[3]);
    }

    @Test
    void attachSaysWhichDigestItUsedWhenTheTagIsMissing() {
      Path statement = statementFile(dir, "CVE-2026-0002", "layout", digest);
      String tagged = "oci:" + layoutDir + ":9.9@" + digest;

      Cli.Result text = cli.run("attach", tagged, statement.toString());
      Cli.Result json = cli.run("attach", tagged, statement.toString(), "--format", "json");

      assertThat(text.code()).as(text.toString()).isEqualTo(0);
      assertThat(text.errLines())
          .anySatisfy(l -> assertThat(l).startsWith("waterline: note: ").contains("9.9"));
      assertThat(text.out()).doesNotContain("note:");
      assertThat(json.json().path("notes")).isNotEmpty();
      assertThat(json.json().path("notes").get(0).asText()).contains("9.9");
    }

    @Test
    void attachRefusesAStatementAboutAnotherDigestUnlessTheCheckIsTurnedOff() {
      Digest other = Digest.parse("sha256:" + "0f".repeat(32));
      Path statement = statementFile(dir, "CVE-2026-0003", "layout", other);

      Cli.Result refused = cli.run("attach", image, statement.toString());
      Cli.Result forced = cli.run("attach", image, statement.toString(), "--no-subject-check");

      assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.err())
          .contains("the statement's subjects are [" + other + "]")
          .contains("(" + digest + ")")
          .contains("waterline attach --no-subject-check");
      assertThat(forced.code()).as(forced.toString()).isEqualTo(0);
      assertThat(forced.outLines().get(1))
          .matches("  statement-referrer sha256:[0-9a-f]{64} added");
    }

    @Test
    void mergeTakesVerifiedOnlyUnlessUnsignedAreAcceptedWithAReason() {
      attestAndAttach("CVE-2026-0001");
      cli.run("attach", image, statementFile(dir, "CVE-2026-0002", "layout", digest).toString());

      Cli.Result signedOnly = cli.run("fetch", image, "--key", publicKey.toString(), "--merge");
      Cli.Result withUnsigned =
          cli.run(
              "fetch",
              image,
              "--key",
              publicKey.toString(),
              "--merge",
              "--accept-unsigned",
              "our own build");

      assertThat(signedOnly.code()).as(signedOnly.toString()).isEqualTo(0);
      assertThat(cves(signedOnly.out())).containsExactly("CVE-2026-0001");
      assertThat(signedOnly.err())
          .isEqualTo(
              "waterline: "
                  + image
                  + ": "
                  + digest
                  + ": 2 verified, 0 failed, 1 unsigned (0 accepted)\n");
      assertThat(withUnsigned.code()).isEqualTo(0);
      assertThat(cves(withUnsigned.out())).containsExactly("CVE-2026-0001", "CVE-2026-0002");
    }

    @Test
    void mergeKeepsTheAuthorTheDocumentsShareOrTakesAuthor() {
      attestAndAttach("CVE-2026-0001");
      cli.run("attach", image, statementFile(dir, "CVE-2026-0002", "layout", digest).toString());

      Cli.Result shared = cli.run("fetch", image, "--key", publicKey.toString(), "--merge");
      Cli.Result named =
          cli.run(
              "fetch",
              image,
              "--key",
              publicKey.toString(),
              "--merge",
              "--author",
              "Platform Team <platform@acme.example>",
              "--author-role",
              "aggregator");
      Cli.Result withoutMerge =
          cli.run("fetch", image, "--key", publicKey.toString(), "--author", "x");

      assertThat(shared.code()).as(shared.toString()).isEqualTo(0);
      assertThat(Cli.readJsonString(shared.out()).path("author").asText())
          .isEqualTo("Acme Security <psirt@acme.example>");
      assertThat(named.code()).as(named.toString()).isEqualTo(0);
      JsonNode doc = Cli.readJsonString(named.out());
      assertThat(doc.path("author").asText()).isEqualTo("Platform Team <platform@acme.example>");
      assertThat(doc.path("role").asText()).isEqualTo("aggregator");
      assertThat(withoutMerge.code()).isEqualTo(2);
      assertThat(withoutMerge.err())
          .isEqualTo("waterline: error: --author and --author-role go with --merge\n");
    }

    @Test
    void unsignedIsListedAsNotAcceptedAndWithAReasonAsAccepted() {
      cli.run("attach", image, statementFile(dir, "CVE-2026-0002", "layout", digest).toString());

      Cli.Result listed = cli.run("fetch", image, "--key", publicKey.toString());
      Cli.Result json =
          cli.run(
              "fetch", image, "--accept-unsigned", "vendor signs out of band", "--format", "json");

      assertThat(listed.code()).isEqualTo(0);
      assertThat(listed.outLines().get(1))
          .startsWith("  unsigned statement-referrer sha256:")
          .endsWith(": not accepted (no --accept-unsigned)");
      JsonNode a = json.json().path("images").get(0).path("attestations").get(0);
      assertThat(a.path("state").asText()).isEqualTo("unsigned");
      assertThat(a.path("accepted").asBoolean()).isTrue();
      assertThat(a.path("acceptedReason").asText()).isEqualTo("vendor signs out of band");
      assertThat(a.path("kind").asText()).isEqualTo("in-toto-statement");
      assertThat(json.json().path("policy").asText())
          .isEqualTo(
              "FetchPolicy[no signature trusted, unsigned accepted: \"vendor signs out of band\"]");
    }

    @Test
    void wrongKeyFailsWithTheReasonAndMergesNothing() {
      attestAndAttach("CVE-2026-0001");

      Cli.Result listed = cli.run("fetch", image, "--key", otherPublicKey.toString());
      Cli.Result merged = cli.run("fetch", image, "--key", otherPublicKey.toString(), "--merge");

      assertThat(listed.code()).as(listed.toString()).isEqualTo(1);
      assertThat(listed.outLines().subList(1, 3))
          .allSatisfy(l -> assertThat(l).startsWith("  failed ").containsPattern(": [A-Z_]+: "));
      assertThat(merged.code()).isEqualTo(1);
      assertThat(merged.out()).isEmpty();
      assertThat(merged.errLines())
          .contains("waterline: nothing to merge: no verified or accepted OpenVEX attestation");
    }

    @Test
    void tamperedAttestationFailsAsBadSignatureAndStaysOutOfTheMerge() {
      attestAndAttach("CVE-2026-0001");
      Cli.Result attach =
          cli.run(
              "attach",
              image,
              tamperedEnvelope(dir, "layout", digest).toString(),
              "--layout",
              "att");
      assertThat(attach.code()).as(attach.toString()).isEqualTo(0);

      Cli.Result json = cli.run("fetch", image, "--key", publicKey.toString(), "--format", "json");
      Cli.Result merged = cli.run("fetch", image, "--key", publicKey.toString(), "--merge");

      assertThat(json.code()).isEqualTo(1);
      List<String> states = new ArrayList<>();
      for (JsonNode a : json.json().path("images").get(0).path("attestations")) {
        states.add(a.path("state").asText() + " " + a.path("reason").asText(""));
      }
      assertThat(states)
          .containsExactlyInAnyOrder("verified ", "verified ", "failed BAD_SIGNATURE");
      assertThat(merged.code()).isEqualTo(1);
      assertThat(cves(merged.out())).containsExactly("CVE-2026-0001");
    }

    @Test
    void oneImageThatCannotBeFetchedLosesNothingElse() {
      attestAndAttach("CVE-2026-0001");
      String missing = "oci:" + dir.resolve("nowhere") + ":1.0";

      Cli.Result r =
          cli.run("fetch", missing, image, "--key", publicKey.toString(), "--parallel", "2");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.outLines().get(0)).startsWith(image + " " + digest + ": 2 verified");
      assertThat(r.err())
          .startsWith("waterline: error: cannot fetch " + missing + ": ")
          .contains("nowhere");
    }

    /** Attests (bundle referrer and .att) and changes one bit of the bundle referrer's layer. */
    Digest attestAndTamperTheBundle(String cve) throws java.io.IOException {
      assertThat(attestAndAttach(cve).code()).isEqualTo(0);
      Digest layer = layerIn(layoutDir, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
      Path blob = layoutDir.resolve("blobs/sha256/" + layer.hex());
      Files.write(blob, flipped(Files.readAllBytes(blob)));
      return layer;
    }

    @Test
    void aTamperedAttestationIsListedAsFailedWithItsReasonAndExitsOne() throws Exception {
      Digest layer = attestAndTamperTheBundle("CVE-2026-0001");

      Cli.Result r = cli.run("fetch", image, "--key", publicKey.toString());

      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.outLines().get(0))
          .isEqualTo(
              image
                  + " "
                  + digest
                  + ": 1 verified, 1 failed (1 unreadable), 0 unsigned (0 accepted)");
      assertThat(r.outLines().get(1)).startsWith("  verified att sha256:");
      assertThat(r.outLines().get(2))
          .matches(
              "  failed bundle-referrer sha256:[0-9a-f]{64} on "
                  + digest
                  + " https://openvex\\.dev/ns: DIGEST_MISMATCH: the blob "
                  + layer
                  + " read from oci:.* has the digest sha256:[0-9a-f]{64}: the content was"
                  + " changed or corrupted, so it is rejected");
      assertThat(r.outLines()).hasSize(3);
      assertThat(r.err()).isEmpty();
    }

    @Test
    void aTamperedAttestationIsFailedAndUnreadableInTheJson() throws Exception {
      Digest layer = attestAndTamperTheBundle("CVE-2026-0001");

      Cli.Result r = cli.run("fetch", image, "--key", publicKey.toString(), "--format", "json");

      assertThat(r.code()).isEqualTo(1);
      JsonNode img = r.json().path("images").get(0);
      JsonNode failed = img.path("attestations").get(1);
      assertThat(failed.path("state").asText()).isEqualTo("failed");
      assertThat(failed.path("unreadable").asBoolean()).isTrue();
      assertThat(failed.path("reason").asText()).isEqualTo("DIGEST_MISMATCH");
      assertThat(failed.path("layout").asText()).isEqualTo("bundle-referrer");
      assertThat(failed.path("digest").asText()).isEqualTo(layer.toString());
      assertThat(failed.path("subject").asText()).isEqualTo(digest.toString());
      assertThat(failed.path("manifest").asText()).matches(SHA);
      assertThat(failed.path("message").asText()).startsWith("the blob " + layer + " read from");
      assertThat(img.path("problems")).isEmpty();
    }

    @Test
    void mergeStillExitsOneWhenAnAttestationIsUnreadable() throws Exception {
      attestAndTamperTheBundle("CVE-2026-0001");

      Cli.Result r = cli.run("fetch", image, "--key", publicKey.toString(), "--merge");

      assertThat(r.code()).isEqualTo(1);
      assertThat(cves(r.out())).containsExactly("CVE-2026-0001");
      assertThat(r.errLines())
          .containsExactly(
              "waterline: "
                  + image
                  + ": "
                  + digest
                  + ": 1 verified, 1 failed (1 unreadable), 0 unsigned (0 accepted)");
    }

    @Test
    void carryAndExportStopOnATamperedAttestationNamingTheirOwnArgumentsNotTriages()
        throws Exception {
      Digest layer = attestAndTamperTheBundle("CVE-2024-0001");

      Cli.Result carry =
          cli.run(
              "carry", "--from", image, "--to", image, "--attached", "--key", publicKey.toString());
      Cli.Result export =
          cli.run("export", image, "--to", "trivy-ignore", "--key", publicKey.toString());

      for (Cli.Result r : List.of(carry, export)) {
        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err())
            .contains(": the attestation " + layer + " (bundle-referrer) on " + digest)
            .endsWith("; nothing was written\n")
            .doesNotContain("--vex-from", "--ignore-unreadable");
      }
      assertThat(carry.err())
          .startsWith("waterline: error: --from " + image + ": the attestation " + layer);
      assertThat(export.err())
          .startsWith("waterline: error: " + image + ": the attestation " + layer);
    }

    @Test
    void triageStopsOnATamperedAttestationNamingImageDigestAndReason() throws Exception {
      Digest layer = attestAndTamperTheBundle("CVE-2024-0001");
      Path report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);

      Cli.Result r = triage(report, image, publicKey);

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err())
          .startsWith(
              "waterline: error: --vex-from "
                  + image
                  + ": the attestation "
                  + layer
                  + " (bundle-referrer) on "
                  + digest
                  + " cannot be read: DIGEST_MISMATCH: the blob "
                  + layer
                  + " read from oci:")
          .endsWith(
              "; nothing was decided (--ignore-unreadable goes on without it and records it in"
                  + " the report)\n");
    }

    @Test
    void triageWithIgnoreUnreadableGoesOnAndRecordsItInTheReport() throws Exception {
      Path vex =
          Cli.write(
              dir.resolve("fixed.json"),
              TriageCommandTest.vex("Acme", "CVE-2024-0001", "pkg:deb/debian/openssl", "fixed"));
      assertThat(
              cli.run(
                      "attest",
                      vex.toString(),
                      "oci:" + layoutDir + "@" + digest,
                      "-s",
                      "-a",
                      "--key",
                      privateKey.toString())
                  .code())
          .isEqualTo(0);
      Digest layer = layerIn(layoutDir, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER);
      Path blob = layoutDir.resolve("blobs/sha256/" + layer.hex());
      Files.write(blob, flipped(Files.readAllBytes(blob)));
      Path report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);

      Cli.Result json =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex-from",
              image,
              "--key",
              publicKey.toString(),
              "--ignore-unreadable",
              "--format",
              "json");
      Cli.Result md =
          cli.run(
              "triage",
              "--report",
              report.toString(),
              "--vex-from",
              image,
              "--key",
              publicKey.toString(),
              "--ignore-unreadable",
              "--format",
              "markdown");

      assertThat(json.code())
          .as(json.toString())
          .isEqualTo(json.json().path("remediation_needed").asBoolean() ? 1 : 0);
      assertThat(openssl(json)).isEqualTo("fixed"); // the .att copy verified
      JsonNode recorded = json.json().path("inputs").path("unreadable_vex");
      assertThat(recorded).hasSize(1);
      assertThat(recorded.get(0).path("origin").asText()).isEqualTo(image);
      assertThat(recorded.get(0).path("digest").asText()).isEqualTo(layer.toString());
      assertThat(recorded.get(0).path("reason").asText()).isEqualTo("DIGEST_MISMATCH");
      assertThat(json.errLines())
          .singleElement()
          .asString()
          .startsWith(
              "waterline: warning: --vex-from "
                  + image
                  + ": the attestation "
                  + layer
                  + " (bundle-referrer) on "
                  + digest
                  + " cannot be read: DIGEST_MISMATCH: ")
          .endsWith("; left out");
      assertThat(md.out()).contains("### Unreadable VEX, left out (1)").contains(layer.toString());
    }

    @Test
    void ignoreUnreadableGoesWithVexFrom() {
      Path report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);
      Cli.Result r = cli.run("triage", "--report", report.toString(), "--ignore-unreadable");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo("waterline: error: --ignore-unreadable goes with --vex-from IMAGE\n");
    }

    @Test
    void attachRefusesADeviceAsAnAttestationFileWithoutReadingIt() {
      Cli.Result r = cli.run("attach", image, "/dev/zero");

      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: cannot read /dev/zero: it is a character device, not a regular"
                  + " file\n");
    }

    @Test
    void attachRewritesADamagedBlobAndSaysSo() throws Exception {
      Path statement = statementFile(dir, "CVE-2026-0002", "layout", digest);
      assertThat(cli.run("attach", image, statement.toString()).code()).isEqualTo(0);
      Digest layer = Digest.of(Files.readAllBytes(statement));
      Path blob = layoutDir.resolve("blobs/sha256/" + layer.hex());
      byte[] wrong = flipped(Files.readAllBytes(blob));
      Files.write(blob, wrong);

      Cli.Result text = cli.run("attach", image, statement.toString());
      Files.write(blob, wrong);
      Cli.Result json = cli.run("attach", image, statement.toString(), "--format", "json");

      assertThat(text.code()).as(text.toString()).isEqualTo(0);
      assertThat(text.outLines().get(1)).endsWith(" already there");
      assertThat(text.errLines())
          .containsExactly(
              "waterline: note: blobs/sha256/"
                  + layer.hex()
                  + " in oci:"
                  + layoutDir.toRealPath()
                  + " held other bytes, with the digest "
                  + Digest.of(wrong)
                  + " instead of the "
                  + wrong.length
                  + " bytes of "
                  + layer
                  + "; it was rewritten with them");
      assertThat(json.json().path("repaired").get(0).asText()).isEqualTo(layer.toString());
      assertThat(Files.readAllBytes(blob)).isEqualTo(Files.readAllBytes(statement));
    }

    @Test
    void triageReadsVerifiedVexFromTheLayoutWithTheSameFlags() {
      Path vex =
          Cli.write(
              dir.resolve("fixed.json"),
              TriageCommandTest.vex("Acme", "CVE-2024-0001", "pkg:deb/debian/openssl", "fixed"));
      cli.run(
          "attest",
          vex.toString(),
          "oci:" + layoutDir + "@" + digest,
          "-s",
          "-a",
          "--key",
          privateKey.toString());
      Path report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);

      Cli.Result ok = triage(report, image, publicKey);
      Cli.Result wrong = triage(report, image, otherPublicKey);

      assertThat(openssl(ok)).isEqualTo("fixed");
      assertThat(ok.err()).isEmpty();
      assertThat(openssl(wrong)).isEqualTo("remediate");
      assertThat(wrong.errLines())
          .hasSize(2)
          .allSatisfy(
              l ->
                  assertThat(l)
                      .startsWith("waterline: warning: " + image + " (")
                      .contains(" left out: verification failed: UNKNOWN_KEY: "));
    }
  }

  Cli.Result triage(Path report, String image, Path key) {
    return cli.run(
        "triage",
        "--report",
        report.toString(),
        "--vex-from",
        image,
        "--key",
        key.toString(),
        "--format",
        "json");
  }

  static String openssl(Cli.Result r) {
    for (JsonNode d : r.json().path("decisions")) {
      if (d.path("vulnerability").asText().equals("CVE-2024-0001")
          || d.toString().contains("CVE-2024-0001")) {
        return d.path("decision").asText();
      }
    }
    throw new AssertionError("no decision for CVE-2024-0001: " + r);
  }

  @Nested
  class Usage {
    @Test
    void fetchNeedsAVerificationFlagOrAnAcceptance() {
      Cli.Result r = cli.run("fetch", "oci:/tmp/x:1.0");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: fetch needs --key PUB, or --certificate-identity ID with"
                  + " --certificate-oidc-issuer ISS, or --accept-unsigned REASON\n");
    }

    @Test
    void keyAndKeylessExcludeEachOther() {
      Cli.Result r =
          cli.run(
              "fetch",
              "oci:/tmp/x:1.0",
              "--key",
              publicKey.toString(),
              "--certificate-identity",
              "a@b");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: --key and the --certificate-* options exclude each other\n");
    }

    @Test
    void unknownLayoutIsAUsageError() {
      Cli.Result r = cli.run("attach", "oci:/tmp/x:1.0", "a.json", "--layout", "buildkit");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: --layout must be bundle-referrer, att or statement-referrer but"
                  + " was 'buildkit'\n");
    }

    @Test
    void parallelIsBounded() {
      Cli.Result r =
          cli.run("fetch", "oci:/tmp/x:1.0", "--accept-unsigned", "x", "--parallel", "0");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo("waterline: error: --parallel must be between 1 and 64 but was 0\n");
    }
  }

  @Nested
  class OnTheRegistry {
    @TempDir static Path regDir;
    static DistributionRegistry server;
    static final AtomicInteger REPO = new AtomicInteger();

    @TempDir Path dir;
    String repo;
    Digest digest;
    String image;

    @BeforeAll
    static void start() {
      server = DistributionRegistry.plain(regDir);
    }

    @AfterAll
    static void stop() {
      if (server != null) {
        server.close();
      }
    }

    @BeforeEach
    void push() {
      repo = "cli/app" + REPO.incrementAndGet();
      digest = TestImages.push(server, repo, "1.0");
      image = server.host() + "/" + repo + ":1.0";
    }

    @Test
    void attestAttachFetchAndMergeRoundTrip() {
      Cli.Result attest =
          cli.run(
              "attest",
              docFile(dir, "CVE-2026-0001").toString(),
              "--subject",
              server.host() + "/" + repo + "@" + digest,
              "--attach",
              "--key",
              privateKey.toString(),
              "--file",
              dir.resolve("att.json").toString());
      assertThat(attest.code()).as(attest.toString()).isEqualTo(0);
      assertThat(attest.outLines().get(1)).startsWith("  bundle-referrer sha256:");
      assertThat(attest.outLines().get(1)).contains(" tag sha256-" + digest.hex() + ".");
      assertThat(attest.outLines().get(2)).endsWith(" tag sha256-" + digest.hex() + ".att added");
      assertThat(Files.exists(dir.resolve("att.json"))).isTrue();
      Cli.Result attach =
          cli.run(
              "attach",
              image,
              statementFile(dir, "CVE-2026-0002", server.host() + "/" + repo, digest).toString(),
              "--format",
              "json");
      assertThat(attach.code()).as(attach.toString()).isEqualTo(0);
      assertThat(attach.json().path("attachments").get(0).path("layout").asText())
          .isEqualTo("statement-referrer");

      Cli.Result fetch = cli.run("fetch", image, "--key", publicKey.toString(), "--format", "json");
      Cli.Result merged = cli.run("fetch", image, "--key", publicKey.toString(), "--merge");
      Cli.Result wrong = cli.run("fetch", image, "--key", otherPublicKey.toString());

      assertThat(fetch.code()).as(fetch.toString()).isEqualTo(0);
      JsonNode img = fetch.json().path("images").get(0);
      assertThat(img.path("digest").asText()).isEqualTo(digest.toString());
      List<String> seen = new ArrayList<>();
      for (JsonNode a : img.path("attestations")) {
        seen.add(a.path("state").asText() + " " + a.path("layout").asText());
        assertThat(a.path("manifest").asText()).matches(SHA);
      }
      assertThat(seen)
          .containsExactlyInAnyOrder(
              "verified bundle-referrer", "verified att", "unsigned statement-referrer");
      assertThat(merged.code()).isEqualTo(0);
      assertThat(cves(merged.out())).containsExactly("CVE-2026-0001");
      assertThat(wrong.code()).isEqualTo(1);
    }

    @Test
    void attachWithoutTheSubjectCheckWorksOnARegistryTagAndDigest() {
      Digest other = Digest.parse("sha256:" + "0f".repeat(32));
      Path statement = statementFile(dir, "CVE-2026-0003", server.host() + "/" + repo, other);

      Cli.Result refused = cli.run("attach", image, statement.toString());
      Cli.Result byTag = cli.run("attach", image, statement.toString(), "--no-subject-check");
      Cli.Result byDigest =
          cli.run(
              "attach",
              server.host() + "/" + repo + ":1.0@" + digest,
              statement.toString(),
              "--no-subject-check",
              "--format",
              "json");

      assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
      assertThat(byTag.code()).as(byTag.toString()).isEqualTo(0);
      assertThat(byTag.outLines().get(0)).endsWith(" (" + digest + ")");
      assertThat(byDigest.code()).as(byDigest.toString()).isEqualTo(0);
      assertThat(byDigest.json().path("subject").asText()).isEqualTo(digest.toString());
      assertThat(byDigest.json().path("attachments").get(0).path("added").asBoolean()).isFalse();
    }

    @Test
    void triageReadsVexFromARegistryImage() {
      Path vex =
          Cli.write(
              dir.resolve("fixed.json"),
              TriageCommandTest.vex("Acme", "CVE-2024-0001", "pkg:deb/debian/openssl", "fixed"));
      Cli.Result attest =
          cli.run(
              "attest",
              vex.toString(),
              server.host() + "/" + repo + "@" + digest,
              "-s",
              "-a",
              "--key",
              privateKey.toString());
      assertThat(attest.code()).as(attest.toString()).isEqualTo(0);
      Path report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);

      Cli.Result ok = triage(report, image, publicKey);
      Cli.Result wrong = triage(report, image, otherPublicKey);

      assertThat(openssl(ok)).as(ok.toString()).isEqualTo("fixed");
      assertThat(ok.err()).isEmpty();
      assertThat(openssl(wrong)).isEqualTo("remediate");
      assertThat(wrong.errLines())
          .hasSize(2)
          .allSatisfy(l -> assertThat(l).contains(" left out: verification failed: UNKNOWN_KEY: "));
    }

    /** Where distribution's filesystem driver keeps a blob: changing it is tampering at rest. */
    Path storedBlob(Digest d) {
      return regDir.resolve(
          "data/docker/registry/v2/blobs/sha256/"
              + d.hex().substring(0, 2)
              + "/"
              + d.hex()
              + "/data");
    }

    @Test
    void aLayerChangedInTheRegistrysStorageFailsFetchAndStopsTriage() throws Exception {
      Path vex =
          Cli.write(
              dir.resolve("fixed.json"),
              TriageCommandTest.vex("Acme", "CVE-2024-0001", "pkg:deb/debian/openssl", "fixed"));
      Cli.Result attest =
          cli.run(
              "attest",
              vex.toString(),
              server.host() + "/" + repo + "@" + digest,
              "-s",
              "-a",
              "--key",
              privateKey.toString());
      assertThat(attest.code()).as(attest.toString()).isEqualTo(0);
      Digest layer =
          Registry.of(server.host()).fetch(repo + ":1.0").attestations().stream()
              .filter(a -> a.layout() == AttachmentLayout.SIGSTORE_BUNDLE_REFERRER)
              .findFirst()
              .orElseThrow()
              .layer();
      Files.write(storedBlob(layer), flipped(Files.readAllBytes(storedBlob(layer))));
      Path report = Cli.write(dir.resolve("trivy.json"), TriageCommandTest.TRIVY);

      Cli.Result fetch = cli.run("fetch", image, "--key", publicKey.toString());
      Cli.Result triage = triage(report, image, publicKey);

      assertThat(fetch.code()).as(fetch.toString()).isEqualTo(1);
      assertThat(fetch.outLines().get(0))
          .endsWith(": 1 verified, 1 failed (1 unreadable), 0 unsigned (0 accepted)");
      assertThat(fetch.outLines())
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith("  failed bundle-referrer sha256:")
                      .contains(
                          ": READ_FAILED: the blob "
                              + layer
                              + " read from "
                              + server.host()
                              + "/"
                              + repo
                              + " has the digest "));
      assertThat(triage.code()).as(triage.toString()).isEqualTo(2);
      assertThat(triage.err())
          .startsWith(
              "waterline: error: --vex-from "
                  + image
                  + ": the attestation "
                  + layer
                  + " (bundle-referrer) on "
                  + digest
                  + " cannot be read: READ_FAILED: ");
    }

    @Test
    void anUnreachableRegistryIsExitTwoWithTheRegistryNamed() {
      Cli.Result r = cli.run("fetch", "127.0.0.1:1/none/app:1.0", "--accept-unsigned", "x");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err())
          .startsWith(
              "waterline: error: cannot fetch 127.0.0.1:1/none/app:1.0: could not reach the"
                  + " registry 127.0.0.1:1 ");
    }
  }
}
