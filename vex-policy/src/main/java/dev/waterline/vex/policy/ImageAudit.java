package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.EffectiveStatement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexIndex;
import dev.waterline.vex.policy.internal.ImageProducts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An auditor's answer about one vulnerability in one image: the effective VEX status among the
 * trusted sources (signed and verified, or unsigned and accepted with a reason), the statement that
 * decides it with its author, time and signer, and whether that statement's attestation verified.
 * Untrusted sources (unsigned, not accepted) never decide; how many there were is kept. An image
 * whose VEX could not be fetched has a {@link #failure()} instead of a status.
 *
 * <p>The image is asked about as triage asks: by {@code repo@digest}, by digest and by its {@code
 * pkg:oci} purl; a statement about the image as a whole or about one of its subcomponents both
 * count (the latest decides, as in {@link VexIndex}).
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class ImageAudit {
  private final String vulnerability;
  private final String image;
  private final @Nullable String digest;
  private final @Nullable EffectiveStatement deciding;
  private final @Nullable VexSource source;
  private final int statements;
  private final int untrusted;
  private final List<String> problems;
  private final @Nullable String failure;

  private ImageAudit(
      String vulnerability,
      String image,
      @Nullable String digest,
      @Nullable EffectiveStatement deciding,
      @Nullable VexSource source,
      int statements,
      int untrusted,
      List<String> problems,
      @Nullable String failure) {
    this.vulnerability = vulnerability;
    this.image = image;
    this.digest = digest;
    this.deciding = deciding;
    this.source = source;
    this.statements = statements;
    this.untrusted = untrusted;
    this.problems = List.copyOf(problems);
    this.failure = failure;
  }

  /**
   * Decides what {@code sources} say about {@code vulnerability} in the image {@code image} (as
   * given) whose digest is {@code digest}.
   *
   * @param problems what fetching found wrong without failing (attestations left out, unreadable
   *     ones recorded), kept with the answer
   */
  public static ImageAudit decide(
      String vulnerability,
      String image,
      String digest,
      List<VexSource> sources,
      List<String> problems) {
    Objects.requireNonNull(vulnerability, "vulnerability");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(digest, "digest");
    IdentityHashMap<VexDocument, VexSource> trusted = new IdentityHashMap<>();
    List<VexDocument> documents = new ArrayList<>();
    int untrusted = 0;
    for (VexSource s : sources) {
      if (s.trusted()) {
        trusted.put(s.document(), s);
        documents.add(s.document());
      } else {
        untrusted++;
      }
    }
    VexIndex index = VexIndex.forVulnerability(documents, vulnerability);
    List<String> products =
        ImageProducts.of(List.of(referenceWithDigest(image, digest)), List.of(digest));
    List<EffectiveStatement> all = new ArrayList<>();
    for (String product : products) {
      for (EffectiveStatement e : index.matches(product, vulnerability, null)) {
        if (!containsSame(all, e)) {
          all.add(e);
        }
      }
    }
    EffectiveStatement latest = null;
    for (EffectiveStatement e : all) {
      if (latest == null || later(e, latest, documents)) {
        latest = e;
      }
    }
    return new ImageAudit(
        vulnerability,
        image,
        digest,
        latest,
        latest == null ? null : trusted.get(latest.document()),
        all.size(),
        untrusted,
        problems,
        null);
  }

  /** The answer for an image whose VEX could not be fetched: {@code failure} says why. */
  public static ImageAudit failed(String vulnerability, String image, String failure) {
    return new ImageAudit(
        Objects.requireNonNull(vulnerability, "vulnerability"),
        Objects.requireNonNull(image, "image"),
        null,
        null,
        null,
        0,
        0,
        List.of(),
        Objects.requireNonNull(failure, "failure"));
  }

  /**
   * The answer for an image whose VEX was fetched but holds an attestation that cannot be read
   * (tampered, damaged): the record is incomplete, so no status is given.
   */
  public static ImageAudit unreadable(
      String vulnerability, String image, String digest, String failure) {
    return new ImageAudit(
        Objects.requireNonNull(vulnerability, "vulnerability"),
        Objects.requireNonNull(image, "image"),
        Objects.requireNonNull(digest, "digest"),
        null,
        null,
        0,
        0,
        List.of(),
        Objects.requireNonNull(failure, "failure"));
  }

  private static String referenceWithDigest(String image, String digest) {
    String name = image;
    if (name.startsWith("oci:")) {
      return "oci@" + digest; // a layout has no repository name: digest and purl only
    }
    int at = name.indexOf('@');
    if (at > 0) {
      name = name.substring(0, at);
    }
    return name + "@" + digest;
  }

  private static boolean containsSame(List<EffectiveStatement> list, EffectiveStatement e) {
    for (EffectiveStatement x : list) {
      if (x.equals(e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code a} decides over {@code b}: the later time wins; equal times, the later document,
   * then the later statement in it (DESIGN "IDs"); no time at all counts as the oldest.
   */
  private static boolean later(EffectiveStatement a, EffectiveStatement b, List<VexDocument> docs) {
    Instant ta = a.time().orElse(Instant.MIN);
    Instant tb = b.time().orElse(Instant.MIN);
    if (!ta.equals(tb)) {
      return ta.isAfter(tb);
    }
    int da = indexOf(docs, a.document());
    int db = indexOf(docs, b.document());
    if (da != db) {
      return da > db;
    }
    return a.document().statements().indexOf(a.statement())
        > b.document().statements().indexOf(b.statement());
  }

  private static int indexOf(List<VexDocument> docs, VexDocument d) {
    return docs.indexOf(d);
  }

  /** The vulnerability asked about. */
  public String vulnerability() {
    return vulnerability;
  }

  /** The image as given. */
  public String image() {
    return image;
  }

  /** The digest the image resolved to; empty when fetching failed. */
  public Optional<String> digest() {
    return Optional.ofNullable(digest);
  }

  /** The effective status; empty when no trusted statement covers it (or fetching failed). */
  public Optional<Status> status() {
    return deciding == null ? Optional.empty() : Optional.of(deciding.status());
  }

  /** The deciding statement and its document. */
  public Optional<EffectiveStatement> deciding() {
    return Optional.ofNullable(deciding);
  }

  /** The source of the deciding statement: its origin, signer or reason for being accepted. */
  public Optional<VexSource> source() {
    return Optional.ofNullable(source);
  }

  /** Who wrote the deciding statement (its document's author). */
  public Optional<String> author() {
    return deciding == null ? Optional.empty() : Optional.of(deciding.document().author());
  }

  /** When the deciding statement was made (its own time, else its document's). */
  public Optional<Instant> time() {
    return deciding == null ? Optional.empty() : deciding.time();
  }

  /** Who signed the deciding statement, when its attestation verified. */
  public Optional<String> signer() {
    return source == null ? Optional.empty() : source.signer();
  }

  /** Whether the deciding statement's attestation verified (false for an accepted unsigned one). */
  public boolean verified() {
    return source != null && source.signer().isPresent();
  }

  /** How many trusted statements are about the vulnerability in this image. */
  public int statements() {
    return statements;
  }

  /**
   * How many VEX sources were found but not trusted (unsigned and not accepted): they decide
   * nothing.
   */
  public int untrustedSources() {
    return untrusted;
  }

  /** What fetching found wrong without failing. */
  public List<String> problems() {
    return problems;
  }

  /**
   * Why there is no answer: the image's VEX could not be fetched (then {@link #digest()} is empty),
   * or an attestation on it cannot be read (then the digest is known).
   */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * {@code not_affected}, {@code affected}, {@code fixed}, {@code under_investigation}, {@code
   * no_statement}, {@code unreadable} or {@code fetch_failed}: the status as an auditor's table
   * writes it.
   */
  public String statusText() {
    if (failure != null) {
      return digest == null ? "fetch_failed" : "unreadable";
    }
    return deciding == null ? "no_statement" : deciding.status().value();
  }

  /** For example {@code ImageAudit[CVE-… in app:1.0@sha256:…: not_affected, signed by …]}. */
  @Override
  public String toString() {
    return "ImageAudit["
        + vulnerability
        + " in "
        + image
        + (digest == null ? "" : "@" + digest)
        + ": "
        + statusText()
        + (source == null ? "" : ", " + source.trust())
        + "]";
  }
}
