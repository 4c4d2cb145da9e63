/**
 * Decisions in, VEX out: the ticket loop of a platform team. {@link
 * dev.waterline.vex.workflow.Decisions} reads decisions (CSV, JSON lines, a Jira export) and
 * applies them to one OpenVEX document per image, adding a statement only when it changes the
 * effective status or its reasons, so that running again on the same input changes no byte. {@link
 * dev.waterline.vex.workflow.Carry} carries VEX to a rebuilt image: the statements whose component
 * is unchanged (same layer, same package version) become a new document about the new image; the
 * rest are listed as needing a new decision.
 */
@NullMarked
@CheckReturnValue
package dev.waterline.vex.workflow;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
