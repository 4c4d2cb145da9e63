package dev.waterline.cli;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.formats.VexFormat;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.FetchPolicy;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.ImageReference;
import dev.waterline.vex.oci.RegistryOptions;
import dev.waterline.vex.oci.UnreadableAttestation;
import dev.waterline.vex.oci.VerifiedFetch;
import dev.waterline.vex.policy.UnreadableVex;
import dev.waterline.vex.policy.VexSource;
import dev.waterline.vex.policy.VexTrust;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code --vex} files and the attestations of images (triage's {@code --vex-from}, carry's
 * {@code --from} with {@code --attached}, export's {@code IMAGE}) through the library's trust rules
 * ({@link VexTrust} for files, {@link VerifiedFetch#vexSources()} for images), and prints what they
 * found, naming each image as its command's arguments do: this class decides nothing itself.
 */
final class VexInputs {
  private final Context ctx;
  private final Images images;
  private final VexTrust trust;
  private final Map<Path, List<String>> signedSubjects = new LinkedHashMap<>();

  VexInputs(
      Context ctx,
      VerificationOptions verification,
      RegistryOptions registryOptions,
      @Nullable VexFormat inputFormat) {
    this.ctx = ctx;
    this.images = new Images(registryOptions);
    // incomplete keyless flags or unreadable keys fail here, before any work
    VexTrust t = VexTrust.of(verification.any() ? verification.policies() : List.of());
    this.trust = inputFormat == null ? t : t.withInputFormat(inputFormat);
  }

  /** The source a file holds; a signed one must verify. */
  VexSource read(Path file) {
    byte[] bytes = DocumentIo.readBytes(ctx, file, InputKind.VEX_DOCUMENT);
    if (VexTrust.isAttestation(bytes) && trust.policies().isEmpty()) {
      throw CliException.usage(
          file
              + " is a signed attestation: give --key PUB, or --certificate-identity ID with"
              + " --certificate-oidc-issuer ISS, to verify it");
    }
    VexSource source;
    try {
      source = trust.read(bytes, file.toString());
    } catch (VexException e) {
      throw new CliException(CliException.USAGE, DocumentIo.oneLine(e.getMessage()), e);
    }
    DocumentIo.printWarnings(ctx, "waterline: " + file + ": ", source.warnings());
    if (source.signer().isPresent()) {
      signedSubjects.put(file, source.subjects());
    }
    return source;
  }

  /**
   * The signed {@code --vex} files read so far, each with the sha256 digests its statement names as
   * subjects: the images it was signed for.
   */
  Map<Path, List<String>> signedSubjects() {
    return Collections.unmodifiableMap(signedSubjects);
  }

  /**
   * How a command names, in its messages, the image whose attestations it reads, and whether it can
   * go on without an attestation that cannot be read.
   */
  static final class ImageFlag {
    /** triage's {@code --vex-from IMAGE}, with {@code --ignore-unreadable}. */
    static final ImageFlag VEX_FROM = new ImageFlag("--vex-from", true);

    /** A command's positional {@code IMAGE} (export's): messages name the image alone. */
    static final ImageFlag POSITIONAL = new ImageFlag("", false);

    final String name;
    final boolean ignorable;

    private ImageFlag(String name, boolean ignorable) {
      this.name = name;
      this.ignorable = ignorable;
    }

    /** A flag of a command without {@code --ignore-unreadable}, such as carry's --from. */
    static ImageFlag of(String name) {
      return new ImageFlag(name, false);
    }

    /** How a message names {@code image}: the flag and the image, or the image alone. */
    String naming(String image) {
      return name.isEmpty() ? image : name + " " + image;
    }

    /** How a message about an image reference that does not parse names the argument. */
    String argument() {
      return name.isEmpty() ? "IMAGE" : name;
    }
  }

  /**
   * The OpenVEX attestations attached to an image on a registry or in an OCI layout, as {@link
   * VerifiedFetch#vexSources()} gives them (those that do not verify, or that name another digest,
   * are left out with a warning), and the image's digest. Messages name the image as {@code flag}
   * says.
   *
   * <p>An attestation that is there but cannot be read (tampered, damaged, incomplete) stops the
   * command with a usage error naming image, digest and reason, unless {@code ignoreUnreadable}
   * (triage's {@code --ignore-unreadable}): then it is returned as {@link UnreadableVex} for the
   * report, with a warning.
   */
  Fetched fetch(ImageFlag flag, String image, PrintWriter warnings, boolean ignoreUnreadable) {
    ImageReference ref = Images.parse(image, flag.argument());
    FetchResult all;
    try {
      all = images.fetch(ref);
    } catch (VexException e) {
      throw CliException.usage(flag.naming(image) + ": " + DocumentIo.oneLine(e.getMessage()));
    }
    return fetched(flag, image, all, warnings, ignoreUnreadable);
  }

  /**
   * As {@link #fetch}, from what a fetch of {@code image} already gave (a caller that needs other
   * attestations of the same image too fetches it once).
   */
  Fetched fetched(
      ImageFlag flag,
      String image,
      FetchResult all,
      PrintWriter warnings,
      boolean ignoreUnreadable) {
    VerifiedFetch result;
    try {
      result = all.onlyOpenVex().verify(FetchPolicy.anyOf(trust.policies()));
    } catch (VexException e) {
      throw CliException.usage(flag.naming(image) + ": " + DocumentIo.oneLine(e.getMessage()));
    }
    List<UnreadableAttestation> unreadable = result.unreadable();
    for (UnreadableAttestation u : unreadable) {
      String what =
          "the attestation "
              + u.digest().or(u::manifest).map(Digest::toString).orElse("(digest unknown)")
              + u.layout().map(l -> " (" + Images.name(l) + ")").orElse("")
              + " on "
              + u.subject()
              + " cannot be read: "
              + u.reason()
              + ": "
              + DocumentIo.oneLine(u.message());
      if (!ignoreUnreadable) {
        int more = unreadable.size() - 1;
        throw CliException.usage(
            flag.naming(image)
                + ": "
                + what
                + (more > 0 ? " (and " + more + " more)" : "")
                + (flag.ignorable
                    ? "; nothing was decided (--ignore-unreadable goes on without it and records it"
                        + " in the report)"
                    : "; nothing was written"));
      }
      warnings.println("waterline: warning: " + flag.naming(image) + ": " + what + "; left out");
    }
    for (String line : result.leftOut()) {
      warnings.println("waterline: warning: " + DocumentIo.oneLine(line));
    }
    for (String problem : result.warnings()) {
      warnings.println("waterline: warning: " + image + ": " + problem);
    }
    warnings.flush();
    return new Fetched(result.vexSources(), result.digest().toString(), result.unreadableVex());
  }

  /**
   * The documents of the fetched sources that count: the signed ones, and the unsigned ones too
   * when {@code acceptUnsigned} gives a reason. Each unsigned source is named on {@code err}: as
   * used for the reason (which is how it is recorded), or as left out.
   */
  static List<VexDocument> signedOrAccepted(
      Fetched fetched, @Nullable String acceptUnsigned, PrintWriter err) {
    List<VexDocument> out = new ArrayList<>();
    for (VexSource s : fetched.sources) {
      if (s.signer().isPresent()) {
        out.add(s.document());
      } else if (acceptUnsigned != null) {
        out.add(s.document());
        err.println(
            "waterline: note: "
                + s.origin()
                + " is unsigned: used for --accept-unsigned \""
                + DocumentIo.oneLine(acceptUnsigned.strip())
                + "\"");
      } else {
        err.println(
            "waterline: warning: "
                + s.origin()
                + " is unsigned: left out (--accept-unsigned REASON uses it)");
      }
    }
    err.flush();
    return out;
  }

  /** What {@link #fetch} found. */
  static final class Fetched {
    final List<VexSource> sources;
    final String digest;
    final List<UnreadableVex> unreadable;

    Fetched(List<VexSource> sources, String digest, List<UnreadableVex> unreadable) {
      this.sources = sources;
      this.digest = digest;
      this.unreadable = List.copyOf(unreadable);
    }
  }
}
