/**
 * Waterline's own test doubles: the in-memory store (with hooks that corrupt or delete content)
 * that vex-attach's tests and its in-process OCI 1.1 registry use. Not API.
 */
@NullMarked
package dev.waterline.vex.testkit.internal;

import org.jspecify.annotations.NullMarked;
