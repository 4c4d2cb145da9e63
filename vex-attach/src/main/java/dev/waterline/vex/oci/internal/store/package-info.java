/**
 * Storage of blobs, manifests and tags: OCI image layouts on disk and registry repositories.
 * Exported only to {@code dev.waterline.vex.testkit}, whose in-memory store implements {@link
 * dev.waterline.vex.oci.internal.store.OciStore}.
 */
@NullMarked
package dev.waterline.vex.oci.internal.store;

import org.jspecify.annotations.NullMarked;
