package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.Component;
import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.VexIndex;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.internal.json.Json;
import dev.waterline.vex.internal.match.Purl;
import dev.waterline.vex.policy.ExportResult;
import dev.waterline.vex.policy.Policy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The work behind {@code ScannerExport}: finds the deciding statement for each vulnerability,
 * product and subcomponent, and writes it in each scanner's format. YAML is written here by hand
 * (double-quoted scalars, fixed order): Waterline reads YAML through Jackson but writes none
 * elsewhere, and the files are small and flat.
 */
public final class ExportEngine {
  /** The spec version of the VEX repositories written: Trivy takes exactly this one. */
  public static final String REPOSITORY_SPEC_VERSION = "0.1";

  static final String TRIVY_FILE = ".trivyignore.yaml";
  static final String GRYPE_FILE = ".grype.yaml";
  static final String MANIFEST = ".well-known/vex-repository.json";
  static final String ARCHIVE = "vex-repository.tar.gz";
  static final String UNPACKED = "vex-repository/";

  /** Package types Grype (syft) gives for purl types. */
  private static final Map<String, String> GRYPE_TYPES =
      Map.ofEntries(
          Map.entry("apk", "apk"),
          Map.entry("alpine", "apk"),
          Map.entry("alpm", "alpm"),
          Map.entry("deb", "deb"),
          Map.entry("rpm", "rpm"),
          Map.entry("maven", "java-archive"),
          Map.entry("golang", "go-module"),
          Map.entry("npm", "npm"),
          Map.entry("pypi", "python"),
          Map.entry("gem", "gem"),
          Map.entry("cargo", "rust-crate"),
          Map.entry("composer", "php-composer"));

  private final List<VexDocument> documents;
  private final @Nullable String image;
  private final @Nullable String repositoryUrl;
  private final @Nullable Policy exceptions;
  private final @Nullable Instant time;

  /** An engine over these inputs (see {@code ScannerExport}). */
  public ExportEngine(
      List<VexDocument> documents,
      @Nullable String image,
      @Nullable String repositoryUrl,
      @Nullable Policy exceptions,
      @Nullable Instant time) {
    this.documents = documents;
    this.image = image;
    this.repositoryUrl = repositoryUrl;
    this.exceptions = exceptions;
    this.time = time;
  }

  /** One deciding statement for one vulnerability, product and (optional) subcomponent. */
  record Decided(
      String vuln,
      Statement statement,
      VexDocument document,
      Product product,
      String productId,
      boolean productIsImage,
      @Nullable Component sub,
      @Nullable String subId,
      Instant time) {
    String label() {
      return vuln
          + " in "
          + productId
          + (subId == null ? "" : " (" + subId + ")")
          + ": "
          + statement.status();
    }

    boolean suppresses() {
      return statement.status() == Status.NOT_AFFECTED || statement.status() == Status.FIXED;
    }
  }

  /** What was decided, and what could not be considered at all. */
  private record Selection(List<Decided> decided, List<String> leftOut, Instant newest) {}

  private Selection select() {
    VexIndex index = VexIndex.of(documents);
    Map<String, Decided> seen = new LinkedHashMap<>();
    List<String> leftOut = new ArrayList<>();
    Instant newest = Instant.EPOCH;
    for (VexDocument doc : documents) {
      for (Statement s : doc.statements()) {
        Instant t = doc.effectiveTimestamp(s).orElse(Instant.EPOCH);
        if (t.isAfter(newest)) {
          newest = t;
        }
        String vuln = vulnerability(s.vulnerability());
        for (Product p : s.products()) {
          if (image != null && !p.matches(image, null)) {
            continue;
          }
          String own = p.purl().or(p::id).orElse(null);
          String query = image != null ? image : own;
          if (query == null) {
            leftOut.add(vuln + ": a product with neither purl nor @id: nothing to name it by");
            continue;
          }
          String productId = own != null ? own : query;
          boolean isImage = image != null || isImage(productId);
          List<@Nullable Component> subs = new ArrayList<>(p.subcomponents());
          if (subs.isEmpty()) {
            subs.add(null);
          }
          for (@Nullable Component sub : subs) {
            String subId = sub == null ? null : sub.purl().or(sub::id).orElse(null);
            if (sub != null && subId == null) {
              leftOut.add(vuln + " in " + productId + ": a subcomponent with neither purl nor @id");
              continue;
            }
            String key = vuln + '\n' + productId + '\n' + subId;
            if (seen.containsKey(key)) {
              continue;
            }
            Optional<EffectiveStatement> e = index.effective(query, vuln, subId);
            if (e.isEmpty() || !e.get().statement().equals(s)) {
              continue; // a later statement decides; it is taken where it is met
            }
            seen.put(key, new Decided(vuln, s, doc, p, productId, isImage, sub, subId, t));
          }
        }
      }
    }
    List<Decided> decided = new ArrayList<>(seen.values());
    decided.sort(
        Comparator.comparing(Decided::vuln)
            .thenComparing(Decided::productId)
            .thenComparing(d -> d.subId() == null ? "" : d.subId()));
    return new Selection(decided, leftOut, newest);
  }

  private Instant exportTime(Selection s) {
    return time != null ? time : s.newest();
  }

  private static String vulnerability(Vulnerability v) {
    if (v.hasName()) {
      return v.name();
    }
    return v.id().flatMap(Vulnerability::wellKnownIdIn).or(v::id).orElse(v.name());
  }

  /** The names a scanner may report the vulnerability by: the name, then the aliases. */
  private static List<String> ids(Vulnerability v) {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(vulnerability(v));
    ids.addAll(v.aliases());
    return new ArrayList<>(ids);
  }

  private static boolean isImage(String id) {
    if (id.startsWith("sha256:") || id.contains("@sha256:")) {
      return true;
    }
    Purl p = Purl.parse(id);
    return p != null && p.type().equals("oci");
  }

  /** The purls a scanner ignore entry is restricted to; empty for the whole image. */
  private static @Nullable List<String> purls(Decided d, List<String> leftOut) {
    Component sub = d.sub();
    if (sub != null) {
      Optional<String> purl = sub.purl();
      if (purl.isEmpty()) {
        leftOut.add(d.label() + ": the subcomponent is not a purl, which scanners cannot match");
        return null;
      }
      return List.of(purl.get());
    }
    if (d.productIsImage()) {
      return List.of();
    }
    Optional<String> purl = d.product().purl();
    if (purl.isEmpty()) {
      leftOut.add(d.label() + ": the product is neither an image nor a purl");
      return null;
    }
    return List.of(purl.get());
  }

  private static String reason(Decided d) {
    Statement s = d.statement();
    StringBuilder b = new StringBuilder(s.status().toString());
    s.justification().ifPresent(j -> b.append(": ").append(j));
    s.impactStatement()
        .or(s::statusNotes)
        .or(s::actionStatement)
        .ifPresent(t -> b.append(" - ").append(t));
    b.append(" (").append(d.document().author());
    d.document().id().ifPresent(id -> b.append(", ").append(id));
    b.append(')');
    return b.toString();
  }

  private @Nullable LocalDate expiry(Decided d, Instant now, List<String> leftOut) {
    Statement s = d.statement();
    if (d.suppresses()) {
      return null;
    }
    Instant from = s.actionStatementTimestamp().orElse(d.time());
    Policy policy = java.util.Objects.requireNonNull(exceptions);
    Instant until = from.plus(policy.exceptionMaxAgeDays(), ChronoUnit.DAYS);
    if (!until.isAfter(now)) {
      leftOut.add(d.label() + ": an exception that expired on " + until);
      return LocalDate.EPOCH;
    }
    return LocalDate.ofInstant(until, ZoneOffset.UTC);
  }

  private boolean isException(Decided d) {
    return exceptions != null
        && d.statement().status() == Status.AFFECTED
        && d.statement().actionStatement().isPresent();
  }

  private static String notSuppressing(Decided d) {
    return d.label() + ": not exported (scanners suppress only not_affected and fixed)";
  }

  /** {@code .trivyignore.yaml}. */
  public ExportResult trivyIgnore() {
    Selection sel = select();
    List<String> leftOut = new ArrayList<>(sel.leftOut());
    List<String> exported = new ArrayList<>();
    Instant now = exportTime(sel);
    StringBuilder y = new StringBuilder();
    y.append("# Trivy ignore file written by waterline export: the deciding not_affected and\n");
    y.append("# fixed statements")
        .append(exceptions != null ? ", and exceptions until they expire" : "");
    y.append(". Use: trivy image --ignorefile .trivyignore.yaml IMAGE\n");
    // Each entry once, in first-written order (a set: 50,000 of them took seconds as a list).
    Set<String> entries = new LinkedHashSet<>();
    for (Decided d : sel.decided()) {
      boolean exception = isException(d);
      if (!d.suppresses() && !exception) {
        leftOut.add(notSuppressing(d));
        continue;
      }
      List<String> purls = purls(d, leftOut);
      if (purls == null) {
        continue;
      }
      LocalDate expires = exception ? expiry(d, now, leftOut) : null;
      if (LocalDate.EPOCH.equals(expires)) {
        continue;
      }
      exported.add(d.label() + (expires == null ? "" : " until " + expires));
      for (String id : ids(d.statement().vulnerability())) {
        StringBuilder e = new StringBuilder();
        e.append("  - id: ").append(Yaml.quote(id)).append('\n');
        if (!purls.isEmpty()) {
          e.append("    purls:\n");
          for (String p : purls) {
            e.append("      - ").append(Yaml.quote(p)).append('\n');
          }
        }
        if (expires != null) {
          e.append("    expired_at: ").append(expires).append('\n');
        }
        e.append("    statement: ").append(Yaml.quote(reason(d))).append('\n');
        entries.add(e.toString());
      }
    }
    y.append(entries.isEmpty() ? "vulnerabilities: []\n" : "vulnerabilities:\n");
    entries.forEach(y::append);
    return ExportResult.of(
        Map.of(TRIVY_FILE, y.toString().getBytes(StandardCharsets.UTF_8)), exported, leftOut);
  }

  /** {@code .grype.yaml}. */
  public ExportResult grypeIgnore() {
    Selection sel = select();
    List<String> leftOut = new ArrayList<>(sel.leftOut());
    List<String> exported = new ArrayList<>();
    StringBuilder y = new StringBuilder();
    y.append("# Grype configuration written by waterline export: one ignore rule per deciding\n");
    y.append("# not_affected or fixed statement and package. Use: grype IMAGE -c .grype.yaml\n");
    Set<String> rules = new LinkedHashSet<>();
    for (Decided d : sel.decided()) {
      if (!d.suppresses()) {
        leftOut.add(
            isException(d)
                ? d.label() + ": an exception, not exported (Grype's ignore rules cannot expire)"
                : notSuppressing(d));
        continue;
      }
      List<String> purls = purls(d, leftOut);
      if (purls == null) {
        continue;
      }
      exported.add(d.label());
      for (String id : ids(d.statement().vulnerability())) {
        StringBuilder r = new StringBuilder();
        r.append("  - vulnerability: ").append(Yaml.quote(id)).append('\n');
        r.append("    include-aliases: true\n");
        r.append("    reason: ").append(Yaml.quote(reason(d))).append('\n');
        if (!purls.isEmpty()) {
          Purl p = Purl.parse(purls.get(0));
          if (p == null) {
            continue;
          }
          r.append("    package:\n");
          r.append("      name: ").append(Yaml.quote(grypeName(p))).append('\n');
          String version = p.version();
          if (version != null) {
            r.append("      version: ").append(Yaml.quote(version)).append('\n');
          }
          String type = GRYPE_TYPES.get(p.type());
          if (type != null) {
            r.append("      type: ").append(Yaml.quote(type)).append('\n');
          }
        }
        rules.add(r.toString());
      }
    }
    y.append(rules.isEmpty() ? "ignore: []\n" : "ignore:\n");
    rules.forEach(y::append);
    return ExportResult.of(
        Map.of(GRYPE_FILE, y.toString().getBytes(StandardCharsets.UTF_8)), exported, leftOut);
  }

  /**
   * The package name as syft gives it: Go modules and npm packages with their namespace, others
   * without; written as an anchored regular expression when it holds a character Grype would take
   * for one (its rule then matches the name exactly).
   */
  static String grypeName(Purl p) {
    String ns = p.namespace();
    String name =
        ns != null && (p.type().equals("golang") || p.type().equals("npm"))
            ? ns + "/" + p.name()
            : p.name();
    if (!name.matches(".*[\\^$*+?\\[\\](){}|\\\\].*")) {
      return name;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if ("\\^$*+?[](){}|.".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /** The VEX repository. */
  public ExportResult vexRepository(URI baseUrl) {
    String base = baseUrl.toString();
    if (!baseUrl.isAbsolute()
        || !(base.startsWith("https://") || base.startsWith("http://"))
        || baseUrl.getHost() == null) {
      throw new VexException(
          "the VEX repository's base URL must be an absolute https:// URL, but was '" + base + "'");
    }
    if (!base.endsWith("/")) {
      base = base + "/";
    }
    Selection sel = select();
    List<String> leftOut = new ArrayList<>(sel.leftOut());
    List<String> exported = new ArrayList<>();
    Instant now = exportTime(sel).truncatedTo(ChronoUnit.SECONDS);
    Map<String, List<Decided>> byPackage = new TreeMap<>();
    for (Decided d : sel.decided()) {
      if (!d.suppresses()) {
        leftOut.add(notSuppressing(d));
        continue;
      }
      String id = packageId(d, leftOut);
      if (id == null) {
        continue;
      }
      byPackage.computeIfAbsent(id, k -> new ArrayList<>()).add(d);
      exported.add(d.label());
    }
    Map<String, byte[]> tree = new TreeMap<>();
    ArrayNode packages = Json.mapper().createArrayNode();
    for (Map.Entry<String, List<Decided>> e : byPackage.entrySet()) {
      String location = location(e.getKey());
      tree.put(location, document(e.getValue(), now));
      ObjectNode entry = packages.addObject();
      entry.put("id", e.getKey());
      entry.put("location", location);
      entry.put("format", "openvex");
    }
    ObjectNode index = Json.mapper().createObjectNode();
    index.put("updated_at", now.toString());
    index.set("packages", packages);
    tree.put("index.json", Json.writePretty(index));

    ObjectNode manifest = Json.mapper().createObjectNode();
    manifest.put("name", "Waterline VEX repository");
    manifest.put(
        "description",
        "VEX statements exported by waterline export" + (image == null ? "" : " for " + image));
    ObjectNode version = manifest.putArray("versions").addObject();
    version.put("spec_version", REPOSITORY_SPEC_VERSION);
    version.putArray("locations").addObject().put("url", base + ARCHIVE);
    version.put("update_interval", "24h");

    Map<String, byte[]> files = new TreeMap<>();
    files.put(MANIFEST, Json.writePretty(manifest));
    files.put(ARCHIVE, Tar.gzip(tree, now));
    tree.forEach((path, bytes) -> files.put(UNPACKED + path, bytes));
    return ExportResult.of(files, exported, leftOut);
  }

  /**
   * The index id: the purl without version, qualifiers and subpath; for an image, {@code
   * pkg:oci/<name>?repository_url=<repository>} (the spec asks for the qualifier).
   */
  private @Nullable String packageId(Decided d, List<String> leftOut) {
    if (d.productIsImage()) {
      String purlText = d.product().purl().orElse(null);
      Purl p = purlText == null ? null : Purl.parse(purlText);
      if (p == null) {
        leftOut.add(
            d.label()
                + ": the image is named without a pkg:oci purl, and Trivy matches a repository's"
                + " statements by purl");
        return null;
      }
      String repo = p.qualifier("repository_url");
      if (repo == null) {
        repo = repositoryUrl;
      }
      if (repo == null) {
        leftOut.add(
            d.label()
                + ": the image's repository is unknown (the index names images by"
                + " repository_url): give the repository");
        return null;
      }
      String name = repo.substring(repo.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      return "pkg:oci/" + name + "?repository_url=" + qualifierValue(repo);
    }
    String text = d.productId();
    if (Purl.parse(text) == null) {
      leftOut.add(d.label() + ": the product is not a purl, which the index needs");
      return null;
    }
    int end = text.length();
    for (char c : new char[] {'?', '#'}) {
      int i = text.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String base = text.substring(0, end);
    int at = base.lastIndexOf('@');
    return at > base.indexOf('/') ? base.substring(0, at) : base;
  }

  /** A qualifier value as a purl writes it: unreserved characters, ':' and '/' as they are. */
  private static String qualifierValue(String value) {
    StringBuilder b = new StringBuilder();
    for (byte c : value.getBytes(StandardCharsets.UTF_8)) {
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~:/".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", c & 0xff));
      }
    }
    return b.toString();
  }

  /**
   * The document's place: {@code pkg/<type>/<namespace>/<name>/vex.json}, for an image {@code
   * pkg/oci/<repository>/vex.json}; segments URL-encoded as the spec asks.
   */
  static String location(String id) {
    String rest = id.substring("pkg:".length());
    String path;
    int q = rest.indexOf("?repository_url=");
    if (q >= 0) {
      path = "oci/" + percentDecode(rest.substring(q + "?repository_url=".length()));
    } else {
      path = percentDecode(rest);
    }
    StringBuilder b = new StringBuilder("pkg");
    for (String segment : path.split("/", -1)) {
      // "", "." and ".." would leave the directory; a dot written as %2E is no path step
      b.append('/')
          .append(
              segment.isEmpty()
                  ? "%00"
                  : segment.equals(".") || segment.equals("..")
                      ? segment.replace(".", "%2E")
                      : pathSegment(segment));
    }
    return b.append("/vex.json").toString();
  }

  private static String percentDecode(String s) {
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String pathSegment(String s) {
    StringBuilder b = new StringBuilder();
    for (byte c : s.getBytes(StandardCharsets.UTF_8)) {
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(String.format(Locale.ROOT, "%02X", c & 0xff));
      }
    }
    return b.toString();
  }

  /**
   * One OpenVEX document for one package: each deciding statement with its one product (and
   * subcomponent), its time written on it, in a fixed order; authors joined.
   */
  private static byte[] document(List<Decided> decided, Instant now) {
    Set<String> authors = new TreeSet<>();
    decided.forEach(d -> authors.add(d.document().author()));
    VexDocument.Builder b =
        Vex.document(String.join(", ", authors)).timestamp(now).tooling("waterline export");
    for (Decided d : decided) {
      Product p = d.product();
      Product one =
          d.sub() == null
              ? p.withSubcomponents(List.of())
              : p.withSubcomponents(List.of(java.util.Objects.requireNonNull(d.sub())));
      b.statement(d.statement().withProducts(List.of(one)).withTimestamp(d.time()));
    }
    VexDocument doc = b.buildLenient();
    return doc.withId(doc.canonicalId()).toJsonBytes();
  }
}
