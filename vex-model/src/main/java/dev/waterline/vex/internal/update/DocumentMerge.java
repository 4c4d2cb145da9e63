package dev.waterline.vex.internal.update;

import dev.waterline.vex.MergeException;
import dev.waterline.vex.MergeOptions;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.internal.canonical.CanonicalForms;
import dev.waterline.vex.internal.match.Matching;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Merging documents into a new one (go-vex {@code MergeDocumentsWithOptions}, with Waterline's
 * differences):
 *
 * <ul>
 *   <li>statements are kept when they match one of the option products (if any) and one of the
 *       option vulnerabilities (if any; name, {@code @id} or alias);
 *   <li>each kept statement carries the time it had in its source document: its own timestamp, else
 *       the document's; when neither exists it keeps none (go-vex fails instead);
 *   <li>statements equal after that (every field, including the filled time) appear once, at their
 *       first occurrence (go-vex keeps duplicates, vexctl#226);
 *   <li>order: by time ascending, statements without time first, ties in input order (document,
 *       then statement) — not go-vex's name-first sort;
 *   <li>a vulnerability named only by {@code @id} (read leniently) is given the well-known
 *       identifier in its {@code @id} as its {@code name} ({@link
 *       dev.waterline.vex.Vulnerability#wellKnownIdIn}): an {@code @id} that is the bare identifier
 *       ({@code CVE-2021-44228}, not an IRI) becomes the name, an IRI that ends with one stays
 *       beside it; when there is none, the merge fails with a {@link MergeException} naming the
 *       input and the pointer, since the result must be valid;
 *   <li>the result: context v0.2.0, author from the options or {@code Unknown Author}, role from
 *       the options, version 1, always a timestamp: the options' (the time of the merge, as vexctl
 *       gives it), else the latest time among the inputs ({@code timestamp}/{@code last_updated} of
 *       documents and statements, so that merging is deterministic), else, when no input has any
 *       time, the time of the merge from the system clock (to the second);
 *   <li>{@code @id}: from the options; else go-vex's canonical ID of the result (go-vex's {@code
 *       merged-vex-<hash of input ids>} is not an IRI and changes with nothing but the inputs'
 *       names).
 * </ul>
 *
 * <p>A statement without any time (its source document had no timestamp: a legacy document, or
 * go-vex's test documents) is written without one, so it inherits the merged document's timestamp,
 * as the spec's inheritance says. It is then as new as the merge, where before the merge it counted
 * as the oldest; go-vex refuses such input instead. The CLI says so on stderr.
 */
public final class DocumentMerge {
  private DocumentMerge() {}

  /** Author of a merged document when the options name none (go-vex's default author). */
  public static final String DEFAULT_AUTHOR = "Unknown Author";

  /**
   * Merges documents, matching products with go-vex's rules ({@link Matching#matchesProduct}).
   *
   * @throws VexException when {@code documents} is empty
   * @throws MergeException when a kept vulnerability has neither a name nor a well-known identifier
   *     in its {@code @id}
   */
  public static VexDocument merge(List<VexDocument> documents, MergeOptions options) {
    return merge(documents, options, Matching::matchesProduct);
  }

  /**
   * Merges documents, deciding product matches with {@code productFilter}.
   *
   * @throws VexException when {@code documents} is empty
   * @throws MergeException when a kept vulnerability has neither a name nor a well-known identifier
   *     in its {@code @id}
   */
  public static VexDocument merge(
      List<VexDocument> documents, MergeOptions options, ProductFilter productFilter) {
    if (documents.isEmpty()) {
      throw new VexException("cannot merge: no documents were given");
    }
    List<Kept> kept = new ArrayList<>();
    Set<Statement> seen = new HashSet<>();
    @Nullable Instant latest = null;
    for (int d = 0; d < documents.size(); d++) {
      VexDocument doc = documents.get(d);
      latest = later(latest, doc.timestamp().orElse(null));
      latest = later(latest, doc.lastUpdated().orElse(null));
      List<Statement> all = doc.statements();
      for (int i = 0; i < all.size(); i++) {
        Statement s = all.get(i);
        latest = later(latest, s.timestamp().orElse(null));
        latest = later(latest, s.lastUpdated().orElse(null));
        if (!wanted(s, options, productFilter)) {
          continue;
        }
        @Nullable Instant time = doc.effectiveTimestamp(s).orElse(null);
        Statement copy = s.timestamp().isEmpty() && time != null ? s.withTimestamp(time) : s;
        if (!copy.vulnerability().hasName()) {
          copy = named(copy, d, documents.size(), doc, i);
        }
        if (seen.add(copy)) {
          kept.add(new Kept(copy, time));
        }
      }
    }
    // List.sort is stable: ties stay in input order.
    kept.sort(Comparator.comparing(Kept::time, Comparator.nullsFirst(Comparator.naturalOrder())));
    List<Statement> statements = new ArrayList<>(kept.size());
    for (Kept k : kept) {
      statements.add(k.statement);
    }
    Instant timestamp =
        options
            .timestamp()
            .orElse(latest != null ? latest : Instant.now().truncatedTo(ChronoUnit.SECONDS));
    VexDocument merged =
        VexDocument.builder(options.author().orElse(DEFAULT_AUTHOR))
            .defaults(false)
            .context(VexDocument.CONTEXT_V0_2_0)
            .role(options.role().orElse(null))
            .version(1)
            .timestamp(timestamp)
            .statements(statements)
            .buildLenient();
    return merged.withId(options.id().orElseGet(() -> CanonicalForms.goVexId(merged)));
  }

  /**
   * The statement with its vulnerability named after the well-known identifier in its {@code @id}.
   *
   * @throws MergeException when the {@code @id} holds none
   */
  private static Statement named(Statement s, int input, int inputs, VexDocument doc, int index) {
    Vulnerability v = s.vulnerability();
    String id = v.id().orElse(v.name());
    Optional<String> name = Vulnerability.wellKnownIdIn(id);
    if (name.isPresent()) {
      // An @id that is the bare identifier (not an IRI) moves to the name.
      Vulnerability named =
          name.get().equals(id) ? v.toBuilder().id(null).name(id).build() : v.withName(name.get());
      return s.toBuilder().vulnerability(named).buildLenient();
    }
    throw new MergeException(
        input,
        "/statements/" + index + "/vulnerability",
        "input "
            + (input + 1)
            + " of "
            + inputs
            + " (document "
            + doc.id().orElse("without @id")
            + ")",
        "the vulnerability is named only by its @id '"
            + abbreviate(id)
            + "', which is not (and does not end with) one well-known vulnerability identifier"
            + " such as CVE-2021-44228 or GHSA-jfh8-c2jp-5v3q to take as its name; OpenVEX requires"
            + " a name, and a merged document must be valid: add a 'name' to the vulnerability, or"
            + " leave the statement out with a vulnerability or product filter");
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 119) + "…";
  }

  private static boolean wanted(Statement s, MergeOptions options, ProductFilter productFilter) {
    if (!options.products().isEmpty()
        && options.products().stream().noneMatch(p -> productFilter.matches(s, p))) {
      return false;
    }
    return options.vulnerabilities().isEmpty()
        || options.vulnerabilities().stream().anyMatch(v -> s.vulnerability().matches(v));
  }

  private static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    return b != null && b.isAfter(a) ? b : a;
  }

  private static final class Kept {
    final Statement statement;
    final @Nullable Instant time;

    Kept(Statement statement, @Nullable Instant time) {
      this.statement = statement;
      this.time = time;
    }

    @Nullable Instant time() {
      return time;
    }
  }
}
