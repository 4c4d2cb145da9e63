package dev.waterline.vex.internal.update;

import dev.waterline.vex.MergeOptions;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.internal.canonical.CanonicalForms;
import dev.waterline.vex.internal.match.Matching;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
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
 *   <li>the result: context v0.2.0, author from the options or {@code Unknown Author}, role from
 *       the options, version 1, timestamp = the latest {@code timestamp}/{@code last_updated} of
 *       the inputs (so merging is deterministic; absent when no input has one);
 *   <li>{@code @id}: from the options; else go-vex's canonical ID of the result when it has a
 *       timestamp; else {@code https://openvex.dev/docs/public/merged-vex-<hex SHA-256 of the
 *       result's RFC 8785 JSON without @id>} (go-vex's {@code merged-vex-<hash of input ids>} is
 *       not an IRI and changes with nothing but the inputs' names).
 * </ul>
 *
 * <p>Caveat: a statement without any time (its source document had no timestamp) inherits the
 * merged document's timestamp when read back; such input is invalid OpenVEX anyway.
 */
public final class DocumentMerge {
  private DocumentMerge() {}

  /** Author of a merged document when the options name none (go-vex's default author). */
  public static final String DEFAULT_AUTHOR = "Unknown Author";

  /** Prefix of the ID of a merged document that has no timestamp. */
  public static final String MERGED_ID_PREFIX = "https://openvex.dev/docs/public/merged-vex-";

  /**
   * Merges documents, matching products with go-vex's rules ({@link Matching#matchesProduct}).
   *
   * @throws VexException when {@code documents} is empty
   */
  public static VexDocument merge(List<VexDocument> documents, MergeOptions options) {
    return merge(documents, options, Matching::matchesProduct);
  }

  /**
   * Merges documents, deciding product matches with {@code productFilter}.
   *
   * @throws VexException when {@code documents} is empty
   */
  public static VexDocument merge(
      List<VexDocument> documents, MergeOptions options, ProductFilter productFilter) {
    if (documents.isEmpty()) {
      throw new VexException("cannot merge: no documents were given");
    }
    List<Kept> kept = new ArrayList<>();
    Set<Statement> seen = new HashSet<>();
    @Nullable Instant latest = null;
    for (VexDocument doc : documents) {
      latest = later(latest, doc.timestamp().orElse(null));
      latest = later(latest, doc.lastUpdated().orElse(null));
      for (Statement s : doc.statements()) {
        if (!wanted(s, options, productFilter)) {
          continue;
        }
        @Nullable Instant time = doc.effectiveTimestamp(s).orElse(null);
        Statement copy = s.timestamp().isEmpty() && time != null ? s.withTimestamp(time) : s;
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
    VexDocument merged =
        VexDocument.builder(options.author().orElse(DEFAULT_AUTHOR))
            .defaults(false)
            .context(VexDocument.CONTEXT_V0_2_0)
            .role(options.role().orElse(null))
            .version(1)
            .timestamp(latest)
            .statements(statements)
            .build();
    String id;
    if (options.id().isPresent()) {
      id = options.id().get();
    } else if (latest != null) {
      id = CanonicalForms.goVexId(merged);
    } else {
      id = MERGED_ID_PREFIX + CanonicalForms.sha256Hex(CanonicalForms.rfc8785(merged));
    }
    return merged.withId(id);
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
