package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.ImageParseException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A reference to an image: in a registry ({@code registry/repository[:tag][@digest]}, normalised as
 * Docker does, so {@code nginx} is {@code index.docker.io/library/nginx:latest}) or in an OCI image
 * layout on disk ({@code oci:PATH[:TAG][@DIGEST]}).
 *
 * <p>A registry reference without tag and digest gets the tag {@code latest}; one with a digest
 * keeps its tag only if it was written ({@code app:1.0@sha256:…}). A layout reference may name
 * neither; it then means the layout's only image.
 *
 * <p>With both a tag and a digest ({@code app:1.0@sha256:…}, {@code oci:PATH:1.0@sha256:…}) the
 * digest names the image, as in Docker: {@link #target()} is the digest, and the tag is kept for
 * display. {@link Attachments} and {@link Registry} then check that the tag agrees (names that
 * digest, or an index listing it) and say which digest was used when it does not.
 */
@API(status = STABLE, since = "0.1.0")
public final class ImageReference {
  /** The registry that Docker Hub names resolve to. */
  public static final String DOCKER_HUB = ImageName.DOCKER_HUB;

  /** The tag a registry reference without tag or digest gets. */
  public static final String DEFAULT_TAG = "latest";

  private static final String LAYOUT_SCHEME = "oci:";

  private final String registry;
  private final String repository;
  private final @Nullable String tag;
  private final @Nullable Digest digest;
  private final @Nullable Path layoutPath;

  private ImageReference(
      String registry,
      String repository,
      @Nullable String tag,
      @Nullable Digest digest,
      @Nullable Path layoutPath) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
    this.layoutPath = layoutPath;
  }

  /**
   * Parses and normalises a reference.
   *
   * @throws OciException naming the input and saying which part is wrong
   */
  public static ImageReference parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.startsWith(LAYOUT_SCHEME)) {
      return parseLayout(text);
    }
    ImageName name;
    try {
      name = ImageName.parse(text);
    } catch (ImageParseException e) {
      String digest = null;
      int at = text.lastIndexOf('@');
      if (at >= 0 && !ContentDigest.isDigest(text.substring(at + 1))) {
        digest = text.substring(at + 1);
      }
      throw new OciException(String.valueOf(e.getMessage()), text, digest, null, e);
    }
    String tag = name.tag().orElse(null);
    Digest digest = name.digest().map(Digest::of).orElse(null);
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
    return new ImageReference(name.registry(), name.repository(), tag, digest, null);
  }

  private static ImageReference parseLayout(String text) {
    String body = text.substring(LAYOUT_SCHEME.length());
    String tag = null;
    Digest digest = null;
    int at = body.lastIndexOf('@');
    int separator = Math.max(body.lastIndexOf('/'), body.lastIndexOf('\\'));
    if (at > 0 && at > separator) {
      digest = digest(text, body.substring(at + 1));
      body = body.substring(0, at);
    }
    // a tag may come before the digest (oci:PATH:TAG@DIGEST), as in registry references
    int colon = body.lastIndexOf(':');
    if (colon > 0 && colon > separator && colon < body.length() - 1) {
      String candidate = body.substring(colon + 1);
      boolean windowsDrive = colon == 1 && Character.isLetter(body.charAt(0));
      if (!windowsDrive) {
        if (!ImageName.isTag(candidate)) {
          throw invalid(text, "the tag \"" + candidate + "\" is not valid");
        }
        tag = candidate;
        body = body.substring(0, colon);
      }
    }
    if (body.isEmpty()) {
      throw invalid(text, "the layout path is empty (write oci:PATH[:TAG|@DIGEST])");
    }
    Path path;
    try {
      path = Path.of(body);
    } catch (InvalidPathException e) {
      throw new OciException(
          "invalid image reference \""
              + text
              + "\": the layout path is not valid: "
              + e.getMessage(),
          text,
          null,
          null,
          e);
    }
    return new ImageReference("", "", tag, digest, path);
  }

  private static Digest digest(String text, String candidate) {
    try {
      return Digest.parse(candidate);
    } catch (OciException e) {
      throw new OciException(
          "invalid image reference \"" + text + "\": " + e.getMessage(), text, candidate, null, e);
    }
  }

  private static OciException invalid(String text, String why) {
    return new OciException(
        "invalid image reference \"" + text + "\": " + why, text, null, null, null);
  }

  /**
   * The registry host, with its port if any ({@code index.docker.io}, {@code localhost:5000},
   * {@code [::1]:5000}); empty for a layout reference.
   */
  public String registry() {
    return registry;
  }

  /** The repository path ({@code library/nginx}); empty for a layout reference. */
  public String repository() {
    return repository;
  }

  /**
   * {@code registry/repository}, the name an in-toto subject uses; for a layout, {@code oci:PATH}.
   */
  public String name() {
    return layoutPath != null ? LAYOUT_SCHEME + layoutPath : registry + "/" + repository;
  }

  /** The tag, if the reference has one. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** The digest, if the reference has one. */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  /** The directory of the OCI image layout, for an {@code oci:} reference. */
  public Optional<Path> layoutPath() {
    return Optional.ofNullable(layoutPath);
  }

  /** Whether this names an image in an OCI image layout on disk. */
  public boolean isLayout() {
    return layoutPath != null;
  }

  /**
   * What to ask the store for: the digest if there is one (it is exact), else the tag; empty only
   * for a layout reference that names neither.
   */
  public Optional<String> target() {
    if (digest != null) {
      return Optional.of(digest.toString());
    }
    return Optional.ofNullable(tag);
  }

  /**
   * Whether the registry is this machine ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}):
   * the only registries Waterline talks plain HTTP to without being asked.
   */
  public boolean isLoopback() {
    if (layoutPath != null) {
      return false;
    }
    String host =
        registry.startsWith("[")
            ? registry.substring(0, registry.indexOf(']') + 1)
            : registry.contains(":") ? registry.substring(0, registry.indexOf(':')) : registry;
    return host.equals("localhost")
        || host.equals("[::1]")
        || host.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  }

  /** The same image pinned to {@code digest} (the tag is kept). */
  public ImageReference withDigest(Digest digest) {
    return new ImageReference(
        registry, repository, tag, Objects.requireNonNull(digest, "digest"), layoutPath);
  }

  /** The same repository with {@code tag} and no digest. */
  public ImageReference withTag(String tag) {
    if (!ImageName.isTag(tag)) {
      throw invalid(tag, "the tag \"" + tag + "\" is not valid");
    }
    return new ImageReference(registry, repository, tag, null, layoutPath);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ImageReference)) {
      return false;
    }
    ImageReference r = (ImageReference) o;
    return registry.equals(r.registry)
        && repository.equals(r.repository)
        && Objects.equals(tag, r.tag)
        && Objects.equals(digest, r.digest)
        && Objects.equals(layoutPath, r.layoutPath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest, layoutPath);
  }

  /**
   * The normalised form, e.g. {@code index.docker.io/library/nginx:latest}, parseable again. A
   * layout path whose last name holds {@code @} or {@code :} is printed with a trailing separator
   * ({@code oci:/tmp/a@b/}), so that the part after them is not read back as a digest or tag; so is
   * a one-letter path with a tag ({@code oci:a/:v1}), which would read back as a Windows drive.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name());
    if (layoutPath != null) {
      Path last = layoutPath.getFileName();
      String lastName = last == null ? "" : last.toString();
      String path = layoutPath.toString();
      boolean readAsDrive = tag != null && path.length() == 1 && Character.isLetter(path.charAt(0));
      if (lastName.indexOf('@') >= 0 || lastName.indexOf(':') >= 0 || readAsDrive) {
        sb.append(layoutPath.getFileSystem().getSeparator());
      }
    }
    if (tag != null) {
      sb.append(':').append(tag);
    }
    if (digest != null) {
      sb.append('@').append(digest);
    }
    return sb.toString();
  }
}
