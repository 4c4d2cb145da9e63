package dev.waterline.vex.internal.json;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps SLF4J quiet in an application that has no SLF4J provider.
 *
 * <p>The JSON-schema library Waterline validates with logs through slf4j-api 2. Without a provider
 * (slf4j-simple, logback, …) SLF4J falls back to its no-operation logger and prints three warning
 * lines on stderr the first time a logger is made: a library user saw them at their first
 * validation. {@link #beforeFirstLogger()}, called before that library is first used, names the
 * same no-operation fallback explicitly ({@value #PROVIDER}) when, and only when, the application
 * has no provider and has not chosen one itself; SLF4J then behaves exactly as it would have,
 * without the warning. An application that ships a provider, or sets {@value #PROVIDER}, is left
 * alone. docs/using.md ("Logging") says so.
 */
public final class QuietLogging {
  /** SLF4J's system property naming the provider class. */
  public static final String PROVIDER = "slf4j.provider";

  /** SLF4J's system property for the level of its own messages. */
  public static final String VERBOSITY = "slf4j.internal.verbosity";

  /** SLF4J's own no-operation provider, the one it falls back to. */
  public static final String NOP_PROVIDER = "org.slf4j.helpers.NOP_FallbackServiceProvider";

  private static volatile boolean done;

  private QuietLogging() {}

  /** Makes SLF4J's no-provider fallback silent; a no-op after the first call. */
  public static void beforeFirstLogger() {
    if (done) {
      return;
    }
    synchronized (QuietLogging.class) {
      if (done) {
        return;
      }
      done = true;
      if (System.getProperty(PROVIDER) != null || hasProvider()) {
        return;
      }
      System.setProperty(PROVIDER, NOP_PROVIDER);
      // Naming the provider makes SLF4J say so at its INFO level ("Attempting to load provider").
      if (System.getProperty(VERBOSITY) == null) {
        System.setProperty(VERBOSITY, "WARN");
      }
    }
  }

  /** Whether SLF4J would find a provider: the same lookup, without instantiating one. */
  static boolean hasProvider() {
    try {
      return ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader())
          .stream()
          .findAny()
          .isPresent();
    } catch (ServiceConfigurationError e) {
      // A broken provider declaration: leave it to SLF4J to report.
      return true;
    } catch (LinkageError e) {
      // slf4j-api 1.x wins on the class path (a Maven 3.9 plugin sees Maven's own slf4j-api
      // 1.7, which binds through StaticLoggerBinder and has no SLF4JServiceProvider): its
      // binding is the host's choice, so leave it alone.
      return true;
    }
  }
}
