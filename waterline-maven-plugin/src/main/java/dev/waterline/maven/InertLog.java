package dev.waterline.maven;

import dev.waterline.vex.internal.io.TerminalText;
import org.apache.maven.plugin.logging.Log;

/**
 * Maven's log, with every message made inert ({@link TerminalText}): the goals' messages quote
 * documents, reports and registries, which could otherwise write escape sequences or bidi overrides
 * into the build's console and CI log.
 */
final class InertLog implements Log {
  private final Log log;

  InertLog(Log log) {
    this.log = log;
  }

  private static String inert(CharSequence content) {
    return TerminalText.inline(String.valueOf(content));
  }

  @Override
  public boolean isDebugEnabled() {
    return log.isDebugEnabled();
  }

  @Override
  public void debug(CharSequence content) {
    log.debug(inert(content));
  }

  @Override
  public void debug(CharSequence content, Throwable error) {
    log.debug(inert(content), error);
  }

  @Override
  public void debug(Throwable error) {
    log.debug(error);
  }

  @Override
  public boolean isInfoEnabled() {
    return log.isInfoEnabled();
  }

  @Override
  public void info(CharSequence content) {
    log.info(inert(content));
  }

  @Override
  public void info(CharSequence content, Throwable error) {
    log.info(inert(content), error);
  }

  @Override
  public void info(Throwable error) {
    log.info(error);
  }

  @Override
  public boolean isWarnEnabled() {
    return log.isWarnEnabled();
  }

  @Override
  public void warn(CharSequence content) {
    log.warn(inert(content));
  }

  @Override
  public void warn(CharSequence content, Throwable error) {
    log.warn(inert(content), error);
  }

  @Override
  public void warn(Throwable error) {
    log.warn(error);
  }

  @Override
  public boolean isErrorEnabled() {
    return log.isErrorEnabled();
  }

  @Override
  public void error(CharSequence content) {
    log.error(inert(content));
  }

  @Override
  public void error(CharSequence content, Throwable error) {
    log.error(inert(content), error);
  }

  @Override
  public void error(Throwable error) {
    log.error(error);
  }
}
