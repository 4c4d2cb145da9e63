package dev.waterline.vex.internal.match;

import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A package URL, parsed and normalised as go-vex (packageurl-go v0.1.6) does before it compares
 * purls: type lowercased; namespace lowercased for alpm, apk, bitbucket, composer, deb, github,
 * golang, rpm and qpkg; name lowercased for alpm, apk, bitbucket, bitnami, chrome-extension,
 * composer, deb, github and golang; a pypi name lowercased with {@code _} turned into {@code -};
 * qualifier keys lowercased and empty qualifier values dropped; every part percent-decoded (so
 * {@code sha256%3Aabc} and {@code sha256:abc} are the same version). An empty version counts as no
 * version.
 *
 * <p>{@link PurlSyntax} (the purl specification's parsing rules) decides what is a valid purl.
 * Because a query path wants speed, {@link #parse} first tries a strict hand-written splitter that
 * accepts only the plain shapes (no subpath, no repeated {@code @} or {@code ?}, no percent escapes
 * outside the version and qualifier values, ASCII only) and gives up — falling back to the full
 * syntax — on anything else. Tests check that both paths agree wherever the splitter accepts, and
 * that the full syntax agrees with packageurl-java wherever both accept.
 */
public final class Purl {
  private static final String[] NONE = new String[0];

  private final String type;
  private final @Nullable String namespace;
  private final String name;
  private final @Nullable String version;
  // Qualifiers sorted by key, without empty values: a handful at most, so arrays beat a map.
  private final String[] keys;
  private final String[] values;
  // Qualifiers as one string, made on first use (a fast test for identical qualifiers).
  private @Nullable String qualifierText;
  // Version and qualifiers as one string and its hash, made on first use: the common "same purl"
  // test then reads one string instead of several.
  private @Nullable String tail;
  private int tailHash;
  private final String baseKey;
  // No version and no qualifiers: covers every purl with the same base key.
  private final boolean wholeBase;
  // The text this was parsed from (not part of equality): equal texts are equal purls.
  private final String source;

  private Purl(
      String type,
      @Nullable String namespace,
      String name,
      @Nullable String version,
      String[] keys,
      String[] values,
      int count,
      String source) {
    this.source = source;
    this.type = type.toLowerCase(Locale.ROOT);
    String ns = namespace == null || namespace.isEmpty() ? null : namespace;
    String n = name;
    switch (this.type) {
      case "alpm":
      case "apk":
      case "bitbucket":
      case "composer":
      case "deb":
      case "github":
      case "golang":
        ns = ns == null ? null : ns.toLowerCase(Locale.ROOT);
        n = n.toLowerCase(Locale.ROOT);
        break;
      case "rpm":
      case "qpkg":
        ns = ns == null ? null : ns.toLowerCase(Locale.ROOT);
        break;
      case "bitnami":
      case "chrome-extension":
        n = n.toLowerCase(Locale.ROOT);
        break;
      case "pypi":
        n = n.toLowerCase(Locale.ROOT).replace('_', '-');
        break;
      default:
        break;
    }
    this.namespace = ns;
    this.name = n;
    this.version = version == null || version.isEmpty() ? null : version;
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (!values[i].isEmpty()) {
        kept++;
      }
    }
    if (kept == 0) {
      this.keys = NONE;
      this.values = NONE;
    } else {
      String[] k = new String[kept];
      String[] v = new String[kept];
      int size = 0;
      for (int i = 0; i < count; i++) {
        if (values[i].isEmpty()) {
          continue;
        }
        String key = keys[i].toLowerCase(Locale.ROOT);
        int at = size++;
        while (at > 0 && k[at - 1].compareTo(key) > 0) {
          k[at] = k[at - 1];
          v[at] = v[at - 1];
          at--;
        }
        k[at] = key;
        v[at] = values[i];
      }
      this.keys = k;
      this.values = v;
    }
    // Namespace segments cannot hold '/', but a name can (%2F): escape it so that the key is
    // one-to-one with (type, namespace, name).
    String keyName =
        n.indexOf('/') < 0 && n.indexOf('%') < 0 ? n : n.replace("%", "%25").replace("/", "%2F");
    this.baseKey =
        ns == null ? this.type.concat("//").concat(keyName) : this.type + '/' + ns + '/' + keyName;
    this.wholeBase = this.version == null && this.keys.length == 0;
  }

  /**
   * Parses and normalises a purl.
   *
   * @return the purl, or null when {@code text} is not a valid purl
   */
  public static @Nullable Purl parse(String text) {
    if (!text.startsWith("pkg:")) {
      return null;
    }
    Purl fast = parseFast(text);
    return fast != null ? fast : parseFull(text);
  }

  /** Parses with the full purl syntax only (the reference path); null when it is not a purl. */
  static @Nullable Purl parseFull(String text) {
    PurlSyntax.Parts p;
    try {
      p = PurlSyntax.parse(text);
    } catch (PurlSyntax.PurlSyntaxException e) {
      return null;
    }
    int count = p.qualifierKeys().size();
    return new Purl(
        p.type(),
        p.namespace(),
        p.name(),
        p.version(),
        p.qualifierKeys().toArray(NONE),
        p.qualifierValues().toArray(NONE),
        count,
        text);
  }

  /** A purl from parts already split and decoded (for tests that parse with another library). */
  static Purl ofParts(
      String type,
      @Nullable String namespace,
      String name,
      @Nullable String version,
      Map<String, String> qualifiers,
      String source) {
    String[] keys = qualifiers.keySet().toArray(NONE);
    String[] values = qualifiers.values().toArray(NONE);
    return new Purl(type, namespace, name, version, keys, values, keys.length, source);
  }

  /**
   * The strict splitter: returns null both when the text is not a purl and when it is a shape left
   * to the full syntax.
   */
  static @Nullable Purl parseFast(String s) {
    int len = s.length();
    if (len < 7 || !s.startsWith("pkg:") || s.indexOf('#') >= 0) {
      return null;
    }
    int query = s.indexOf('?');
    if (query >= 0 && s.indexOf('?', query + 1) >= 0) {
      return null;
    }
    int pathEnd = query >= 0 ? query : len;
    // type
    int slash = s.indexOf('/', 4);
    if (slash < 0 || slash >= pathEnd || slash == 4 || !isLetter(s.charAt(4))) {
      return null;
    }
    for (int i = 5; i < slash; i++) {
      char c = s.charAt(i);
      if (!(isLetter(c) || isDigit(c) || c == '.' || c == '+' || c == '-')) {
        return null;
      }
    }
    String type = s.substring(4, slash).toLowerCase(Locale.ROOT);
    // namespace/name@version
    int restStart = slash + 1;
    int at = -1;
    int lastSlash = -1;
    for (int i = restStart; i < pathEnd; i++) {
      char c = s.charAt(i);
      if (c == '@') {
        if (at >= 0) {
          return null;
        }
        at = i;
      } else if (at < 0) {
        if (c == '/') {
          if (i == restStart || s.charAt(i - 1) == '/') {
            return null;
          }
          lastSlash = i;
        } else if (!isPathChar(c)) {
          return null;
        }
      }
    }
    int nameStart = lastSlash >= 0 ? lastSlash + 1 : restStart;
    int nameEnd = at >= 0 ? at : pathEnd;
    if (nameEnd <= nameStart) {
      return null;
    }
    String namespace = lastSlash >= 0 ? s.substring(restStart, lastSlash) : null;
    if (namespace == null && type.equals("maven")) {
      return null;
    }
    String name = s.substring(nameStart, nameEnd);
    String version = null;
    if (at >= 0) {
      if (at + 1 == pathEnd) {
        return null;
      }
      version = decode(s, at + 1, pathEnd, false);
      if (version == null) {
        return null;
      }
    }
    String[] keys = NONE;
    String[] values = NONE;
    int count = 0;
    if (query >= 0) {
      if (query + 1 == len) {
        return null;
      }
      int pairs = 1;
      for (int i = query + 1; i < len; i++) {
        if (s.charAt(i) == '&') {
          pairs++;
        }
      }
      keys = new String[pairs];
      values = new String[pairs];
      int start = query + 1;
      while (start <= len) {
        int amp = s.indexOf('&', start);
        int end = amp < 0 ? len : amp;
        int eq = s.indexOf('=', start);
        if (eq < 0 || eq >= end || eq == start || !isLetter(s.charAt(start))) {
          return null;
        }
        for (int i = start + 1; i < eq; i++) {
          char c = s.charAt(i);
          if (!(isLetter(c) || isDigit(c) || c == '.' || c == '-' || c == '_')) {
            return null;
          }
        }
        String key = s.substring(start, eq).toLowerCase(Locale.ROOT);
        String value = decode(s, eq + 1, end, true);
        if (value == null) {
          return null;
        }
        for (int i = 0; i < count; i++) {
          if (keys[i].equals(key)) {
            return null;
          }
        }
        keys[count] = key;
        values[count++] = value;
        start = end + 1;
      }
    }
    return new Purl(type, namespace, name, version, keys, values, count, s);
  }

  /** {@code s[from, to)} decoded, for text already known to be valid (see {@link PlainPurl}). */
  static String decodeValid(String s, int from, int to) {
    String d = decode(s, from, to, true);
    if (d == null) {
      throw new IllegalStateException("not valid purl text: " + s);
    }
    return d;
  }

  private static @Nullable String decode(String s, int from, int to, boolean qualifierValue) {
    StringBuilder sb = null;
    int run = from; // start of the plain characters not yet copied
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= to) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        int b = hi << 4 | lo;
        if (hi < 0 || lo < 0 || b < 0x20 || b > 0x7e) {
          return null;
        }
        if (sb == null) {
          sb = new StringBuilder(to - from);
        }
        sb.append(s, run, i).append((char) b);
        i += 2;
        run = i + 1;
      } else if (!(isPathChar(c) || (qualifierValue && (c == '/' || c == '@' || c == '=')))) {
        return null;
      }
    }
    return sb == null ? s.substring(from, to) : sb.append(s, run, to).toString();
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isPathChar(char c) {
    return isLetter(c)
        || isDigit(c)
        || c == '.'
        || c == '-'
        || c == '_'
        || c == '~'
        || c == '+'
        || c == ':';
  }

  /**
   * go-vex's {@code PurlMatches}: whether this (general) purl, as written in a statement, covers
   * {@code specific}: same type, namespace and name; no version here, or the same version there;
   * every qualifier here present there with the same value. Subpaths are ignored.
   */
  public boolean covers(Purl specific) {
    return baseKey.equals(specific.baseKey) && coversSameBase(specific);
  }

  /**
   * {@link #covers} for a purl already known to have the same {@link #baseKey}: only the version
   * and the qualifiers are compared.
   */
  public boolean coversSameBase(Purl specific) {
    String t = tail();
    String st = specific.tail();
    if (tailHash == specific.tailHash && t.equals(st)) {
      return true;
    }
    if (version != null
        && (specific.version == null
            || version.hashCode() != specific.version.hashCode()
            || !version.equals(specific.version))) {
      return false;
    }
    if (keys.length == 0
        || (keys.length == specific.keys.length
            && qualifierText().equals(specific.qualifierText()))) {
      return true;
    }
    for (int i = 0; i < keys.length; i++) {
      if (!values[i].equals(specific.qualifier(keys[i]))) {
        return false;
      }
    }
    return true;
  }

  /** The text this purl was parsed from. */
  String source() {
    return source;
  }

  /** The normalised type. */
  public String type() {
    return type;
  }

  /** The normalised namespace, if any. */
  public @Nullable String namespace() {
    return namespace;
  }

  /** The normalised name. */
  public String name() {
    return name;
  }

  /** The decoded version, if any. */
  public @Nullable String version() {
    return version;
  }

  /** Qualifiers by lowercased key, decoded, without empty values. */
  public Map<String, String> qualifiers() {
    Map<String, String> map = new TreeMap<>();
    for (int i = 0; i < keys.length; i++) {
      map.put(keys[i], values[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  /** Fills the lazy fields now, for purls shared between threads. */
  void warm() {
    qualifierText();
    tail();
  }

  /** Whether this purl covers every purl with its base key (no version, no qualifiers). */
  boolean coversWholeBase() {
    return wholeBase;
  }

  /** How many qualifiers (non-empty values) there are. */
  int qualifierCount() {
    return keys.length;
  }

  /** The key of qualifier {@code i}, in key order. */
  String qualifierKey(int i) {
    return keys[i];
  }

  /** The value of qualifier {@code i}, in key order. */
  String qualifierValue(int i) {
    return values[i];
  }

  /** The hash of {@link #tail()}; fills the lazy fields. */
  int tailHash() {
    tail();
    return tailHash;
  }

  /** Version and qualifiers as one string: equal tails and base keys mean equal purls. */
  String tail() {
    String t = tail;
    if (t == null) {
      t = (version == null ? "" : "@" + version) + "?" + qualifierText();
      tailHash = t.hashCode();
      tail = t;
    }
    return t;
  }

  private String qualifierText() {
    String text = qualifierText;
    if (text == null) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < keys.length; i++) {
        sb.append(i == 0 ? "" : "&").append(keys[i]).append('=').append(values[i]);
      }
      text = sb.toString();
      qualifierText = text;
    }
    return text;
  }

  /** One qualifier's value (key in lower case), or null. */
  public @Nullable String qualifier(String key) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].equals(key)) {
        return values[i];
      }
    }
    return null;
  }

  /** {@code type/namespace/name}, normalised: purls that can match share this key. */
  public String baseKey() {
    return baseKey;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Purl
        && type.equals(((Purl) o).type)
        && Objects.equals(namespace, ((Purl) o).namespace)
        && name.equals(((Purl) o).name)
        && Objects.equals(version, ((Purl) o).version)
        && Arrays.equals(keys, ((Purl) o).keys)
        && Arrays.equals(values, ((Purl) o).values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        type, namespace, name, version, Arrays.hashCode(keys), Arrays.hashCode(values));
  }

  /** The normalised parts, e.g. {@code deb/debian/curl@8.1?arch=amd64} (not a canonical purl). */
  @Override
  public String toString() {
    return baseKey
        + (version == null ? "" : "@" + version)
        + (keys.length == 0 ? "" : "?" + qualifiers());
  }
}
