/** Implementation of the policy engine: file formats, matching helpers, writers. Not API. */
@NullMarked
package dev.waterline.vex.policy.internal;

import org.jspecify.annotations.NullMarked;
