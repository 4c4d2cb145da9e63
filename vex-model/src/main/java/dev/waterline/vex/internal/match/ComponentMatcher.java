package dev.waterline.vex.internal.match;

import dev.waterline.vex.Component;
import dev.waterline.vex.HashAlgorithm;
import dev.waterline.vex.IdentifierType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Component} prepared for matching: purls parsed and digests extracted once.
 *
 * <p>A component matches an identifier when (go-vex's rules first):
 *
 * <ol>
 *   <li>its {@code @id} equals the identifier;
 *   <li>its {@code @id} is a purl that {@linkplain Purl#covers covers} the identifier's purl;
 *   <li>one of its identifier values equals the identifier (CPEs match only so), or its {@code
 *       purl} identifier covers the identifier's purl;
 *   <li>one of its hash values equals the identifier (raw value, algorithm ignored);
 *   <li>(Waterline) it names the same image as the identifier by {@linkplain ImageDigest sha256
 *       digest}: from its {@code sha-256} hash, an image reference {@code @id}, or an OCI purl
 *       whose version is a digest; and the identifier is {@code sha256:<hex>}, an image reference
 *       or an OCI purl (purl against purl stays rule 2/3).
 * </ol>
 */
public final class ComponentMatcher {
  private final @Nullable String id;
  private final @Nullable Purl idPurl;
  private final List<String> exactValues;
  private final List<Purl> purls;
  private final List<ImageDigest> images;

  private ComponentMatcher(Component component) {
    this.id = component.id().orElse(null);
    List<String> exact = new ArrayList<>();
    List<Purl> ps = new ArrayList<>();
    List<ImageDigest> imgs = new ArrayList<>();
    Purl ip = null;
    if (id != null) {
      if (id.startsWith("pkg:")) {
        ip = Purl.parse(id);
        if (ip != null) {
          add(imgs, ImageDigest.ofPurl(ip));
        }
      } else {
        add(imgs, ImageDigest.ofText(id));
      }
    }
    this.idPurl = ip;
    for (Map.Entry<String, String> e : component.identifiers().entrySet()) {
      exact.add(e.getValue());
      if (e.getKey().equals(IdentifierType.PURL.value()) && e.getValue().startsWith("pkg:")) {
        Purl p = Purl.parse(e.getValue());
        if (p != null) {
          ps.add(p);
          add(imgs, ImageDigest.ofPurl(p));
        }
      }
    }
    for (Map.Entry<String, String> e : component.hashes().entrySet()) {
      exact.add(e.getValue());
      if (e.getKey().equals(HashAlgorithm.SHA_256.value())) {
        add(imgs, ImageDigest.ofSha256Hash(e.getValue()));
      }
    }
    this.exactValues = List.copyOf(exact);
    this.purls = List.copyOf(ps);
    this.images = List.copyOf(imgs);
  }

  private static void add(List<ImageDigest> list, @Nullable ImageDigest d) {
    if (d != null) {
      list.add(d);
    }
  }

  /** Prepares a component. */
  public static ComponentMatcher of(Component component) {
    return new ComponentMatcher(component);
  }

  /** Fills the lazy fields of its purls and digests now, for matchers shared between threads. */
  void warm() {
    if (idPurl != null) {
      idPurl.warm();
    }
    for (int i = 0; i < purls.size(); i++) {
      purls.get(i).warm();
    }
    for (int i = 0; i < images.size(); i++) {
      images.get(i).warm();
    }
  }

  /** Whether the component matches the identifier; see the class comment. */
  public boolean matches(Query query) {
    String text = query.text();
    if (id != null && id.equals(text)) {
      return true;
    }
    Purl qp = query.purl();
    if (qp != null) {
      if (idPurl != null && idPurl.covers(qp)) {
        return true;
      }
      for (int i = 0; i < purls.size(); i++) {
        if (purls.get(i).covers(qp)) {
          return true;
        }
      }
    }
    for (int i = 0; i < exactValues.size(); i++) {
      if (exactValues.get(i).equals(text)) {
        return true;
      }
    }
    ImageDigest qi = query.image();
    if (qi != null) {
      for (int i = 0; i < images.size(); i++) {
        if (images.get(i).sameImage(qi)) {
          return true;
        }
      }
    }
    return false;
  }

  static final String TEXT_KEY = "T";
  static final String BASE_KEY = "P";
  static final String VERSION_KEY = "V";
  static final String IMAGE_KEY = "I";

  static String versionKey(String baseKey, String version) {
    return VERSION_KEY + baseKey + '\n' + version;
  }

  /**
   * Keys such that {@code matches(q)} implies that this component and {@code q} share one (see
   * {@link Query#overlapKeys}): for comparing many components with one another, only pairs that
   * share a key need {@link #matches}. They are {@link #keys}, as an index files the component,
   * with a purl's version added to its base key when it has one (a purl with a version covers only
   * that version).
   */
  public void overlapKeys(Consumer<String> sink) {
    keys(
        new KeySink() {
          @Override
          public void exact(String text) {
            sink.accept(TEXT_KEY + text);
          }

          @Override
          public void purl(Purl purl) {
            String v = purl.version();
            sink.accept(v == null ? BASE_KEY + purl.baseKey() : versionKey(purl.baseKey(), v));
          }

          @Override
          public void exactPurl(Purl parsed, String text) {
            sink.accept(TEXT_KEY + text);
          }

          @Override
          public void image(ImageDigest image) {
            sink.accept(IMAGE_KEY + image.hex());
          }

          @Override
          public void exactImage(ImageDigest parsed, String text) {
            sink.accept(TEXT_KEY + text);
          }
        });
  }

  /** Receives the keys of {@link #keys}. */
  interface KeySink {
    /** An exact string: the query's text must equal it. */
    void exact(String text);

    /** A purl: it must {@linkplain Purl#covers cover} the query's purl. */
    void purl(Purl purl);

    /** An exact string that is also a valid purl, filed under its base key. */
    void exactPurl(Purl parsed, String text);

    /** An image digest: it must be the {@linkplain ImageDigest#sameImage same image}. */
    void image(ImageDigest image);

    /** An exact string that is also an image reference or digest, filed under its hex. */
    void exactImage(ImageDigest parsed, String text);
  }

  /**
   * What an index files this component under. A component matches a query exactly when one of these
   * holds: an exact string equals the query's text (rules 1, 3 and 4); a purl {@linkplain
   * Purl#covers covers} the query's purl (rules 2 and 3; filed under {@link Purl#baseKey}); an
   * image digest is the {@linkplain ImageDigest#sameImage same image} as the query's (rule 5; filed
   * under {@link ImageDigest#hex}). An exact string that parses as a purl or an image reference or
   * digest is filed in that space instead (unless the purl or digest rule already covers it), since
   * a query with that text looks only there.
   */
  void keys(KeySink sink) {
    Set<String> strings = new LinkedHashSet<>();
    if (id != null) {
      strings.add(id);
    }
    strings.addAll(exactValues);
    Set<Purl> ps = new LinkedHashSet<>();
    if (idPurl != null) {
      ps.add(idPurl);
    }
    ps.addAll(purls);
    for (String text : strings) {
      // File each string where a query with that very text looks (see MatchIndex.effective).
      Query asQuery = Query.of(text);
      Purl parsed = asQuery.purl();
      ImageDigest image = asQuery.image();
      if (parsed != null) {
        if (!ps.contains(parsed)) {
          sink.exactPurl(parsed, text);
        }
      } else if (image != null) {
        if (!text.equals(id)) {
          sink.exactImage(image, text);
        }
      } else {
        sink.exact(text);
      }
    }
    ps.forEach(sink::purl);
    new LinkedHashSet<>(images).forEach(sink::image);
  }
}
