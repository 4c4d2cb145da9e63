/**
 * Image references, digests, OCI image layouts and VEX attachments: the public API of vex-attach.
 */
@NullMarked
@CheckReturnValue
package dev.waterline.vex.oci;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
