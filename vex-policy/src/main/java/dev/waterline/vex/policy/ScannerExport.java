package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.policy.internal.ExportEngine;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Feeds VEX back into the scanners: the effective {@code not_affected} and {@code fixed}
 * statements, written as Trivy's {@code .trivyignore.yaml}, Grype's {@code .grype.yaml} ignore
 * rules, or a VEX repository in Trivy's VEX Repository format (aquasecurity/vex-repo-spec v0.1)
 * that {@code trivy --vex repo} downloads. See {@code docs/cli.md} ("export") for what each tool
 * honours.
 *
 * <p>Only the statement that decides (the latest, as {@link dev.waterline.vex.VexIndex} answers)
 * for a vulnerability, product and subcomponent is exported, and only when it says {@code
 * not_affected} or {@code fixed}, as Trivy and Grype themselves suppress only those; {@code
 * affected} and {@code under_investigation} are listed in {@link ExportResult#leftOut()}, except
 * exceptions ({@code affected} with an action statement) when {@link #withExceptions(Policy)} asks
 * for them in a Trivy ignore file, with an expiry. An export never widens what a statement says: a
 * statement whose subcomponent is not a purl is left out rather than exported for every package.
 * Output is deterministic: sorted, no clock (times come from the documents, or {@link
 * #withTime(Instant)}).
 *
 * <pre>{@code
 * ExportResult r = ScannerExport.of(docs).forImage("pkg:oci/app@sha256%3A…").toTrivyIgnore();
 * Files.write(Path.of(".trivyignore.yaml"), r.files().get(".trivyignore.yaml"));
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class ScannerExport {
  private final List<VexDocument> documents;
  private final @Nullable String image;
  private final @Nullable String repositoryUrl;
  private final @Nullable Policy exceptions;
  private final @Nullable Instant time;

  private ScannerExport(
      List<VexDocument> documents,
      @Nullable String image,
      @Nullable String repositoryUrl,
      @Nullable Policy exceptions,
      @Nullable Instant time) {
    this.documents = documents;
    this.image = image;
    this.repositoryUrl = repositoryUrl;
    this.exceptions = exceptions;
    this.time = time;
  }

  /** An export of these documents (later ones win ties on time). */
  public static ScannerExport of(Collection<VexDocument> documents) {
    return new ScannerExport(List.copyOf(documents), null, null, null, null);
  }

  /**
   * Only the statements about this image: a {@code pkg:oci} purl, an image reference with a digest
   * or a {@code sha256:<hex>} digest, matched as {@link dev.waterline.vex.VexIndex} matches
   * products.
   */
  public ScannerExport forImage(String image) {
    Objects.requireNonNull(image, "image");
    return new ScannerExport(documents, image, repositoryUrl, exceptions, time);
  }

  /**
   * The image's repository ({@code registry.example/team/app}): the {@code repository_url} that a
   * VEX repository's index needs for an image that its statements name without one. Trivy looks an
   * image up by the repository its reference names (go-containerregistry's {@code
   * Repository.Name()}).
   */
  public ScannerExport withRepositoryUrl(String repositoryUrl) {
    Objects.requireNonNull(repositoryUrl, "repositoryUrl");
    return new ScannerExport(documents, image, repositoryUrl, exceptions, time);
  }

  /**
   * Also export exceptions ({@code affected} statements with an action statement) to Trivy's ignore
   * file, each expiring {@link Policy#exceptionMaxAgeDays()} after its action statement's time
   * (else the statement's), as triage accepts them; ones already expired at the export's time are
   * left out. Grype's ignore rules and VEX repositories have no expiry, so they never carry
   * exceptions.
   */
  public ScannerExport withExceptions(Policy policy) {
    Objects.requireNonNull(policy, "policy");
    return new ScannerExport(documents, image, repositoryUrl, policy, time);
  }

  /**
   * The export's time: a VEX repository's {@code updated_at} and the time against which exceptions
   * are judged expired. Default: the newest time in the documents.
   */
  public ScannerExport withTime(Instant time) {
    Objects.requireNonNull(time, "time");
    return new ScannerExport(documents, image, repositoryUrl, exceptions, time);
  }

  /** The image the export is restricted to, if any. */
  public Optional<String> image() {
    return Optional.ofNullable(image);
  }

  /** Trivy's ignore file, {@code .trivyignore.yaml} ({@code vulnerabilities:} entries). */
  public ExportResult toTrivyIgnore() {
    return engine().trivyIgnore();
  }

  /**
   * Grype's configuration file, {@code .grype.yaml}, with one {@code ignore:} rule per statement
   * and package: {@code vulnerability} (with {@code include-aliases}) and {@code package} name,
   * version and type taken from the purl. Grype's rules have no purl field, and its {@code
   * vex-status} rules act only under {@code grype --vex}, so none are written.
   */
  public ExportResult toGrypeIgnore() {
    return engine().grypeIgnore();
  }

  /**
   * A VEX repository (vex-repo-spec v0.1) to be served at {@code baseUrl}: {@code
   * .well-known/vex-repository.json} (the manifest, whose location is {@code
   * baseUrl/vex-repository.tar.gz}), the archive {@code vex-repository.tar.gz} holding {@code
   * index.json} and one OpenVEX document per package at {@code
   * pkg/<type>/<namespace>/<name>/vex.json}, and the same tree unpacked under {@code
   * vex-repository/}.
   *
   * @param baseUrl the {@code https://} URL the directory will be served at
   * @throws dev.waterline.vex.VexException when {@code baseUrl} is not an absolute http(s) URL
   */
  public ExportResult toVexRepository(URI baseUrl) {
    return engine().vexRepository(baseUrl);
  }

  private ExportEngine engine() {
    return new ExportEngine(documents, image, repositoryUrl, exceptions, time);
  }

  /** For example {@code ScannerExport[2 documents, image=pkg:oci/app@…]}. */
  @Override
  public String toString() {
    return "ScannerExport["
        + documents.size()
        + " documents"
        + (image == null ? "" : ", image=" + image)
        + (repositoryUrl == null ? "" : ", repositoryUrl=" + repositoryUrl)
        + (exceptions == null ? "" : ", exceptions")
        + (time == null ? "" : ", time=" + time)
        + "]";
  }
}
