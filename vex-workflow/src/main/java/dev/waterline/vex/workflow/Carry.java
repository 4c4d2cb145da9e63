package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.workflow.internal.CarryEngine;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Carries VEX to a rebuilt image. A rebuilt image has a new digest, and statements about the old
 * one do not apply to it; those whose component is unchanged between the two images still hold.
 * {@code Carry} proposes them, as a new OpenVEX document about the new image, and lists the rest as
 * needing a new decision. Immutable; each method returns a new object.
 *
 * <pre>{@code
 * CarryResult r = Carry.from(oldImage, newImage)       // CarryImage: digest, diffIDs, report
 *     .author("Acme Platform Security <psirt@acme.example>")
 *     .apply(List.of(VexDocument.read(Path.of("app-1.0.openvex.json"))));
 * r.needsDecision().forEach(System.out::println);
 * r.document().ifPresent(d -> Files.write(out, d.toJsonBytes()));
 * }</pre>
 *
 * <p>The rule, per statement about the old image (its product names the old image's digest or
 * platform manifest) and per subcomponent:
 *
 * <ol>
 *   <li>the two images have the same layers in the same order: it carries ({@link
 *       CarryReason#SAME_LAYERS});
 *   <li>the new image's report lists the component with another version than the old image's report
 *       (or, without one, the version in the subcomponent's purl): it needs a new decision ({@link
 *       CarryReason#VERSION_CHANGED});
 *   <li>the layer the old image's report says holds the component is among the new image's layers:
 *       it carries ({@link CarryReason#SAME_LAYER});
 *   <li>both reports list it with the same version: it carries ({@link CarryReason#SAME_VERSION});
 *   <li>the old image's report lists it and the new one's does not: it needs a new decision ({@link
 *       CarryReason#COMPONENT_GONE});
 *   <li>otherwise there is no evidence, and it needs a new decision ({@link
 *       CarryReason#NO_EVIDENCE}).
 * </ol>
 *
 * <p>A statement about the whole image (no subcomponent) carries when the layers are the same, or
 * when the old image's report lists the vulnerability and every package it lists it in carries by
 * the rule above; otherwise it needs a new decision ({@link CarryReason#IMAGE_CHANGED}).
 *
 * <p>A carried statement keeps status, justification, impact and action statements, supplier and
 * time; its product becomes the new image ({@link CarryImage#product()}) with the subcomponents
 * that carry, it has no {@code @id} of its own, and its {@code status_notes} cite the original:
 * {@code carried from <old image> (document <@id>, statement <@id or statements[i]>): <evidence>},
 * followed by the original notes. The document's time is {@link #timestamp(Instant)} if given, else
 * the newest time of the statements it carries; its {@code @id} is the canonical one. Nothing comes
 * from the clock: the same input gives the same bytes.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class Carry {
  private final CarryImage from;
  private final CarryImage to;
  private final @Nullable String author;
  private final @Nullable Instant timestamp;

  private Carry(
      CarryImage from, CarryImage to, @Nullable String author, @Nullable Instant timestamp) {
    this.from = from;
    this.to = to;
    this.author = author;
    this.timestamp = timestamp;
  }

  /** A carry from the old image to the rebuilt one. */
  public static Carry from(CarryImage from, CarryImage to) {
    return new Carry(
        Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"), null, null);
  }

  /**
   * This carry with the author of the new document (default: the author of the first document with
   * a statement that carries).
   *
   * @throws VexException when {@code author} is blank
   */
  public Carry author(String author) {
    if (Objects.requireNonNull(author, "author").isBlank()) {
      throw new VexException("the author must not be blank");
    }
    return new Carry(from, to, author.trim(), timestamp);
  }

  /**
   * This carry with a fixed time for the new document (e.g. {@code SOURCE_DATE_EPOCH}) instead of
   * the newest time of the statements it carries.
   */
  public Carry timestamp(Instant timestamp) {
    return new Carry(from, to, author, Objects.requireNonNull(timestamp, "timestamp"));
  }

  /** The author given, if any. */
  public Optional<String> author() {
    return Optional.ofNullable(author);
  }

  /**
   * Carries the statements of {@code documents} that are about the old image.
   *
   * @throws VexException when no statement of the documents is about the old image, or when
   *     statements carry but none of them, nor their documents, has a time (give {@link
   *     #timestamp(Instant)})
   */
  public CarryResult apply(List<VexDocument> documents) {
    return CarryEngine.carry(from, to, author, timestamp, documents);
  }

  @Override
  public String toString() {
    return "Carry.from("
        + from.name()
        + ", "
        + to.name()
        + ")"
        + (author == null ? "" : ".author(" + author + ")")
        + (timestamp == null ? "" : ".timestamp(" + timestamp + ")");
  }
}
