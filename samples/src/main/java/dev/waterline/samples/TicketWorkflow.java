package dev.waterline.samples;

import dev.waterline.vex.ImageName;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.testkit.SampleImages;
import dev.waterline.vex.workflow.ApplyOptions;
import dev.waterline.vex.workflow.ApplyResult;
import dev.waterline.vex.workflow.Decision;
import dev.waterline.vex.workflow.DecisionFormat;
import dev.waterline.vex.workflow.Decisions;
import dev.waterline.vex.workflow.ImageUpdate;
import dev.waterline.vex.workflow.JiraFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The ticket loop: decisions from a ticket system become one signed OpenVEX document per image,
 * attached to the image, and stay current as tickets change (docs/guides/ticket-loop.md).
 *
 * <ol>
 *   <li>three images are written into an OCI image layout ({@code payments-api}, {@code billing},
 *       {@code gateway});
 *   <li>round 1: the 20 decisions of {@code tickets/decisions.csv} are applied ({@link
 *       Decisions#applyTo}): three documents, version 1; each is validated, signed (ECDSA P-256,
 *       deterministic) and attached to its image;
 *   <li>round 2: a Jira export ({@code tickets/jira-export.json}, custom fields mapped with {@link
 *       JiraFields}) changes one decision (SEC-103: under investigation → not affected), repeats
 *       another with a later time and has a ticket without a decision: exactly one document gets a
 *       new version, which is signed and attached;
 *   <li>round 3: the same export again: nothing changes, nothing is signed or attached.
 * </ol>
 *
 * <p>Until {@code attach --replace} lands, round 2 adds the new version beside the old one (the
 * merged VEX is still right: the newer statement wins).
 *
 * <pre>
 * samples/run TicketWorkflow [WORK_DIR]     # default: a new temporary directory
 * </pre>
 */
public final class TicketWorkflow {
  private TicketWorkflow() {}

  /** The registry the sample images are named after (they live in the layout only). */
  public static final String REGISTRY = "registry.local";

  /** The author of the documents. */
  public static final String AUTHOR = "Acme Platform Security <psirt@acme.example>";

  /** How the Jira instance of the sample names its custom fields. */
  public static final JiraFields JIRA =
      JiraFields.defaults()
          .with("vulnerability", "customfield_10100")
          .with("product", "customfield_10101")
          .with("subcomponent", "customfield_10102")
          .with("status", "customfield_10103")
          .with("justification", "customfield_10104")
          .with("impact_statement", "customfield_10105")
          .with("action_statement", "customfield_10106");

  /** One round of the loop: what applying did and what was attached. */
  public record Round(ApplyResult applied, List<AttachResult> attached) {}

  /** The three rounds. */
  public record Outcome(OciLayout layout, Path vexDir, SigningKey key, List<Round> rounds) {}

  /** The bundled decisions file or export, copied into {@code dir}. */
  public static Path bundled(String name, Path dir) {
    try (InputStream in =
        Objects.requireNonNull(TicketWorkflow.class.getResourceAsStream("tickets/" + name), name)) {
      Path file = dir.resolve(name);
      Files.write(file, in.readAllBytes());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Applies decisions to the documents in {@code vexDir}, then validates, signs and attaches every
   * document that changed (to the image its product names, by the image's tag in the layout).
   */
  public static Round round(
      List<Decision> decisions, Path vexDir, SigningKey key, OciLayout layout) {
    ApplyResult applied =
        Decisions.applyTo(vexDir, decisions, ApplyOptions.defaults().withAuthor(AUTHOR));
    List<AttachResult> attached = new ArrayList<>();
    Attachments attachments = Attachments.on(layout);
    for (ImageUpdate u : applied.changed()) {
      VexDocument doc = u.document();
      if (!doc.validate().errors().isEmpty()) {
        throw new IllegalStateException(u.fileName() + " is not valid: " + doc.validate());
      }
      ImageName image = ImageName.fromPurl(u.product());
      SigstoreBundle bundle = Attestations.of(doc).subject(image.toString()).signBundle(key);
      String tag = image.repository().substring(image.repository().lastIndexOf('/') + 1);
      // a newer version of the image's document supersedes the old one: replace, not pile up
      attached.add(attachments.attachReplacing(tag, Attestation.of(bundle.toJsonBytes())));
    }
    return new Round(applied, attached);
  }

  /**
   * Runs the loop in {@code work} (the layout in {@code layout/}, the documents in {@code vex/}).
   */
  public static Outcome run(Path work) throws IOException {
    OciLayout layout = OciLayout.create(work.resolve("layout"));
    for (String name : List.of("payments-api", "billing", "gateway")) {
      SampleImages.write(layout, name);
    }
    SigningKey key = Keys.generate().deterministic();
    Path vex = work.resolve("vex");
    List<Round> rounds = new ArrayList<>();
    List<Decision> csv = Decisions.read(bundled("decisions.csv", work), DecisionFormat.CSV);
    rounds.add(round(csv, vex, key, layout));
    Path export = bundled("jira-export.json", work);
    rounds.add(round(Decisions.read(export, JIRA), vex, key, layout));
    rounds.add(round(Decisions.read(export, JIRA), vex, key, layout));
    return new Outcome(layout, vex, key, rounds);
  }

  /** Runs the loop and prints each round. */
  public static void main(String[] args) throws IOException {
    Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("ticket-loop");
    Outcome o = run(work);
    for (int i = 0; i < o.rounds().size(); i++) {
      Round r = o.rounds().get(i);
      System.out.println("round " + (i + 1) + ": " + r.applied());
      for (ImageUpdate u : r.applied().images()) {
        System.out.println("  " + u);
      }
      System.out.println("  attached " + r.attached().size() + " new document version(s)");
    }
    System.out.println("documents in " + o.vexDir() + ", images in " + o.layout().path());
  }
}
