package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.oci.OciException;
import org.jspecify.annotations.Nullable;

/**
 * An entry of a listing (a layout's {@code index.json}) that cannot be used: the manifest it names
 * is not there, or its descriptor disagrees with the content. The content itself is not damaged
 * (there is none, or it matches its digest), so fetch skips the entry and reports it rather than
 * failing, as it does for a dangling entry of a referrers index.
 */
public final class EntryException extends OciException {
  private static final long serialVersionUID = 1L;

  EntryException(String message, @Nullable String reference, @Nullable String digest) {
    super(message, reference, digest, null, null);
  }
}
