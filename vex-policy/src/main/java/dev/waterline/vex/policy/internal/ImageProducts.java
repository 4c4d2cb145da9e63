package dev.waterline.vex.policy.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The identifiers under which VEX may speak about a scanned image: each image reference with a
 * digest as given ({@code repo@sha256:…}), the bare digest, and OCI purls in the forms scanners
 * build ({@code pkg:oci/<name>@sha256%3A<hex>} with and without {@code repository_url}, Trivy's
 * full repository, Grype's repository without the name, Docker Hub's spellings).
 */
public final class ImageProducts {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  /** A digest as image products write it: {@code sha256:…}, or {@code sha256%3A…} in a purl. */
  private static final Pattern NAMED_DIGEST = Pattern.compile("sha256(?::|%3[aA])[0-9a-f]{64}");

  private ImageProducts() {}

  /**
   * Whether a VEX product id or purl names an image by digest ({@code repo@sha256:…}, {@code
   * sha256:…}, {@code pkg:oci/name@sha256%3A…}): such a product matches only when the scanned
   * image's digest is known.
   */
  public static boolean namesADigest(String productId) {
    return NAMED_DIGEST.matcher(productId).find();
  }

  /** The query identifiers for these references ({@code repo[:tag]@sha256:…}) and digests. */
  public static List<String> of(List<String> references, List<String> digests) {
    Set<String> out = new LinkedHashSet<>();
    for (String ref : references) {
      int at = ref.lastIndexOf('@');
      if (at <= 0) {
        continue;
      }
      String digest = ref.substring(at + 1).toLowerCase(Locale.ROOT);
      if (!DIGEST.matcher(digest).matches()) {
        continue;
      }
      String repo = ref.substring(0, at);
      int slash = repo.lastIndexOf('/');
      int colon = repo.lastIndexOf(':');
      if (colon > slash) {
        repo = repo.substring(0, colon); // drop a tag
      }
      out.add(repo + "@" + digest);
      out.add(digest);
      String name = repo.substring(repo.lastIndexOf('/') + 1);
      String purl = "pkg:oci/" + name + "@sha256%3A" + digest.substring(7);
      out.add(purl);
      for (String r : repositories(repo)) {
        out.add(purl + "?repository_url=" + r);
        int s = r.lastIndexOf('/');
        if (s > 0) {
          out.add(purl + "?repository_url=" + r.substring(0, s));
        }
      }
    }
    for (String d : digests) {
      String digest = d.toLowerCase(Locale.ROOT);
      if (DIGEST.matcher(digest).matches()) {
        out.add(digest);
      }
    }
    return new ArrayList<>(out);
  }

  /** The repository as written, and Docker Hub's spellings when it is on Docker Hub. */
  private static List<String> repositories(String repo) {
    List<String> out = new ArrayList<>();
    out.add(repo);
    int slash = repo.indexOf('/');
    String first = slash < 0 ? "" : repo.substring(0, slash);
    boolean hasRegistry =
        slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    String path;
    if (!hasRegistry) {
      path = repo.contains("/") ? repo : "library/" + repo;
    } else if (first.equals("docker.io")
        || first.equals("index.docker.io")
        || first.equals("registry-1.docker.io")) {
      path = repo.substring(slash + 1);
      if (!path.contains("/")) {
        path = "library/" + path;
      }
    } else {
      return out;
    }
    for (String host : List.of("index.docker.io", "docker.io")) {
      String r = host + "/" + path;
      if (!out.contains(r)) {
        out.add(r);
      }
    }
    return out;
  }
}
