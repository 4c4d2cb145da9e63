/**
 * Embedding VEX documents into an image's filesystem (a deterministic tar layer, a new config and
 * manifest) and reading them back out of an image's layers.
 */
@NullMarked
package dev.waterline.vex.oci.internal.embed;

import org.jspecify.annotations.NullMarked;
