/**
 * The Waterline Maven plugin: {@code waterline:vex}, {@code waterline:attest}, {@code
 * waterline:attach} and {@code waterline:triage}, thin goals over the Waterline library.
 */
@NullMarked
package dev.waterline.maven;

import org.jspecify.annotations.NullMarked;
