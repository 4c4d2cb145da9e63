package dev.waterline.vex.internal.update;

import dev.waterline.vex.Component;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import java.util.Map;

/**
 * Whether a statement applies to a product named by the user, for {@link DocumentMerge}'s product
 * filter (go-vex: {@code Statement.MatchesProduct(id, "")}: any of the statement's products
 * matches; subcomponents are not considered; a statement without products never matches).
 */
@FunctionalInterface
public interface ProductFilter {
  /** Whether {@code statement} applies to {@code product}. */
  boolean matches(Statement statement, String product);

  /**
   * An interim filter until the purl-aware matcher is wired in: a product matches when its {@code
   * @id}, one of its identifier values or one of its hash values equals the query, or when its
   * purl ({@code @id} or {@code purl} identifier) has no version, its type/namespace/name text
   * equals the query's and each of its qualifiers appears in the query with the same text.
   *
   * <p>TODO(internal/match): replace with go-vex's purl rules from {@code
   * dev.waterline.vex.internal.match} (normalisation, percent-decoding, {@code sha256:} image
   * digests); the lead wires it through {@link DocumentMerge#merge(java.util.List,
   * dev.waterline.vex.MergeOptions, ProductFilter)}.
   */
  static ProductFilter interim() {
    return ProductFilter::interimMatches;
  }

  private static boolean interimMatches(Statement statement, String query) {
    for (Product p : statement.products()) {
      if (componentMatches(p.component(), query)) {
        return true;
      }
    }
    return false;
  }

  private static boolean componentMatches(Component c, String query) {
    if (c.id().filter(query::equals).isPresent()
        || c.identifiers().containsValue(query)
        || c.hashes().containsValue(query)) {
      return true;
    }
    return c.purl().filter(purl -> versionlessPurlMatches(purl, query)).isPresent()
        || c.id().filter(id -> versionlessPurlMatches(id, query)).isPresent();
  }

  /**
   * Text-level purl generalisation: {@code pkg:oci/app?arch=x} matches {@code
   * pkg:oci/app@v?arch=x&os=y}.
   */
  private static boolean versionlessPurlMatches(String general, String specific) {
    if (!general.startsWith("pkg:") || !specific.startsWith("pkg:")) {
      return false;
    }
    String[] g = splitPurl(general);
    String[] s = splitPurl(specific);
    if (!g[1].isEmpty() || !g[0].equals(s[0])) {
      return false; // only a versionless purl generalises; the base must be equal
    }
    Map<String, String> gq = qualifiers(g[2]);
    Map<String, String> sq = qualifiers(s[2]);
    for (Map.Entry<String, String> e : gq.entrySet()) {
      if (!e.getValue().equals(sq.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** {@code [type/namespace/name, version, qualifiers]}; the subpath is dropped. */
  private static String[] splitPurl(String purl) {
    String rest = purl;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    String qualifiers = "";
    int question = rest.indexOf('?');
    if (question >= 0) {
      qualifiers = rest.substring(question + 1);
      rest = rest.substring(0, question);
    }
    String version = "";
    int at = rest.indexOf('@', rest.lastIndexOf('/') + 1);
    if (at >= 0) {
      version = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    return new String[] {rest, version, qualifiers};
  }

  private static Map<String, String> qualifiers(String text) {
    Map<String, String> m = new java.util.HashMap<>();
    if (text.isEmpty()) {
      return m;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return m;
  }
}
