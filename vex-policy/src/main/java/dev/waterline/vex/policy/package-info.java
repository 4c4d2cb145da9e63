/**
 * The inputs of triage: scanner reports ({@link dev.waterline.vex.policy.ScanReports}), the CISA
 * KEV catalog ({@link dev.waterline.vex.policy.KevCatalog}), EPSS scores ({@link
 * dev.waterline.vex.policy.EpssScores}) and the base-image waterline ({@link
 * dev.waterline.vex.policy.Waterline}).
 */
@NullMarked
@CheckReturnValue
package dev.waterline.vex.policy;

import com.google.errorprone.annotations.CheckReturnValue;
import org.jspecify.annotations.NullMarked;
