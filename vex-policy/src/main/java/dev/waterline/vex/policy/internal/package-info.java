/** Parsers for scanner reports, KEV and EPSS feeds. Not API. */
@NullMarked
package dev.waterline.vex.policy.internal;

import org.jspecify.annotations.NullMarked;
