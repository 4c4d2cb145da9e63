package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import org.apiguardian.api.API;

/** The media types and annotation keys Waterline writes and reads. */
@API(status = STABLE, since = "0.1.0")
public final class MediaTypes {
  private MediaTypes() {}

  /** OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** OCI image index. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** Docker image manifest v2 schema 2 (read only). */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Docker manifest list (read only). */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** OCI image configuration. */
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  /** Gzipped OCI layer. */
  public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  /** The empty descriptor's media type; its content is {@code {}}. */
  public static final String EMPTY = "application/vnd.oci.empty.v1+json";

  /** Sigstore bundle v0.3: artifact type and layer media type of cosign ≥ 3 referrers. */
  public static final String SIGSTORE_BUNDLE_V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

  /** The prefix every Sigstore bundle media type starts with. */
  public static final String SIGSTORE_BUNDLE_PREFIX = "application/vnd.dev.sigstore.bundle";

  /** A DSSE envelope: cosign's {@code .att} layers. */
  public static final String DSSE_ENVELOPE = "application/vnd.dsse.envelope.v1+json";

  /** A bare in-toto statement: BuildKit layers, Docker Scout and Hardened Images referrers. */
  public static final String IN_TOTO = "application/vnd.in-toto+json";

  /** The artifact type of BuildKit ≥ 0.32 attestation manifests. */
  public static final String DOCKER_ATTESTATION_MANIFEST =
      "application/vnd.docker.attestation.manifest.v1+json";

  /** Annotation: the tag of a manifest in an OCI layout's {@code index.json}. */
  public static final String ANNOTATION_REF_NAME = "org.opencontainers.image.ref.name";

  /** Annotation: creation time (RFC 3339). */
  public static final String ANNOTATION_CREATED = "org.opencontainers.image.created";

  /** Annotation on cosign ≥ 3 bundle referrers: {@code dsse-envelope}. */
  public static final String ANNOTATION_BUNDLE_CONTENT = "dev.sigstore.bundle.content";

  /** Annotation on cosign ≥ 3 bundle referrers: the statement's predicate type. */
  public static final String ANNOTATION_BUNDLE_PREDICATE_TYPE = "dev.sigstore.bundle.predicateType";

  /** Annotation on cosign {@code .att} layers, always present and empty. */
  public static final String ANNOTATION_COSIGN_SIGNATURE = "dev.cosignproject.cosign/signature";

  /** Annotation on cosign {@code .att} layers: the statement's predicate type. */
  public static final String ANNOTATION_COSIGN_PREDICATE_TYPE = "predicateType";

  /** Annotation on in-toto layers (BuildKit, Docker): the statement's predicate type. */
  public static final String ANNOTATION_IN_TOTO_PREDICATE_TYPE = "in-toto.io/predicate-type";

  /** Annotation on BuildKit index entries: {@code attestation-manifest}. */
  public static final String ANNOTATION_DOCKER_REFERENCE_TYPE = "vnd.docker.reference.type";

  /** Annotation on BuildKit index entries: the digest of the image manifest described. */
  public static final String ANNOTATION_DOCKER_REFERENCE_DIGEST = "vnd.docker.reference.digest";

  /** The value of {@link #ANNOTATION_DOCKER_REFERENCE_TYPE} for attestation manifests. */
  public static final String DOCKER_REFERENCE_TYPE_ATTESTATION = "attestation-manifest";
}
