package dev.waterline.cli;

import static dev.waterline.cli.CarryCommandTest.NET;
import static dev.waterline.cli.CarryCommandTest.SSL;
import static dev.waterline.cli.CarryCommandTest.vex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.internal.registry.BuildKitImages;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.TestImages;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code waterline carry --sbom-attached}: the SBOM attestations of OLD and NEW as evidence. */
class CarrySbomAttachedTest {
  static final SigningKey KEY = Keys.generate();
  static final SigningKey OTHER = Keys.generate();
  @TempDir static Path keys;
  static Path publicKey;

  @BeforeAll
  static void keys() {
    publicKey = keys.resolve("k.pub");
    Keys.writePublicPem(KEY.publicKey(), publicKey);
  }

  /** An in-toto statement about {@code subject} whose predicate is a CycloneDX SBOM. */
  static byte[] cycloneDx(Digest subject, String sslVersion, String netVersion) {
    return ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app\","
            + "\"digest\":{\"sha256\":\""
            + subject.hex()
            + "\"}}],\"predicateType\":\"https://cyclonedx.org/bom\",\"predicate\":{"
            + "\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":["
            + component("openssl", SSL, sslVersion)
            + ","
            + component("net", NET, netVersion)
            + "]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String component(String name, String purl, String version) {
    return "{\"type\":\"library\",\"name\":\""
        + name
        + "\",\"version\":\""
        + version
        + "\",\"purl\":\""
        + purl
        + "@"
        + version
        + "\"}";
  }

  /** The same as an SPDX 2.3 document, as BuildKit's SBOM generator writes it. */
  static byte[] spdx(Digest subject, String sslVersion, String netVersion) {
    return ("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":[{\"name\":\"app\","
            + "\"digest\":{\"sha256\":\""
            + subject.hex()
            + "\"}}],\"predicateType\":\"https://spdx.dev/Document\",\"predicate\":{"
            + "\"spdxVersion\":\"SPDX-2.3\",\"packages\":["
            + spdxPackage("openssl", SSL, sslVersion)
            + ","
            + spdxPackage("net", NET, netVersion)
            + "]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static String spdxPackage(String name, String purl, String version) {
    return "{\"name\":\""
        + name
        + "\",\"versionInfo\":\""
        + version
        + "\",\"externalRefs\":[{\"referenceType\":\"purl\",\"referenceLocator\":\""
        + purl
        + "@"
        + version
        + "\"}]}";
  }

  static Attestation signed(byte[] statement, SigningKey key) {
    DsseEnvelope env = DsseEnvelope.of("application/vnd.in-toto+json", statement).sign(key);
    return Attestation.of(SigstoreBundle.ofKeySigned(env, key.publicKey()));
  }

  @Nested
  class OnAnOciLayout {
    @TempDir Path dir;
    Path layoutDir;
    Digest oldDigest;
    Digest newDigest;
    Path vexFile;
    String from;
    String to;

    @BeforeEach
    void images() {
      layoutDir = dir.resolve("app");
      OciLayout layout = OciLayout.create(layoutDir);
      oldDigest = SampleImages.write(layout, "1.0");
      newDigest = SampleImages.write(layout, "1.1");
      vexFile =
          Cli.write(
              dir.resolve("app-1.0.openvex.json"),
              vex("pkg:oci/app@sha256%3A" + oldDigest.hex()).toJson());
      from = "oci:" + layoutDir + ":1.0";
      to = "oci:" + layoutDir + ":1.1";
    }

    void attach(String tag, Attestation a) {
      Attachments.on(OciLayout.open(layoutDir)).attach(tag, a);
    }

    Cli.Result carry(String... more) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "carry",
                  "--from",
                  from,
                  "--to",
                  to,
                  "--vex",
                  vexFile.toString(),
                  "--sbom-attached",
                  "--file",
                  dir.resolve("out.json").toString()));
      args.addAll(List.of(more));
      return Cli.atFixedTime().run(args.toArray(String[]::new));
    }

    @Test
    void usesTheSignedSbomAttestationsOfBothImagesAndSaysWhichAndWhoSigned() {
      attach("1.0", signed(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), KEY));
      attach("1.1", signed(cycloneDx(newDigest, "3.0.11-1", "v0.17.0"), KEY));

      Cli.Result r = carry("--key", publicKey.toString());

      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      List<String> lines = r.outLines();
      assertThat(lines.get(0))
          .startsWith("SBOM of OLD: sha256:")
          .contains(" in the bundle-referrer sha256:")
          .contains(" on " + oldDigest + ", also in the att sha256:")
          .contains(": CycloneDX 1.6, 2 packages; signed by key ECDSA_P256");
      assertThat(lines.get(1)).startsWith("SBOM of NEW: sha256:").contains(" on " + newDigest);
      assertThat(lines.subList(2, 5))
          .containsExactly(
              "1 carried, 1 need a new decision",
              "carried  CVE-2023-5678 " + SSL + "  same-version: 3.0.11-1 in both images' SBOMs",
              "decide   CVE-2023-44487 "
                  + NET
                  + "  version-changed: v0.7.0 in the old image, v0.17.0 in the new one");
      assertThat(r.err()).isEmpty();
    }

    @Test
    void reportsTheSbomsUsedInJson() {
      attach("1.0", signed(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), KEY));
      attach("1.1", signed(cycloneDx(newDigest, "3.0.11-1", "v0.7.0"), KEY));

      Cli.Result r = carry("--key", publicKey.toString(), "--format", "json");

      assertThat(r.code()).as(r.toString()).isEqualTo(0);
      JsonNode sbom = r.json().path("to").path("sboms").get(0);
      assertThat(sbom.path("format").asText()).isEqualTo("CycloneDX 1.6");
      assertThat(sbom.path("packages").asInt()).isEqualTo(2);
      assertThat(sbom.path("attestation").path("layout").asText()).isEqualTo("bundle-referrer");
      assertThat(sbom.path("attestation").path("subject").asText()).isEqualTo(newDigest.toString());
      assertThat(sbom.path("attestation").path("signer").asText()).startsWith("key ECDSA_P256");
      assertThat(sbom.path("attestation").path("acceptedUnsigned").isNull()).isTrue();
      assertThat(r.json().path("notes")).isEmpty();
    }

    @Test
    void anSbomFileAndTheAttachedSbomBothCount() {
      attach("1.1", signed(cycloneDx(newDigest, "3.0.11-1", "v0.17.0"), KEY));
      Path oldSbom =
          Cli.write(
              dir.resolve("old.cdx.json"),
              new String(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), StandardCharsets.UTF_8));

      Cli.Result r = carry("--key", publicKey.toString(), "--sbom-from", oldSbom.toString());

      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.outLines())
          .contains(
              "carried  CVE-2023-5678 " + SSL + "  same-version: 3.0.11-1 in both images' SBOMs");
      assertThat(r.err())
          .isEqualTo(
              "waterline: note: no SBOM attestation of OLD "
                  + from
                  + " ("
                  + oldDigest
                  + ") used: none found\n");
    }

    @Test
    void noSbomFoundIsANoteWhenReportsGiveTheEvidence() {
      String oldLayer =
          OciLayout.open(layoutDir).imageConfig("1.0", "linux/amd64").diffIds().get(0);
      String newLayer =
          OciLayout.open(layoutDir).imageConfig("1.1", "linux/amd64").diffIds().get(0);
      Path r1 =
          Cli.write(
              dir.resolve("r1.json"),
              CarryCommandTest.trivy(oldLayer, new String[] {"CVE-2023-5678", SSL, "3.0.11-1"}));
      Path r2 =
          Cli.write(
              dir.resolve("r2.json"),
              CarryCommandTest.trivy(newLayer, new String[] {"CVE-2023-5678", SSL, "3.0.11-1"}));

      Cli.Result r = carry("--report-from", r1.toString(), "--report-to", r2.toString());

      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: note: no SBOM attestation of OLD "
                  + from
                  + " ("
                  + oldDigest
                  + ") used: none found",
              "waterline: note: no SBOM attestation of NEW "
                  + to
                  + " ("
                  + newDigest
                  + ") used: none found");
      assertThat(r.outLines().get(0)).isEqualTo("1 carried, 1 need a new decision");
    }

    @Test
    void noSbomFoundAndNoOtherEvidenceIsExitTwo() {
      Cli.Result r = carry();

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines())
          .endsWith(
              "waterline: error: --sbom-attached: no SBOM attestation of OLD or NEW was used, and"
                  + " no --report-from, --report-to, --sbom-from or --sbom-to gives their"
                  + " packages, so only their layers could be compared; nothing was carried");
      assertThat(dir.resolve("out.json")).doesNotExist();
    }

    @Test
    void anSbomStatementNamingAnotherDigestIsExitTwo() {
      attach("1.0", signed(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), KEY));
      Attachments.on(OciLayout.open(layoutDir))
          .withoutSubjectCheck()
          .attach("1.1", signed(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), KEY));

      Cli.Result r = carry("--key", publicKey.toString());

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err())
          .startsWith("waterline: error: --sbom-attached: " + to + ": the SBOM attestation sha256:")
          .contains(
              " failed verification: SUBJECT_MISMATCH: the statement in the"
                  + " SIGSTORE_BUNDLE_REFERRER manifest ")
          .contains(", not " + newDigest + ", the digest it was found on (and 1 more)")
          .endsWith("; evidence left out could change what carries, so nothing was carried\n");
      assertThat(dir.resolve("out.json")).doesNotExist();
    }

    @Test
    void aTamperedSignatureIsExitTwo() {
      attach("1.0", signed(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), KEY));
      String bundle =
          new String(
              signed(cycloneDx(newDigest, "3.0.11-1", "v0.7.0"), KEY).bytes(),
              StandardCharsets.UTF_8);
      Base64.Encoder b64 = Base64.getEncoder();
      String tampered =
          bundle.replace(
              b64.encodeToString(cycloneDx(newDigest, "3.0.11-1", "v0.7.0")),
              b64.encodeToString(cycloneDx(newDigest, "3.0.11-1", "v0.17.0")));
      assertThat(tampered).isNotEqualTo(bundle);
      attach("1.1", Attestation.of(tampered.getBytes(StandardCharsets.UTF_8)));

      Cli.Result r = carry("--key", publicKey.toString());

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err())
          .startsWith("waterline: error: --sbom-attached: " + to + ": the SBOM attestation sha256:")
          .contains(" failed verification: ");
      assertThat(r.errLines()).hasSize(1);
    }

    @Test
    void anUntrustedSignerIsExitTwo() {
      attach("1.0", signed(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), KEY));
      attach("1.1", signed(cycloneDx(newDigest, "3.0.11-1", "v0.7.0"), OTHER));

      Cli.Result r = carry("--key", publicKey.toString());

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err())
          .startsWith("waterline: error: --sbom-attached: " + to + ": the SBOM attestation sha256:")
          .contains(" failed verification: ");
    }

    @Test
    void aSignedSbomWithoutATrustedKeyIsExitTwoAskingForOne() {
      attach("1.0", signed(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), KEY));

      Cli.Result r = carry();

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err())
          .startsWith(
              "waterline: error: --sbom-attached: " + from + ": the SBOM attestation sha256:")
          .endsWith(
              " is signed: give --key PUB, or --certificate-identity ID with"
                  + " --certificate-oidc-issuer ISS, to verify it\n");
    }

    @Test
    void anSbomOverTheSbomLimitIsExitTwo() {
      attach("1.0", signed(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), KEY));
      attach("1.1", signed(cycloneDx(newDigest, "3.0.11-1", "v0.7.0"), KEY));
      String property = InputKind.SBOM.property();
      System.setProperty(property, "128");
      Cli.Result r;
      try {
        r = carry("--key", publicKey.toString());
      } finally {
        System.clearProperty(property);
      }

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err())
          .startsWith(
              "waterline: error: --sbom-attached: cannot read " + from + " (bundle-referrer")
          .contains(" bytes, more than the 128 bytes limit for an SBOM (raise it with")
          .contains("-Dwaterline.limit.sbom=SIZE)");
    }

    @Test
    void acceptUnsignedSbomGoesWithSbomAttachedAndNeedsAReason() {
      Cli.Result alone =
          Cli.atFixedTime()
              .run(
                  "carry",
                  "--from",
                  from,
                  "--to",
                  to,
                  "--vex",
                  vexFile.toString(),
                  "--accept-unsigned-sbom",
                  "ours");
      Cli.Result blank = carry("--accept-unsigned-sbom", " ");

      assertThat(alone.code()).isEqualTo(2);
      assertThat(alone.err())
          .isEqualTo("waterline: error: --accept-unsigned-sbom goes with --sbom-attached\n");
      assertThat(blank.code()).isEqualTo(2);
      assertThat(blank.err())
          .isEqualTo("waterline: error: --accept-unsigned-sbom needs a reason (it is recorded)\n");
    }
  }

  @Nested
  class BuildKitOnAnOciLayout {
    @TempDir Path dir;
    Path layoutDir;
    Digest oldIndex;
    Digest newIndex;
    Path vexFile;
    String from;
    String to;

    @BeforeEach
    void images() {
      layoutDir = dir.resolve("built");
      OciLayout.create(layoutDir);
      oldIndex =
          BuildKitImages.write(layoutDir, "1.0", d -> List.of(spdx(d, "3.0.11-1", "v0.7.0")));
      newIndex =
          BuildKitImages.write(layoutDir, "1.1", d -> List.of(spdx(d, "3.0.11-1", "v0.17.0")));
      vexFile =
          Cli.write(
              dir.resolve("vex.json"), vex("pkg:oci/built@sha256%3A" + oldIndex.hex()).toJson());
      from = "oci:" + layoutDir + ":1.0";
      to = "oci:" + layoutDir + ":1.1";
    }

    Cli.Result carry(String... more) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "carry",
                  "--from",
                  from,
                  "--to",
                  to,
                  "--vex",
                  vexFile.toString(),
                  "--sbom-attached",
                  "--file",
                  dir.resolve("out.json").toString()));
      args.addAll(List.of(more));
      return Cli.atFixedTime().run(args.toArray(String[]::new));
    }

    @Test
    void usesTheBuildKitSbomsWithAcceptUnsignedSbomAndRecordsTheReason() {
      Cli.Result r = carry("--accept-unsigned-sbom", "built by our CI");

      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.outLines().get(0))
          .startsWith("SBOM of OLD: sha256:")
          .contains(" in the buildkit sha256:")
          .endsWith(": SPDX-2.3, 2 packages; unsigned: built by our CI");
      assertThat(r.outLines())
          .contains(
              "carried  CVE-2023-5678 " + SSL + "  same-version: 3.0.11-1 in both images' SBOMs");
    }

    @Test
    void withoutItTheyAreLeftOutWithANoteSayingHowToUseThem() {
      Cli.Result r = carry();

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.errLines().get(0))
          .startsWith("waterline: note: OLD " + from + ": the unsigned SBOM statement sha256:")
          .endsWith(" is left out (--accept-unsigned-sbom REASON uses it)");
      assertThat(r.errLines())
          .contains(
              "waterline: note: no SBOM attestation of OLD "
                  + from
                  + " ("
                  + oldIndex
                  + ") used: none accepted");
    }

    @Test
    void anUnsignedStatementReferrerIsNotAcceptedEvenWithTheFlag() {
      Digest platform = OciLayout.open(layoutDir).imageConfig("1.1", "linux/amd64").manifest();
      Attachments.on(OciLayout.open(layoutDir))
          .attach(platform.toString(), Attestation.of(cycloneDx(platform, "9.9.9", "v0.17.0")));

      Cli.Result r = carry("--accept-unsigned-sbom", "built by our CI");

      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      assertThat(r.errLines())
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith(
                          "waterline: note: NEW " + to + ": the unsigned SBOM statement sha256:")
                      .contains("(statement-referrer sha256:")
                      .endsWith(
                          " is left out (only those in BuildKit attestation manifests of the"
                              + " image index can be accepted unsigned)"));
      assertThat(r.outLines())
          .contains(
              "carried  CVE-2023-5678 " + SSL + "  same-version: 3.0.11-1 in both images' SBOMs");
    }
  }

  @Nested
  class OnTheRegistry {
    @TempDir static Path regDir;
    static DistributionRegistry server;
    static final AtomicInteger REPO = new AtomicInteger();

    @TempDir Path dir;

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

    @Test
    void aBuildKitSbomOnOldAndASignedOneAttachedToNewAreUsed() {
      int n = REPO.incrementAndGet();
      String repo = "carry/sbom" + n;
      Digest oldIndex =
          BuildKitImages.push(server, repo, "1.0", d -> List.of(spdx(d, "3.0.11-1", "v0.7.0")));
      Digest newDigest = TestImages.push(server, repo, "1.1");
      Registry.of(server.host())
          .attach(repo + ":1.1", signed(cycloneDx(newDigest, "3.0.11-1", "v0.17.0"), KEY));
      String from = server.host() + "/" + repo + ":1.0";
      String to = server.host() + "/" + repo + ":1.1";
      String oldPurl = ImageName.parse(server.host() + "/" + repo + "@" + oldIndex).toPurl();
      Path vexFile = Cli.write(dir.resolve("old.openvex.json"), vex(oldPurl).toJson());

      Cli.Result r =
          Cli.atFixedTime()
              .run(
                  "carry",
                  "--from",
                  from,
                  "--to",
                  to,
                  "--vex",
                  vexFile.toString(),
                  "--sbom-attached",
                  "--key",
                  publicKey.toString(),
                  "--accept-unsigned-sbom",
                  "BuildKit of our CI",
                  "--file",
                  dir.resolve("new.openvex.json").toString(),
                  "--format",
                  "json");

      assertThat(r.code()).as(r.toString()).isEqualTo(1);
      JsonNode j = r.json();
      JsonNode old = j.path("from").path("sboms").get(0).path("attestation");
      assertThat(old.path("layout").asText()).isEqualTo("buildkit");
      assertThat(old.path("acceptedUnsigned").asText()).isEqualTo("BuildKit of our CI");
      assertThat(old.path("signer").isNull()).isTrue();
      JsonNode neu = j.path("to").path("sboms").get(0).path("attestation");
      assertThat(neu.path("layout").asText()).isEqualTo("bundle-referrer");
      assertThat(neu.path("subject").asText()).isEqualTo(newDigest.toString());
      assertThat(neu.path("signer").asText()).startsWith("key ECDSA_P256");
      assertThat(j.path("statements").get(0).path("reason").asText()).isEqualTo("same-version");
      assertThat(j.path("statements").get(1).path("reason").asText()).isEqualTo("version-changed");
      assertThat(j.path("from").path("digest").asText()).isEqualTo(oldIndex.toString());
    }

    @Test
    void theOldImageIsFetchedOnceForItsAttachedVexAndItsSboms() {
      int n = REPO.incrementAndGet();
      String repo = "carry/sbom" + n;
      Digest oldDigest = TestImages.push(server, repo, "1.0");
      Digest newDigest = TestImages.push(server, repo + "-new", "1.1");
      String oldPurl = ImageName.parse(server.host() + "/" + repo + "@" + oldDigest).toPurl();
      Registry registry = Registry.of(server.host());
      registry.attach(repo + ":1.0", signed(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), KEY));
      registry.attach(repo + "-new:1.1", signed(cycloneDx(newDigest, "3.0.11-1", "v0.17.0"), KEY));
      registry.attach(
          repo + ":1.0",
          signed(
              Attestations.of(vex(oldPurl)).subject(repo + "@" + oldDigest).statement().toPayload(),
              KEY));
      String from = server.host() + "/" + repo + ":1.0";
      String to = server.host() + "/" + repo + "-new:1.1";
      Path vexFile = Cli.write(dir.resolve("old.openvex.json"), vex(oldPurl).toJson());
      List<String> common =
          List.of(
              "carry",
              "--from",
              from,
              "--to",
              to,
              "--sbom-attached",
              "--key",
              publicKey.toString(),
              "--format",
              "json");

      int before = server.accessLog().size();
      List<String> withFile = new ArrayList<>(common);
      withFile.addAll(
          List.of("--vex", vexFile.toString(), "--file", dir.resolve("a.json").toString()));
      Cli.Result fromFile = Cli.atFixedTime().run(withFile.toArray(String[]::new));
      long oldRequestsFromFile = requestsAbout(oldDigest, before);

      before = server.accessLog().size();
      List<String> withAttached = new ArrayList<>(common);
      withAttached.addAll(List.of("--attached", "--file", dir.resolve("b.json").toString()));
      Cli.Result fromAttached = Cli.atFixedTime().run(withAttached.toArray(String[]::new));
      long oldRequestsFromAttached = requestsAbout(oldDigest, before);

      assertThat(fromFile.code()).as(fromFile.toString()).isEqualTo(1);
      assertThat(fromAttached.code()).as(fromAttached.toString()).isEqualTo(1);
      for (Cli.Result r : List.of(fromFile, fromAttached)) {
        JsonNode j = r.json();
        assertThat(j.path("from").path("sboms").get(0).path("attestation").path("signer").asText())
            .startsWith("key ECDSA_P256");
        assertThat(j.path("statements").get(0).path("reason").asText()).isEqualTo("same-version");
        assertThat(j.path("statements").get(1).path("reason").asText())
            .isEqualTo("version-changed");
      }
      // the attached VEX comes from the same fetch of OLD as its SBOMs: no second discovery
      assertThat(oldRequestsFromFile).isPositive();
      assertThat(oldRequestsFromAttached).isEqualTo(oldRequestsFromFile);
    }

    /** Requests since the {@code from}th access-log line that name {@code digest}. */
    long requestsAbout(Digest digest, int from) {
      List<String> log = server.accessLog();
      return log.subList(from, log.size()).stream().filter(l -> l.contains(digest.hex())).count();
    }

    @Test
    void anSbomAboutAnotherDigestOnTheRegistryStopsTheCarry() {
      int n = REPO.incrementAndGet();
      String repo = "carry/sbom" + n;
      Digest oldDigest = TestImages.push(server, repo, "1.0");
      Digest newDigest = TestImages.push(server, repo + "-new", "1.0");
      Registry.of(server.host())
          .attach(repo + ":1.0", signed(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), KEY));
      Registry.of(server.host())
          .withoutSubjectCheck()
          .attach(repo + "-new:1.0", signed(cycloneDx(oldDigest, "3.0.11-1", "v0.7.0"), KEY));
      String from = server.host() + "/" + repo + ":1.0";
      String to = server.host() + "/" + repo + "-new:1.0";
      String oldPurl = ImageName.parse(server.host() + "/" + repo + "@" + oldDigest).toPurl();
      Path vexFile = Cli.write(dir.resolve("old.openvex.json"), vex(oldPurl).toJson());

      Cli.Result r =
          Cli.atFixedTime()
              .run(
                  "carry",
                  "--from",
                  from,
                  "--to",
                  to,
                  "--vex",
                  vexFile.toString(),
                  "--sbom-attached",
                  "--key",
                  publicKey.toString(),
                  "--file",
                  dir.resolve("new.openvex.json").toString());

      assertThat(r.code()).as(r.toString()).isEqualTo(2);
      assertThat(r.err())
          .startsWith("waterline: error: --sbom-attached: " + to + ": the SBOM attestation sha256:")
          .contains(" failed verification: SUBJECT_MISMATCH: ")
          .contains(", not " + newDigest + ", the digest it was found on");
      assertThat(dir.resolve("new.openvex.json")).doesNotExist();
    }
  }
}
