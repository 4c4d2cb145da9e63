package dev.waterline.vex.internal.canonical;

import dev.waterline.vex.Component;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.Vulnerability;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * go-vex's {@code VEX.CanonicalHash}: a {@code ":"}-joined string of the facts that make a
 * document's statements, hashed with SHA-256. Replicated byte for byte from go-vex (pkg/vex/vex.go,
 * {@code CanonicalHash}, {@code cstringFromVulnerability}, {@code cstringFromComponent}, and {@code
 * SortStatements} in pkg/vex/statement.go) so that our IDs equal the ones the Go tools generate:
 *
 * <pre>
 * s = unix(doc.timestamp) ":" version ":" author
 * statements sorted (stable) by vulnerability name (byte order), then effective time
 * per statement: ":" vuln.@id ":" vuln.name ":" join(sorted(aliases), ":")
 *                ":" status ":" justification ":" unix(statement.timestamp or doc.timestamp)
 *                join(sorted(product strings), ":")            (no separator before it)
 * product string = component(product) + component(each subcomponent)
 * component      = ":" @id + (":" algo "@" value)* + (":" type "@" value)*
 * </pre>
 *
 * <p>Hashes and identifiers are taken in sorted key order, as go-vex does since PR #258 (before it
 * Go's map walk made the hash random for components with more than one entry). The sort of
 * statements puts the vulnerability name first; this is go-vex's order and needed for equal IDs,
 * not the order Waterline uses to decide the effective statement.
 */
final class GoVexHash {
  private GoVexHash() {}

  /** Go's zero {@code time.Time}; {@code SortStatements} treats it like a missing timestamp. */
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  /** Compares strings by their UTF-8 bytes, as Go's {@code strings.Compare} and sort do. */
  static final Comparator<String> GO_STRING_ORDER = GoVexHash::compareUtf8;

  static String hash(VexDocument doc) {
    return sha256Hex(preimage(doc));
  }

  /**
   * The string go-vex hashes.
   *
   * @throws VexException when the document has no timestamp
   */
  static String preimage(VexDocument doc) {
    Instant docTime =
        doc.timestamp()
            .orElseThrow(
                () ->
                    new VexException(
                        "cannot compute the go-vex canonical hash of document "
                            + doc.id().orElse("(no @id)")
                            + ": the document has no timestamp, and go-vex's hash starts with it"));
    StringBuilder s = new StringBuilder(256);
    s.append(docTime.getEpochSecond()).append(':').append(doc.version()).append(':');
    s.append(doc.author());
    for (Statement st : sortedLikeGoVex(doc.statements(), docTime)) {
      Vulnerability v = st.vulnerability();
      s.append(':').append(v.id().orElse("")).append(':').append(goName(v));
      List<String> aliases = new ArrayList<>(v.aliases());
      aliases.sort(GO_STRING_ORDER);
      s.append(':').append(String.join(":", aliases));
      s.append(':').append(st.status().value());
      s.append(':').append(st.justification().map(Justification::value).orElse(""));
      s.append(':').append(st.timestamp().orElse(docTime).getEpochSecond());
      List<String> products = new ArrayList<>(st.products().size());
      for (Product p : st.products()) {
        StringBuilder ps = new StringBuilder();
        appendComponent(ps, p.component());
        for (Component sub : p.subcomponents()) {
          appendComponent(ps, sub);
        }
        products.add(ps.toString());
      }
      products.sort(GO_STRING_ORDER);
      s.append(String.join(":", products));
    }
    return s.toString();
  }

  /** go-vex's {@code SortStatements}: stable, by vulnerability name, then effective time. */
  static List<Statement> sortedLikeGoVex(List<Statement> statements, Instant docTime) {
    List<Statement> sorted = new ArrayList<>(statements);
    Comparator<Statement> byName =
        Comparator.comparing(st -> goName(st.vulnerability()), GO_STRING_ORDER);
    Comparator<Statement> byTime =
        Comparator.comparing(
            st -> st.timestamp().filter(t -> !t.equals(GO_ZERO_TIME)).orElse(docTime));
    sorted.sort(byName.thenComparing(byTime)); // List.sort is stable, as sort.SliceStable
    return sorted;
  }

  /** go-vex's {@code Vulnerability.Name}: empty for a vulnerability named only by its @id. */
  private static String goName(Vulnerability v) {
    return v.hasName() ? v.name() : "";
  }

  private static void appendComponent(StringBuilder s, Component c) {
    s.append(':').append(c.id().orElse(""));
    appendSorted(s, c.hashes());
    appendSorted(s, c.identifiers());
  }

  private static void appendSorted(StringBuilder s, Map<String, String> map) {
    List<String> keys = new ArrayList<>(map.keySet());
    keys.sort(GO_STRING_ORDER);
    for (String key : keys) {
      s.append(':').append(key).append('@').append(map.get(key));
    }
  }

  static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        // Code point order equals UTF-8 byte order.
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  static String sha256Hex(String s) {
    return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256Hex(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      StringBuilder hex = new StringBuilder(64);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
