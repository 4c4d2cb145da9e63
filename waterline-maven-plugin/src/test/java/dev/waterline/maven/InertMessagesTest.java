package dev.waterline.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.VexException;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;

/** What the goals print quotes documents and registries: nothing of it acts on the terminal. */
class InertMessagesTest {
  static final String HOSTILE = "CVE-2024-0001\u001b[2J\u001b]0;title\u0007\u202eevil";
  static final String INERT = "CVE-2024-0001\\u001b[2J\\u001b]0;title\\u0007\\u202eevil";

  /** A goal whose work logs a warning and then fails with a message. */
  static class Goal extends WaterlineMojo {
    final RuntimeException failure;
    final List<String> logged = new ArrayList<>();

    Goal(RuntimeException failure) {
      this.failure = failure;
      setLog(
          new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
              logged.add(content.toString());
            }
          });
    }

    @Override
    boolean goalSkipped() {
      return false;
    }

    @Override
    void run() throws MojoFailureException {
      getLog().warn("Waterline: " + HOSTILE);
      throw failure;
    }
  }

  @Test
  void logLinesAndFailureMessagesHaveTheirControlsEscaped() {
    Goal goal = new Goal(new VexException("not an OpenVEX document: " + HOSTILE));
    assertThatThrownBy(goal::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("not an OpenVEX document: " + INERT);
    assertThat(goal.logged).containsExactly("Waterline: " + INERT);
  }

  /**
   * Each log call is one record: a line feed inside it would write a line that reads as Maven's.
   */
  @Test
  void aLineFeedInsideALogRecordIsEscaped() {
    Goal goal =
        new Goal(new IllegalStateException("unused")) {
          @Override
          void run() {
            getLog().warn("Waterline: remediate CVE-2024-0001\n[INFO] BUILD SUCCESS");
          }
        };
    try {
      goal.execute();
    } catch (org.apache.maven.plugin.MojoExecutionException
        | org.apache.maven.plugin.MojoFailureException e) {
      throw new AssertionError(e);
    }
    assertThat(goal.logged)
        .containsExactly("Waterline: remediate CVE-2024-0001\\u000a[INFO] BUILD SUCCESS");
  }

  @Test
  void aFailureTheGoalThrowsItselfIsEscapedToo() {
    Goal goal =
        new Goal(new IllegalStateException("unused")) {
          @Override
          void run() throws MojoFailureException {
            throw new MojoFailureException("1 finding(s) to remediate:\n  remediate " + HOSTILE);
          }
        };
    assertThatThrownBy(goal::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("1 finding(s) to remediate:\n  remediate " + INERT);
  }
}
