package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.oci.OciException;
import org.jspecify.annotations.Nullable;

/**
 * A conditional tag update found the tag moved by another writer (HTTP 412 on a registry that
 * honours {@code If-Match}). Callers read again and retry.
 */
public final class TagConflictException extends OciException {
  private static final long serialVersionUID = 1L;

  /** The tag {@code tag} in {@code where} no longer names {@code expected}. */
  public TagConflictException(String where, String tag, @Nullable String expected, String actual) {
    super(
        "the tag "
            + tag
            + " in "
            + where
            + " was changed by another writer: expected "
            + (expected == null ? "no such tag" : expected)
            + " but found "
            + actual,
        tag,
        expected,
        null,
        null);
  }
}
