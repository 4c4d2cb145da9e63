package dev.waterline.vex;

import static org.apiguardian.api.API.Status.STABLE;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.google.errorprone.annotations.CanIgnoreReturnValue;
import dev.waterline.vex.internal.canonical.CanonicalForms;
import dev.waterline.vex.internal.io.Failures;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.internal.json.VexJsonReader;
import dev.waterline.vex.internal.json.VexJsonWriter;
import dev.waterline.vex.internal.spi.Detected;
import dev.waterline.vex.internal.spi.Dialect;
import dev.waterline.vex.internal.spi.Dialects;
import dev.waterline.vex.internal.update.DocumentUpdates;
import dev.waterline.vex.internal.validate.BuildCheck;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An OpenVEX document: who says what about which vulnerabilities in which products, and when.
 * Immutable.
 *
 * <pre>{@code
 * VexDocument doc = Vex.document("Acme Security <psirt@acme.example>")
 *     .statement(Vex.notAffected("CVE-2023-44487", "pkg:oci/app@sha256%3A…")
 *         .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
 *     .build();
 * String json = doc.toJson();
 * VexDocument again = VexDocument.parse(json);
 * }</pre>
 *
 * <p>Reading accepts OpenVEX v0.2.0 and the legacy v0.0.1 shape (upgraded on read), and reads
 * leniently what real tools write (a vulnerability named only by {@code @id}, a document without a
 * timestamp), saying so in {@link #readWarnings()}; writing always produces v0.2.0 in spec field
 * order. Fields Waterline does not know are kept and written back.
 */
@API(status = STABLE, since = "0.1.0")
public final class VexDocument {
  /** The JSON-LD context of OpenVEX v0.2.0, which Waterline writes. */
  public static final String CONTEXT_V0_2_0 = "https://openvex.dev/ns/v0.2.0";

  private final String context;
  private final @Nullable String id;
  private final String author;
  private final @Nullable String role;
  private final @Nullable Instant timestamp;
  private final @Nullable Instant lastUpdated;
  private final int version;
  private final @Nullable String tooling;
  private final List<Statement> statements;
  private final Map<String, String> unknownFields;
  private final List<ValidationFinding> readWarnings; // about the bytes read; not in equals
  private volatile @Nullable VexIndex index; // derived, built lazily by effective(...)

  private VexDocument(Builder b, @Nullable String id, @Nullable Instant timestamp) {
    this.context = Values.requireText(b.context, "@context");
    this.id = Values.text(id);
    this.author = Objects.requireNonNull(b.author, "author");
    this.role = Values.text(b.role);
    this.timestamp = timestamp;
    this.lastUpdated = b.lastUpdated;
    this.version = b.version;
    this.tooling = Values.text(b.tooling);
    this.statements = Values.list(b.statements, "statements");
    this.unknownFields = Values.map(b.unknownFields, "unknown fields");
    this.readWarnings = List.of();
  }

  /** This document with the warnings of the reader that read it. */
  private VexDocument(VexDocument d, List<ValidationFinding> readWarnings) {
    this.context = d.context;
    this.id = d.id;
    this.author = d.author;
    this.role = d.role;
    this.timestamp = d.timestamp;
    this.lastUpdated = d.lastUpdated;
    this.version = d.version;
    this.tooling = d.tooling;
    this.statements = d.statements;
    this.unknownFields = d.unknownFields;
    this.readWarnings = List.copyOf(readWarnings);
  }

  static {
    VexJsonReader.attachWarningsWith(VexDocument::read);
  }

  private static VexDocument read(VexJsonReader.Result r) {
    return r.warnings().isEmpty() ? r.document() : new VexDocument(r.document(), r.warnings());
  }

  /** A builder for a new document by {@code author}, with the v0.2.0 context and version 1. */
  public static Builder builder(String author) {
    return new Builder().author(author);
  }

  /** A builder holding this document's values; it does not generate defaults on build. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.context = context;
    b.id = id;
    b.author = author;
    b.role = role;
    b.timestamp = timestamp;
    b.lastUpdated = lastUpdated;
    b.version = version;
    b.tooling = tooling;
    b.statements = new ArrayList<>(statements);
    b.unknownFields = unknownFields;
    b.defaults = false;
    return b;
  }

  // ---------------------------------------------------------------- reading and writing

  /**
   * Reads a document from text: OpenVEX (v0.2.0 or legacy) JSON or, with {@code
   * dev.waterline:vex-formats} on the path, CSAF 2.0, CycloneDX or OpenVEX written as YAML,
   * detected from the content (see {@link #read(Path)}).
   *
   * @throws VexParseException when the text is not a VEX document; for OpenVEX the exception names
   *     the JSON pointer, line and column
   */
  public static VexDocument parse(String json) {
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a document from UTF-8 bytes: OpenVEX, or another dialect as {@link #read(Path)} says.
   *
   * @throws VexParseException when the bytes are not a VEX document
   */
  public static VexDocument parse(byte[] json) {
    // Detection stops once the document says what it is, so CSAF or CycloneDX is not first parsed
    // in full as OpenVEX only to fail.
    Detected d = Dialects.detect(json);
    if (d != null && d.dialect() != Dialect.OPENVEX) {
      return Dialects.read(json, d);
    }
    try {
      return read(VexJsonReader.readWithWarnings(json));
    } catch (VexParseException e) {
      return Dialects.readOther(json, e);
    }
  }

  /**
   * Reads a document from a stream (not closed), as {@link #parse(byte[])} does: the stream is read
   * through the bounded reader, at most the VEX document limit ({@code docs/security.md}).
   *
   * @throws VexParseException when the bytes are not a VEX document
   * @throws UnreadableInputException when reading fails or the stream holds more than the limit
   */
  public static VexDocument read(InputStream in) {
    return parse(Inputs.read(in, InputKind.VEX_DOCUMENT, "the input stream"));
  }

  /**
   * Reads a document from a file: OpenVEX (v0.2.0 or legacy) or, with {@code
   * dev.waterline:vex-formats} on the path, CSAF 2.0, CycloneDX or OpenVEX written as YAML,
   * detected from the content, never from the file name. Without vex-formats such a file fails with
   * a message that says what it is and what reads it; {@code
   * dev.waterline.vex.formats.VexFormats#read} also reports what a conversion could not carry.
   *
   * <p>The file is read through the bounded reader (a regular file of at most the VEX document
   * limit, {@code docs/security.md}): OpenVEX JSON streamed, another dialect read again whole.
   *
   * @throws VexParseException when the file is not a VEX document
   * @throws UnreadableInputException when the file is missing, not a regular file, too large or
   *     cannot be read
   */
  public static VexDocument read(Path path) {
    try (InputStream in = Inputs.open(path, InputKind.VEX_DOCUMENT)) {
      return read(VexJsonReader.readWithWarnings(in));
    } catch (VexParseException e) {
      return Dialects.readOther(Inputs.read(path, InputKind.VEX_DOCUMENT), e);
    } catch (IOException e) {
      throw Failures.reading(path.toString(), e);
    }
  }

  /** This document as OpenVEX v0.2.0 JSON: spec field order, 2-space indent, {@code \n}. */
  public String toJson() {
    return new String(toJsonBytes(), StandardCharsets.UTF_8);
  }

  /** This document as UTF-8 JSON bytes, as {@link #toJson()}. */
  public byte[] toJsonBytes() {
    // Jackson's segmented builder (as its own writeValueAsBytes uses): growing it copies nothing,
    // unlike a ByteArrayOutputStream, so the bytes are copied once, into the result.
    ByteArrayBuilder out = new ByteArrayBuilder();
    writeTo(out);
    byte[] bytes = out.toByteArray();
    out.release();
    return bytes;
  }

  /**
   * Writes this document as UTF-8 JSON to a stream (not closed).
   *
   * @throws VexException when writing fails
   */
  public void writeTo(OutputStream out) {
    VexJsonWriter.write(this, out);
  }

  // ---------------------------------------------------------------- identity

  /** RFC 8785 canonical JSON of this document, the bytes to hash or compare. */
  public byte[] canonicalJson() {
    return CanonicalForms.rfc8785(this);
  }

  /**
   * go-vex's canonical hash of this document (hex SHA-256), the basis of its canonical ID.
   *
   * @throws VexException when the document has no timestamp
   */
  public String canonicalHash() {
    return CanonicalForms.goVexHash(this);
  }

  /** go-vex's canonical ID: {@code https://openvex.dev/docs/public/vex-<canonical hash>}. */
  public String canonicalId() {
    return CanonicalForms.goVexId(this);
  }

  // ---------------------------------------------------------------- validation

  /**
   * Validates this document as Waterline writes it, against OpenVEX v0.2.0 and the spec's rules. A
   * document built or read by Waterline can still be invalid (a {@code not_affected} statement
   * without a justification, a statement without products); this says where and why.
   */
  public ValidationReport validate() {
    return Validator.validate(this);
  }

  // ---------------------------------------------------------------- updates

  /**
   * This document with one more statement, as {@code vexctl add} does it: the version goes up by
   * one, {@code last_updated} becomes {@code now}, and statements that relied on the document's
   * timestamp get it written into them so that their meaning does not change.
   *
   * @throws VexException when the statement's time predates the document
   */
  public VexDocument withStatement(Statement statement, Instant now) {
    return DocumentUpdates.add(this, List.of(statement), now);
  }

  /** As {@link #withStatement(Statement, Instant)} with the current time. */
  public VexDocument withStatement(Statement statement) {
    return withStatement(statement, Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  // ---------------------------------------------------------------- accessors

  /** The JSON-LD {@code @context}. */
  public String context() {
    return context;
  }

  /** The document IRI ({@code @id}), if any. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /** The author. */
  public String author() {
    return author;
  }

  /** The author's role, if any. */
  public Optional<String> role() {
    return Optional.ofNullable(role);
  }

  /** When the document was issued; absent only in documents read from elsewhere. */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  /** When the document was last changed, if recorded. */
  public Optional<Instant> lastUpdated() {
    return Optional.ofNullable(lastUpdated);
  }

  /** The document version (≥ 1 in a valid document). */
  public int version() {
    return version;
  }

  /** The tool that produced the document, if recorded. */
  public Optional<String> tooling() {
    return Optional.ofNullable(tooling);
  }

  /** The statements in document order. */
  public List<Statement> statements() {
    return statements;
  }

  /** Fields this version of Waterline does not know, by name, each as its raw JSON text. */
  public Map<String, String> unknownFields() {
    return unknownFields;
  }

  /**
   * What the reader accepted in this document although OpenVEX v0.2.0 does not allow it, one
   * warning per kind, at the JSON pointer of its first occurrence (the message counts the others):
   * a legacy {@code @context} ({@code https://openvex.dev/ns} means v0.0.1) or legacy-shaped
   * values, upgraded; required document fields that are missing; no document {@code timestamp};
   * vulnerabilities named only by {@code @id} (see {@link Vulnerability#hasName()}).
   *
   * <p>Empty for a document without them, and for every document built or changed in code (a {@link
   * #toBuilder()} copy is a new document). These are the leniencies that let the consuming commands
   * read what real tools write; they warn once per document with them. {@link
   * Validator#validate(byte[])} reports every deviation from the spec.
   */
  public List<ValidationFinding> readWarnings() {
    return readWarnings;
  }

  /** The time a statement speaks for: its own timestamp, else the document's. */
  public Optional<Instant> effectiveTimestamp(Statement statement) {
    return statement.timestamp().or(this::timestamp);
  }

  /**
   * The statement of this document that decides the status of {@code vulnerability} in {@code
   * product}; see {@link VexIndex}. The index is built on the first call and kept.
   */
  public Optional<EffectiveStatement> effective(String product, String vulnerability) {
    VexIndex i = index;
    if (i == null) {
      i = VexIndex.of(this);
      index = i; // benign race: any thread builds an equal index
    }
    return i.effective(product, vulnerability);
  }

  /** This document with another {@code @id}. */
  public VexDocument withId(String id) {
    return toBuilder().id(id).buildLenient();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof VexDocument)) {
      return false;
    }
    VexDocument d = (VexDocument) o;
    return context.equals(d.context)
        && Objects.equals(id, d.id)
        && author.equals(d.author)
        && Objects.equals(role, d.role)
        && Objects.equals(timestamp, d.timestamp)
        && Objects.equals(lastUpdated, d.lastUpdated)
        && version == d.version
        && Objects.equals(tooling, d.tooling)
        && statements.equals(d.statements)
        && unknownFields.equals(d.unknownFields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        context,
        id,
        author,
        role,
        timestamp,
        lastUpdated,
        version,
        tooling,
        statements,
        unknownFields);
  }

  /** For example {@code VexDocument[https://openvex.dev/docs/public/vex-… by Acme v1 …]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("VexDocument[");
    sb.append(id == null ? "(no @id)" : id);
    sb.append(" by ").append(author);
    sb.append(" v").append(version);
    if (timestamp != null) {
      sb.append(" at ").append(timestamp);
    }
    sb.append(", ").append(statements.size());
    sb.append(statements.size() == 1 ? " statement" : " statements");
    int shown = Math.min(3, statements.size());
    for (int i = 0; i < shown; i++) {
      sb.append(i == 0 ? ": " : "; ").append(statements.get(i));
    }
    if (statements.size() > shown) {
      sb.append("; …");
    }
    return sb.append(']').toString();
  }

  /**
   * Builds a {@link VexDocument}. A builder from {@link VexDocument#builder(String)} fills the
   * defaults on {@link #build()}: a missing timestamp becomes now (to the second) and a missing
   * {@code @id} becomes the canonical ID. A builder from {@link VexDocument#toBuilder()} does not.
   */
  public static final class Builder {
    private String context = CONTEXT_V0_2_0;
    private @Nullable String id;
    private @Nullable String author;
    private @Nullable String role;
    private @Nullable Instant timestamp;
    private @Nullable Instant lastUpdated;
    private int version = 1;
    private @Nullable String tooling;
    private List<Statement> statements = new ArrayList<>();
    private Map<String, String> unknownFields = Map.of();
    private boolean defaults = true;

    private Builder() {}

    /** Sets the {@code @context}. */
    @CanIgnoreReturnValue
    public Builder context(String context) {
      this.context = context;
      return this;
    }

    /** Sets the {@code @id}. */
    @CanIgnoreReturnValue
    public Builder id(@Nullable String id) {
      this.id = id;
      return this;
    }

    /** Sets the author. */
    @CanIgnoreReturnValue
    public Builder author(String author) {
      this.author = Objects.requireNonNull(author, "author");
      return this;
    }

    /** Sets the author's role. */
    @CanIgnoreReturnValue
    public Builder role(@Nullable String role) {
      this.role = role;
      return this;
    }

    /** Sets when the document was issued. */
    @CanIgnoreReturnValue
    public Builder timestamp(@Nullable Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** Sets when the document was last updated. */
    @CanIgnoreReturnValue
    public Builder lastUpdated(@Nullable Instant lastUpdated) {
      this.lastUpdated = lastUpdated;
      return this;
    }

    /** Sets the version. */
    @CanIgnoreReturnValue
    public Builder version(int version) {
      this.version = version;
      return this;
    }

    /** Sets the tooling. */
    @CanIgnoreReturnValue
    public Builder tooling(@Nullable String tooling) {
      this.tooling = tooling;
      return this;
    }

    /** Replaces the statements. */
    @CanIgnoreReturnValue
    public Builder statements(List<Statement> statements) {
      this.statements = new ArrayList<>(statements);
      return this;
    }

    /** Adds a statement. */
    @CanIgnoreReturnValue
    public Builder statement(Statement statement) {
      this.statements.add(Objects.requireNonNull(statement, "statement"));
      return this;
    }

    /**
     * Builds and adds a statement, unchecked: {@link #build()} checks it with the document, {@link
     * #buildLenient()} does not.
     */
    @CanIgnoreReturnValue
    public Builder statement(Statement.Builder statement) {
      return statement(statement.buildLenient());
    }

    /** Replaces the unknown fields (name → raw JSON text). */
    @CanIgnoreReturnValue
    public Builder unknownFields(Map<String, String> unknownFields) {
      this.unknownFields = unknownFields;
      return this;
    }

    /** Whether {@link #build()} fills a missing timestamp (now) and {@code @id} (canonical ID). */
    @CanIgnoreReturnValue
    public Builder defaults(boolean defaults) {
      this.defaults = defaults;
      return this;
    }

    /**
     * Builds the document and validates it as {@link Validator#validate(VexDocument)} would.
     *
     * @throws VexException when the author or {@code @context} is missing
     * @throws InvalidVexException when validation finds an error (no statements, a statement that
     *     breaks a rule, a document or statement without a time, …); its message names the rule and
     *     the JSON pointer
     */
    public VexDocument build() {
      return BuildCheck.document(buildLenient());
    }

    /**
     * Builds the document without validating it, for readers and tools that keep what another tool
     * wrote (to show, merge or repair it).
     *
     * @throws VexException when the author or {@code @context} is missing
     */
    public VexDocument buildLenient() {
      if (author == null) {
        throw new VexException("a document needs an author");
      }
      Instant ts = timestamp;
      if (ts == null && defaults) {
        ts = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      }
      VexDocument doc = new VexDocument(this, id, ts);
      if (doc.id == null && defaults && ts != null) {
        return new VexDocument(this, doc.canonicalId(), ts);
      }
      return doc;
    }

    @Override
    public String toString() {
      return "VexDocument.Builder[by " + author + ", " + statements.size() + " statements]";
    }
  }
}
