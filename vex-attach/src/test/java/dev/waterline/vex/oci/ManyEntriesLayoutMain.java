package dev.waterline.vex.oci;

import dev.waterline.vex.oci.EmbedFixtures.Entry;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the image measured in docs/performance.md ("embed --list and many tar entries"): an OCI
 * layout at {@code DIR} whose image {@code img} has one layer of {@code COUNT} empty files followed
 * by one OpenVEX document under {@code /usr/share/vex}. Arguments: DIR COUNT. The tar is written
 * straight into the gzip stream, so this needs little memory itself.
 */
public final class ManyEntriesLayoutMain {
  private ManyEntriesLayoutMain() {}

  public static void main(String[] args) {
    OciLayout layout = OciLayout.create(Path.of(args[0]));
    int count = Integer.parseInt(args[1]);
    EmbedFixtures.imageOf(
        layout.store(),
        "img",
        List.of(
            EmbedFixtures.manyEmptyFiles(
                count,
                Entry.file(
                    "usr/share/vex/app.openvex.json",
                    EmbedFixtures.document("CVE-2024-0001").toJson()))),
        null);
  }
}
