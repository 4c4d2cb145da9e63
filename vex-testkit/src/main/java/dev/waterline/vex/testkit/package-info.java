/**
 * Test fixtures for code that uses Waterline, in their own module ({@code
 * dev.waterline:vex-testkit}, test scope) so that none of them ships in the library jars. {@link
 * dev.waterline.vex.testkit.SampleImages} writes small but real images into an OCI image layout, to
 * attach VEX to and fetch it back from in a test, with no registry.
 */
@NullMarked
@CheckReturnValue
package dev.waterline.vex.testkit;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
