package dev.waterline.maven;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One VEX statement declared in the POM, inside {@code <statements>}: about the image the build
 * produced, so it names no product; {@code <subcomponents>} name the packages in the image it is
 * about.
 *
 * <pre>{@code
 * <statement>
 *   <vulnerability>CVE-2023-44487</vulnerability>
 *   <status>not_affected</status>
 *   <justification>vulnerable_code_not_in_execute_path</justification>
 *   <subcomponents>
 *     <subcomponent>pkg:maven/io.netty/netty-codec-http2@4.1.96.Final</subcomponent>
 *   </subcomponents>
 * </statement>
 * }</pre>
 */
public class Statement {
  /** The vulnerability: CVE-…, GHSA-… or another identifier (required). */
  @Nullable String vulnerability;

  /** Other names of the vulnerability. */
  List<String> aliases = new ArrayList<>();

  /** not_affected, affected, fixed or under_investigation (required). */
  @Nullable String status;

  /** For not_affected: one of OpenVEX's justifications (or give an impact statement). */
  @Nullable String justification;

  /** For not_affected: why, in words. */
  @Nullable String impact;

  /** For affected: what to do (required then). */
  @Nullable String action;

  /** Free-text notes on the status. */
  @Nullable String statusNotes;

  /**
   * Extra products besides the built image (purls or other identifiers); the image is always one.
   */
  List<String> products = new ArrayList<>();

  /** The packages in the image the statement is about (purls). */
  List<String> subcomponents = new ArrayList<>();

  /**
   * When the statement was made (RFC 3339). Default: {@code project.build.outputTimestamp}, so the
   * VEX is reproducible.
   */
  @Nullable String timestamp;

  /** Creates an empty statement; Maven fills in the fields. */
  public Statement() {}

  @Override
  public String toString() {
    return "statement " + vulnerability + " " + status;
  }
}
