package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ActivityTest {
  private final StringWriter err = new StringWriter();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);

  private Context context(boolean terminal) {
    PrintWriter none = new PrintWriter(new StringWriter());
    return new Context(none, new PrintWriter(err), Map.of(), now::get, terminal);
  }

  @Test
  void staysSilentForWorkUnderASecond() {
    try (Activity a = Activity.manual(context(true), "attaching to app:1", now::get)) {
      now.set(Instant.EPOCH.plusMillis(900));
      a.tick();
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void showsTheLineAfterASecondAndErasesItAtTheEnd() {
    try (Activity a = Activity.manual(context(true), "attaching to app:1", now::get)) {
      now.set(Instant.EPOCH.plusMillis(1500));
      a.tick();
      now.set(Instant.EPOCH.plusMillis(3200));
      a.tick();
    }
    assertThat(err.toString())
        .isEqualTo(
            "\r\033[Kattaching to app:1 … 1 s" + "\r\033[Kattaching to app:1 … 3 s" + "\r\033[K");
  }

  @Test
  void printsNothingWhenNotOnATerminal() {
    try (Activity a = Activity.manual(context(false), "attaching to app:1", now::get)) {
      now.set(Instant.EPOCH.plusSeconds(10));
      a.tick();
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aTickAfterCloseIsIgnored() {
    Activity a = Activity.manual(context(true), "pulling base", now::get);
    a.close();
    now.set(Instant.EPOCH.plusSeconds(5));
    a.tick();
    assertThat(err.toString()).isEmpty();
  }
}
