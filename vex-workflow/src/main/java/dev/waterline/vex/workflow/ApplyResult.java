package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** What applying decisions did: one {@link ImageUpdate} per image, by file name. Immutable. */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class ApplyResult {
  private final List<ImageUpdate> images;

  /** Creates the result from the images' updates. */
  public ApplyResult(List<ImageUpdate> images) {
    this.images = List.copyOf(images);
  }

  /** One entry per image (product) the decisions are about, ordered by file name. */
  public List<ImageUpdate> images() {
    return images;
  }

  /** The entries whose document changed (new or a new version). */
  public List<ImageUpdate> changed() {
    return images.stream().filter(ImageUpdate::changed).toList();
  }

  /** Statements added that change an effective status or its reasons, over all images. */
  public int added() {
    return images.stream().mapToInt(ImageUpdate::added).sum();
  }

  /** Statements added as history, over all images. */
  public int history() {
    return images.stream().mapToInt(ImageUpdate::history).sum();
  }

  /** Decisions that changed nothing, over all images. */
  public int unchanged() {
    return images.stream().mapToInt(ImageUpdate::unchanged).sum();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ApplyResult && ((ApplyResult) o).images.equals(images);
  }

  @Override
  public int hashCode() {
    return Objects.hash(images);
  }

  @Override
  public String toString() {
    return "ApplyResult["
        + images.size()
        + " images, "
        + changed().size()
        + " changed; added "
        + added()
        + ", history "
        + history()
        + ", unchanged "
        + unchanged()
        + "]";
  }
}
