package dev.waterline.vex.policy.internal;

import dev.waterline.vex.ContentDigest;
import dev.waterline.vex.ImageName;
import dev.waterline.vex.ImageParseException;
import dev.waterline.vex.internal.image.ImageText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The identifiers under which VEX may speak about a scanned image: each image reference with a
 * digest as given ({@code repo@sha256:…}), the bare digest, and OCI purls in the forms scanners
 * build ({@code pkg:oci/<name>@sha256%3A<hex>} with and without {@code repository_url}, Trivy's
 * full repository, Grype's repository without the name, Docker Hub's spellings). Names and digests
 * are read by vex-model's {@link ImageName} and {@link ContentDigest}, so an image here is the
 * image vex-attach fetches for and vex-sign signs for.
 */
public final class ImageProducts {
  /** A digest as image products write it: {@code sha256:…}, or {@code sha256%3A…} in a purl. */
  private static final Pattern NAMED_DIGEST =
      Pattern.compile("sha256(?::|%3[aA])" + ImageText.SHA256_HEX_REGEX);

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
      Optional<ContentDigest> parsed = sha256(ref.substring(at + 1));
      if (parsed.isEmpty()) {
        continue;
      }
      String digest = parsed.get().toString();
      String repo = ref.substring(0, at);
      int slash = repo.lastIndexOf('/');
      int colon = repo.lastIndexOf(':');
      if (colon > slash) {
        repo = repo.substring(0, colon); // drop a tag
      }
      out.add(repo + "@" + digest);
      out.add(digest);
      String name = repo.substring(repo.lastIndexOf('/') + 1);
      String purl = ImageText.ociPurl(name, ContentDigest.SHA256, parsed.get().hex());
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
      sha256(d).ifPresent(digest -> out.add(digest.toString()));
    }
    return new ArrayList<>(out);
  }

  /** A sha256 digest, read in either case as scanners write it. */
  private static Optional<ContentDigest> sha256(String text) {
    return ContentDigest.tryParse(text.toLowerCase(Locale.ROOT))
        .filter(d -> d.algorithm().equals(ContentDigest.SHA256));
  }

  /**
   * The repository as written, its normalised name ({@link ImageName#name()}), and the other
   * spellings scanners use for it (Docker Hub's {@code docker.io/…}).
   */
  static List<String> repositories(String repo) {
    Set<String> out = new LinkedHashSet<>();
    out.add(repo);
    try {
      ImageName image = ImageName.parse(repo);
      out.add(image.name());
      out.addAll(ImageText.dockerHubAliases(image.registry(), image.repository()));
    } catch (ImageParseException e) {
      // not a valid name: only the spelling as written can match
    }
    return new ArrayList<>(out);
  }
}
