/**
 * Triage of scanner findings with VEX, CISA KEV, EPSS, the base-image waterline and a written
 * policy; the audit trail of every decision; VEX applied to SARIF.
 */
@NullMarked
package dev.waterline.vex.policy;

import org.jspecify.annotations.NullMarked;
