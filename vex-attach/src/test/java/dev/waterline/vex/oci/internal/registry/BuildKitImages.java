package dev.waterline.vex.oci.internal.registry;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.json.Platform;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.LayoutStore;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.sign.InTotoStatement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Images as BuildKit pushes them with {@code --attest}: an image index listing the platform
 * manifest and an attestation manifest ({@code vnd.docker.reference.type: attestation-manifest},
 * platform {@code unknown/unknown}) whose layers are bare in-toto statements about the platform
 * manifest (used by vex-cli's tests through the test-jar).
 */
public final class BuildKitImages {
  private BuildKitImages() {}

  /**
   * Writes a sample linux/amd64 image and an index over it tagged {@code tag} in the OCI layout at
   * {@code layout}, with the statements {@code statements} makes for the platform manifest's
   * digest; returns the index digest.
   */
  public static Digest write(Path layout, String tag, Function<Digest, List<byte[]>> statements) {
    return write(LayoutStore.open(layout), tag, statements);
  }

  /** The same in {@code repository} on {@code server}. */
  public static Digest push(
      DistributionRegistry server,
      String repository,
      String tag,
      Function<Digest, List<byte[]>> statements) {
    RegistryClient client =
        new RegistryClient(
            server.host(),
            new RegistryConfig(null, null, null, Set.of(), 1 << 20, 2, Duration.ofMillis(10)));
    return write(client.repository(repository), tag, statements);
  }

  /** The same in any store. */
  public static Digest write(
      OciStore store, String tag, Function<Digest, List<byte[]>> statements) {
    StoredManifest platform =
        ImageWriter.write(
            store, tag + "-platform", "hello.txt", "hello " + tag, List.of("linux/amd64"));
    List<byte[]> made = statements.apply(platform.digest());
    List<Descriptor> layers = new ArrayList<>();
    StringBuilder diffIds = new StringBuilder();
    for (byte[] statement : made) {
      store.putBlob(statement);
      String predicateType = InTotoStatement.parse(statement).predicateType();
      layers.add(
          Descriptor.of(MediaTypes.IN_TOTO, statement)
              .withAnnotations(
                  Map.of(MediaTypes.ANNOTATION_IN_TOTO_PREDICATE_TYPE, predicateType)));
      diffIds.append(diffIds.length() == 0 ? "" : ",").append('"').append(Digest.of(statement));
      diffIds.append('"');
    }
    byte[] config =
        ("{\"architecture\":\"unknown\",\"os\":\"unknown\",\"config\":{},\"rootfs\":"
                + "{\"type\":\"layers\",\"diff_ids\":["
                + diffIds
                + "]}}")
            .getBytes(StandardCharsets.UTF_8);
    store.putBlob(config);
    StoredManifest att =
        store.putManifest(
            OciJson.write(
                ImageManifest.oci(
                    null, Descriptor.of(MediaTypes.OCI_CONFIG, config), layers, null, Map.of())),
            MediaTypes.OCI_MANIFEST,
            null);
    return store
        .putManifest(
            OciJson.write(
                ImageIndex.of(
                    List.of(
                        platform.descriptor().withPlatform(Platform.parse("linux/amd64")),
                        att.descriptor()
                            .withPlatform(new Platform("unknown", "unknown", null, null, List.of()))
                            .withAnnotations(
                                Map.of(
                                    MediaTypes.ANNOTATION_DOCKER_REFERENCE_TYPE,
                                    MediaTypes.DOCKER_REFERENCE_TYPE_ATTESTATION,
                                    MediaTypes.ANNOTATION_DOCKER_REFERENCE_DIGEST,
                                    platform.digest().toString()))))),
            MediaTypes.OCI_INDEX,
            tag)
        .digest();
  }
}
