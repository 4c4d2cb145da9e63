package dev.waterline.vex.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.VexDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionsTest {
  static final String DIGEST = "sha256:" + "7f3e9a1c5b2d4e6f".repeat(4);
  static final String IMAGE = "registry.acme.example/payments-api@" + DIGEST;
  static final String PURL =
      "pkg:oci/payments-api@sha256%3A"
          + "7f3e9a1c5b2d4e6f".repeat(4)
          + "?repository_url=registry.acme.example/payments-api";
  static final String OTHER_IMAGE = "registry.acme.example/billing@sha256:" + "ab".repeat(32);
  static final String HEADER =
      "ticket,vulnerability,product,subcomponent,status,justification,impact_statement,"
          + "action_statement,author,time\n";
  static final ApplyOptions OPTIONS = ApplyOptions.defaults().withAuthor("Acme Platform Security");

  @TempDir Path dir;

  static List<Decision> csv(String rows) {
    return Decisions.parse(
        (HEADER + rows).getBytes(StandardCharsets.UTF_8), "decisions.csv", DecisionFormat.CSV);
  }

  static String row(String ticket, String vuln, String status, String justification, String time) {
    return ticket
        + ","
        + vuln
        + ","
        + IMAGE
        + ",,"
        + status
        + ","
        + justification
        + ",,,,"
        + time
        + "\n";
  }

  static Path write(Path dir, String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  static Map<String, byte[]> snapshot(Path dir) throws Exception {
    Map<String, byte[]> m = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        m.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    }
    return m;
  }

  @Nested
  class Applying {
    @Test
    void writesOneDocumentPerImageWithTheNewestDecisionTimeAndTheTicketInStatusNotes()
        throws Exception {
      List<Decision> ds =
          csv(
              row(
                      "SEC-1",
                      "CVE-2024-3094",
                      "Not affected",
                      "Component not present",
                      "2026-03-01T10:00:00Z")
                  + row(
                      "SEC-2", "CVE-2023-44487", "under_investigation", "", "2026-03-02T10:00:00Z")
                  + "SEC-3,CVE-2024-1,"
                  + OTHER_IMAGE
                  + ",,fixed,,,,alice@acme.example,2026-03-03T10:00:00Z\n");

      ApplyResult r = Decisions.applyTo(dir, ds, OPTIONS);

      assertThat(r.images()).hasSize(2);
      assertThat(r.added()).isEqualTo(3);
      ImageUpdate app =
          r.images().stream().filter(u -> u.product().equals(PURL)).findFirst().orElseThrow();
      assertThat(app.fileName()).matches("payments-api-[0-9a-f]{16}\\.openvex\\.json");
      VexDocument doc = VexDocument.read(dir.resolve(app.fileName()));
      assertThat(doc.version()).isEqualTo(1);
      assertThat(doc.author()).isEqualTo("Acme Platform Security");
      assertThat(doc.timestamp()).contains(Instant.parse("2026-03-02T10:00:00Z"));
      assertThat(doc.validate().errors()).isEmpty();
      Statement first = doc.statements().get(0);
      assertThat(first.statusNotes()).contains("ticket SEC-1");
      assertThat(first.justification()).contains(Justification.COMPONENT_NOT_PRESENT);
      assertThat(doc.effective(PURL, "CVE-2024-3094").orElseThrow().status())
          .isEqualTo(Status.NOT_AFFECTED);
      VexDocument billing =
          VexDocument.read(dir.resolve(Decisions.fileName(Decisions.product(OTHER_IMAGE))));
      assertThat(billing.statements().get(0).statusNotes())
          .contains("ticket SEC-3, decided by alice@acme.example");
    }

    @Test
    void changesNoByteWhenRunAgainOnTheSameInput() throws Exception {
      List<Decision> ds =
          csv(
              row("SEC-1", "CVE-2024-3094", "under_investigation", "", "2026-03-01T10:00:00Z")
                  + row(
                      "SEC-1",
                      "CVE-2024-3094",
                      "not_affected",
                      "vulnerable_code_not_present",
                      "2026-03-04T10:00:00Z"));
      Decisions.applyTo(dir, ds, OPTIONS);
      Map<String, byte[]> before = snapshot(dir);

      ApplyResult again = Decisions.applyTo(dir, ds, OPTIONS);

      assertThat(again.changed()).isEmpty();
      assertThat(again.unchanged()).isEqualTo(2);
      Map<String, byte[]> after = snapshot(dir);
      assertThat(after.keySet()).isEqualTo(before.keySet());
      before.forEach((name, bytes) -> assertThat(after.get(name)).isEqualTo(bytes));
    }

    @Test
    void givesTheSameBytesWhateverTheOrderOfTheInputLines() throws Exception {
      String a =
          row("SEC-1", "CVE-1", "affected", "", "2026-03-01T10:00:00Z")
              .replace(",,,,2026", ",,Upgrade,,2026");
      String b = row("SEC-2", "CVE-1", "fixed", "", "2026-03-02T10:00:00Z");
      Path one = dir.resolve("one");
      Path two = dir.resolve("two");

      Decisions.applyTo(one, csv(a + b), OPTIONS);
      Decisions.applyTo(two, csv(b + a), OPTIONS);

      assertThat(snapshot(one).values()).hasSize(1);
      assertThat(snapshot(one).values().iterator().next())
          .isEqualTo(snapshot(two).values().iterator().next());
    }

    @Test
    void addsAStatementOnlyWhenTheStatusOrItsReasonsChange() throws Exception {
      Decisions.applyTo(
          dir,
          csv(row("SEC-1", "CVE-1", "under_investigation", "", "2026-03-01T10:00:00Z")),
          OPTIONS);

      ApplyResult same =
          Decisions.applyTo(
              dir,
              csv(row("SEC-1", "CVE-1", "Under Investigation", "", "2026-03-05T10:00:00Z")),
              OPTIONS);
      ApplyResult changed =
          Decisions.applyTo(
              dir,
              csv(
                  row(
                      "SEC-1",
                      "CVE-1",
                      "not_affected",
                      "Vulnerable code not in execute path",
                      "2026-03-06T10:00:00Z")),
              OPTIONS);

      assertThat(same.changed()).isEmpty();
      assertThat(same.unchanged()).isEqualTo(1);
      ImageUpdate u = changed.images().get(0);
      assertThat(u.added()).isEqualTo(1);
      assertThat(u.previousVersion()).isEqualTo(1);
      VexDocument doc = u.document();
      assertThat(doc.version()).isEqualTo(2);
      assertThat(doc.lastUpdated()).contains(Instant.parse("2026-03-06T10:00:00Z"));
      assertThat(doc.id()).isEqualTo(VexDocument.read(dir.resolve(u.fileName())).id());
      assertThat(doc.effective(PURL, "CVE-1").orElseThrow().statement().justification())
          .contains(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH);
    }

    @Test
    void recordsAnOlderDecisionAsHistoryWithoutChangingTheEffectiveStatus() throws Exception {
      Decisions.applyTo(
          dir, csv(row("SEC-1", "CVE-1", "fixed", "", "2026-03-10T10:00:00Z")), OPTIONS);

      ApplyResult late =
          Decisions.applyTo(
              dir,
              csv(row("SEC-0", "CVE-1", "under_investigation", "", "2026-03-01T10:00:00Z")),
              OPTIONS);

      ImageUpdate u = late.images().get(0);
      assertThat(u.history()).isEqualTo(1);
      assertThat(u.added()).isZero();
      VexDocument doc = u.document();
      assertThat(doc.version()).isEqualTo(2);
      assertThat(doc.statements())
          .extracting(s -> s.status() + " " + s.timestamp().orElseThrow())
          .containsExactly(
              "under_investigation 2026-03-01T10:00:00Z", "fixed 2026-03-10T10:00:00Z");
      assertThat(doc.effective(PURL, "CVE-1").orElseThrow().status()).isEqualTo(Status.FIXED);
      assertThat(doc.lastUpdated()).contains(Instant.parse("2026-03-10T10:00:00Z"));
      // and again: nothing changes
      assertThat(
              Decisions.applyTo(
                      dir,
                      csv(row("SEC-0", "CVE-1", "under_investigation", "", "2026-03-01T10:00:00Z")),
                      OPTIONS)
                  .changed())
          .isEmpty();
    }

    @Test
    void keepsSubcomponentsApartAndImageNamesTogether() {
      List<Decision> ds = new ArrayList<>();
      Decision base =
          Decision.builder()
              .ticket("SEC-1")
              .vulnerability("CVE-1")
              .product(IMAGE)
              .status(Status.FIXED)
              .time(Instant.parse("2026-03-01T00:00:00Z"))
              .build();
      ds.add(base);
      ds.add(base.toBuilder().product(PURL + "&tag=1.0").subcomponent("pkg:npm/a@1.0").build());
      ds.add(base.toBuilder().product("registry.acme.example/payments-api:1.0@" + DIGEST).build());

      ApplyResult r = Decisions.apply(ds, Map.of(), OPTIONS);

      assertThat(r.images()).hasSize(1);
      assertThat(r.images().get(0).added()).isEqualTo(2);
      assertThat(r.images().get(0).unchanged()).isEqualTo(1);
    }

    @Test
    void keepsARegistryAgnosticOciPurlAsWrittenAndRefusesOneWithoutDigest() {
      String agnostic = "pkg:oci/app@sha256%3A" + "ab".repeat(32);
      assertThat(Decisions.product(agnostic)).isEqualTo(agnostic);
      assertThatThrownBy(() -> Decisions.product("pkg:oci/app@1.0"))
          .hasMessage("the oci purl 'pkg:oci/app@1.0' has no sha256 digest as its version");
    }

    @Test
    void takesTheAuthorOfTheEarliestDecisionWhenNoneIsGivenAndRefusesWhenThereIsNone() {
      Decision d =
          Decision.builder()
              .ticket("SEC-1")
              .vulnerability("CVE-1")
              .product(IMAGE)
              .status("fixed")
              .time("2026-03-01T00:00:00Z")
              .build();

      assertThat(
              Decisions.apply(
                      List.of(d.toBuilder().author("bob").build()),
                      Map.of(),
                      ApplyOptions.defaults())
                  .images()
                  .get(0)
                  .document()
                  .author())
          .isEqualTo("bob");
      assertThatThrownBy(() -> Decisions.apply(List.of(d), Map.of(), ApplyOptions.defaults()))
          .hasMessageStartingWith("no author for the new document about " + PURL)
          .hasMessageEndingWith("(ticket SEC-1): give an author (--author)");
    }
  }

  @Nested
  class Labels {
    @Test
    void acceptsTheSpecsLabelsAndTheHumanOnesTicketSystemsExport() {
      String[][] cases = {
        {"Vulnerable code not in execute path", "vulnerable_code_not_in_execute_path"},
        {"Component not present", "component_not_present"},
        {"Inline mitigations already exist", "inline_mitigations_already_exist"},
        {"vulnerable-code-not-present", "vulnerable_code_not_present"},
        {
          "Vulnerable code cannot be controlled by an adversary",
          "vulnerable_code_cannot_be_controlled_by_adversary"
        },
        {"code_not_reachable", "vulnerable_code_not_in_execute_path"},
        {"  VULNERABLE_CODE_NOT_PRESENT ", "vulnerable_code_not_present"},
      };
      for (String[] c : cases) {
        Decision d =
            csv(row("SEC-1", "CVE-1", "Not Affected", "\"" + c[0] + "\"", "2026-03-01T00:00:00Z"))
                .get(0);
        assertThat(d.justification().orElseThrow().value()).as(c[0]).isEqualTo(c[1]);
        assertThat(d.status()).isEqualTo(Status.NOT_AFFECTED);
      }
      assertThat(
              Decision.builder()
                  .ticket("t")
                  .vulnerability("v")
                  .product(IMAGE)
                  .status("In Triage")
                  .time("2026-03-01T00:00:00Z")
                  .build()
                  .status())
          .isEqualTo(Status.UNDER_INVESTIGATION);
    }
  }

  @Nested
  class Errors {
    @Test
    void namesTheLineColumnAndFieldOfAnUnknownJustification() {
      assertThatThrownBy(
              () ->
                  csv(
                      row(
                              "SEC-1",
                              "CVE-1",
                              "not_affected",
                              "component_not_present",
                              "2026-03-01T00:00:00Z")
                          + row(
                              "SEC-2",
                              "CVE-2",
                              "not_affected",
                              "not reachable",
                              "2026-03-01T00:00:00Z")))
          .isInstanceOf(DecisionException.class)
          .hasMessageStartingWith(
              "decisions.csv: line 3, column 6, field 'justification': expected a justification,"
                  + " one of [component_not_present,")
          .hasMessageEndingWith("but was 'not reachable'");
    }

    @Test
    void namesTheLineOfABadStatusTimeProductAndMissingField() {
      assertThatThrownBy(() -> csv(row("SEC-1", "CVE-1", "fixd", "", "2026-03-01T00:00:00Z")))
          .hasMessageStartingWith(
              "decisions.csv: line 2, column 5, field 'status': expected a status, one of"
                  + " [not_affected, affected, fixed, under_investigation]");
      assertThatThrownBy(() -> csv(row("SEC-1", "CVE-1", "fixed", "", "yesterday")))
          .hasMessage(
              "decisions.csv: line 2, column 10, field 'time': expected a time in RFC 3339 with an"
                  + " offset (2026-03-01T10:30:00Z) or as Jira writes it"
                  + " (2026-03-01T10:30:00.000+0000) but was 'yesterday'");
      assertThatThrownBy(() -> csv("SEC-1,CVE-1,pkg:npm/%zz,,fixed,,,,,2026-03-01T00:00:00Z\n"))
          .hasMessageStartingWith(
              "decisions.csv: line 2, column 3, field 'product': invalid package URL"
                  + " 'pkg:npm/%zz'");
      assertThatThrownBy(
              () ->
                  csv(
                      "SEC-1,CVE-1,registry.acme.example/app:1.0,,fixed,,,,,2026-03-01T00:00:00Z\n"))
          .hasMessageContaining("line 2, column 3, field 'product': the image reference")
          .hasMessageContaining("has no digest");
      assertThatThrownBy(() -> csv(",CVE-1," + IMAGE + ",,fixed,,,,,2026-03-01T00:00:00Z\n"))
          .hasMessage("decisions.csv: line 2, column 1, field 'ticket': required but empty");
      assertThatThrownBy(() -> csv(row("SEC-1", "CVE-1", "affected", "", "2026-03-01T00:00:00Z")))
          .hasMessage(
              "decisions.csv: line 2, column 8, field 'action_statement': affected needs an"
                  + " action_statement; it is empty");
      assertThatThrownBy(
              () -> csv(row("SEC-1", "CVE-1", "not_affected", "", "2026-03-01T00:00:00Z")))
          .hasMessageContaining("line 2, column 6, field 'justification': not_affected needs");
    }

    @Test
    void namesAnUnknownOrMissingHeaderColumn() {
      assertThatThrownBy(
              () ->
                  Decisions.parse(
                      "ticket,vulnerability,product,status,time,Summary\n"
                          .getBytes(StandardCharsets.UTF_8),
                      "d.csv",
                      DecisionFormat.CSV))
          .hasMessageStartingWith(
              "d.csv: line 1, column 6 (header): unknown field 'Summary': expected one of");
      assertThatThrownBy(
              () ->
                  Decisions.parse(
                      "ticket,vulnerability,product,status\n".getBytes(StandardCharsets.UTF_8),
                      "d.csv",
                      DecisionFormat.CSV))
          .hasMessage(
              "d.csv: line 1 (header), field 'time': required column missing; the header has"
                  + " [ticket, vulnerability, product, status]");
    }

    @Test
    void writesNothingWhenOneDecisionIsBad() throws Exception {
      Path file =
          write(
              dir,
              "d.csv",
              HEADER
                  + row("SEC-1", "CVE-1", "fixed", "", "2026-03-01T00:00:00Z")
                  + row("SEC-2", "CVE-2", "fixed", "", "2026-13-01T00:00:00Z"));
      Path out = dir.resolve("out");

      assertThatThrownBy(
              () -> Decisions.applyTo(out, Decisions.read(file, DecisionFormat.CSV), OPTIONS))
          .isInstanceOf(DecisionException.class)
          .hasMessageContaining("d.csv: line 3, column 10, field 'time'");
      assertThat(out).doesNotExist();
    }

    @Test
    void namesTheLineOfBadJsonLines() {
      String ok =
          "{\"ticket\":\"SEC-1\",\"vulnerability\":\"CVE-1\",\"product\":\""
              + IMAGE
              + "\",\"status\":\"fixed\",\"time\":\"2026-03-01T00:00:00Z\"}\n";
      assertThat(jsonl(ok + "\n" + ok)).hasSize(2);
      assertThatThrownBy(() -> jsonl(ok + "{\"ticket\": \"SEC-2\", \"ticket\": \"x\"}\n"))
          .hasMessageStartingWith("d.jsonl: line 2, column ")
          .hasMessageContaining("not valid JSON: ")
          .hasMessageContaining("duplicate field 'ticket' in one object");
      assertThatThrownBy(() -> jsonl(ok + ok.replace("\"fixed\"", "\"fixd\"")))
          .hasMessageStartingWith("d.jsonl: line 2, field 'status': expected a status");
      assertThatThrownBy(() -> jsonl(ok + ok.replace("\"status\"", "\"state\"")))
          .hasMessageStartingWith("d.jsonl: line 2, field 'state': unknown field 'state'");
      assertThatThrownBy(() -> jsonl(ok.replace("\"SEC-1\"", "42")))
          .hasMessage("d.jsonl: line 1, field 'ticket': expected a string but found a number");
      assertThatThrownBy(() -> jsonl("[1]\n"))
          .hasMessage("d.jsonl: line 1: expected a JSON object but found an array");
    }

    private List<Decision> jsonl(String text) {
      return Decisions.parse(
          text.getBytes(StandardCharsets.UTF_8), "d.jsonl", DecisionFormat.JSON_LINES);
    }
  }

  @Nested
  class Csv {
    @Test
    void readsQuotedCommasQuotesLineBreaksCrLfAndABom() {
      String text =
          "\uFEFF"
              + HEADER.replace("\n", "\r\n")
              + "SEC-1,CVE-1,"
              + IMAGE
              + ",,not_affected,,\"Only \"\"admin\"\" can reach it,\r\nand only at night\",,,"
              + "2026-03-01T00:00:00Z\r\n"
              + "\r\n"
              + "\"SEC-2\",CVE-2,\""
              + IMAGE
              + "\",,fixed,,,,\"\",2026-03-02T00:00:00Z";
      List<Decision> ds =
          Decisions.parse(text.getBytes(StandardCharsets.UTF_8), "q.csv", DecisionFormat.CSV);

      assertThat(ds).hasSize(2);
      assertThat(ds.get(0).impactStatement())
          .contains("Only \"admin\" can reach it,\r\nand only at night");
      assertThat(ds.get(1).ticket()).isEqualTo("SEC-2");
      assertThat(ds.get(1).author()).isEmpty();
    }

    @Test
    void countsLinesInsideQuotedFieldsForLaterErrors() {
      assertThatThrownBy(
              () ->
                  csv(
                      "SEC-1,CVE-1,"
                          + IMAGE
                          + ",,not_affected,,\"two\nlines\",,,"
                          + "2026-03-01T00:00:00Z\n"
                          + row("SEC-2", "CVE-2", "bogus", "", "2026-03-01T00:00:00Z")))
          .hasMessageStartingWith("decisions.csv: line 4, column 5, field 'status'");
    }

    @Test
    void refusesAnUnterminatedQuoteAQuoteInAnUnquotedFieldAndTextAfterAClosingQuote() {
      assertThatThrownBy(() -> csv("SEC-1,\"CVE-1\n,,\n"))
          .hasMessage(
              "decisions.csv: line 2, column 2: the quoted field that starts here has no closing"
                  + " quote");
      assertThatThrownBy(() -> csv("SEC-1,CVE\"1,x\n"))
          .hasMessageStartingWith(
              "decisions.csv: line 2, column 2: a quote inside an unquoted field");
      assertThatThrownBy(() -> csv("SEC-1,\"CVE-1\"x,y\n"))
          .hasMessage(
              "decisions.csv: line 2, column 2: expected a comma or the end of the line after the"
                  + " closing quote but found 'x'");
      assertThatThrownBy(() -> csv("SEC-1,CVE-1\n"))
          .hasMessage("decisions.csv: line 2: expected 10 fields as in the header but found 2");
    }
  }

  @Nested
  class Jira {
    static final String EXPORT =
        "{\n"
            + "  \"expand\": \"schema,names\",\n"
            + "  \"total\": 3,\n"
            + "  \"issues\": [\n"
            + "    {\"key\": \"SEC-1\", \"fields\": {\"summary\": \"xz\",\n"
            + "      \"customfield_10100\": \"CVE-2024-3094\", \"product\": \""
            + IMAGE
            + "\",\n"
            + "      \"vex_status\": {\"value\": \"Not affected\", \"id\": \"10301\"},\n"
            + "      \"justification\": {\"value\": \"Vulnerable code not present\"},\n"
            + "      \"assignee\": {\"displayName\": \"Alice\", \"emailAddress\": \"alice@acme.example\"},\n"
            + "      \"updated\": \"2026-03-04T16:00:00.000+0000\"}},\n"
            + "    {\"key\": \"SEC-2\", \"fields\": {\"summary\": \"no decision yet\",\n"
            + "      \"vex_status\": null, \"updated\": \"2026-03-05T16:00:00.000+0000\"}},\n"
            + "    {\"key\": \"SEC-3\", \"fields\": {\n"
            + "      \"customfield_10100\": \"CVE-2023-44487\", \"product\": \""
            + IMAGE
            + "\",\n"
            + "      \"vex_status\": {\"value\": \"Affected\"},\n"
            + "      \"action_statement\": \"Upgrade netty\",\n"
            + "      \"updated\": \"2026-03-06T08:00:00.000+0100\"}}\n"
            + "  ]\n"
            + "}\n";

    static final JiraFields MAPPING =
        JiraFields.defaults().with("vulnerability", "customfield_10100");

    @Test
    void readsKeysOptionsUsersAndJiraTimesAndSkipsIssuesWithoutAStatus() {
      List<Decision> ds =
          Decisions.parse(EXPORT.getBytes(StandardCharsets.UTF_8), "jira.json", MAPPING);

      assertThat(ds).hasSize(2);
      Decision d = ds.get(0);
      assertThat(d.ticket()).isEqualTo("SEC-1");
      assertThat(d.vulnerability()).isEqualTo("CVE-2024-3094");
      assertThat(d.product()).isEqualTo(PURL);
      assertThat(d.justification()).contains(Justification.VULNERABLE_CODE_NOT_PRESENT);
      assertThat(d.author()).contains("Alice <alice@acme.example>");
      assertThat(d.time()).isEqualTo(Instant.parse("2026-03-04T16:00:00Z"));
      assertThat(ds.get(1).time()).isEqualTo(Instant.parse("2026-03-06T07:00:00Z"));
      assertThat(ds.get(1).actionStatement()).contains("Upgrade netty");
    }

    @Test
    void namesTheLineIssueAndJiraFieldOfABadDecision() {
      String bad = EXPORT.replace("Vulnerable code not present", "Because");
      assertThatThrownBy(
              () -> Decisions.parse(bad.getBytes(StandardCharsets.UTF_8), "jira.json", MAPPING))
          .hasMessageStartingWith(
              "jira.json: line 5 (/issues/0, SEC-1), field 'justification (justification)':"
                  + " expected a justification");
      String unmapped = EXPORT;
      assertThatThrownBy(
              () ->
                  Decisions.parse(
                      unmapped.getBytes(StandardCharsets.UTF_8), "jira.json", DecisionFormat.JIRA))
          .hasMessage(
              "jira.json: line 5 (/issues/0, SEC-1), field 'vulnerability (vulnerability)':"
                  + " required but empty");
      String dup = EXPORT.replace("\"total\": 3,", "\"total\": 3, \"total\": 4,");
      assertThatThrownBy(
              () -> Decisions.parse(dup.getBytes(StandardCharsets.UTF_8), "jira.json", MAPPING))
          .isInstanceOf(DecisionException.class)
          .hasMessageStartingWith("jira.json: line 3, column ")
          .hasMessageContaining("duplicate field 'total' in one object");
    }

    @Test
    void refusesAMappingForAnUnknownField() {
      assertThatThrownBy(() -> JiraFields.defaults().with("colour", "customfield_1"))
          .isInstanceOf(dev.waterline.vex.VexException.class)
          .hasMessageStartingWith("expected a decision field other than ticket");
      assertThat(JiraFields.parse(List.of("status=customfield_10101")).jiraField("status"))
          .isEqualTo("customfield_10101");
    }
  }
}
