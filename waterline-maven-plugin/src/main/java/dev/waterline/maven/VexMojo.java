package dev.waterline.maven;

import dev.waterline.vex.Justification;
import dev.waterline.vex.MergeOptions;
import dev.waterline.vex.Product;
import dev.waterline.vex.Status;
import dev.waterline.vex.ValidationFinding;
import dev.waterline.vex.ValidationReport;
import dev.waterline.vex.Validator;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexException;
import dev.waterline.vex.Vulnerability;
import dev.waterline.vex.formats.ConversionWarning;
import dev.waterline.vex.formats.ReadResult;
import dev.waterline.vex.formats.VexFormats;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.internal.io.TerminalText;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * {@code waterline:vex}: assembles the project's VEX about the image the build produced into {@code
 * target/waterline/vex.json}.
 *
 * <p>It reads every VEX file under {@code src/main/vex} (OpenVEX JSON or YAML, CSAF 2.0 VEX,
 * CycloneDX VEX; the dialect is detected from the content) and the {@code <statements>} of the POM,
 * validates them (an error fails the build, naming the file and the JSON pointer), points every
 * statement at the built image (its products become the image's {@code pkg:oci} purl; the
 * subcomponents stay) and merges them into one OpenVEX document. The document's time is the newest
 * statement's, not the clock's, so running the build again writes the same bytes.
 */
@Mojo(name = "vex", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
@SuppressWarnings("NullAway.Init") // Maven injects the parameters
public class VexMojo extends WaterlineMojo {
  /** Skips this goal. */
  @Parameter(property = "waterline.vex.skip", defaultValue = "false")
  boolean skipVex;

  /** The directory of VEX files ({@code .json}, {@code .yaml}, {@code .yml}), read recursively. */
  @Parameter(property = "waterline.vexDirectory", defaultValue = "${project.basedir}/src/main/vex")
  File vexDirectory;

  /** Statements about the built image, declared in the POM. */
  @Parameter List<Statement> statements = new ArrayList<>();

  /**
   * The author of the assembled document (a person or team, e.g. {@code Acme Security
   * <psirt@acme.example>}). Default: the author of the VEX files when they all agree (the POM's
   * statements are then theirs too); required without VEX files.
   */
  @Parameter(property = "waterline.author")
  @Nullable String author;

  /** The author's role, if any. */
  @Parameter(property = "waterline.role")
  @Nullable String role;

  /** The time of POM statements without their own {@code <timestamp>}. */
  @Parameter(defaultValue = "${project.build.outputTimestamp}")
  @Nullable String outputTimestamp;

  /** Creates the goal; Maven injects the parameters. */
  public VexMojo() {}

  @Override
  boolean goalSkipped() {
    return skipVex;
  }

  @Override
  void run() throws MojoExecutionException, MojoFailureException {
    List<Path> files = vexFiles();
    if (files.isEmpty() && statements.isEmpty()) {
      getLog()
          .info(
              "Waterline: no VEX to assemble (no files in "
                  + shown(vexDirectory.toPath())
                  + ", no <statements>)");
      try {
        Files.deleteIfExists(vexFile());
      } catch (IOException e) {
        throw new MojoExecutionException("cannot delete " + vexFile() + ": " + e.getMessage(), e);
      }
      return;
    }
    BuiltImage built = builtImage();
    List<String> errors = new ArrayList<>();
    List<VexDocument> documents = new ArrayList<>();
    Set<String> authors = new LinkedHashSet<>();
    for (Path file : files) {
      VexDocument d = readFile(file, errors);
      if (d != null) {
        authors.add(d.author());
        documents.add(aboutImage(d, built.purl()));
      }
    }
    VexDocument fromPom = pomStatements(built.purl(), documents, errors);
    if (!errors.isEmpty()) {
      throw new MojoFailureException(
          "invalid VEX ("
              + errors.size()
              + (errors.size() == 1 ? " error" : " errors")
              + "):\n  "
              + String.join("\n  ", errors.stream().map(TerminalText::inline).toList()));
    }
    if (fromPom != null) {
      documents.add(fromPom);
    }
    String by = author != null && !author.isBlank() ? author : null;
    if (by == null) {
      if (authors.size() != 1) {
        throw new MojoFailureException(
            "the assembled VEX needs an author: configure <author> (property waterline.author),"
                + " e.g. 'Acme Security <psirt@acme.example>'"
                + (authors.size() > 1 ? "; the VEX files have several: " + authors : ""));
      }
      by = authors.iterator().next();
    }
    MergeOptions.Builder options = MergeOptions.builder().author(by);
    if (role != null && !role.isBlank()) {
      options.role(role);
    }
    VexDocument merged = Vex.merge(documents, options.build());
    ValidationReport report = Validator.validate(merged);
    if (!report.errors().isEmpty()) {
      throw new MojoFailureException(
          "the assembled VEX is not valid: "
              + report.errors().stream().map(ValidationFinding::toString).toList());
    }
    byte[] bytes = (merged.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
    boolean written = writeIfChanged(vexFile(), bytes);
    getLog()
        .info(
            "Waterline: "
                + merged.statements().size()
                + (merged.statements().size() == 1 ? " statement" : " statements")
                + " about "
                + built.reference()
                + " (digest from "
                + built.source()
                + ") "
                + (written ? "written to " : "unchanged in ")
                + shown(vexFile()));
  }

  private List<Path> vexFiles() throws MojoExecutionException {
    Path dir = vexDirectory.toPath();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new MojoExecutionException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Reads and validates one file; null (with the errors added) when it is not valid. */
  private @Nullable VexDocument readFile(Path file, List<String> errors) {
    String name = shown(file);
    byte[] bytes;
    try {
      bytes = Inputs.read(file, InputKind.VEX_DOCUMENT);
    } catch (VexException e) {
      errors.add(name + ": " + e.getMessage());
      return null;
    }
    ValidationReport report = VexFormats.validate(bytes);
    for (ValidationFinding w : report.warnings()) {
      getLog().warn(name + ": " + w);
    }
    if (!report.errors().isEmpty()) {
      for (ValidationFinding e : report.errors()) {
        errors.add(name + ": " + e);
      }
      return null;
    }
    try {
      ReadResult r = VexFormats.read(bytes);
      for (ConversionWarning w : r.warnings()) {
        getLog().warn(name + " (" + r.format() + "): " + w);
      }
      return r.document();
    } catch (VexException e) {
      errors.add(name + ": " + e.getMessage());
      return null;
    }
  }

  /**
   * The document with every statement about the built image: each statement's products become the
   * image, keeping the subcomponents they named.
   */
  static VexDocument aboutImage(VexDocument d, String imagePurl) {
    List<dev.waterline.vex.Statement> out = new ArrayList<>();
    for (dev.waterline.vex.Statement s : d.statements()) {
      Set<String> subs = new LinkedHashSet<>();
      for (Product p : s.products()) {
        p.subcomponents().forEach(c -> c.id().ifPresent(subs::add));
      }
      out.add(s.withProducts(List.of(Product.of(imagePurl, subs.toArray(String[]::new)))));
    }
    return d.toBuilder().statements(out).buildLenient();
  }

  /** The POM's statements as one document; null when there are none. */
  private @Nullable VexDocument pomStatements(
      String imagePurl, List<VexDocument> files, List<String> errors) {
    if (statements.isEmpty()) {
      return null;
    }
    List<dev.waterline.vex.Statement> out = new ArrayList<>();
    Instant newest = null;
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      String where = "pom.xml <statements>, statement " + (i + 1) + " (" + s.vulnerability + ")";
      try {
        Instant time = statementTime(s, files, where);
        dev.waterline.vex.Statement st = toStatement(s, imagePurl, time, where);
        newest = newest == null || time.isAfter(newest) ? time : newest;
        out.add(st);
      } catch (VexException | IllegalArgumentException | MojoFailureException e) {
        errors.add(e.getMessage());
      }
    }
    if (out.isEmpty() || newest == null) {
      return null;
    }
    VexDocument doc =
        VexDocument.builder("pom.xml").timestamp(newest).statements(out).buildLenient();
    ValidationReport report = Validator.validate(doc);
    for (ValidationFinding e : report.errors()) {
      String pointer = e.pointer();
      String which = pointer;
      if (pointer.startsWith("/statements/")) {
        String[] parts = pointer.split("/", 4);
        try {
          which =
              "statement "
                  + (Integer.parseInt(parts[2]) + 1)
                  + (parts.length > 3 ? " /" + parts[3] : "");
        } catch (NumberFormatException ignored) {
          which = pointer;
        }
      }
      errors.add("pom.xml <statements>, " + which + ": " + e.message());
    }
    return report.errors().isEmpty() ? doc : null;
  }

  private Instant statementTime(Statement s, List<VexDocument> files, String where)
      throws MojoFailureException {
    if (s.timestamp != null && !s.timestamp.isBlank()) {
      return parseTime(s.timestamp, where + " <timestamp>");
    }
    if (outputTimestamp != null && !outputTimestamp.isBlank()) {
      return parseTime(outputTimestamp, "project.build.outputTimestamp");
    }
    Instant newest = null;
    for (VexDocument d : files) {
      for (dev.waterline.vex.Statement st : d.statements()) {
        Instant t = d.effectiveTimestamp(st).orElse(null);
        if (t != null && (newest == null || t.isAfter(newest))) {
          newest = t;
        }
      }
    }
    if (newest == null) {
      throw new MojoFailureException(
          where
              + ": no time: give it a <timestamp> (RFC 3339) or set the property"
              + " project.build.outputTimestamp, so that the VEX is the same on every build");
    }
    return newest;
  }

  static Instant parseTime(String text, String where) throws MojoFailureException {
    String t = text.strip();
    try {
      if (t.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochSecond(Long.parseLong(t));
      }
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new MojoFailureException(
          where + ": '" + text + "' is not a time (RFC 3339, e.g. 2026-01-31T12:00:00Z)", e);
    }
  }

  private static dev.waterline.vex.Statement toStatement(
      Statement s, String imagePurl, Instant time, String where) throws MojoFailureException {
    if (s.vulnerability == null || s.vulnerability.isBlank()) {
      throw new MojoFailureException(where + ": <vulnerability> is missing");
    }
    if (s.status == null || s.status.isBlank()) {
      throw new MojoFailureException(where + ": <status> is missing; one of " + Status.labels());
    }
    Status status;
    try {
      status = Status.parse(s.status.strip());
    } catch (VexException | IllegalArgumentException e) {
      throw new MojoFailureException(
          where + ": <status> '" + s.status + "' is not one of " + Status.labels(), e);
    }
    Justification justification = null;
    if (s.justification != null && !s.justification.isBlank()) {
      try {
        justification = Justification.parse(s.justification.strip());
      } catch (VexException | IllegalArgumentException e) {
        throw new MojoFailureException(
            where
                + ": <justification> '"
                + s.justification
                + "' is not one of "
                + Justification.labels(),
            e);
      }
    }
    String[] subs = s.subcomponents.stream().map(String::strip).toArray(String[]::new);
    List<Product> products = new ArrayList<>();
    products.add(Product.of(imagePurl, subs));
    for (String p : s.products) {
      products.add(Product.of(p.strip(), subs));
    }
    return dev.waterline.vex.Statement.builder()
        .vulnerability(
            Vulnerability.of(
                s.vulnerability.strip(),
                s.aliases.stream().map(String::strip).toArray(String[]::new)))
        .status(status)
        .justification(justification)
        .impactStatement(blankToNull(s.impact))
        .actionStatement(blankToNull(s.action))
        .statusNotes(blankToNull(s.statusNotes))
        .products(products)
        .timestamp(time)
        .buildLenient();
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
