package dev.waterline.vex.internal.match;

import org.jspecify.annotations.Nullable;

/** A product or subcomponent identifier being looked up, parsed once. */
public final class Query {
  private final String text;
  private final @Nullable Purl purl;
  private final @Nullable ImageDigest image;

  private Query(String text) {
    this.text = text;
    this.purl = text.startsWith("pkg:") ? Purl.parse(text) : null;
    this.image = purl != null ? ImageDigest.ofPurl(purl) : ImageDigest.ofText(text);
  }

  /** Parses an identifier: a purl, an image reference or digest, a CPE, a hash, any IRI. */
  public static Query of(String identifier) {
    return new Query(identifier);
  }

  /** The identifier as given. */
  public String text() {
    return text;
  }

  /** The identifier as a purl, when it is a valid one. */
  public @Nullable Purl purl() {
    return purl;
  }

  /** The image digest the identifier names, if any. */
  public @Nullable ImageDigest image() {
    return image;
  }

  @Override
  public String toString() {
    return text;
  }
}
