/** Storage of blobs, manifests and tags: OCI image layouts on disk and an in-memory store. */
@NullMarked
package dev.waterline.vex.oci.internal.store;

import org.jspecify.annotations.NullMarked;
