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

  /**
   * The keys under which an index files this component, in three key spaces: exact strings, purl
   * base keys ({@link Purl#baseKey}), digest hex. A query that can match the component shares at
   * least one key with it.
   */
  void keys(Consumer<String> exact, Consumer<String> purlBase, Consumer<String> digest) {
    Set<String> seen = new LinkedHashSet<>();
    if (id != null) {
      seen.add(id);
    }
    seen.addAll(exactValues);
    seen.forEach(exact);
    Set<String> bases = new LinkedHashSet<>();
    if (idPurl != null) {
      bases.add(idPurl.baseKey());
    }
    for (Purl p : purls) {
      bases.add(p.baseKey());
    }
    bases.forEach(purlBase);
    Set<String> digests = new LinkedHashSet<>();
    for (ImageDigest d : images) {
      digests.add(d.hex());
    }
    digests.forEach(digest);
  }
}
