package dev.waterline.vex.internal.image;

import dev.waterline.vex.internal.io.TerminalText;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Image identity as text: the one place that knows what a sha256 digest looks like and how Docker
 * Hub names are spelled. {@link dev.waterline.vex.ContentDigest} and {@link
 * dev.waterline.vex.ImageName} are built on it; the other modules use those, or these helpers where
 * they scan text (SARIF locations, scanner output) for a digest.
 */
public final class ImageText {
  /** The registry Docker Hub names resolve to, as Waterline writes it (cosign's spelling). */
  public static final String DOCKER_HUB = "index.docker.io";

  /** The host Docker Hub's registry API is served from. */
  public static final String DOCKER_HUB_API = "registry-1.docker.io";

  /** The repository namespace of Docker Hub's official images. */
  public static final String DOCKER_HUB_LIBRARY = "library";

  /** The hex digits of a SHA-256 digest. */
  public static final int SHA256_HEX_LENGTH = 64;

  /** The hex digits of a SHA-512 digest. */
  public static final int SHA512_HEX_LENGTH = 128;

  /**
   * A regular expression for the hex of a sha256 digest ({@code [0-9a-f]{64}}), for patterns that
   * find a digest inside other text; a digest on its own is checked with {@link
   * dev.waterline.vex.ContentDigest#parse(String)}.
   */
  public static final String SHA256_HEX_REGEX = "[0-9a-f]{" + SHA256_HEX_LENGTH + "}";

  /** {@code sha256:} followed by {@link #SHA256_HEX_REGEX}. */
  public static final String SHA256_DIGEST_REGEX = "sha256:" + SHA256_HEX_REGEX;

  private static final Pattern SHA256_DIGEST = Pattern.compile(SHA256_DIGEST_REGEX);

  private static final String DOCKER_HUB_SHORT = "docker.io";

  private ImageText() {}

  /** Whether {@code text} is exactly {@code sha256:<64 lowercase hex>}. */
  public static boolean isSha256Digest(String text) {
    return text.length() == 7 + SHA256_HEX_LENGTH
        && text.startsWith("sha256:")
        && isLowerHex(text, 7, SHA256_HEX_LENGTH);
  }

  /** Whether {@code text} holds {@code sha256:<64 lowercase hex>} anywhere. */
  public static boolean containsSha256Digest(CharSequence text) {
    return SHA256_DIGEST.matcher(text).find();
  }

  /** Whether {@code text} is exactly 64 lowercase hex digits (a sha256 digest without prefix). */
  public static boolean isSha256Hex(String text) {
    return text.length() == SHA256_HEX_LENGTH && isLowerHex(text, 0, SHA256_HEX_LENGTH);
  }

  /** Whether {@code length} characters of {@code text} from {@code from} are lowercase hex. */
  public static boolean isLowerHex(CharSequence text, int from, int length) {
    if (from < 0 || length < 0 || text.length() < from + length) {
      return false;
    }
    for (int i = from; i < from + length; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the first component of a reference names a registry rather than a repository path, as
   * Docker decides it: it holds a {@code .} or a {@code :}, is {@code localhost}, or an IPv6
   * address in brackets.
   */
  public static boolean isRegistryHost(String first) {
    return first.contains(".")
        || first.contains(":")
        || first.equals("localhost")
        || first.startsWith("[");
  }

  /** Whether {@code host} (already lowercase, without port) is one of Docker Hub's spellings. */
  public static boolean isDockerHub(String host) {
    return host.equals(DOCKER_HUB) || host.equals(DOCKER_HUB_SHORT) || host.equals(DOCKER_HUB_API);
  }

  /**
   * A registry host (with its port, if any) in Waterline's spelling: Docker Hub's aliases {@code
   * docker.io}, {@code registry-1.docker.io} become {@link #DOCKER_HUB}; other hosts are kept.
   */
  public static String canonicalRegistry(String host) {
    return isDockerHub(host.toLowerCase(Locale.ROOT)) ? DOCKER_HUB : host;
  }

  /** The host a registry's API is served from: {@link #DOCKER_HUB_API} for Docker Hub. */
  public static String apiHost(String registry) {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
  }

  /**
   * A Docker Hub repository path with its default namespace: {@code nginx} is {@code
   * library/nginx}.
   */
  public static String dockerHubRepository(String path) {
    return path.contains("/") ? path : DOCKER_HUB_LIBRARY + "/" + path;
  }

  /**
   * The other spellings under which scanners write a Docker Hub repository in purls and reports
   * ({@code docker.io/library/nginx} for {@code index.docker.io/library/nginx}); empty for other
   * registries.
   */
  public static List<String> dockerHubAliases(String registry, String repository) {
    return registry.equals(DOCKER_HUB) ? List.of(DOCKER_HUB_SHORT + "/" + repository) : List.of();
  }

  /**
   * A repository name as matching compares it, read leniently from what documents write (a scheme,
   * a tag and trailing slashes are dropped, case is folded): {@code nginx}, {@code docker.io/nginx}
   * and {@code https://registry-1.docker.io/library/nginx/} are all {@code
   * index.docker.io/library/nginx}. Null when nothing usable is left.
   */
  public static @Nullable String lenientRepository(String reference) {
    String r = reference;
    int scheme = r.indexOf("://");
    if (scheme >= 0) {
      r = r.substring(scheme + 3);
    }
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    int slash = r.lastIndexOf('/');
    int colon = r.lastIndexOf(':');
    if (colon > slash) {
      r = r.substring(0, colon);
    }
    if (r.isEmpty() || r.startsWith("/") || r.contains("//") || r.contains("@")) {
      return null;
    }
    r = r.toLowerCase(Locale.ROOT);
    int first = r.indexOf('/');
    String head = first < 0 ? "" : r.substring(0, first);
    if (first < 0 || !isRegistryHost(head)) {
      return DOCKER_HUB + "/" + dockerHubRepository(r);
    }
    if (isDockerHub(head)) {
      return DOCKER_HUB + "/" + dockerHubRepository(r.substring(first + 1));
    }
    return r;
  }

  /**
   * The {@code pkg:oci} purl of an image by digest, without qualifiers: {@code
   * pkg:oci/<name>@<algorithm>%3A<hex>}, {@code name} being the repository's last path component.
   * {@link dev.waterline.vex.ImageName#toPurl()} adds the {@code repository_url} and {@code tag};
   * matching builds the other spellings scanners use from it.
   */
  public static String ociPurl(String name, String algorithm, String hex) {
    return "pkg:oci/" + name + "@" + algorithm + "%3A" + hex;
  }

  /**
   * {@code text} fit for a message: characters outside printable ASCII as {@code \\uXXXX}, cut
   * after {@code limit} characters with the full length said.
   */
  public static String shown(String text, int limit) {
    StringBuilder sb = new StringBuilder();
    int end = Math.min(text.length(), limit);
    for (int i = 0; i < end; i++) {
      sb.append(printable(text.charAt(i)));
    }
    if (end < text.length()) {
      sb.append("…(").append(text.length()).append(" characters)");
    }
    return sb.toString();
  }

  /** {@code c}, or {@code \\uXXXX} when it is not printable ASCII. */
  public static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : TerminalText.escape(c);
  }
}
