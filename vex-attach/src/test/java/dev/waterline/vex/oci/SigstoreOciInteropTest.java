package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.registry.DistributionRegistry;
import dev.waterline.vex.oci.internal.registry.RegistryClient;
import dev.waterline.vex.oci.internal.registry.RegistryConfig;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @sigstore/oci} 0.6.0 (GitHub's attach code) and Waterline on one distribution 2.8.2
 * subject: it keeps our entry in the fallback index it reads and extends, and we fetch its
 * referrer.
 */
class SigstoreOciInteropTest {
  static final Path SCRIPT = Path.of("..", "scripts", "interop-oci", "attach.cjs");
  @TempDir static Path dir;
  static DistributionRegistry server;

  @BeforeAll
  static void start() {
    assumeTrue(
        Files.isDirectory(SCRIPT.resolveSibling("node_modules").resolve("@sigstore/oci")),
        "@sigstore/oci is not installed (scripts/install-test-deps.sh runs npm ci in"
            + " scripts/interop-oci): interop check skipped");
    assumeTrue(DistributionRegistry.onPath("node"), "node is missing: interop check skipped");
    server = DistributionRegistry.plain(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void bothClientsReferrersSurviveInTheFallbackIndexAndWeFetchTheirs() throws Exception {
    String repo = "interop/app";
    RegistryClient direct =
        new RegistryClient(
            server.host(),
            new RegistryConfig(null, null, null, Set.of(), 1 << 20, 2, Duration.ofMillis(5)));
    Digest subject =
        ImageWriter.write(direct.repository(repo), "1.0", "f", "interop", List.of("linux/amd64"))
            .digest();
    Registry registry =
        Registry.of(server.host(), RegistryOptions.builder().withoutDockerConfig().build());
    Attestation ours = Fixtures.bundleAttestation(subject, "ours");
    Digest ourReferrer =
        registry
            .attach(repo + ":1.0", ours, AttachmentLayout.SIGSTORE_BUNDLE_REFERRER)
            .entries()
            .get(0)
            .manifest();
    Attestation theirs = Fixtures.bundleAttestation(subject, "theirs");
    Path bundle = dir.resolve("theirs.sigstore.json");
    Files.write(bundle, theirs.bytes());

    Process p =
        new ProcessBuilder(
                "node",
                SCRIPT.toString(),
                server.host() + "/" + repo,
                subject.toString(),
                bundle.toString(),
                Fixtures.OPENVEX)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("node attach.cjs: " + out).isZero();
    Digest theirReferrer =
        Digest.parse(
            OciJson.tree(out.getBytes(StandardCharsets.UTF_8), "descriptor")
                .get("digest")
                .asText());

    StoredManifest index = direct.repository(repo).manifest(subject.referrersTag()).orElseThrow();
    assertThat(OciJson.parseIndex(index.bytes(), "index", index.digest()).manifests())
        .extracting(Descriptor::digest)
        .containsExactlyInAnyOrder(ourReferrer, theirReferrer);
    FetchResult fetched = registry.fetch(repo + ":1.0");
    assertThat(fetched.problems()).isEmpty();
    assertThat(fetched.attestations())
        .extracting(FetchedAttestation::manifest)
        .containsExactlyInAnyOrder(ourReferrer, theirReferrer);
    assertThat(
            fetched.attestations().stream()
                .filter(a -> a.manifest().equals(theirReferrer))
                .findFirst()
                .orElseThrow()
                .bytes())
        .isEqualTo(theirs.bytes());
  }
}
