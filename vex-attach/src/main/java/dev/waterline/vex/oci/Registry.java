package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.internal.image.ImageText;
import dev.waterline.vex.oci.internal.registry.RegistryClient;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.sign.DsseEnvelope;
import dev.waterline.vex.sign.SigstoreBundle;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * A container registry speaking the OCI distribution API: attach attestations to its images and
 * fetch them back, in every layout, as {@link Attachments} does for an OCI layout on disk.
 *
 * <pre>{@code
 * var registry = Registry.of("registry.local:5000");
 * registry.attach("app@sha256:…", Attestation.read(Path.of("vex.sigstore.json")));
 * registry.fetch("app:1.0").openVex();
 * }</pre>
 *
 * <p>Images are named relative to the registry ({@code app:1.0}, {@code team/app@sha256:…}) or in
 * full ({@code registry.local:5000/app:1.0}, which must name this registry). Registries without the
 * OCI 1.1 referrers API (CNCF distribution, GHCR) get the referrers tag schema index and a tag per
 * referrer; whether the API is there is asked once per {@code Registry}. A {@code Registry} is
 * thread-safe; keep one per registry to share connections, tokens and that answer.
 *
 * <p>Each call ({@link #attach}, {@link #fetch}, {@link #imageConfig}) is one operation under the
 * deadlines and retry budget of its {@link RegistryOptions}; what it throws names the registry and
 * what was being done, and holds neither a secret nor raw text from the registry.
 */
@API(status = STABLE, since = "0.1.0")
public final class Registry {
  private static final Pattern HOST =
      Pattern.compile(
          "(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(?::[0-9]{1,5})?");

  private final String host;
  private final RegistryOptions options;
  private final RegistryClient client;
  private final boolean checkSubject;

  private Registry(
      String host, RegistryOptions options, RegistryClient client, boolean checkSubject) {
    this.host = host;
    this.options = options;
    this.client = client;
    this.checkSubject = checkSubject;
  }

  /** The registry at {@code host[:port]} with the default options. */
  public static Registry of(String host) {
    return of(host, RegistryOptions.defaults());
  }

  /** The registry at {@code host[:port]}. */
  public static Registry of(String host, RegistryOptions options) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(options, "options");
    if (!HOST.matcher(host).matches()) {
      throw new OciException(
          "\"" + host + "\" is not a registry host (host[:port])", host, null, null, null);
    }
    String h = host.toLowerCase(Locale.ROOT);
    h = ImageText.canonicalRegistry(h);
    return new Registry(h, options, new RegistryClient(h, options.config()), true);
  }

  /** The registry of an image reference, with {@code options}. */
  public static Registry of(ImageReference image, RegistryOptions options) {
    if (image.isLayout()) {
      throw new OciException(
          image + " names an OCI layout on disk, not a registry; use Attachments.on(OciLayout)",
          image.toString(),
          null,
          null,
          null);
    }
    return of(image.registry(), options);
  }

  /** {@code host[:port]}. */
  public String host() {
    return host;
  }

  /** The options in use. */
  public RegistryOptions options() {
    return options;
  }

  /**
   * Attachments to the images of one repository of this registry; images are then named by tag or
   * digest.
   */
  public Attachments attachments(String repository) {
    return Attachments.on(client.repository(checkRepository(repository)));
  }

  /**
   * The same registry (sharing its connections and tokens), attaching without checking that the
   * statement names the image's digest: see {@link Attachments#withoutSubjectCheck()}.
   */
  public Registry withoutSubjectCheck() {
    return new Registry(host, options, client, false);
  }

  /** Attaches {@code attestation} to {@code image} (see {@link Attachments#attach}). */
  public AttachResult attach(String image, Attestation attestation, AttachmentLayout... layouts) {
    ImageReference ref = reference(image);
    Attachments attachments = attachments(ref.repository());
    return (checkSubject ? attachments : attachments.withoutSubjectCheck())
        .attach(checkedTarget(ref), attestation, layouts);
  }

  /**
   * Attaches {@code attestation} and removes what it supersedes (see {@link
   * Attachments#attachReplacing}).
   */
  public AttachResult attachReplacing(
      String image, Attestation attestation, AttachmentLayout... layouts) {
    ImageReference ref = reference(image);
    Attachments attachments = attachments(ref.repository());
    return (checkSubject ? attachments : attachments.withoutSubjectCheck())
        .attachReplacing(checkedTarget(ref), attestation, layouts);
  }

  /** Removes one attestation from {@code image} (see {@link Attachments#detach}). */
  public DetachResult detach(String image, Digest digest) {
    ImageReference ref = reference(image);
    return attachments(ref.repository()).detach(checkedTarget(ref), digest);
  }

  /**
   * Removes the superseded OpenVEX attestations of {@code image} (see {@link Attachments#prune}).
   */
  public DetachResult prune(String image) {
    ImageReference ref = reference(image);
    return attachments(ref.repository()).prune(checkedTarget(ref));
  }

  /**
   * Keeps only the newest OpenVEX attestation per document identity on {@code image} (see {@link
   * Attachments#pruneKeepingLatest}).
   */
  public DetachResult pruneKeepingLatest(String image) {
    ImageReference ref = reference(image);
    return attachments(ref.repository()).pruneKeepingLatest(checkedTarget(ref));
  }

  /** Attaches a DSSE envelope signed with vex-sign (DESIGN's front door; default: {@code .att}). */
  public AttachResult attach(String image, DsseEnvelope envelope, AttachmentLayout... layouts) {
    return attach(image, Attestation.of(envelope), layouts);
  }

  /** Attaches a Sigstore bundle (default: bundle referrer and {@code .att}). */
  public AttachResult attach(String image, SigstoreBundle bundle, AttachmentLayout... layouts) {
    return attach(image, Attestation.of(bundle), layouts);
  }

  /** Every attestation of {@code image}, in every layout (see {@link Attachments#fetch}). */
  public FetchResult fetch(String image) {
    ImageReference ref = reference(image);
    return attachments(ref.repository()).fetch(checkedTarget(ref));
  }

  /**
   * The config of {@code image} ({@code repo:tag}, {@code repo@sha256:…}, or in full): for an image
   * index, the manifest of {@code platform} ({@code os/arch[/variant]}); every manifest and the
   * config checked against their digests, the config size limited (see {@link ImageConfig}).
   *
   * @throws OciException if the image, the platform's manifest or the config is missing or invalid,
   *     or the registry cannot be reached
   */
  public ImageConfig imageConfig(String image, String platform) {
    ImageReference ref = reference(image);
    return client.guard(
        () ->
            ImageConfig.read(
                client.repository(ref.repository()), target(ref), platform, ref.toString()));
  }

  /**
   * The OpenVEX attestations of {@code image}: {@link #fetch} keeping only predicate types under
   * {@code https://openvex.dev/ns}. Verify them next:
   *
   * <pre>{@code
   * Registry.of("registry.local").fetchVex("app:1.0").verifiedWith(key.publicKey()).mergedVex();
   * }</pre>
   */
  public FetchResult fetchVex(String image) {
    return fetch(image).onlyOpenVex();
  }

  /**
   * The SBOM attestations of {@code image}: {@link #fetch} keeping CycloneDX and SPDX predicate
   * types ({@link FetchResult#onlySboms()}). Verify them next, as for VEX:
   *
   * <pre>{@code
   * Registry.of("registry.local").fetchSboms("app:1.0").verifiedWith(key.publicKey()).accepted();
   * }</pre>
   */
  public FetchResult fetchSboms(String image) {
    return fetch(image).onlySboms();
  }

  /**
   * The HTTP requests this registry handle has sent (retries, auth challenges and token requests
   * included): what request economy is measured with.
   */
  public long requestCount() {
    return client.requests();
  }

  /** The client (for embed, which hands its credentials to jib). */
  RegistryClient client() {
    return client;
  }

  /** The store of one repository (for this module's tests). */
  OciStore store(String repository) {
    return client.repository(checkRepository(repository));
  }

  /**
   * {@code TAG@DIGEST} when the reference has both (the digest names the image; {@link Attachments}
   * checks the tag and says when it names something else), else the digest or the tag.
   */
  private static String checkedTarget(ImageReference ref) {
    return ImageTarget.of(ref).orElseThrow().text();
  }

  private static String target(ImageReference ref) {
    return ref.digest().map(Digest::toString).orElseGet(() -> ref.tag().orElseThrow());
  }

  private ImageReference reference(String image) {
    Objects.requireNonNull(image, "image");
    int slash = image.indexOf('/');
    String first = slash < 0 ? "" : image.substring(0, slash);
    boolean full = first.contains(".") || first.contains(":") || first.equals("localhost");
    ImageReference ref =
        full ? ImageReference.parse(image) : ImageReference.parse(host + "/" + image);
    if (ref.isLayout() || !ref.registry().equals(host)) {
      throw new OciException(
          image + " names another registry than " + host, image, null, null, null);
    }
    return ref;
  }

  private String checkRepository(String repository) {
    ImageReference ref = ImageReference.parse(host + "/" + repository);
    if (!ref.registry().equals(host)
        || ref.digest().isPresent()
        || !ref.repository().equals(repository)) {
      throw new OciException(
          "\"" + repository + "\" is not a repository name of " + host,
          repository,
          null,
          null,
          null);
    }
    return repository;
  }

  @Override
  public String toString() {
    return "Registry["
        + host
        + ", "
        + options
        + (checkSubject ? "" : ", withoutSubjectCheck")
        + "]";
  }
}
