/**
 * OCI JSON: descriptors, image manifests and indexes, parsed strictly and written
 * deterministically.
 */
@NullMarked
package dev.waterline.vex.oci.internal.json;

import org.jspecify.annotations.NullMarked;
