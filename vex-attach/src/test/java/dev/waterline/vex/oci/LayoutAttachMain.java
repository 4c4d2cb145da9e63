package dev.waterline.vex.oci;

import java.nio.file.Path;

/**
 * A separate process for {@link ConcurrentAttachTest}: attaches {@code COUNT} distinct bundles to
 * {@code SUBJECT} in the layout at {@code DIR}. Arguments: DIR SUBJECT NAME COUNT.
 */
public final class LayoutAttachMain {
  private LayoutAttachMain() {}

  public static void main(String[] args) {
    OciLayout layout = OciLayout.open(Path.of(args[0]));
    Digest subject = Digest.parse(args[1]);
    int count = Integer.parseInt(args[3]);
    for (int i = 0; i < count; i++) {
      Attachments.on(layout)
          .attach(args[1], Fixtures.bundleAttestation(subject, args[2] + "-" + i));
    }
  }
}
