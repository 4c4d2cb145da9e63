package dev.waterline.vex;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.internal.image.ImageText;
import dev.waterline.vex.internal.match.Purl;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The identity of an image in a registry: registry, repository, and the tag and digest where
 * written, normalised as Docker does, so that {@code nginx}, {@code docker.io/nginx} and {@code
 * index.docker.io/library/nginx} are the same name, {@code index.docker.io/library/nginx}.
 *
 * <p>This is the one image-name parser of Waterline: {@code vex-attach}'s image references, {@code
 * vex-sign}'s in-toto subjects and {@code vex-policy}'s image products all read names through it,
 * so an image is the same thing in every module. It also converts to and from {@code pkg:oci} purls
 * ({@link #toPurl()}, {@link #fromPurl(String)}), as the purl specification defines them: {@code
 * pkg:oci/<name>@sha256%3A<hex>?repository_url=<registry>/<repository>&tag=<tag>}.
 *
 * <p>Unlike a pull, parsing adds no default tag: {@code nginx} has neither tag nor digest.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class ImageName {
  /** The registry Docker Hub names resolve to, as Waterline (and cosign) writes it. */
  public static final String DOCKER_HUB = ImageText.DOCKER_HUB;

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final int MAX_NAME_LENGTH = 255;
  private static final int SHOWN = 512;

  private final String registry;
  private final String repository;
  private final @Nullable String tag;
  private final @Nullable ContentDigest digest;

  private ImageName(
      String registry, String repository, @Nullable String tag, @Nullable ContentDigest digest) {
    this.registry = registry;
    this.repository = repository;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses and normalises {@code [registry/]repository[:tag][@digest]}.
   *
   * @throws ImageParseException naming the input and saying which part is wrong
   */
  public static ImageName parse(String reference) {
    Objects.requireNonNull(reference, "reference");
    String text = reference;
    if (text.isEmpty()) {
      throw invalid(text, "it is empty");
    }
    String rest = text;
    ContentDigest digest = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String candidate = rest.substring(at + 1);
      try {
        digest = ContentDigest.parse(candidate);
      } catch (ImageParseException e) {
        throw invalid(text, String.valueOf(e.getMessage()));
      }
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/') && colon > rest.lastIndexOf(']')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
      if (!isTag(tag)) {
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
        && (ImageText.isRegistryHost(first) || !first.equals(first.toLowerCase(Locale.ROOT)))) {
      registry = registry(text, first);
      repository = rest.substring(slash + 1);
    } else {
      registry = DOCKER_HUB;
      repository = rest;
    }
    if (repository.isEmpty()) {
      throw invalid(text, "the repository name is empty");
    }
    if (registry.equals(DOCKER_HUB)) {
      repository = ImageText.dockerHubRepository(repository);
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
    return new ImageName(registry, repository, tag, digest);
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
    if (ImageText.isRegistryHost(lower) || port != null) {
      name = lower; // still read as a registry when parsed again
    }
    if (port == null) {
      name = ImageText.canonicalRegistry(name);
    }
    return port == null ? name : name + ":" + port;
  }

  /**
   * Reads a {@code pkg:oci} purl: the image named by its {@code repository_url} qualifier (whose
   * last path component must be the purl's name), pinned to the purl's version (the digest), with
   * the {@code tag} qualifier as tag. A {@code repository_url} may be written with a scheme ({@code
   * https://}), which is dropped.
   *
   * @throws ImageParseException when {@code purl} is not a valid {@code pkg:oci} purl with a digest
   *     version and a {@code repository_url}, naming the purl and what is missing or wrong
   */
  public static ImageName fromPurl(String purl) {
    Objects.requireNonNull(purl, "purl");
    Purl p = Purl.parse(purl);
    if (p == null || !p.type().equals("oci")) {
      throw invalidPurl(purl, "it is not a pkg:oci purl (pkg:oci/<name>@sha256%3A<hex>?...)");
    }
    if (p.namespace() != null) {
      throw invalidPurl(
          purl, "an oci purl has no namespace; the repository goes in repository_url");
    }
    String version = p.version();
    if (version == null) {
      throw invalidPurl(purl, "it has no version; an oci purl's version is the image's digest");
    }
    ContentDigest digest;
    try {
      digest = ContentDigest.parse(version);
    } catch (ImageParseException e) {
      throw invalidPurl(purl, "its version is not a digest: " + String.valueOf(e.getMessage()));
    }
    String url = p.qualifier("repository_url");
    if (url == null || url.isEmpty()) {
      throw invalidPurl(
          purl,
          "it has no repository_url, so it names no registry (an oci purl is registry agnostic"
              + " without one)");
    }
    int scheme = url.indexOf("://");
    String repositoryText = scheme >= 0 ? url.substring(scheme + 3) : url;
    while (repositoryText.endsWith("/")) {
      repositoryText = repositoryText.substring(0, repositoryText.length() - 1);
    }
    String tag = p.qualifier("tag");
    ImageName name;
    try {
      name = parse(repositoryText + (tag == null ? "" : ":" + tag));
    } catch (ImageParseException e) {
      throw invalidPurl(
          purl,
          "its repository_url and tag do not name an image: " + String.valueOf(e.getMessage()));
    }
    String last = name.repository.substring(name.repository.lastIndexOf('/') + 1);
    if (!last.equals(p.name().toLowerCase(Locale.ROOT))) {
      throw invalidPurl(
          purl,
          "its name \""
              + p.name()
              + "\" is not the last part of its repository_url \""
              + url
              + "\"");
    }
    return new ImageName(name.registry, name.repository, name.tag, digest);
  }

  /** Whether {@code tag} is a valid tag (letters, digits, {@code _ . -}, at most 128). */
  public static boolean isTag(String tag) {
    return TAG.matcher(tag).matches();
  }

  private static ImageParseException invalid(String text, String why) {
    String shown = ImageText.shown(text, SHOWN);
    return new ImageParseException("invalid image reference \"" + shown + "\": " + why, shown);
  }

  private static ImageParseException invalidPurl(String text, String why) {
    String shown = ImageText.shown(text, SHOWN);
    return new ImageParseException("invalid oci purl \"" + shown + "\": " + why, shown);
  }

  /**
   * The registry host, with its port if any ({@code index.docker.io}, {@code localhost:5000},
   * {@code [::1]:5000}).
   */
  public String registry() {
    return registry;
  }

  /** The repository path ({@code library/nginx}). */
  public String repository() {
    return repository;
  }

  /**
   * {@code registry/repository} without tag or digest, the name an in-toto subject uses ({@code
   * index.docker.io/library/nginx}).
   */
  public String name() {
    return registry + "/" + repository;
  }

  /** The tag, if one was written. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** The digest, if one was written. */
  public Optional<ContentDigest> digest() {
    return Optional.ofNullable(digest);
  }

  /** Whether the image is on Docker Hub. */
  public boolean isDockerHub() {
    return registry.equals(DOCKER_HUB);
  }

  /** The host the registry's API is served from ({@code registry-1.docker.io} for Docker Hub). */
  public String apiHost() {
    return ImageText.apiHost(registry);
  }

  /** The same image pinned to {@code digest} (the tag is kept). */
  public ImageName withDigest(ContentDigest digest) {
    return new ImageName(registry, repository, tag, Objects.requireNonNull(digest, "digest"));
  }

  /**
   * The same repository with {@code tag} (the digest is kept).
   *
   * @throws ImageParseException when {@code tag} is not a valid tag
   */
  public ImageName withTag(String tag) {
    if (!isTag(tag)) {
      throw invalid(tag, "the tag \"" + tag + "\" is not valid");
    }
    return new ImageName(registry, repository, tag, digest);
  }

  /** The same repository and digest without a tag. */
  public ImageName withoutTag() {
    return new ImageName(registry, repository, null, digest);
  }

  /**
   * The {@code pkg:oci} purl of this image: {@code pkg:oci/<last repository part>@<algorithm>%3A
   * <hex>?repository_url=<registry>/<repository>}, with {@code &tag=<tag>} when it has a tag
   * (qualifiers sorted, as the purl specification asks).
   *
   * @throws ImageParseException when the image has no digest (an oci purl's version is the digest)
   */
  public String toPurl() {
    if (digest == null) {
      throw new ImageParseException(
          "image \""
              + this
              + "\" has no digest, and an oci purl's version is the digest: pin it first"
              + " (withDigest)",
          toString());
    }
    StringBuilder sb =
        new StringBuilder(
                ImageText.ociPurl(
                    repository.substring(repository.lastIndexOf('/') + 1),
                    digest.algorithm(),
                    digest.hex()))
            .append("?repository_url=")
            .append(name().replace("[", "%5B").replace("]", "%5D"));
    if (tag != null) {
      sb.append("&tag=").append(tag);
    }
    return sb.toString();
  }

  /** Equal when registry, repository, tag and digest are. */
  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ImageName)) {
      return false;
    }
    ImageName n = (ImageName) o;
    return registry.equals(n.registry)
        && repository.equals(n.repository)
        && Objects.equals(tag, n.tag)
        && Objects.equals(digest, n.digest);
  }

  /** Consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return Objects.hash(registry, repository, tag, digest);
  }

  /** The normalised form, {@code registry/repository[:tag][@digest]}, parseable again. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name());
    if (tag != null) {
      sb.append(':').append(tag);
    }
    if (digest != null) {
      sb.append('@').append(digest);
    }
    return sb.toString();
  }
}
