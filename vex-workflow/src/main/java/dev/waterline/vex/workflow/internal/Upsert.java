package dev.waterline.vex.workflow.internal;

import dev.waterline.vex.Component;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.workflow.ApplyOptions;
import dev.waterline.vex.workflow.Decision;
import dev.waterline.vex.workflow.ImageUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The upsert of decisions into one document per product.
 *
 * <p>Decisions are taken in time order (ties in input order), so the result does not depend on the
 * order of the input's lines. For each decision, with key (vulnerability, product, subcomponent):
 *
 * <ol>
 *   <li>a statement with the same key, time and reasons (status, justification, impact and action
 *       statements) is already in the document: unchanged;
 *   <li>the current statement for the key (the latest; at equal times the later one in the
 *       document) is newer than the decision: the decision is added as history, with its own older
 *       time, so the effective status does not change;
 *   <li>the current statement has the same reasons: unchanged (a ticket touched without a change);
 *   <li>otherwise the decision is added and becomes the current one.
 * </ol>
 *
 * <p>A document that gains statements gets one new version: {@code version + 1}, {@code
 * last_updated} the newest time among its statements and the previous last update, statements in
 * time order. A new document: version 1, {@code timestamp} the newest decision time, go-vex's
 * canonical {@code @id}. No time comes from the clock, so the same input gives the same bytes.
 */
public final class Upsert {
  private Upsert() {}

  /** What a statement says, beyond its key and time. */
  private record Reasons(
      Status status,
      @Nullable Justification justification,
      @Nullable String impact,
      @Nullable String action) {}

  private record Key(String vulnerability, String subcomponent) {}

  private record Current(Instant time, Reasons reasons) {}

  private record Said(Key key, Instant time, Reasons reasons) {}

  /**
   * Applies decisions to the current documents.
   *
   * @param current the documents there are now, by product (absent: none yet)
   * @return one update per product the decisions name, ordered by file name
   * @throws VexException when a new document has no author (none in the options or decisions)
   */
  public static List<ImageUpdate> apply(
      List<Decision> decisions, Map<String, VexDocument> current, ApplyOptions options) {
    List<Decision> sorted = new ArrayList<>(decisions);
    sorted.sort(Comparator.comparing(Decision::time)); // stable: ties keep input order
    Map<String, List<Decision>> byProduct = new HashMap<>();
    for (Decision d : sorted) {
      byProduct.computeIfAbsent(d.product(), p -> new ArrayList<>()).add(d);
    }
    TreeMap<String, ImageUpdate> updates = new TreeMap<>();
    for (Map.Entry<String, List<Decision>> e : byProduct.entrySet()) {
      String product = e.getKey();
      String fileName = Products.fileName(product);
      updates.put(
          fileName + "\n" + product,
          one(product, fileName, e.getValue(), current.get(product), options));
    }
    return List.copyOf(updates.values());
  }

  private static ImageUpdate one(
      String product,
      String fileName,
      List<Decision> decisions,
      @Nullable VexDocument doc,
      ApplyOptions options) {
    Map<Key, Current> currents = new HashMap<>();
    Set<Said> said = new HashSet<>();
    if (doc != null) {
      for (Statement s : doc.statements()) {
        if (!s.vulnerability().hasName()) {
          continue;
        }
        Instant time = doc.effectiveTimestamp(s).orElse(Instant.MIN);
        Reasons reasons = reasons(s);
        for (Product p : s.products()) {
          if (!product.equals(p.id().orElse(null))) {
            continue;
          }
          List<String> subs = new ArrayList<>();
          if (p.subcomponents().isEmpty()) {
            subs.add("");
          }
          for (Component c : p.subcomponents()) {
            subs.add(c.id().orElse(""));
          }
          for (String sub : subs) {
            Key key = new Key(s.vulnerability().name(), sub);
            said.add(new Said(key, time, reasons));
            Current c = currents.get(key);
            if (c == null || !time.isBefore(c.time())) {
              currents.put(key, new Current(time, reasons));
            }
          }
        }
      }
    }
    List<Statement> added = new ArrayList<>();
    int changes = 0;
    int history = 0;
    int unchanged = 0;
    for (Decision d : decisions) {
      Key key = new Key(d.vulnerability(), d.subcomponent().orElse(""));
      Reasons reasons = reasons(d);
      Said s = new Said(key, d.time(), reasons);
      if (said.contains(s)) {
        unchanged++;
        continue;
      }
      Current c = currents.get(key);
      if (c != null && d.time().isBefore(c.time())) {
        history++;
      } else if (c != null && c.reasons().equals(reasons)) {
        unchanged++;
        continue;
      } else {
        changes++;
        currents.put(key, new Current(d.time(), reasons));
      }
      said.add(s);
      added.add(statement(d));
    }
    if (added.isEmpty()) {
      VexDocument same = Objects.requireNonNull(doc, "a product without decisions");
      return new ImageUpdate(product, fileName, same, same.version(), 0, 0, unchanged);
    }
    VexDocument result;
    if (doc == null) {
      sortByTime(added, null);
      Instant newest = added.get(added.size() - 1).timestamp().orElseThrow();
      String author =
          options
              .author()
              .or(() -> decisions.stream().flatMap(d -> d.author().stream()).findFirst())
              .orElseThrow(
                  () ->
                      new VexException(
                          "no author for the new document about "
                              + product
                              + " (ticket "
                              + decisions.get(0).ticket()
                              + "): give an author (--author)"));
      result = Vex.document(author).timestamp(newest).statements(added).buildLenient();
    } else {
      Instant lastDate = doc.lastUpdated().or(doc::timestamp).orElse(null);
      List<Statement> all = new ArrayList<>(doc.statements().size() + added.size());
      for (Statement s : doc.statements()) {
        all.add(s.timestamp().isEmpty() && lastDate != null ? s.withTimestamp(lastDate) : s);
      }
      all.addAll(added);
      sortByTime(all, doc);
      Instant newest = lastDate;
      for (Statement s : added) {
        Instant t = s.timestamp().orElseThrow();
        if (newest == null || t.isAfter(newest)) {
          newest = t;
        }
      }
      VexDocument.Builder b =
          doc.toBuilder().statements(all).lastUpdated(newest).version(doc.version() + 1);
      if (doc.timestamp().isEmpty()) {
        b.timestamp(newest);
      }
      result = b.buildLenient();
    }
    return new ImageUpdate(
        product, fileName, result, doc == null ? 0 : doc.version(), changes, history, unchanged);
  }

  private static void sortByTime(List<Statement> statements, @Nullable VexDocument doc) {
    statements.sort(
        Comparator.comparing(
            s -> (doc == null ? s.timestamp() : doc.effectiveTimestamp(s)).orElse(Instant.MIN)));
  }

  private static Reasons reasons(Statement s) {
    return new Reasons(
        s.status(),
        s.justification().orElse(null),
        s.impactStatement().orElse(null),
        s.actionStatement().orElse(null));
  }

  private static Reasons reasons(Decision d) {
    return new Reasons(
        d.status(),
        d.justification().orElse(null),
        d.impactStatement().orElse(null),
        d.actionStatement().orElse(null));
  }

  /**
   * The statement a decision stands for. The ticket goes into {@code status_notes} as {@code ticket
   * <id>}, followed by {@code , decided by <author>} when the decision names one.
   */
  public static Statement statement(Decision d) {
    Product product =
        d.subcomponent().isPresent()
            ? Product.of(d.product(), d.subcomponent().get())
            : Product.of(d.product());
    Statement.Builder b =
        Statement.builder()
            .vulnerability(d.vulnerability())
            .product(product)
            .status(d.status())
            .justification(d.justification().orElse(null))
            .impactStatement(d.impactStatement().orElse(null))
            .actionStatement(d.actionStatement().orElse(null))
            .statusNotes(notes(d))
            .timestamp(d.time());
    if (d.actionStatement().isPresent()) {
      b.actionStatementTimestamp(d.time());
    }
    return b.buildLenient();
  }

  /** The {@code status_notes} of a decision's statement. */
  public static String notes(Decision d) {
    return "ticket " + d.ticket() + d.author().map(a -> ", decided by " + a).orElse("");
  }
}
