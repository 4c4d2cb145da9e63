package dev.waterline.vex.workflow.internal;

import dev.waterline.vex.Component;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.match.Purl;
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

  /** A package an image holds, as its scan report or its SBOM lists it. */
  private record Pkg(
      @Nullable String purl,
      @Nullable String name,
      @Nullable String version,
      @Nullable String layer) {}

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
            Verdict v = wholeImage(s, from, to);
            items.add(new CarryItem(s, docId, ref, null, v.reason(), v.detail()));
            if (v.reason().carries()) {
              products.add(Product.of(to.product()));
              evidence.add(v.detail());
            }
            continue;
          }
          List<Component> subs = new ArrayList<>();
          for (Component c : p.subcomponents()) {
            Verdict v = component(c, from, to);
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

  private static Verdict component(Component c, CarryImage from, CarryImage to) {
    if (sameLayers(from, to)) {
      return sameLayersVerdict(from);
    }
    List<Pkg> old = new ArrayList<>();
    for (Pkg f : packages(from)) {
      if ((f.purl() != null && c.matches(f.purl())) || (f.name() != null && c.matches(f.name()))) {
        old.add(f);
      }
    }
    String key = !old.isEmpty() ? key(old.get(0)) : key(c);
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
    return judge(key, versions, fromStatement, layers(old), !old.isEmpty(), from, to);
  }

  private static Verdict wholeImage(Statement s, CarryImage from, CarryImage to) {
    if (sameLayers(from, to)) {
      return sameLayersVerdict(from);
    }
    Map<String, List<Pkg>> byPackage = new LinkedHashMap<>();
    for (Finding f : findings(from)) {
      if (f.ids().stream().anyMatch(id -> s.vulnerability().matches(id))) {
        Pkg pkg = pkg(f);
        String key = key(pkg);
        if (key != null) {
          byPackage.computeIfAbsent(key, k -> new ArrayList<>()).add(pkg);
        }
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
      Verdict v = judge(e.getKey(), versions(old), false, layers(old), true, from, to);
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
      CarryImage to) {
    List<Pkg> now = new ArrayList<>();
    if (key != null) {
      for (Pkg f : packages(to)) {
        if (key.equals(key(f))) {
          now.add(f);
        }
      }
    }
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

  /** The packages the image's report and SBOM list. */
  private static List<Pkg> packages(CarryImage image) {
    List<Pkg> out = new ArrayList<>();
    for (Finding f : findings(image)) {
      out.add(pkg(f));
    }
    for (Sbom sbom : image.sboms()) {
      for (SbomPackage p : sbom.packages()) {
        out.add(
            new Pkg(
                p.purl().orElse(null),
                p.name(),
                p.version().orElse(null),
                p.layerDiffId().orElse(null)));
      }
    }
    return out;
  }

  private static Pkg pkg(Finding f) {
    return new Pkg(
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

  /** The package's identity: its purl's type, namespace and name, else its name. */
  private static @Nullable String key(Pkg f) {
    if (f.purl() != null) {
      Purl p = Purl.parse(f.purl());
      if (p != null) {
        return p.baseKey();
      }
    }
    return f.name() == null ? null : "name:" + f.name();
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
