/**
 * The one implementation of image identity behind {@link dev.waterline.vex.ContentDigest} and
 * {@link dev.waterline.vex.ImageName}: digest text, Docker Hub's defaults, and the lenient
 * repository normalisation that matching uses. Exported to Waterline's own modules only; nothing
 * else in Waterline spells a digest pattern or a Docker Hub host.
 */
@NullMarked
package dev.waterline.vex.internal.image;

import org.jspecify.annotations.NullMarked;
