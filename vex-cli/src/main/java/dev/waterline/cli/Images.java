package dev.waterline.cli;

import dev.waterline.vex.VexException;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.DetachResult;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.Registry;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.oci.Removal;
import dev.waterline.vex.sign.Subject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
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

  /** Attaches and removes what the attestation supersedes (see {@code attachReplacing}). */
  AttachResult attachReplacing(
      ImageReference ref,
      Attestation attestation,
      boolean checkSubject,
      AttachmentLayout... layouts) {
    if (ref.isLayout()) {
      Attachments on = Attachments.on(ref);
      return (checkSubject ? on : on.withoutSubjectCheck())
          .attachReplacing(ref, attestation, layouts);
    }
    Registry registry = registry(ref);
    return (checkSubject ? registry : registry.withoutSubjectCheck())
        .attachReplacing(ref.toString(), attestation, layouts);
  }

  DetachResult detach(ImageReference ref, Digest digest) {
    if (ref.isLayout()) {
      return Attachments.on(ref).detach(ref, digest);
    }
    return registry(ref).detach(ref.toString(), digest);
  }

  DetachResult prune(ImageReference ref, boolean keepLatest) {
    if (ref.isLayout()) {
      Attachments on = Attachments.on(ref);
      return keepLatest ? on.pruneKeepingLatest(ref.toString()) : on.prune(ref.toString());
    }
    Registry registry = registry(ref);
    return keepLatest
        ? registry.pruneKeepingLatest(ref.toString())
        : registry.prune(ref.toString());
  }

  /** Prints one line per removed attestation, indented; notes go to stderr. */
  static void printRemoved(Context ctx, List<Removal> removed, List<String> notes) {
    printRemoved(ctx, ctx.out(), removed, notes);
  }

  /** As {@link #printRemoved(Context, List, List)}, the lines to {@code out}. */
  static void printRemoved(
      Context ctx, java.io.PrintWriter out, List<Removal> removed, List<String> notes) {
    for (Removal r : removed) {
      out.println(
          "  removed "
              + name(r.layout())
              + " "
              + r.manifest()
              + (r.layout() == AttachmentLayout.COSIGN_ATT_TAG ? " layer " + r.layer() : "")
              + r.documentId().map(id -> " " + id + " v" + r.version()).orElse("")
              + " "
              + outcome(r.outcome()));
    }
    for (String note : notes) {
      ctx.err().println("waterline: note: " + note);
    }
  }

  /** The CLI word for what became of a removed attestation's manifest. */
  static String outcome(Removal.Outcome o) {
    switch (o) {
      case DELETED:
        return "deleted";
      case LEFT_DANGLING:
        return "left-dangling";
      case UNLISTED:
        return "unlisted";
      default:
        return "layer-removed";
    }
  }

  /** The removed attestations as JSON objects added to {@code list}. */
  static void removedJson(
      com.fasterxml.jackson.databind.node.ArrayNode list, List<Removal> removed) {
    for (Removal r : removed) {
      var o = list.addObject();
      o.put("layout", name(r.layout()));
      o.put("subject", r.subject().toString());
      o.put("manifest", r.manifest().toString());
      o.put("layer", r.layer().toString());
      r.documentId().ifPresentOrElse(id -> o.put("document", id), () -> o.putNull("document"));
      o.put("version", r.version());
      o.put("outcome", outcome(r.outcome()));
    }
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
    print(ctx, ctx.out(), heading, r);
  }

  /** As {@link #print(Context, String, AttachResult)}, the lines to {@code out}. */
  static void print(Context ctx, java.io.PrintWriter out, String heading, AttachResult r) {
    out.println(heading);
    for (AttachResult.Entry e : r.entries()) {
      out.println(
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
