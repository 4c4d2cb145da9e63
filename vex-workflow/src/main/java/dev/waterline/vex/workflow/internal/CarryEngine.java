package dev.waterline.vex.workflow.internal;

import dev.waterline.vex.Component;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.match.ComponentMatcher;
import dev.waterline.vex.internal.match.Purl;
import dev.waterline.vex.internal.match.Query;
import dev.waterline.vex.policy.Finding;
import dev.waterline.vex.policy.ScanReport;
import dev.waterline.vex.workflow.CarryImage;
import dev.waterline.vex.workflow.CarryItem;
import dev.waterline.vex.workflow.CarryReason;
import dev.waterline.vex.workflow.CarryResult;
import dev.waterline.vex.workflow.Sbom;
import dev.waterline.vex.workflow.SbomPackage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The carry rule of {@link dev.waterline.vex.workflow.Carry}; see there. */
public final class CarryEngine {
  private CarryEngine() {}

  private record Verdict(CarryReason reason, String detail) {}

  /**
   * A package an image holds, as its scan report or its SBOM lists it, with its identity ({@link
   * #identity}) worked out once.
   */
  private record Pkg(
      @Nullable String purl,
      @Nullable String name,
      @Nullable String version,
      @Nullable String layer,
      @Nullable String key) {
    static Pkg of(
        @Nullable String purl,
        @Nullable String name,
        @Nullable String version,
        @Nullable String layer) {
      return new Pkg(purl, name, version, layer, identity(purl, name));
    }
  }

  /**
   * An image's packages and findings, listed once and filed for the questions carry asks of them
   * for each statement: which packages a component matches, which have a given identity, which
   * findings name a vulnerability. Asked of the whole lists, those questions made carry quadratic:
   * 4,000 statements against reports of 4,000 packages took 18 s.
   */
  private static final class Packages {
    final List<Pkg> all;
    // Each package's purl and name as queries, at the package's index (null when it has none).
    private final List<@Nullable Query> purls;
    private final List<@Nullable Query> names;
    // Package indexes by the overlap keys of its purl and name (a component that matches one shares
    // a key with it, ComponentMatcher.overlapKeys), and packages by identity, in the list's order.
    private final Map<String, List<Integer>> byOverlapKey = new HashMap<>();
    private final Map<String, List<Pkg>> byKey = new HashMap<>();
    // Finding indexes (the first in all are the findings' packages) by each of their ids.
    private final Map<String, List<Integer>> findingsById = new HashMap<>();

    Packages(CarryImage image) {
      List<Finding> findings = findings(image);
      all = packages(image, findings);
      purls = new ArrayList<>(all.size());
      names = new ArrayList<>(all.size());
      for (int i = 0; i < all.size(); i++) {
        Pkg f = all.get(i);
        purls.add(file(f.purl(), i));
        names.add(file(f.name(), i));
        if (f.key() != null) {
          byKey.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f);
        }
      }
      for (int i = 0; i < findings.size(); i++) {
        for (String id : findings.get(i).ids()) {
          addOnce(findingsById.computeIfAbsent(id, k -> new ArrayList<>()), i);
        }
      }
    }

    private @Nullable Query file(@Nullable String identifier, int index) {
      if (identifier == null) {
        return null;
      }
      Query q = Query.of(identifier);
      q.overlapKeys(k -> addOnce(byOverlapKey.computeIfAbsent(k, x -> new ArrayList<>()), index));
      return q;
    }

    /** The packages whose purl or name {@code c} matches, in the list's order. */
    List<Pkg> matching(Component c) {
      ComponentMatcher m = ComponentMatcher.of(c);
      List<Integer> candidates = new ArrayList<>();
      m.overlapKeys(k -> candidates.addAll(byOverlapKey.getOrDefault(k, List.of())));
      List<Pkg> out = new ArrayList<>();
      for (int i : inOrder(candidates)) {
        Query purl = purls.get(i);
        Query name = names.get(i);
        if ((purl != null && m.matches(purl)) || (name != null && m.matches(name))) {
          out.add(all.get(i));
        }
      }
      return out;
    }

    /** The packages whose identity is {@code key}, in the list's order. */
    List<Pkg> withKey(@Nullable String key) {
      return key == null ? List.of() : byKey.getOrDefault(key, List.of());
    }

    /**
     * The packages of the findings one of whose ids the statement's vulnerability matches, in the
     * report's order.
     */
    List<Pkg> packagesOfFindings(Statement s) {
      List<Integer> candidates = new ArrayList<>();
      for (String id : s.vulnerability().identifiers()) {
        candidates.addAll(findingsById.getOrDefault(id, List.of()));
      }
      List<Pkg> out = new ArrayList<>();
      for (int i : inOrder(candidates)) {
        out.add(all.get(i)); // the findings' packages come first in all
      }
      return out;
    }

    /** Adds {@code i} unless it was the last added (indexes are added in increasing order). */
    private static void addOnce(List<Integer> list, int i) {
      if (list.isEmpty() || list.get(list.size() - 1) != i) {
        list.add(i);
      }
    }

    /** The distinct indexes, in increasing order. */
    private static int[] inOrder(List<Integer> indexes) {
      return indexes.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }
  }

  /** Carries the statements of {@code documents} about {@code from} to {@code to}. */
  public static CarryResult carry(
      CarryImage from,
      CarryImage to,
      @Nullable String author,
      @Nullable Instant timestamp,
      List<VexDocument> documents) {
    List<CarryItem> items = new ArrayList<>();
    List<Statement> carried = new ArrayList<>();
    String firstAuthor = null;
    Instant newest = null;
    Instant newestDocument = null;
    int ignored = 0;
    int total = 0;
    Packages old = new Packages(from);
    Packages now = new Packages(to);
    for (VexDocument doc : documents) {
      List<Statement> statements = doc.statements();
      boolean docCarries = false;
      for (int i = 0; i < statements.size(); i++) {
        total++;
        Statement s = statements.get(i);
        String ref = s.id().orElse("statements[" + i + "]");
        String docId = doc.id().orElse(null);
        List<Product> products = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        boolean aboutOld = false;
        for (Product p : s.products()) {
          if (!isOld(p, from)) {
            continue;
          }
          aboutOld = true;
          if (p.subcomponents().isEmpty()) {
            Verdict v = wholeImage(s, from, to, old, now);
            items.add(new CarryItem(s, docId, ref, null, v.reason(), v.detail()));
            if (v.reason().carries()) {
              products.add(Product.of(to.product()));
              evidence.add(v.detail());
            }
            continue;
          }
          List<Component> subs = new ArrayList<>();
          for (Component c : p.subcomponents()) {
            Verdict v = component(c, from, to, old, now);
            items.add(new CarryItem(s, docId, ref, c.displayName(), v.reason(), v.detail()));
            if (v.reason().carries()) {
              subs.add(c);
              evidence.add(c.displayName() + ": " + v.detail());
            }
          }
          if (!subs.isEmpty()) {
            products.add(Product.of(Component.of(to.product()), subs));
          }
        }
        if (!aboutOld) {
          ignored++;
          continue;
        }
        if (products.isEmpty()) {
          continue;
        }
        docCarries = true;
        if (firstAuthor == null) {
          firstAuthor = doc.author();
        }
        Instant t = doc.effectiveTimestamp(s).orElse(null);
        if (t != null && (newest == null || t.isAfter(newest))) {
          newest = t;
        }
        String notes =
            "carried from "
                + from.digest()
                + " ("
                + (docId == null ? "" : "document " + docId + ", ")
                + "statement "
                + ref
                + "): "
                + String.join("; ", evidence)
                + s.statusNotes().map(n -> "; original notes: " + n).orElse("");
        carried.add(
            s.toBuilder()
                .id(null)
                .version(null)
                .products(products)
                .statusNotes(notes)
                .timestamp(t)
                .buildLenient());
      }
      if (docCarries) {
        Instant d = doc.lastUpdated().or(doc::timestamp).orElse(null);
        if (d != null && (newestDocument == null || d.isAfter(newestDocument))) {
          newestDocument = d;
        }
      }
    }
    if (items.isEmpty()) {
      throw new VexException(
          "none of the "
              + total
              + (total == 1 ? " statement" : " statements")
              + " given is about "
              + from.name()
              + " ("
              + from.digest()
              + "): no product names its digest"
              + from.platformManifest().map(m -> " or its platform manifest " + m).orElse(""));
    }
    VexDocument document = null;
    if (!carried.isEmpty()) {
      Instant time = timestamp != null ? timestamp : newest != null ? newest : newestDocument;
      if (time == null) {
        throw new VexException(
            "the statements that carry to "
                + to.name()
                + " have no time, nor have their documents: give the new document's time"
                + " (SOURCE_DATE_EPOCH)");
      }
      String a = author != null ? author : Objects.requireNonNull(firstAuthor, "author");
      document = Vex.document(a).timestamp(time).statements(carried).buildLenient();
    }
    return new CarryResult(from, to, items, document, ignored);
  }

  private static boolean isOld(Product p, CarryImage from) {
    Component c = p.component();
    return c.matches(from.digest().toString())
        || from.platformManifest().map(m -> c.matches(m.toString())).orElse(false);
  }

  private static boolean sameLayers(CarryImage from, CarryImage to) {
    return !from.diffIds().isEmpty() && from.diffIds().equals(to.diffIds());
  }

  private static Verdict sameLayersVerdict(CarryImage from) {
    int n = from.diffIds().size();
    return new Verdict(
        CarryReason.SAME_LAYERS,
        "the two images have the same " + n + (n == 1 ? " layer" : " layers"));
  }

  private static Verdict component(
      Component c, CarryImage from, CarryImage to, Packages inOld, Packages inNew) {
    if (sameLayers(from, to)) {
      return sameLayersVerdict(from);
    }
    List<Pkg> old = inOld.matching(c);
    String key = !old.isEmpty() ? old.get(0).key() : key(c);
    Set<String> versions = versions(old);
    boolean fromStatement = false;
    if (versions.isEmpty()) {
      Purl p = c.purl().isPresent() ? Purl.parse(c.purl().get()) : null;
      String v = p == null ? null : p.version();
      if (v != null) {
        versions.add(v);
        fromStatement = true;
      }
    }
    return judge(key, versions, fromStatement, layers(old), !old.isEmpty(), from, to, inNew);
  }

  private static Verdict wholeImage(
      Statement s, CarryImage from, CarryImage to, Packages inOld, Packages inNew) {
    if (sameLayers(from, to)) {
      return sameLayersVerdict(from);
    }
    Map<String, List<Pkg>> byPackage = new LinkedHashMap<>();
    for (Pkg pkg : inOld.packagesOfFindings(s)) {
      String key = pkg.key();
      if (key != null) {
        byPackage.computeIfAbsent(key, k -> new ArrayList<>()).add(pkg);
      }
    }
    String vulnerability = s.vulnerability().identifiers().stream().findFirst().orElse("it");
    if (byPackage.isEmpty()) {
      return new Verdict(
          CarryReason.IMAGE_CHANGED,
          "the statement is about the whole image, whose layers changed, and "
              + (from.report().isEmpty()
                  ? "no report of the old image names the packages " + vulnerability + " is in"
                  : "the old image's report lists no package with " + vulnerability));
    }
    List<String> carried = new ArrayList<>();
    boolean byVersion = false;
    for (Map.Entry<String, List<Pkg>> e : byPackage.entrySet()) {
      List<Pkg> old = e.getValue();
      String name = display(old.get(0));
      Verdict v = judge(e.getKey(), versions(old), false, layers(old), true, from, to, inNew);
      if (!v.reason().carries()) {
        return new Verdict(v.reason(), name + ": " + v.detail());
      }
      byVersion |= v.reason() == CarryReason.SAME_VERSION;
      carried.add(name + " (" + v.detail() + ")");
    }
    return new Verdict(
        byVersion ? CarryReason.SAME_VERSION : CarryReason.SAME_LAYER,
        "every package the old image's report lists "
            + vulnerability
            + " in is unchanged: "
            + String.join(", ", carried));
  }

  private static Verdict judge(
      @Nullable String key,
      Set<String> oldVersions,
      boolean versionFromStatement,
      Set<String> oldLayers,
      boolean listedInOld,
      CarryImage from,
      CarryImage to,
      Packages inNew) {
    List<Pkg> now = inNew.withKey(key);
    Set<String> newVersions = versions(now);
    if (!oldVersions.isEmpty() && !newVersions.isEmpty() && !newVersions.equals(oldVersions)) {
      return new Verdict(
          CarryReason.VERSION_CHANGED,
          String.join(", ", oldVersions)
              + (versionFromStatement ? " in the statement" : " in the old image")
              + ", "
              + String.join(", ", newVersions)
              + " in the new one");
    }
    if (!oldLayers.isEmpty() && to.diffIds().containsAll(oldLayers)) {
      List<String> shown = new ArrayList<>();
      for (String l : oldLayers) {
        shown.add(abbreviate(l));
      }
      return new Verdict(
          CarryReason.SAME_LAYER,
          (shown.size() == 1 ? "layer " : "layers ")
              + String.join(", ", shown)
              + (shown.size() == 1 ? " holds" : " hold")
              + " it in both images");
    }
    if (!oldVersions.isEmpty() && newVersions.equals(oldVersions)) {
      return new Verdict(
          CarryReason.SAME_VERSION,
          String.join(", ", oldVersions)
              + (versionFromStatement
                  ? " in the statement and in the new image's " + lists(to)
                  : lists(from).equals(lists(to))
                      ? " in both images' "
                          + lists(from).replace("report", "reports").replace("SBOM", "SBOMs")
                      : " in the old image's "
                          + lists(from)
                          + " and the new image's "
                          + lists(to)));
    }
    if (listedInOld && hasPackages(to) && now.isEmpty()) {
      return new Verdict(
          CarryReason.COMPONENT_GONE,
          "the old image's "
              + lists(from)
              + (from.report().isPresent() && !from.sboms().isEmpty() ? " list it" : " lists it")
              + (oldVersions.isEmpty() ? "" : " (" + String.join(", ", oldVersions) + ")")
              + ", the new image's "
              + lists(to)
              + (to.report().isPresent() && !to.sboms().isEmpty() ? " do not" : " does not"));
    }
    String why;
    if (!hasPackages(from) && !hasPackages(to)) {
      why = "no scan report or SBOM of either image, and the layers changed";
    } else if (!hasPackages(to)) {
      why =
          oldLayers.isEmpty()
              ? "no scan report or SBOM of the new image, and the old image's "
                  + lists(from)
                  + " gives no layer"
              : "its layer is not in the new image, and there is no scan report or SBOM of the new"
                  + " image";
    } else if (!listedInOld && oldVersions.isEmpty()) {
      why = "no report or SBOM of the old image lists it, and the statement names no version";
    } else {
      why = "neither its layer nor its version is known in both images";
    }
    return new Verdict(CarryReason.NO_EVIDENCE, why);
  }

  private static List<Finding> findings(CarryImage image) {
    return image.report().map(ScanReport::findings).orElse(List.of());
  }

  /** The packages the image's report ({@code findings}) and SBOM list. */
  private static List<Pkg> packages(CarryImage image, List<Finding> findings) {
    List<Pkg> out = new ArrayList<>();
    for (Finding f : findings) {
      out.add(pkg(f));
    }
    for (Sbom sbom : image.sboms()) {
      for (SbomPackage p : sbom.packages()) {
        out.add(
            Pkg.of(
                p.purl().orElse(null),
                p.name(),
                p.version().orElse(null),
                p.layerDiffId().orElse(null)));
      }
    }
    return out;
  }

  private static Pkg pkg(Finding f) {
    return Pkg.of(
        f.purl().orElse(null),
        f.packageName().orElse(null),
        f.packageVersion().orElse(null),
        f.layerDiffId().orElse(null));
  }

  private static boolean hasPackages(CarryImage image) {
    return image.report().isPresent() || !image.sboms().isEmpty();
  }

  /** What lists the image's packages, for messages: {@code report}, {@code SBOM} or both. */
  private static String lists(CarryImage image) {
    if (image.sboms().isEmpty()) {
      return "report";
    }
    return image.report().isPresent() ? "report and SBOM" : "SBOM";
  }

  /** A package's identity: its purl's type, namespace and name, else its name. */
  private static @Nullable String identity(@Nullable String purl, @Nullable String name) {
    if (purl != null) {
      Purl p = Purl.parse(purl);
      if (p != null) {
        return p.baseKey();
      }
    }
    return name == null ? null : "name:" + name;
  }

  private static @Nullable String key(Component c) {
    if (c.purl().isPresent()) {
      Purl p = Purl.parse(c.purl().get());
      if (p != null) {
        return p.baseKey();
      }
    }
    return c.id().map(n -> "name:" + n).orElse(null);
  }

  private static Set<String> versions(List<Pkg> packages) {
    Set<String> out = new TreeSet<>();
    for (Pkg f : packages) {
      if (f.version() != null) {
        out.add(f.version());
      }
    }
    return out;
  }

  private static Set<String> layers(List<Pkg> packages) {
    Set<String> out = new TreeSet<>();
    for (Pkg f : packages) {
      if (f.layer() != null) {
        out.add(f.layer());
      }
    }
    return out;
  }

  private static String display(Pkg f) {
    if (f.purl() != null) {
      return f.purl();
    }
    return (f.name() == null ? "a package" : f.name())
        + (f.version() == null ? "" : "@" + f.version());
  }

  /**
   * A digest cut to 12 hex digits after its algorithm, for messages: {@code sha256:0123456789ab}.
   */
  public static String abbreviate(String digest) {
    int colon = digest.indexOf(':');
    return digest.length() > colon + 13 ? digest.substring(0, colon + 13) : digest;
  }
}
