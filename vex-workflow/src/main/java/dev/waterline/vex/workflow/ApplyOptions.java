package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.VexException;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * How decisions are applied: for now, who authors a new document. Immutable; start from {@link
 * #defaults()}.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class ApplyOptions {
  private static final ApplyOptions DEFAULTS = new ApplyOptions(null);

  private final @Nullable String author;

  private ApplyOptions(@Nullable String author) {
    this.author = author;
  }

  /** No author: a new document is authored by its earliest decision's author. */
  public static ApplyOptions defaults() {
    return DEFAULTS;
  }

  /**
   * These options with the author of new documents (an existing document keeps its own).
   *
   * @throws VexException when {@code author} is blank
   */
  public ApplyOptions withAuthor(String author) {
    if (Objects.requireNonNull(author, "author").isBlank()) {
      throw new VexException("the author must not be blank");
    }
    return new ApplyOptions(author.trim());
  }

  /** The author of new documents, if given. */
  public Optional<String> author() {
    return Optional.ofNullable(author);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApplyOptions && Objects.equals(((ApplyOptions) o).author, author);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(author);
  }

  @Override
  public String toString() {
    return author == null ? "ApplyOptions.defaults()" : "ApplyOptions.withAuthor(" + author + ")";
  }
}
