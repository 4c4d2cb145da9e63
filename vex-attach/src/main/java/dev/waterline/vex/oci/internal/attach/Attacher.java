package dev.waterline.vex.oci.internal.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.waterline.vex.oci.AttachmentLayout;
import dev.waterline.vex.oci.Attestation;
import dev.waterline.vex.oci.AttestationKind;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageManifest;
import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.ContentException;
import dev.waterline.vex.oci.internal.store.OciStore;
import dev.waterline.vex.oci.internal.store.ReferrersListing;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.oci.internal.store.TagConflictException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Writes attestations next to an image, in the layouts of DESIGN.md ("Attachment layouts"), over
 * any {@link OciStore}. Order of writes: blobs, then the manifest, then whatever lists it.
 */
public final class Attacher {
  /** The empty JSON object that empty descriptors point at. */
  public static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.US_ASCII);

  /** The empty descriptor: {@code application/vnd.oci.empty.v1+json}, {@code {}}, 2 bytes. */
  public static final Descriptor EMPTY_DESCRIPTOR = Descriptor.of(MediaTypes.EMPTY, EMPTY_JSON);

  private final OciStore store;
  private final @Nullable Instant created;

  /**
   * An attacher for {@code store}.
   *
   * @param created the {@code org.opencontainers.image.created} annotation of referrers, or null
   *     for none (so that the same attestation always gives the same manifest digest)
   */
  public Attacher(OciStore store, @Nullable Instant created) {
    this.store = store;
    this.created = created == null ? null : created.truncatedTo(ChronoUnit.SECONDS);
  }

  /** A blob or manifest that was stored with other bytes than its digest says, and rewritten. */
  public record Repair(Digest digest, String note) {}

  /**
   * What one layout wrote.
   *
   * @param added false when the attestation was there already
   * @param repairs what was found damaged under the digests written, and rewritten (layouts, and
   *     memory; a registry checks digests itself)
   */
  public record Written(
      AttachmentLayout layout,
      Digest manifest,
      @Nullable String tag,
      boolean added,
      List<Repair> repairs) {
    /** Copies the list. */
    public Written {
      repairs = List.copyOf(repairs);
    }
  }

  /**
   * Makes sure the store holds {@code content} under its digest, rewriting what is damaged, and
   * notes it: nothing is claimed "added" or "already present" on top of a damaged blob.
   */
  private void repair(byte[] content, List<Repair> repairs) {
    store.repair(content).ifPresent(note -> repairs.add(new Repair(Digest.of(content), note)));
  }

  /** The subject manifest a tag or digest names in the store. */
  public StoredManifest resolve(String target) {
    return store
        .manifest(target)
        .orElseThrow(
            () ->
                new OciException(
                    "no image "
                        + (Digest.isDigest(target) ? "with the digest " : "tagged ")
                        + target
                        + " in "
                        + store.describe(),
                    target,
                    Digest.isDigest(target) ? target : null,
                    null,
                    null));
  }

  /** Attaches {@code att} to {@code subject} in each of {@code layouts}. */
  public List<Written> attach(
      StoredManifest subject, Attestation att, List<AttachmentLayout> layouts) {
    for (AttachmentLayout layout : layouts) {
      check(layout, att);
    }
    // The .att layout is written first (the results keep the order asked for): it is the one that
    // can be full (OciJson.MAX_LAYERS attestations), and then nothing is written.
    Written[] out = new Written[layouts.size()];
    int attAt = layouts.indexOf(AttachmentLayout.COSIGN_ATT_TAG);
    if (attAt >= 0) {
      out[attAt] = attTag(subject, att);
    }
    for (int i = 0; i < layouts.size(); i++) {
      if (i == attAt) {
        continue;
      }
      AttachmentLayout layout = layouts.get(i);
      switch (layout) {
        case SIGSTORE_BUNDLE_REFERRER:
          out[i] = referrer(subject, att, layout, bundleAnnotations(att));
          break;
        case STATEMENT_REFERRER:
          out[i] = referrer(subject, att, layout, statementAnnotations(att));
          break;
        case COSIGN_ATT_TAG:
          out[i] = attTag(subject, att);
          break;
        default:
          throw new IllegalStateException(layout.toString());
      }
    }
    return List.of(out);
  }

  private static void check(AttachmentLayout layout, Attestation att) {
    String problem = null;
    if (!layout.isWritable()) {
      problem = layout + " is read only: Waterline does not write it";
    } else if (layout == AttachmentLayout.SIGSTORE_BUNDLE_REFERRER
        && att.kind() != AttestationKind.SIGSTORE_BUNDLE) {
      problem = layout + " needs a Sigstore bundle, but the attestation is a " + att.kind();
    } else if (layout == AttachmentLayout.SIGSTORE_BUNDLE_REFERRER
        && !MediaTypes.SIGSTORE_BUNDLE_V03.equals(bundleMediaType(att))) {
      problem =
          layout
              + " needs a bundle of media type "
              + MediaTypes.SIGSTORE_BUNDLE_V03
              + " (what cosign ≥ 3 reads), but it is "
              + bundleMediaType(att);
    } else if (layout == AttachmentLayout.COSIGN_ATT_TAG && att.envelope().isEmpty()) {
      problem =
          layout
              + " needs a DSSE envelope or a bundle holding one, but the attestation is a "
              + att.kind();
    } else if (layout == AttachmentLayout.STATEMENT_REFERRER
        && att.kind() != AttestationKind.IN_TOTO_STATEMENT) {
      problem = layout + " holds bare in-toto statements, but the attestation is a " + att.kind();
    }
    if (problem != null) {
      throw new OciException("cannot attach " + att + ": " + problem);
    }
  }

  private static String bundleMediaType(Attestation att) {
    var mt = OciJson.tree(att.bytes(), "the bundle").get("mediaType");
    return mt == null ? "(none)" : mt.asText();
  }

  private Map<String, String> bundleAnnotations(Attestation att) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(MediaTypes.ANNOTATION_BUNDLE_CONTENT, "dsse-envelope");
    a.put(MediaTypes.ANNOTATION_BUNDLE_PREDICATE_TYPE, att.predicateType());
    addCreated(a);
    return a;
  }

  private Map<String, String> statementAnnotations(Attestation att) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put(MediaTypes.ANNOTATION_IN_TOTO_PREDICATE_TYPE, att.predicateType());
    addCreated(a);
    return a;
  }

  private void addCreated(Map<String, String> a) {
    if (created != null) {
      a.put(MediaTypes.ANNOTATION_CREATED, DateTimeFormatter.ISO_INSTANT.format(created));
    }
  }

  /** The manifest bytes of a referrer holding {@code att}. */
  public static byte[] referrerManifest(
      StoredManifest subject, Attestation att, AttachmentLayout layout, Map<String, String> ann) {
    String mediaType = att.kind().mediaType();
    Descriptor layer = Descriptor.of(mediaType, att.digest(), att.bytes().length);
    if (layout == AttachmentLayout.STATEMENT_REFERRER) {
      layer =
          layer.withAnnotations(
              Map.of(MediaTypes.ANNOTATION_IN_TOTO_PREDICATE_TYPE, att.predicateType()));
    }
    ImageManifest m =
        ImageManifest.oci(mediaType, EMPTY_DESCRIPTOR, List.of(layer), subject.descriptor(), ann);
    return OciJson.write(m);
  }

  private Written referrer(
      StoredManifest subject, Attestation att, AttachmentLayout layout, Map<String, String> ann) {
    byte[] manifest = referrerManifest(subject, att, layout, ann);
    Digest digest = Digest.of(manifest);
    List<Repair> repairs = new ArrayList<>();
    repair(EMPTY_JSON, repairs);
    repair(att.bytes(), repairs);
    repair(manifest, repairs);
    store.putBlob(EMPTY_JSON);
    store.putBlob(att.bytes());
    if (store.supportsReferrers()) {
      boolean present =
          store
              .referrers(subject.digest())
              .map(ReferrersListing::referrers)
              .orElse(List.of())
              .stream()
              .anyMatch(d -> d.digest().equals(digest));
      store.putManifest(manifest, MediaTypes.OCI_MANIFEST, null);
      return new Written(layout, digest, null, !present, repairs);
    }
    String tag = ReferrersIndex.referrerTag(subject.digest(), digest);
    store.putManifest(manifest, MediaTypes.OCI_MANIFEST, tag);
    Descriptor entry =
        Descriptor.of(MediaTypes.OCI_MANIFEST, digest, manifest.length)
            .withArtifactType(att.kind().mediaType())
            .withAnnotations(ann);
    boolean added = ReferrersIndex.add(store, subject.digest(), List.of(entry));
    return new Written(layout, digest, tag, added, repairs);
  }

  /** The time cosign gives its attestation images' config and history. */
  private static final String COSIGN_ZERO_TIME = "0001-01-01T00:00:00Z";

  /** {@code sha256-<hex>.att}. */
  public static String attTag(Digest subject) {
    return subject.referrersTag() + ".att";
  }

  private OciException attFull(String tag, int layers) {
    return new OciException(
        "cannot add the attestation to "
            + tag
            + " in "
            + store.describe()
            + ": it already holds "
            + layers
            + " attestations, the most one manifest may have ("
            + OciJson.MAX_LAYERS
            + " layers; fetch refuses larger ones); remove superseded attestations first (prune),"
            + " or attach it as a referrer only; nothing was attached",
        tag,
        null,
        null,
        null);
  }

  private Written attTag(StoredManifest subject, Attestation att) {
    byte[] envelope = att.envelope().orElseThrow();
    List<Repair> repairs = new ArrayList<>();
    repair(envelope, repairs);
    Digest envelopeDigest = store.putBlob(envelope);
    String tag = attTag(subject.digest());
    Descriptor layer =
        Descriptor.of(MediaTypes.DSSE_ENVELOPE, envelopeDigest, envelope.length)
            .withAnnotations(
                Map.of(
                    MediaTypes.ANNOTATION_COSIGN_SIGNATURE,
                    "",
                    MediaTypes.ANNOTATION_COSIGN_PREDICATE_TYPE,
                    att.predicateType()));
    return store.exclusive(
        () -> {
          for (int attempt = 1; attempt <= ReferrersIndex.MAX_ATTEMPTS; attempt++) {
            ReferrersIndex.pause(store, attempt);
            Optional<StoredManifest> existing = readAtt(tag);
            Optional<ImageManifest> current = existing.map(m -> parseAtt(tag, m));
            List<Descriptor> layers =
                new ArrayList<>(current.map(ImageManifest::layers).orElse(List.of()));
            if (layers.stream().anyMatch(l -> l.digest().equals(envelopeDigest))) {
              return new Written(
                  AttachmentLayout.COSIGN_ATT_TAG,
                  existing.orElseThrow().digest(),
                  tag,
                  attempt > 1,
                  repairs);
            }
            if (layers.size() >= OciJson.MAX_LAYERS) {
              throw attFull(tag, layers.size());
            }
            layers.add(layer);
            ImageManifest m = nextAttManifest(tag, current.orElse(null), layers, repairs);
            byte[] bytes = OciJson.write(m);
            repair(bytes, repairs);
            StoredManifest written = store.putManifest(bytes, m.mediaType(), tag);
            if (readAtt(tag)
                .map(x -> parseAtt(tag, x))
                .map(ImageManifest::layers)
                .orElse(List.of())
                .stream()
                .anyMatch(l -> l.digest().equals(envelopeDigest))) {
              return new Written(
                  AttachmentLayout.COSIGN_ATT_TAG, written.digest(), tag, true, repairs);
            }
          }
          throw new OciException(
              "could not add the attestation to "
                  + tag
                  + " in "
                  + store.describe()
                  + ": other writers replaced it "
                  + ReferrersIndex.MAX_ATTEMPTS
                  + " times in a row",
              tag,
              null,
              null,
              null);
        });
  }

  /**
   * Removes the layers {@code gone}, and those whose digest carries a removal marker ({@code
   * removedPrefixes}), from the {@code .att} manifest of {@code subject}: read, filter, write (the
   * config's {@code rootfs.diff_ids} and {@code history} entries of those layers dropped too), read
   * back and check; again when another writer got in between. A manifest left without layers is
   * written so (its tag kept): deleting it could take a concurrent writer's attestation along.
   *
   * @return the digest of the manifest that held them, when any was there
   */
  public Optional<Digest> removeFromAtt(
      Digest subject, Set<Digest> gone, Set<String> removedPrefixes) {
    String tag = attTag(subject);
    return store.exclusive(
        () -> {
          Digest before = null;
          for (int attempt = 1; attempt <= ReferrersIndex.MAX_ATTEMPTS; attempt++) {
            ReferrersIndex.pause(store, attempt);
            Optional<StoredManifest> existing = readAtt(tag);
            if (existing.isEmpty()) {
              return Optional.ofNullable(before);
            }
            ImageManifest current = parseAtt(tag, existing.get());
            List<Descriptor> kept = new ArrayList<>();
            List<Integer> dropped = new ArrayList<>();
            for (int i = 0; i < current.layers().size(); i++) {
              Descriptor l = current.layers().get(i);
              if (gone.contains(l.digest())
                  || ReferrersIndex.removed(l.digest(), removedPrefixes)) {
                dropped.add(i);
              } else {
                kept.add(l);
              }
            }
            if (dropped.isEmpty()) {
              return Optional.ofNullable(before);
            }
            if (before == null) {
              before = existing.get().digest();
            }
            ImageManifest next = withoutLayers(tag, current, kept, dropped);
            try {
              store.putManifestIfCurrent(
                  OciJson.write(next), next.mediaType(), tag, existing.get().digest());
            } catch (TagConflictException e) {
              continue;
            }
            boolean clean =
                readAtt(tag)
                    .map(x -> parseAtt(tag, x))
                    .map(ImageManifest::layers)
                    .orElse(List.of())
                    .stream()
                    .noneMatch(
                        l ->
                            gone.contains(l.digest())
                                || ReferrersIndex.removed(l.digest(), removedPrefixes));
            if (clean) {
              return Optional.of(before);
            }
          }
          throw new OciException(
              "could not remove attestations from "
                  + tag
                  + " in "
                  + store.describe()
                  + ": other writers replaced it "
                  + ReferrersIndex.MAX_ATTEMPTS
                  + " times in a row (where removal markers are kept, fetch no longer shows them;"
                  + " run prune again to tidy the tag)",
              tag,
              null,
              null,
              null);
        });
  }

  /**
   * {@code current} with {@code kept} as its layers and the config entries of {@code dropped} gone.
   */
  private ImageManifest withoutLayers(
      String tag, ImageManifest current, List<Descriptor> kept, List<Integer> dropped) {
    Descriptor oldConfig = current.config();
    Optional<byte[]> oldBytes;
    try {
      oldBytes = store.blob(oldConfig.digest());
    } catch (ContentException e) {
      oldBytes = Optional.empty(); // damaged: a fresh cosign config replaces it
    }
    byte[] config = cosignConfig(kept);
    if (oldBytes.isPresent()) {
      String what =
          "the config "
              + oldConfig.digest()
              + " of the manifest "
              + tag
              + " in "
              + store.describe();
      JsonNode tree = OciJson.exactTree(oldBytes.get(), what);
      if (tree instanceof ObjectNode) {
        ObjectNode out = ((ObjectNode) tree).deepCopy();
        JsonNode rootfs = out.get("rootfs");
        if (rootfs instanceof ObjectNode && rootfs.get("diff_ids") instanceof ArrayNode) {
          ArrayNode ids = (ArrayNode) rootfs.get("diff_ids");
          Set<String> goneIds = new HashSet<>();
          for (int i : dropped) {
            goneIds.add(current.layers().get(i).digest().toString());
          }
          for (int i = ids.size() - 1; i >= 0; i--) {
            if (goneIds.contains(ids.get(i).asText())) {
              ids.remove(i);
            }
          }
        }
        if (out.get("history") instanceof ArrayNode
            && out.get("history").size() == current.layers().size()) {
          ArrayNode history = (ArrayNode) out.get("history");
          for (int k = dropped.size() - 1; k >= 0; k--) {
            history.remove(dropped.get(k));
          }
        }
        config = OciJson.generate(g -> g.writeTree(out));
      }
    }
    store.putBlob(config);
    return current
        .withLayers(kept)
        .withConfig(oldConfig.withContent(oldConfig.mediaType(), Digest.of(config), config.length));
  }

  /**
   * The manifest the {@code .att} tag names. Its bytes cannot be rebuilt (it holds other
   * attestations), so damaged ones are refused, not repaired.
   */
  private Optional<StoredManifest> readAtt(String tag) {
    try {
      return store.manifest(tag);
    } catch (ContentException e) {
      throw new OciException(
          "cannot attach to "
              + tag
              + " in "
              + store.describe()
              + ": "
              + e.getMessage()
              + "; it holds other attestations, so it is left alone (restore it, or delete the tag"
              + " to start a new one)",
          tag,
          e.digest().orElse(null),
          null,
          e);
    }
  }

  /**
   * The {@code .att} manifest with {@code layers}: a new one in cosign's shape, or {@code current}
   * (written by us or by another tool) with only what we own changed: the layers, and the config
   * blob, to which the new layer's diff ID and a history entry are appended. Everything else
   * (annotations, {@code artifactType}, unknown fields, the config's other fields and descriptor
   * fields) is kept.
   */
  private ImageManifest nextAttManifest(
      String tag, @Nullable ImageManifest current, List<Descriptor> layers, List<Repair> repairs) {
    if (current == null) {
      byte[] config = cosignConfig(layers);
      repair(config, repairs);
      store.putBlob(config);
      return ImageManifest.oci(
          null, Descriptor.of(MediaTypes.OCI_CONFIG, config), layers, null, Map.of());
    }
    Descriptor oldConfig = current.config();
    Optional<byte[]> oldBytes;
    try {
      oldBytes = store.blob(oldConfig.digest());
    } catch (ContentException e) {
      throw new OciException(
          "cannot add to "
              + tag
              + " in "
              + store.describe()
              + ": "
              + e.getMessage()
              + "; the config cannot be rebuilt from it, so it is left alone",
          tag,
          oldConfig.digest().toString(),
          null,
          e);
    }
    byte[] config =
        oldBytes.isPresent()
            ? appendToConfig(tag, oldConfig, oldBytes.get(), layers.get(layers.size() - 1))
            : cosignConfig(layers); // nothing to keep: the old config is gone
    repair(config, repairs);
    store.putBlob(config);
    return current
        .withLayers(layers)
        .withConfig(oldConfig.withContent(oldConfig.mediaType(), Digest.of(config), config.length));
  }

  /**
   * {@code config} with {@code layer}'s digest appended to {@code rootfs.diff_ids} and, when it has
   * a {@code history}, an entry like cosign's; other fields as they were. For a config in cosign's
   * shape this is exactly {@link #cosignConfig} of the new layer list.
   */
  private byte[] appendToConfig(
      String tag, Descriptor descriptor, byte[] config, Descriptor layer) {
    String what =
        "the config " + descriptor.digest() + " of the manifest " + tag + " in " + store.describe();
    JsonNode tree = OciJson.exactTree(config, what);
    if (!(tree instanceof ObjectNode)) {
      throw new OciException(
          "cannot add to "
              + tag
              + " in "
              + store.describe()
              + ": "
              + what
              + " is not a JSON object; it is left alone",
          tag,
          descriptor.digest().toString(),
          "",
          null);
    }
    ObjectNode out = ((ObjectNode) tree).deepCopy();
    JsonNode rootfs = out.get("rootfs");
    if (rootfs instanceof ObjectNode && rootfs.get("diff_ids") instanceof ArrayNode) {
      ((ArrayNode) rootfs.get("diff_ids")).add(layer.digest().toString());
    }
    if (out.get("history") instanceof ArrayNode) {
      ((ArrayNode) out.get("history")).addObject().put("created", COSIGN_ZERO_TIME);
    }
    return OciJson.generate(g -> g.writeTree(out));
  }

  private ImageManifest parseAtt(String tag, StoredManifest m) {
    if (!m.isManifest()) {
      throw new OciException(
          "the tag "
              + tag
              + " in "
              + store.describe()
              + " holds a "
              + m.mediaType()
              + ", not cosign's attestation image; it is left alone",
          tag,
          m.digest().toString(),
          null,
          null);
    }
    return OciJson.parseManifest(
        m.bytes(), "the manifest " + tag + " in " + store.describe(), m.digest());
  }

  /**
   * The image config cosign gives its attestation images: empty architecture and os, the zero time,
   * one history entry and one diff_id (the layer digest) per layer.
   */
  static byte[] cosignConfig(List<Descriptor> layers) {
    String zero = COSIGN_ZERO_TIME;
    return OciJson.generate(
        g -> {
          g.writeStartObject();
          g.writeStringField("architecture", "");
          g.writeStringField("created", zero);
          g.writeArrayFieldStart("history");
          for (int i = 0; i < layers.size(); i++) {
            g.writeStartObject();
            g.writeStringField("created", zero);
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeStringField("os", "");
          g.writeObjectFieldStart("rootfs");
          g.writeStringField("type", "layers");
          g.writeArrayFieldStart("diff_ids");
          for (Descriptor l : layers) {
            g.writeString(l.digest().toString());
          }
          g.writeEndArray();
          g.writeEndObject();
          g.writeObjectFieldStart("config");
          g.writeEndObject();
          g.writeEndObject();
        });
  }
}
