package dev.waterline.samples;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import dev.waterline.vex.oci.AttachResult;
import dev.waterline.vex.oci.Attachments;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.FetchResult;
import dev.waterline.vex.oci.FetchedAttestation;
import dev.waterline.vex.oci.OciLayout;
import dev.waterline.vex.sign.Attestations;
import dev.waterline.vex.sign.Keys;
import dev.waterline.vex.sign.PublicKey;
import dev.waterline.vex.sign.SigningKey;
import dev.waterline.vex.sign.SigstoreBundle;
import dev.waterline.vex.sign.VerificationPolicy;
import dev.waterline.vex.sign.VerificationResult;
import dev.waterline.vex.sign.Verifier;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Attach and fetch on an OCI image layout, no registry needed: write a small image into a layout
 * directory, sign a VEX document about it with a fresh key, attach the signed attestation (as a
 * Sigstore bundle referrer and as cosign's {@code .att} tag), fetch everything attached back and
 * verify each with the public key.
 *
 * <p>The same calls work on a registry: {@code Registry.of("registry.local").attachments("app")}
 * instead of {@code Attachments.on(layout)}. An {@code oci:PATH[:TAG|@DIGEST]} reference names an
 * image in a layout anywhere the library takes an image reference, e.g. {@code waterline triage
 * --vex-from oci:/tmp/app-layout:1.0 --key cosign.pub}.
 *
 * <pre>
 * samples/run AttachAndFetch [LAYOUT_DIR]     # default: a new temporary directory
 * </pre>
 */
public final class AttachAndFetch {
  private AttachAndFetch() {}

  /** The repository name the attestation's subject carries. */
  public static final String REPOSITORY = "registry.local/app";

  /** One attestation found on the image and what verifying it with the key said. */
  public record Verified(FetchedAttestation attestation, VerificationResult result) {}

  /** Everything the recipe made and found. */
  public record Outcome(
      OciLayout layout,
      Digest image,
      VexDocument document,
      PublicKey publicKey,
      AttachResult attached,
      FetchResult fetched,
      List<Verified> verified) {}

  /** The VEX document the recipe signs: one statement about the image. */
  public static VexDocument document(Digest image) {
    return Vex.document("Acme Security <psirt@acme.example>")
        .timestamp(Instant.parse("2026-03-01T10:00:00Z"))
        .statement(
            Vex.notAffected("CVE-2023-44487", REPOSITORY + "@" + image)
                .subcomponent("pkg:golang/golang.org/x/net@v0.7.0")
                .justification(Justification.VULNERABLE_CODE_NOT_IN_EXECUTE_PATH))
        .build();
  }

  /** Runs the recipe in {@code layoutDir} (created if missing; must be empty or a layout). */
  public static Outcome run(Path layoutDir) {
    // 1. An image: per platform a layer, a config and a manifest; an index over both, tagged 1.0.
    OciLayout layout = OciLayout.create(layoutDir);
    Digest image = SampleImages.write(layout, "1.0", "linux/amd64", "linux/arm64");

    // 2. VEX about it, signed with a fresh key as an in-toto attestation in a Sigstore bundle.
    VexDocument doc = document(image);
    SigningKey key = Keys.generate();
    SigstoreBundle bundle = Attestations.of(doc).subject(REPOSITORY + "@" + image).signBundle(key);

    // 3. Attach: the default layouts for a bundle are the bundle referrer and cosign's .att tag.
    Attachments attachments = Attachments.on(layout);
    AttachResult attached = attachments.attach("1.0", Attestation.of(bundle.toJsonBytes()));

    // 4. Fetch by tag (the index and each platform manifest are searched) and verify each.
    FetchResult fetched = attachments.fetch("1.0");
    VerificationPolicy policy =
        VerificationPolicy.keys(key.publicKey()).subject(REPOSITORY + "@" + image);
    List<Verified> verified = new ArrayList<>();
    for (FetchedAttestation a : fetched.openVex()) {
      verified.add(new Verified(a, Verifier.verify(a.bytes(), policy)));
    }
    return new Outcome(layout, image, doc, key.publicKey(), attached, fetched, verified);
  }

  /** Runs the recipe and prints what it attached, found and verified. */
  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("app-layout");
    Outcome o = run(dir);
    System.out.println("image " + o.image() + " in " + o.layout().path());
    for (AttachResult.Entry e : o.attached().entries()) {
      System.out.println(
          "attached  "
              + e.layout()
              + " "
              + e.manifest()
              + e.tag().map(t -> " tag " + t).orElse(""));
    }
    for (Verified v : o.verified()) {
      System.out.println(
          "fetched   "
              + v.attestation().layout()
              + " "
              + v.attestation().manifest()
              + ": "
              + (v.result().verified()
                  ? "verified, " + v.result().signer().orElse("")
                  : "FAILED " + v.result().failure().orElseThrow()));
    }
    o.fetched().problems().forEach(p -> System.out.println("problem   " + p));
    System.out.println("tags: " + o.layout().tags());
  }
}
