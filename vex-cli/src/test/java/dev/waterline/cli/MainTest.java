package dev.waterline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
  private final Cli cli = Cli.atFixedTime();

  @Nested
  class Help {
    @Test
    void listsEveryVerb() {
      Cli.Result r = cli.run("--help");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).contains("Usage: waterline");
      for (String verb : Main.VERBS) {
        assertThat(r.out()).containsPattern("(?m)^  " + verb + " +\\S");
      }
      assertThat(r.err()).isEmpty();
    }

    @Test
    void sumsUpEachVerbInTheListAsOneWholeSentence() {
      Cli.Result r = cli.run("--help");
      List<String> lines = r.out().lines().toList();
      for (String verb : Main.VERBS) {
        Pattern entry = Pattern.compile("^  " + Pattern.quote(verb) + " +(\\S.*)$");
        int i = 0;
        while (i < lines.size() && !entry.matcher(lines.get(i)).matches()) {
          i++;
        }
        assertThat(i).as("the line of %s in%n%s", verb, r.out()).isLessThan(lines.size());
        Matcher m = entry.matcher(lines.get(i));
        assertThat(m.matches()).isTrue();
        StringBuilder summary = new StringBuilder(m.group(1).trim());
        while (i + 1 < lines.size() && lines.get(i + 1).matches("^ {5,}\\S.*")) {
          summary.append(' ').append(lines.get(++i).trim());
        }
        assertThat(summary.toString()).as(verb).endsWith(".");
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"create", "add", "merge", "validate", "status", "list"})
    void everyVerbExplainsItselfWithAnExample(String verb) {
      Cli.Result r = cli.run(verb, "--help");
      assertThat(r.code()).as(r.toString()).isZero();
      assertThat(r.out()).startsWith("Usage: waterline " + verb);
      assertThat(r.out()).containsPattern("Examples?:\\n  waterline " + verb);
      assertThat(r.err()).isEmpty();
    }

    @Test
    void printsTheVersion() {
      Cli.Result r = cli.run("--version");
      assertThat(r.code()).isZero();
      assertThat(r.out()).matches("waterline \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n");
    }
  }

  @Nested
  class UsageErrors {
    @Test
    void missingVerbIsOneLineWithTheVerbs() {
      Cli.Result r = cli.run();
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err())
          .isEqualTo(
              "waterline: error: missing verb: one of create, add, merge, convert, validate, status, list,"
                  + " keygen, attest, verify, attach, fetch, audit, export, detach, prune, triage, filter, embed, apply-decisions, carry, demo (see 'waterline --help')\n");
    }

    @Test
    void unknownVerbIsOneLine() {
      Cli.Result r = cli.run("frobnicate");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines()).hasSize(1);
      assertThat(r.err()).startsWith("waterline: error: ").contains("frobnicate");
    }

    @Test
    void unknownOptionNamesTheVerbForHelp() {
      Cli.Result r = cli.run("list", "--bogus", "status");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: Unknown option: '--bogus' (see 'waterline list --help')");
    }

    @Test
    void badFormatListsTheChoices() {
      Cli.Result r = cli.run("list", "--format", "xml", "status");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines())
          .containsExactly(
              "waterline: error: Invalid value for option '--format': 'xml' is not a format;"
                  + " expected text or json (see 'waterline list --help')");
    }

    @Test
    void noStackTraceWithoutVerbose() {
      Cli.Result r = Cli.atRealTime().env("SOURCE_DATE_EPOCH", "yesterday").run("list", "status");
      // list does not need the time: SOURCE_DATE_EPOCH is only read by verbs that write times.
      assertThat(r.code()).isZero();
      Cli.Result c =
          Cli.atRealTime()
              .env("SOURCE_DATE_EPOCH", "yesterday")
              .run("create", "-p", "pkg:oci/app", "-v", "CVE-2024-0001", "-s", "fixed");
      assertThat(c.code()).isEqualTo(2);
      assertThat(c.errLines())
          .containsExactly(
              "waterline: error: SOURCE_DATE_EPOCH must be unix seconds or an RFC 3339 time"
                  + " (e.g. 2026-01-01T00:00:00Z) but was 'yesterday'");
      assertThat(c.out()).isEmpty();
    }

    @Test
    void verboseAddsTheStackTrace() {
      Cli.Result r =
          Cli.atRealTime()
              .env("SOURCE_DATE_EPOCH", "yesterday")
              .run(
                  "--verbose", "create", "-p", "pkg:oci/app", "-v", "CVE-2024-0001", "-s", "fixed");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines().get(0)).startsWith("waterline: error: SOURCE_DATE_EPOCH must be");
      assertThat(r.err()).contains("CliException").contains("\tat dev.waterline.cli.");
    }

    @Test
    void verboseWorksAfterTheVerbToo() {
      Cli.Result r =
          Cli.atRealTime()
              .env("SOURCE_DATE_EPOCH", "yesterday")
              .run(
                  "create", "--verbose", "-p", "pkg:oci/app", "-v", "CVE-2024-0001", "-s", "fixed");
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).contains("\tat dev.waterline.cli.");
    }
  }
}
