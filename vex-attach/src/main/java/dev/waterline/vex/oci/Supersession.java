package dev.waterline.vex.oci;

import dev.waterline.vex.Product;
import dev.waterline.vex.Statement;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.sign.InTotoStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which attached OpenVEX documents a newer one supersedes. Two documents have the same identity
 * when they share an {@code @id}, or the same author and the same set of products; among the same
 * {@code @id} the higher {@code version} is newer, otherwise the later {@code last_updated} (else
 * {@code timestamp}). What is compared is what the documents say: nothing here verifies a
 * signature, so a prune removes by content, as the user asked.
 */
final class Supersession {
  private Supersession() {}

  /**
   * One attestation in all the layouts it was found in (a bundle referrer and the {@code .att}
   * layer of the same envelope are one), with its OpenVEX document when it holds one.
   */
  record Unit(
      Digest subject, Digest key, List<FetchedAttestation> parts, @Nullable VexDocument document) {
    @Nullable String id() {
      return document == null ? null : document.id().orElse(null);
    }

    int version() {
      return document == null ? 0 : document.version();
    }

    Instant time() {
      return document == null
          ? Instant.EPOCH
          : document.lastUpdated().or(document::timestamp).orElse(Instant.EPOCH);
    }
  }

  /** The key of an attestation: its DSSE envelope's digest, else its own. */
  static Digest key(Attestation a) {
    return a.envelope().map(Digest::of).orElse(a.digest());
  }

  /** Groups what fetch found into units (by subject and key), in the order found. */
  static List<Unit> units(List<FetchedAttestation> found) {
    Map<String, List<FetchedAttestation>> byKey = new LinkedHashMap<>();
    for (FetchedAttestation f : found) {
      byKey
          .computeIfAbsent(f.subject() + "/" + key(f.attestation()), k -> new ArrayList<>())
          .add(f);
    }
    List<Unit> out = new ArrayList<>();
    for (List<FetchedAttestation> parts : byKey.values()) {
      FetchedAttestation first = parts.get(0);
      out.add(new Unit(first.subject(), key(first.attestation()), parts, document(first)));
    }
    return out;
  }

  private static @Nullable VexDocument document(FetchedAttestation f) {
    if (!f.predicateType().startsWith(InTotoStatement.PREDICATE_TYPE_OPENVEX)) {
      return null;
    }
    try {
      return InTotoStatement.parse(f.statement()).vexDocument().orElse(null);
    } catch (VexException e) {
      return null; // unreadable: never superseded, never superseding
    }
  }

  /** Whether {@code a} and {@code b} are versions of the same document. */
  static boolean sameIdentity(Unit a, Unit b) {
    return a.document() != null
        && b.document() != null
        && sameIdentity(a, b, products(a.document()), products(b.document()));
  }

  /** {@link #sameIdentity(Unit, Unit)} given the products of each document. */
  private static boolean sameIdentity(
      Unit a, Unit b, Set<String> productsA, Set<String> productsB) {
    if (a.document() == null || b.document() == null) {
      return false;
    }
    if (a.id() != null && a.id().equals(b.id())) {
      return true;
    }
    return a.document().author().equals(b.document().author())
        && !productsA.isEmpty()
        && productsA.equals(productsB);
  }

  /** Whether {@code a} is newer than {@code b} (same identity assumed). */
  static boolean newer(Unit a, Unit b) {
    boolean sameId = a.id() != null && a.id().equals(b.id());
    if (sameId && a.version() != b.version()) {
      return a.version() > b.version();
    }
    int byTime = a.time().compareTo(b.time());
    return byTime != 0 ? byTime > 0 : a.version() > b.version();
  }

  /** The product IDs of every statement of {@code doc}. */
  static Set<String> products(VexDocument doc) {
    Set<String> out = new TreeSet<>();
    for (Statement s : doc.statements()) {
      for (Product p : s.products()) {
        p.id().ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * The units that {@code latest} (just attached) supersedes: same subject, same identity, not
   * newer than it (a copy signed again with the same {@code @id} and {@code version} goes too).
   */
  static List<Unit> supersededBy(List<Unit> units, Unit latest) {
    List<Unit> out = new ArrayList<>();
    for (Unit u : units) {
      if (u.subject().equals(latest.subject())
          && !u.key().equals(latest.key())
          && sameIdentity(u, latest)
          && !newer(u, latest)) {
        out.add(u);
      }
    }
    return out;
  }

  /**
   * The units a prune removes. Without {@code keepLatest}: those with the same {@code @id} as
   * another of the same subject with a higher {@code version}. With it: all but the newest of each
   * identity (same {@code @id}, or same author and products), newest by time, then version.
   */
  static List<Unit> superseded(List<Unit> units, boolean keepLatest) {
    // Units are distinct (one per subject and key), so a unit is its position. Each pair compared
    // the documents (record equality) and found their positions by searching the list: cubic in
    // an image's attestations of one time and version; each document's products are listed once.
    List<Set<String>> products = new ArrayList<>(units.size());
    for (Unit u : units) {
      products.add(u.document() == null ? Set.of() : products(u.document()));
    }
    List<Unit> out = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      if (u.document() == null) {
        continue;
      }
      for (int j = 0; j < units.size(); j++) {
        Unit other = units.get(j);
        if (j == i || !other.subject().equals(u.subject())) {
          continue;
        }
        boolean supersedes =
            keepLatest
                ? sameIdentity(u, other, products.get(i), products.get(j)) && later(other, u, j > i)
                : u.id() != null && u.id().equals(other.id()) && other.version() > u.version();
        if (supersedes) {
          out.add(u);
          break;
        }
      }
    }
    return out;
  }

  /**
   * Whether {@code other} comes after {@code u} by (time, version, place found): a total order, so
   * that exactly one of each identity stays even when identities chain (an {@code @id} shared with
   * one document, an author and products with another).
   */
  private static boolean later(Unit other, Unit u, boolean foundAfter) {
    int byTime = other.time().compareTo(u.time());
    if (byTime != 0) {
      return byTime > 0;
    }
    if (other.version() != u.version()) {
      return other.version() > u.version();
    }
    return foundAfter;
  }
}
