package dev.waterline.cli;

import dev.waterline.vex.VexException;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.sign.Subject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Images named on the command line: {@code registry/repo[:tag|@digest]} on a registry, or {@code
 * oci:PATH[:TAG|@DIGEST]} in an OCI layout. One {@link Registry} per host is kept for the run.
 */
final class Images {
  private final RegistryOptions options;
  private final Map<String, Registry> registries = new HashMap<>();

  Images(RegistryOptions options) {
    this.options = options;
  }

  /**
   * Parses an image reference.
   *
   * @throws CliException (usage) naming the flag or argument
   */
  static ImageReference parse(String image, String what) {
    try {
      return ImageReference.parse(image);
    } catch (VexException | IllegalArgumentException e) {
      throw CliException.usage(what + ": " + DocumentIo.oneLine(e.getMessage()));
    }
  }

  /**
   * The in-toto subject of an image named by digest: {@code REPO@sha256:HEX} as {@link
   * Subject#parse(String)} reads it, or {@code oci:PATH@sha256:HEX}, named after the layout's
   * directory.
   *
   * @throws CliException (usage) naming the flag or argument when a layout reference is invalid or
   *     has no digest; a {@link VexException} from {@link Subject#parse(String)} otherwise
   */
  static Subject subject(String image, String what) {
    if (!image.startsWith("oci:")) {
      return Subject.parse(image);
    }
    ImageReference ref = parse(image, what);
    Digest digest =
        ref.digest()
            .orElseThrow(
                () ->
                    CliException.usage(
                        "subject '" + image + "' has no digest: name it as oci:PATH@sha256:HEX"));
    Path name = ref.layoutPath().orElseThrow().toAbsolutePath().normalize().getFileName();
    return Subject.of(name == null ? "oci-layout" : name.toString(), digest.hex());
  }

  AttachResult attach(ImageReference ref, Attestation attestation, AttachmentLayout... layouts) {
    return attach(ref, attestation, true, layouts);
  }

  /**
   * Attaches, checking that the statement names the image's digest unless {@code checkSubject} is
   * false.
   */
  AttachResult attach(
      ImageReference ref,
      Attestation attestation,
      boolean checkSubject,
      AttachmentLayout... layouts) {
    if (ref.isLayout()) {
      Attachments on = Attachments.on(ref);
      return (checkSubject ? on : on.withoutSubjectCheck()).attach(ref, attestation, layouts);
    }
    Registry registry = registry(ref);
    return (checkSubject ? registry : registry.withoutSubjectCheck())
        .attach(ref.toString(), attestation, layouts);
  }

  FetchResult fetch(ImageReference ref) {
    if (ref.isLayout()) {
      return Attachments.on(ref).fetch(ref);
    }
    return registry(ref).fetch(ref.toString());
  }

  private Registry registry(ImageReference ref) {
    return registries.computeIfAbsent(ref.registry(), h -> Registry.of(h, options));
  }

  /** The CLI name of a layout: {@code bundle-referrer}, {@code att}, … */
  /**
   * Prints what an attach wrote, one line per layout, under {@code heading}; the result's notes
   * (e.g. which digest a {@code TAG@DIGEST} reference used) go to stderr.
   */
  static void print(Context ctx, String heading, AttachResult r) {
    ctx.out().println(heading);
    for (AttachResult.Entry e : r.entries()) {
      ctx.out()
          .println(
              "  "
                  + name(e.layout())
                  + " "
                  + e.manifest()
                  + e.tag().map(t -> " tag " + t).orElse("")
                  + (e.added() ? " added" : " already there"));
    }
    for (String note : r.notes()) {
      ctx.err().println("waterline: note: " + note);
    }
  }

  static String name(AttachmentLayout layout) {
    switch (layout) {
      case SIGSTORE_BUNDLE_REFERRER:
        return "bundle-referrer";
      case COSIGN_ATT_TAG:
        return "att";
      case STATEMENT_REFERRER:
        return "statement-referrer";
      case DSSE_REFERRER:
        return "dsse-referrer";
      default:
        return "buildkit";
    }
  }

  /** The layout a CLI name names (writable ones only). */
  static AttachmentLayout layout(String name) {
    for (AttachmentLayout l : AttachmentLayout.values()) {
      if (l.isWritable() && name(l).equals(name.toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw CliException.usage(
        "--layout must be bundle-referrer, att or statement-referrer but was '" + name + "'");
  }
}
