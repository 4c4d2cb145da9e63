/**
 * Decisions in, VEX out: the ticket loop of a platform team. {@link
 * dev.waterline.vex.workflow.Decisions} reads decisions (CSV, JSON lines, a Jira export) and
 * applies them to one OpenVEX document per image, adding a statement only when it changes the
 * effective status or its reasons, so that running again on the same input changes no byte.
 */
@NullMarked
package dev.waterline.vex.workflow;

import org.jspecify.annotations.NullMarked;
