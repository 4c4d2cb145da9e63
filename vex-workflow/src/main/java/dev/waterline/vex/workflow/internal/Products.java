package dev.waterline.vex.workflow.internal;

import dev.waterline.vex.ImageName;
import dev.waterline.vex.ImageParseException;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.match.PurlSyntax;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Product and subcomponent identifiers of decisions, and the file name of each image's document.
 */
public final class Products {
  private Products() {}

  /**
   * The product a decision names, in the one form its document uses: a {@code pkg:oci} purl or an
   * image reference with a digest becomes the image's {@code pkg:oci} purl without tag ({@code
   * pkg:oci/<name>@sha256%3A<hex>?repository_url=<registry>/<repository>}), so that every way of
   * naming one image lands in one document; any other purl is kept as written.
   *
   * @throws VexException saying why the text names no product
   */
  public static String product(String text) {
    String t = text.trim();
    try {
      if (t.startsWith("pkg:oci/")) {
        PurlSyntax.Parts parts = purl(t);
        if (!parts.qualifierKeys().contains("repository_url")) {
          // A registry-agnostic oci purl (the spec allows it): kept as written, with its digest.
          if (parts.version() == null || !parts.version().startsWith("sha256:")) {
            throw new VexException("the oci purl '" + t + "' has no sha256 digest as its version");
          }
          return t;
        }
        return ImageName.fromPurl(t).withoutTag().toPurl();
      }
      if (t.startsWith("pkg:")) {
        purl(t);
        return t;
      }
      ImageName image = ImageName.parse(t);
      if (image.digest().isEmpty()) {
        throw new VexException(
            "the image reference '"
                + t
                + "' has no digest; a decision is about one image: write it as"
                + " NAME@sha256:<hex> or as its pkg:oci purl");
      }
      return image.withoutTag().toPurl();
    } catch (ImageParseException e) {
      throw new VexException(
          "expected a pkg:oci purl, an image reference with a digest or a purl: " + e.getMessage(),
          e);
    }
  }

  /**
   * A subcomponent identifier: a purl is checked, anything else is kept as written.
   *
   * @throws VexException when it starts with {@code pkg:} but is not a purl
   */
  public static String subcomponent(String text) {
    String t = text.trim();
    if (t.startsWith("pkg:")) {
      purl(t);
    }
    return t;
  }

  private static PurlSyntax.Parts purl(String t) {
    try {
      return PurlSyntax.parse(t);
    } catch (PurlSyntax.PurlSyntaxException e) {
      throw new VexException("invalid package URL '" + t + "': " + e.getMessage(), e);
    }
  }

  /**
   * The stable file name of the document about {@code product} (as {@link #product} returns it):
   * the image's or package's name, then the first 16 hex digits of the SHA-256 of the product
   * identifier, then {@code .openvex.json}: {@code payments-api-3f1c…e2.openvex.json}.
   */
  public static String fileName(String product) {
    String name = product;
    if (name.startsWith("pkg:")) {
      int end = name.length();
      for (char c : new char[] {'@', '?', '#'}) {
        int i = name.indexOf(c);
        if (i >= 0 && i < end) {
          end = i;
        }
      }
      name = name.substring(0, end);
      name = name.substring(name.lastIndexOf('/') + 1);
    }
    StringBuilder safe = new StringBuilder();
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
      safe.append(ok ? c : '-');
    }
    String base = safe.length() == 0 || safe.length() > 64 ? "product" : safe.toString();
    if (base.startsWith(".")) {
      base = "_" + base;
    }
    return base + "-" + sha256(product).substring(0, 16) + ".openvex.json";
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
