package dev.waterline.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waterline.vex.Justification;
import dev.waterline.vex.Statement;
import dev.waterline.vex.Status;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Ticket workflow: a ticket system's export (each ticket with its status changes over time) becomes
 * one OpenVEX document, updated version by version as the tickets move.
 *
 * <p>Ticket states map to VEX: {@code triage} (a scanner opened the ticket; nobody has looked yet)
 * says nothing; {@code under_investigation}, {@code not_affected} (with a justification), {@code
 * affected} (with an action) and {@code fixed} each add a statement timed when the ticket changed.
 * The first statement creates the document (version 1, go-vex's canonical {@code @id}); every later
 * one is added as {@code vexctl add} does it ({@link VexDocument#withStatement(Statement,
 * Instant)}): same {@code @id}, version + 1, {@code last_updated} = the ticket's time. The ticket
 * key and comment go into {@code status_notes}, so the document tells who decided and where.
 *
 * <p>Run again on a newer export and only changes after the document's {@code last_updated} are
 * added; run on the same export and nothing changes. Because every time comes from the tickets, the
 * output is the same bytes on every run.
 *
 * <pre>
 * samples/run TicketWorkflow [TICKETS.json] [OUT.openvex.json]
 * </pre>
 *
 * Without arguments (or with {@code -} for the tickets) it reads the bundled {@code tickets.json}
 * and writes {@code payments-api.openvex.json} in the current directory.
 */
public final class TicketWorkflow {
  private TicketWorkflow() {}

  /** One status change of one ticket. */
  public record TicketEvent(
      String ticket,
      String cve,
      String product,
      @Nullable String component,
      Instant at,
      String status,
      @Nullable String justification,
      @Nullable String action,
      @Nullable String comment) {}

  /**
   * A ticket export: the team that owns the tickets (the VEX author) and every change, in order.
   */
  public record Export(String team, List<TicketEvent> events) {
    /** Sorts the events by time (ties keep the export's order). */
    public Export {
      events =
          events.stream().sorted(Comparator.comparing(TicketEvent::at)).toList(); // stable sort
    }
  }

  /** Reads an export such as {@code src/main/resources/dev/waterline/samples/tickets.json}. */
  public static Export readExport(InputStream json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    String team = text(root, "team", "");
    List<TicketEvent> events = new ArrayList<>();
    JsonNode tickets = root.path("tickets");
    for (int t = 0; t < tickets.size(); t++) {
      JsonNode ticket = tickets.get(t);
      String where = "/tickets/" + t;
      JsonNode history = ticket.path("history");
      for (int h = 0; h < history.size(); h++) {
        JsonNode change = history.get(h);
        String at = text(change, "at", where + "/history/" + h);
        events.add(
            new TicketEvent(
                text(ticket, "key", where),
                text(ticket, "cve", where),
                text(ticket, "product", where),
                optional(ticket, "component"),
                Instant.parse(at),
                text(change, "status", where + "/history/" + h),
                optional(change, "justification"),
                optional(change, "action"),
                optional(change, "comment")));
      }
    }
    return new Export(team, events);
  }

  /** Reads the export bundled with the samples. */
  public static Export bundledExport() {
    try (InputStream in =
        Objects.requireNonNull(
            TicketWorkflow.class.getResourceAsStream("tickets.json"), "tickets.json")) {
      return readExport(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The VEX statement a ticket change stands for, or empty for {@code triage}.
   *
   * @throws IllegalArgumentException for a ticket state this workflow does not know
   */
  public static Optional<Statement> statementFor(TicketEvent e) {
    Statement.Builder b;
    switch (e.status()) {
      case "triage":
        return Optional.empty();
      case "under_investigation":
        b = Vex.underInvestigation(e.cve(), e.product());
        break;
      case "not_affected":
        b =
            Vex.notAffected(e.cve(), e.product())
                .justification(
                    Justification.parse(required(e.justification(), e, "justification")));
        break;
      case "affected":
        b = Vex.affected(e.cve(), e.product(), required(e.action(), e, "action"));
        break;
      case "fixed":
        b = Vex.fixed(e.cve(), e.product());
        break;
      default:
        throw new IllegalArgumentException(
            e.ticket()
                + " at "
                + e.at()
                + ": expected a ticket state triage, under_investigation, not_affected, affected or"
                + " fixed but was '"
                + e.status()
                + "'");
    }
    if (e.component() != null) {
      b.subcomponent(e.component());
    }
    String notes = e.ticket() + (e.comment() == null ? "" : ": " + e.comment());
    return Optional.of(b.statusNotes(notes).timestamp(e.at()).build());
  }

  /**
   * Brings the document in {@code vexFile} up to date with the export: creates it with the first
   * statement when the file does not exist, then adds every change later than the document's last
   * update, one version per change, and writes the file.
   *
   * @return every version made by this run, oldest first (empty when the file was up to date)
   */
  public static List<VexDocument> update(Path vexFile, Export export) throws IOException {
    VexDocument doc = Files.exists(vexFile) ? Vex.read(vexFile) : null;
    List<VexDocument> versions = new ArrayList<>();
    for (TicketEvent e : export.events()) {
      if (doc != null && !e.at().isAfter(doc.lastUpdated().or(doc::timestamp).orElseThrow())) {
        continue; // already in the document
      }
      Optional<Statement> statement = statementFor(e);
      if (statement.isEmpty()) {
        continue;
      }
      doc =
          doc == null
              ? Vex.document(export.team()).timestamp(e.at()).statement(statement.get()).build()
              : doc.withStatement(statement.get(), e.at());
      versions.add(doc);
    }
    if (!versions.isEmpty()) {
      Files.write(vexFile, versions.get(versions.size() - 1).toJsonBytes());
    }
    return versions;
  }

  /** Runs the workflow and prints one line per new version, then the effective status per CVE. */
  public static void main(String[] args) throws IOException {
    Export export;
    if (args.length > 0 && !args[0].equals("-")) {
      try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
        export = readExport(in);
      }
    } else {
      export = bundledExport();
    }
    Path out = Path.of(args.length > 1 ? args[1] : "payments-api.openvex.json");
    List<VexDocument> versions = update(out, export);
    for (VexDocument v : versions) {
      Statement last = v.statements().get(v.statements().size() - 1);
      System.out.printf(
          "version %d  %s  %s %s (%s)%n",
          v.version(),
          v.lastUpdated().or(v::timestamp).orElseThrow(),
          last.vulnerability().name(),
          last.status(),
          last.statusNotes().orElse(""));
    }
    if (versions.isEmpty()) {
      System.out.println(out + " is up to date");
    }
    VexDocument doc = Vex.read(out);
    System.out.println(out + ": " + doc.id().orElse("") + " version " + doc.version());
    Map<String, TicketEvent> lastChange = new LinkedHashMap<>();
    export.events().forEach(e -> lastChange.put(e.ticket(), e));
    for (TicketEvent e : lastChange.values()) {
      String status = effectiveStatus(doc, e.product(), e.cve()).map(Status::value).orElse("none");
      System.out.println("  " + e.ticket() + " " + e.cve() + ": " + status);
    }
  }

  /** The effective status of {@code cve} in {@code product}: the latest statement wins. */
  public static Optional<Status> effectiveStatus(VexDocument doc, String product, String cve) {
    return Vex.index(List.of(doc)).effective(product, cve).map(s -> s.status());
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(
          "ticket export at " + where + ": expected a string '" + field + "'");
    }
    return v.asText();
  }

  private static @Nullable String optional(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String required(@Nullable String value, TicketEvent e, String field) {
    if (value == null) {
      throw new IllegalArgumentException(
          e.ticket() + " at " + e.at() + ": " + e.status() + " needs '" + field + "'");
    }
    return value;
  }
}
