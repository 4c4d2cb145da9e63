/** Attach and fetch in every attachment layout, over any store. */
@NullMarked
package dev.waterline.vex.oci.internal.attach;

import org.jspecify.annotations.NullMarked;
