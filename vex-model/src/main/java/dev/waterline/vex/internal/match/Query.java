package dev.waterline.vex.internal.match;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A product or subcomponent identifier being looked up, parsed as far as needed and no further.
 *
 * <p>A plain purl (see {@link PlainPurl}) is read in place; the full {@link Purl} and the {@link
 * ImageDigest} are made on first use. Queries are shared between threads through the index's cache:
 * each lazy part is one field holding an immutable object (or a marker), so a racing reader at
 * worst computes it again.
 */
public final class Query {
  private static final Object UNSET = new Object();
  private static final Object NONE = new Object();

  private final String text;
  private final @Nullable PlainPurl plain;
  private final boolean purlText;
  private Object purl = UNSET;
  private Object image = UNSET;
  private @Nullable List<String> overlapKeys;

  private Query(String text) {
    this.text = text;
    this.purlText = text.startsWith("pkg:");
    this.plain = purlText ? PlainPurl.scan(text) : null;
  }

  /** Reads an identifier: a purl, an image reference or digest, a CPE, a hash, any IRI. */
  public static Query of(String identifier) {
    return new Query(identifier);
  }

  /** The identifier as given. */
  public String text() {
    return text;
  }

  /** The identifier read in place, when it is a plain purl. */
  @Nullable PlainPurl plain() {
    return plain;
  }

  /** Whether the identifier is a valid purl (without parsing it when it is a plain one). */
  boolean isPurl() {
    return plain != null || purl() != null;
  }

  /** The base key of the identifier's purl; only for {@link #isPurl}. */
  String baseKey() {
    PlainPurl p = plain;
    if (p != null) {
      return p.baseKey();
    }
    Purl full = purl();
    if (full == null) {
      throw new IllegalStateException("not a purl: " + text);
    }
    return full.baseKey();
  }

  /** The hex of the image digest of the identifier's purl (an OCI purl), if any. */
  @Nullable String purlImageHex() {
    PlainPurl p = plain;
    if (p != null) {
      return p.ociHex();
    }
    ImageDigest d = image();
    return d == null ? null : d.hex();
  }

  /** The identifier as a purl, when it is a valid one. */
  public @Nullable Purl purl() {
    Object p = purl;
    if (p == UNSET) {
      Purl parsed = purlText ? Purl.parse(text) : null;
      p = parsed == null ? NONE : parsed;
      purl = p;
    }
    return p == NONE ? null : (Purl) p;
  }

  /** The image digest the identifier names, if any. */
  public @Nullable ImageDigest image() {
    Object i = image;
    if (i == UNSET) {
      Purl p = purl();
      ImageDigest d = p != null ? ImageDigest.ofPurl(p) : ImageDigest.ofText(text);
      i = d == null ? NONE : d;
      image = i;
    }
    return i == NONE ? null : (ImageDigest) i;
  }

  /**
   * The keys of this identifier that a component matching it shares (see {@link
   * ComponentMatcher#overlapKeys}): its text, its purl's base key and, when versioned, base key and
   * version, its image digest.
   */
  public void overlapKeys(Consumer<String> sink) {
    sink.accept(ComponentMatcher.TEXT_KEY + text);
    Purl p = purl();
    if (p != null) {
      sink.accept(ComponentMatcher.BASE_KEY + p.baseKey());
      String v = p.version();
      if (v != null) {
        sink.accept(ComponentMatcher.versionKey(p.baseKey(), v));
      }
    }
    ImageDigest i = image();
    if (i != null) {
      sink.accept(ComponentMatcher.IMAGE_KEY + i.hex());
    }
  }

  /** {@link #overlapKeys(Consumer)}, as a list made on first use. */
  List<String> overlapKeys() {
    List<String> keys = overlapKeys;
    if (keys == null) {
      List<String> made = new ArrayList<>(4);
      overlapKeys(made::add);
      keys = List.copyOf(made);
      overlapKeys = keys;
    }
    return keys;
  }

  @Override
  public String toString() {
    return text;
  }
}
