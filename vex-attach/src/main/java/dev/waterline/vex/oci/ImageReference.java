package dev.waterline.vex.oci;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
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
public final class ImageReference {
  /** The registry that Docker Hub names resolve to. */
  public static final String DOCKER_HUB = "index.docker.io";

  /** The tag a registry reference without tag or digest gets. */
  public static final String DEFAULT_TAG = "latest";

  private static final String LAYOUT_SCHEME = "oci:";
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final int MAX_NAME_LENGTH = 255;

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
    if (text.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    String rest = text;
    Digest digest = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      digest = digest(text, rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/') && colon > rest.lastIndexOf(']')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag).matches()) {
        throw invalid(
            text,
            "the tag \""
                + tag
                + "\" is not valid (letters, digits, '_', '.', '-', at most 128, not starting with"
                + " '.' or '-')");
      }
    }
    String registry;
    String repository;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    if (slash > 0
        && (first.contains(".")
            || first.contains(":")
            || first.equals("localhost")
            || first.startsWith("[")
            || !first.equals(first.toLowerCase(Locale.ROOT)))) {
      registry = registry(text, first);
      repository = rest.substring(slash + 1);
    } else {
      registry = DOCKER_HUB;
      repository = rest;
    }
    if (repository.isEmpty()) {
      throw invalid(text, "the repository name is empty");
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    for (String component : repository.split("/", -1)) {
      if (!COMPONENT.matcher(component).matches()) {
        String why =
            component.isEmpty()
                ? "the repository \"" + repository + "\" has an empty path component"
                : !component.equals(component.toLowerCase(Locale.ROOT))
                    ? "the repository name must be lowercase, but has \"" + component + "\""
                    : "the repository path component \""
                        + component
                        + "\" is not valid (lowercase letters and digits, separated by '.', '_',"
                        + " '__' or dashes)";
        throw invalid(text, why);
      }
    }
    if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
      throw invalid(text, "the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
    return new ImageReference(registry, repository, tag, digest, null);
  }

  private static String registry(String text, String host) {
    String name = host;
    String port = null;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        throw invalid(text, "the registry \"" + host + "\" opens '[' without closing it");
      }
      name = host.substring(0, close + 1);
      String after = host.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw invalid(
              text, "the registry \"" + host + "\" has text after ']' that is not a port");
        }
        port = after.substring(1);
      }
      if (!IPV6.matcher(name).matches()) {
        throw invalid(text, "the registry \"" + host + "\" is not a valid IPv6 address");
      }
    } else {
      int colon = host.indexOf(':');
      if (colon >= 0) {
        name = host.substring(0, colon);
        port = host.substring(colon + 1);
      }
      if (!HOST.matcher(name).matches()) {
        throw invalid(text, "the registry host \"" + name + "\" is not a valid host name");
      }
    }
    if (port != null
        && (!PORT.matcher(port).matches()
            || Integer.parseInt(port) == 0
            || Integer.parseInt(port) > 65535)) {
      throw invalid(text, "the registry port \"" + port + "\" is not a number from 1 to 65535");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.contains(".") || lower.startsWith("[") || port != null || lower.equals("localhost")) {
      name = lower; // still read as a registry when parsed again
    }
    if (name.equals("docker.io") && port == null) {
      name = DOCKER_HUB;
    }
    return port == null ? name : name + ":" + port;
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
        if (!TAG.matcher(candidate).matches()) {
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
    if (!TAG.matcher(tag).matches()) {
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
