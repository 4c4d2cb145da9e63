/**
 * Image references, digests, OCI image layouts and VEX attachments: the public API of vex-attach.
 */
@NullMarked
package dev.waterline.vex.oci;

import org.jspecify.annotations.NullMarked;
