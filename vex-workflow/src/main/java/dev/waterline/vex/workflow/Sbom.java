package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.policy.InputParseException;
import dev.waterline.vex.workflow.internal.SbomReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A software bill of materials, read for the package versions and layers it lists: evidence for a
 * {@link Carry} when no scan report of an image is at hand, or next to one. Immutable; read with
 * {@link #read(Path)} or {@link #parse(byte[], String)}.
 *
 * <p>Reads CycloneDX JSON 1.2 to 1.7 (every component, nested ones included; the layer from Syft's
 * {@code syft:location:0:layerID} or Trivy's {@code aquasecurity:trivy:LayerDiffID} property) and
 * SPDX 2.x JSON (every package; the purl from its {@code externalRefs} of type {@code purl}), bare
 * or as the predicate of an in-toto statement, the form an SBOM attestation has once its envelope
 * is verified ({@code cosign attest --type cyclonedx|spdxjson}, BuildKit's SBOM attestations). A
 * statement's subjects name the images the SBOM is about, and {@link CarryImage#withSbom} refuses
 * an SBOM about another image. A DSSE envelope is refused: its signature has to be verified first.
 * Read through Waterline's one JSON layer (duplicate keys refused) and bounded reader (at most 1
 * GiB, property {@code waterline.limit.sbom}).
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class Sbom {
  private final String origin;
  private final String format;
  private final List<ContentDigest> subjects;
  private final List<SbomPackage> packages;

  private Sbom(
      String origin, String format, List<ContentDigest> subjects, List<SbomPackage> packages) {
    this.origin = origin;
    this.format = format;
    this.subjects = List.copyOf(subjects);
    this.packages = List.copyOf(packages);
  }

  /**
   * Reads an SBOM file.
   *
   * @throws dev.waterline.vex.UnreadableInputException when the file is missing, not a regular
   *     file, larger than the limit or unreadable
   * @throws InputParseException when it is not JSON, or not an SBOM this class reads; the message
   *     names the file and the JSON pointer
   */
  public static Sbom read(Path file) {
    return parse(Inputs.read(file, InputKind.SBOM), file.toString());
  }

  /**
   * Reads an SBOM from its bytes (UTF-8 JSON): a file's, or the in-toto statement of an SBOM
   * attestation fetched from an image (verified first).
   *
   * @param origin where the bytes came from, for messages (a file name, an image reference)
   * @throws dev.waterline.vex.UnreadableInputException when the bytes are more than the SBOM limit
   *     (property {@code waterline.limit.sbom})
   * @throws InputParseException when it is not JSON, or not an SBOM this class reads
   */
  public static Sbom parse(byte[] json, String origin) {
    Objects.requireNonNull(origin, "origin");
    Inputs.requireWithin(Objects.requireNonNull(json, "json").length, InputKind.SBOM, origin);
    SbomReader.Result r = SbomReader.read(Objects.requireNonNull(json, "json"), origin);
    return new Sbom(origin, r.format(), r.subjects(), r.packages());
  }

  /** Where it was read from. */
  public String origin() {
    return origin;
  }

  /** Its format and version: {@code CycloneDX 1.6}, {@code SPDX-2.3}. */
  public String format() {
    return format;
  }

  /**
   * The digests of the in-toto statement's subjects, the images it is about; empty for a bare SBOM.
   */
  public List<ContentDigest> subjects() {
    return subjects;
  }

  /** The packages it lists, in document order. */
  public List<SbomPackage> packages() {
    return packages;
  }

  @Override
  public String toString() {
    return origin + " (" + format + ", " + packages.size() + " packages)";
  }
}
