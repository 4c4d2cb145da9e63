package dev.waterline.vex.workflow;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Why a statement about the old image carries to the rebuilt one, or why it needs a new decision
 * ({@link Carry}).
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public enum CarryReason {
  /** Carries: the two images have the same layers (diffIDs) in the same order. */
  SAME_LAYERS(true),
  /** Carries: the layer (diffID) that holds the component in the old image is in the new one. */
  SAME_LAYER(true),
  /** Carries: the component has the same version in both images (their scan reports). */
  SAME_VERSION(true),
  /** Needs a new decision: the component has another version in the new image. */
  VERSION_CHANGED(false),
  /** Needs a new decision: the old image's report lists the component, the new one's does not. */
  COMPONENT_GONE(false),
  /**
   * Needs a new decision: the statement is about the whole image (no subcomponent), its layers
   * changed, and no report names the packages the vulnerability is in.
   */
  IMAGE_CHANGED(false),
  /** Needs a new decision: no layer or report says where the component is in both images. */
  NO_EVIDENCE(false);

  private final boolean carries;

  CarryReason(boolean carries) {
    this.carries = carries;
  }

  /** Whether a statement with this reason carries to the new image. */
  public boolean carries() {
    return carries;
  }
}
