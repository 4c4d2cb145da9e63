package dev.waterline.vex.formats.internal;

import dev.waterline.vex.Component;
import dev.waterline.vex.IdentifierType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Identifier rules the readers and writers share. */
final class Ids {
  private Ids() {}

  /**
   * Whether {@code id} is a CVE id as CSAF's schema has it ({@code ^CVE-[0-9]{4}-[0-9]{4,}$}),
   * checked without a regular expression: the writer asks once per vulnerability name.
   */
  static boolean isCve(String id) {
    int n = id.length();
    if (n < 13 || !id.startsWith("CVE-") || id.charAt(8) != '-') {
      return false;
    }
    for (int i = 4; i < n; i++) {
      char c = id.charAt(i);
      if (i != 8 && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  /** Whether an identifier names something outside the document: a purl, a CPE, a URI. */
  static boolean global(String id) {
    return id.startsWith("pkg:")
        || id.startsWith("cpe:")
        || id.startsWith("http://")
        || id.startsWith("https://")
        || id.startsWith("urn:")
        || id.startsWith("sha256:")
        || id.contains("@sha256:");
  }

  static boolean purl(String s) {
    return s.startsWith("pkg:") && s.indexOf('/') > 4;
  }

  static boolean cpe(String s) {
    return s.startsWith("cpe:2.3:") || s.startsWith("cpe:/");
  }

  /** The purl of a component: its {@code purl} identifier, else its {@code @id} when a purl. */
  static @Nullable String purlOf(Component c) {
    String p = c.identifiers().get(IdentifierType.PURL.value());
    if (p != null) {
      return p;
    }
    String id = c.id().orElse(null);
    return id != null && purl(id) ? id : null;
  }

  /** The CPE of a component: cpe23, else cpe22, else its {@code @id} when a CPE. */
  static @Nullable String cpeOf(Component c) {
    Map<String, String> ids = c.identifiers();
    String p = ids.get(IdentifierType.CPE23.value());
    if (p == null) {
      p = ids.get(IdentifierType.CPE22.value());
    }
    if (p != null) {
      return p;
    }
    String id = c.id().orElse(null);
    return id != null && cpe(id) ? id : null;
  }

  /** The identifier key for a CPE: {@code cpe23} for {@code cpe:2.3:…}, else {@code cpe22}. */
  static String cpeKey(String cpe) {
    return cpe.startsWith("cpe:2.3:") ? IdentifierType.CPE23.value() : IdentifierType.CPE22.value();
  }

  /** Whether a string is an absolute URI (the JSON Schema {@code uri} format, roughly). */
  static boolean absoluteUri(String s) {
    try {
      URI u = new URI(s);
      return u.isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * A publisher namespace derived from the document: the author's e-mail domain ({@code <psirt@
   * acme.example>} gives {@code https://acme.example}), else the scheme and host of an http(s)
   * {@code @id}; null when neither is there.
   */
  static @Nullable String namespace(String author, @Nullable String id) {
    int lt = author.lastIndexOf('<');
    int gt = author.lastIndexOf('>');
    if (lt >= 0 && gt > lt) {
      String mail = author.substring(lt + 1, gt).trim();
      int at = mail.lastIndexOf('@');
      String domain = at >= 0 ? mail.substring(at + 1).toLowerCase(Locale.ROOT) : "";
      if (domain.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
        return "https://" + domain;
      }
    }
    if (id != null && (id.startsWith("https://") || id.startsWith("http://"))) {
      try {
        URI u = new URI(id);
        if (u.getHost() != null) {
          return u.getScheme() + "://" + u.getHost();
        }
      } catch (URISyntaxException e) {
        return null;
      }
    }
    return null;
  }

  /** The hex SHA-256 of a document's RFC 8785 canonical JSON: a stable name when it has no @id. */
  static String documentHash(dev.waterline.vex.VexDocument doc) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(doc.canonicalJson());
      StringBuilder b = new StringBuilder();
      for (byte x : d) {
        b.append(String.format("%02x", x & 0xFF));
      }
      return b.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** A name of a vulnerability-numbering system for an identifier, from its prefix. */
  static String system(String id) {
    if (id.startsWith("GHSA-")) {
      return "GitHub Security Advisory";
    }
    if (id.startsWith("GO-")) {
      return "Go Vulnerability Database";
    }
    if (id.startsWith("PYSEC-")) {
      return "PyPI Advisory Database";
    }
    if (id.startsWith("RUSTSEC-")) {
      return "RustSec Advisory Database";
    }
    if (id.startsWith("OSV-")) {
      return "OSV";
    }
    int dash = id.indexOf('-');
    return dash > 0 ? id.substring(0, dash) : "other";
  }
}
