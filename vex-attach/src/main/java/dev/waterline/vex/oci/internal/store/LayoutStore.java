package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.OciJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An OCI image layout on disk: {@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}.
 *
 * <ul>
 *   <li>Tags are {@code index.json} entries with {@code org.opencontainers.image.ref.name}.
 *   <li>Manifests stored without a tag are listed in {@code index.json} without {@code ref.name}
 *       when they have a {@code subject} (referrers); other untagged manifests (an index's platform
 *       manifests) are blobs only.
 *   <li>The referrers query scans the manifests listed in {@code index.json} without a name for a
 *       {@code subject}; tagged entries (images, {@code .att}, referrers tags) are not scanned.
 *   <li>Every file is written to a temporary file beside it and moved into place atomically.
 *   <li>Updates of {@code index.json} hold a lock: a {@link ReentrantLock} per layout directory in
 *       this process and a {@link FileLock} on {@code .waterline.lock} across processes.
 * </ul>
 */
public final class LayoutStore implements OciStore {
  /** The content of {@code oci-layout}. */
  static final String LAYOUT_VERSION = "1.0.0";

  private static final String LOCK_FILE = ".waterline.lock";
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final Path root;
  private final String where;
  private final long maxBlobBytes;
  private final ReentrantLock lock;
  private final Map<Digest, Optional<Referrers.Referrer>> referrerCache = new ConcurrentHashMap<>();
  private @Nullable FileChannel lockChannel;
  private @Nullable FileLock fileLock;

  private LayoutStore(Path root, long maxBlobBytes) {
    this.root = root;
    this.where = "oci:" + root;
    this.maxBlobBytes = maxBlobBytes;
    this.lock = LOCKS.computeIfAbsent(root, p -> new ReentrantLock());
  }

  /** Opens an existing layout. */
  public static LayoutStore open(Path dir) {
    return open(dir, DEFAULT_MAX_BLOB_BYTES);
  }

  /** Opens an existing layout with a blob size limit. */
  public static LayoutStore open(Path dir, long maxBlobBytes) {
    Path root = canonical(dir);
    String where = "oci:" + root;
    Path layoutFile = root.resolve("oci-layout");
    if (!Files.isRegularFile(layoutFile)) {
      throw new OciException(
          "cannot open the OCI image layout "
              + where
              + ": "
              + (Files.isDirectory(root) ? "it has no oci-layout file" : "no such directory"),
          where,
          null,
          null,
          null);
    }
    byte[] bytes = read(layoutFile);
    var tree = OciJson.tree(bytes, "oci-layout in " + where);
    var version = tree.get("imageLayoutVersion");
    if (version == null || !version.isTextual() || !version.asText().startsWith("1.")) {
      throw new OciException(
          "cannot open the OCI image layout "
              + where
              + ": oci-layout has imageLayoutVersion "
              + version
              + ", expected \"1.0.0\"",
          where,
          null,
          "/imageLayoutVersion",
          null);
    }
    LayoutStore store = new LayoutStore(root, maxBlobBytes);
    store.index(); // fail early on a broken index.json
    return store;
  }

  /**
   * Creates a layout (an empty {@code index.json}) in a new or empty directory, or opens the one
   * already there; refuses a non-empty directory that is not a layout.
   */
  public static LayoutStore create(Path dir) {
    try {
      Files.createDirectories(canonical(dir));
    } catch (IOException e) {
      throw new OciException(
          "cannot create the OCI image layout oci:" + canonical(dir) + ": " + e,
          "oci:" + canonical(dir),
          null,
          null,
          e);
    }
    Path root = canonical(dir); // now it exists: the real path, the same key as every later open
    try {
      if (!Files.exists(root.resolve("oci-layout"))) {
        try (var entries = Files.list(root)) {
          if (entries.anyMatch(p -> !p.getFileName().toString().equals(LOCK_FILE))) {
            throw new OciException(
                "will not create an OCI image layout in oci:"
                    + root
                    + ": the directory is not empty and holds no oci-layout file",
                "oci:" + root,
                null,
                null,
                null);
          }
        }
      }
    } catch (IOException e) {
      throw new OciException(
          "cannot create the OCI image layout oci:" + root + ": " + e,
          "oci:" + root,
          null,
          null,
          e);
    }
    LayoutStore store = new LayoutStore(root, DEFAULT_MAX_BLOB_BYTES);
    store.exclusive(
        () -> {
          if (!Files.exists(root.resolve("oci-layout"))) {
            store.writeAtomically(
                root.resolve("oci-layout"),
                OciJson.writeStrings(Map.of("imageLayoutVersion", LAYOUT_VERSION)));
          }
          if (!Files.exists(root.resolve("index.json"))) {
            store.writeAtomically(
                root.resolve("index.json"), OciJson.write(ImageIndex.of(List.of())));
          }
          return null;
        });
    return open(root);
  }

  private static Path canonical(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    try {
      return Files.exists(abs) ? abs.toRealPath() : abs;
    } catch (IOException e) {
      return abs;
    }
  }

  /** The layout directory. */
  public Path root() {
    return root;
  }

  @Override
  public String describe() {
    return where;
  }

  private Path blobPath(Digest d) {
    return root.resolve("blobs").resolve(d.algorithm()).resolve(d.hex());
  }

  @Override
  public boolean hasBlob(Digest digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  @Override
  public Optional<byte[]> blob(Digest digest) {
    return readBlob("blob", digest, maxBlobBytes);
  }

  private Optional<byte[]> readBlob(String kind, Digest digest, long limit) {
    Path p = blobPath(digest);
    try {
      long size = Files.size(p);
      if (size > limit) {
        throw Verify.tooLarge(kind, digest, size, limit, where);
      }
      byte[] b = Files.readAllBytes(p);
      Verify.digest(kind, digest, b, where);
      return Optional.of(b);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new OciException(
          "cannot read the " + kind + " " + digest + " in " + where + ": " + e,
          where,
          digest.toString(),
          null,
          e);
    }
  }

  @Override
  public Digest putBlob(byte[] content) {
    Digest d = Digest.of(content);
    Path p = blobPath(d);
    if (!Files.isRegularFile(p)) {
      writeAtomically(p, content);
    }
    return d;
  }

  @Override
  public Optional<StoredManifest> manifest(String tagOrDigest) {
    Descriptor listed = null;
    Digest d;
    if (Digest.isDigest(tagOrDigest)) {
      d = Digest.parse(tagOrDigest);
      for (Descriptor e : index().manifests()) {
        if (e.digest().equals(d)) {
          listed = e;
          break;
        }
      }
    } else {
      for (Descriptor e : index().manifests()) {
        if (tagOrDigest.equals(e.annotations().get(MediaTypes.ANNOTATION_REF_NAME))) {
          listed = e;
        }
      }
      if (listed == null) {
        return Optional.empty();
      }
      d = listed.digest();
    }
    Optional<byte[]> bytes = readBlob("manifest", d, OciJson.MAX_MANIFEST_BYTES);
    if (bytes.isEmpty()) {
      if (listed != null) {
        throw new OciException(
            "index.json in "
                + where
                + " lists "
                + d
                + (Digest.isDigest(tagOrDigest) ? "" : " for the tag \"" + tagOrDigest + "\"")
                + ", but blobs/"
                + d.algorithm()
                + "/"
                + d.hex()
                + " is missing",
            tagOrDigest,
            d.toString(),
            null,
            null);
      }
      return Optional.empty();
    }
    byte[] b = bytes.get();
    String mediaType;
    if (listed != null) {
      if (listed.size() != b.length) {
        throw new OciException(
            "index.json in "
                + where
                + " gives "
                + d
                + " the size "
                + listed.size()
                + ", but the blob has "
                + b.length
                + " bytes",
            tagOrDigest,
            d.toString(),
            null,
            null);
      }
      mediaType = listed.mediaType();
    } else {
      mediaType = OciJson.declaredMediaType(b, "manifest " + d + " in " + where, d);
    }
    return Optional.of(new StoredManifest(b, mediaType, d));
  }

  @Override
  public StoredManifest putManifest(byte[] bytes, String mediaType, @Nullable String tag) {
    Digest digest = Digest.of(bytes);
    Verify.manifestSize(digest, bytes.length, where);
    List<Digest> missing = Verify.missingBlobs(bytes, mediaType, this);
    if (!missing.isEmpty()) {
      throw new OciException(
          "cannot store the manifest "
              + digest
              + " in "
              + where
              + ": it names "
              + missing.get(0)
              + ", which is not in the layout (store blobs and listed manifests first)",
          tag,
          missing.get(0).toString(),
          null,
          null);
    }
    putBlob(bytes);
    StoredManifest stored = new StoredManifest(bytes, mediaType, digest);
    Optional<Referrers.Referrer> referrer = referrer(stored);
    if (tag == null && referrer.isEmpty()) {
      return stored; // a platform manifest or similar: reachable from its parent, a blob only
    }
    exclusive(
        () -> {
          ImageIndex index = index();
          List<Descriptor> entries = new ArrayList<>(index.manifests());
          Descriptor entry = stored.descriptor();
          if (referrer.isPresent()) {
            entry = entry.withArtifactType(referrer.get().descriptor().artifactType().orElse(null));
          }
          if (tag == null) {
            if (entries.stream().anyMatch(e -> e.digest().equals(digest))) {
              return null;
            }
            entries.add(entry);
          } else {
            // the tag moves: its entry stays where it is with what we do not own (annotations,
            // platform, urls, unknown fields); content fields describe the new manifest. Another
            // tool may have left several entries with the tag: each moves, none is dropped.
            boolean found = false;
            for (int i = 0; i < entries.size(); i++) {
              Descriptor old = entries.get(i);
              if (tag.equals(old.annotations().get(MediaTypes.ANNOTATION_REF_NAME))) {
                Descriptor moved = old.withContent(mediaType, digest, bytes.length);
                if (referrer.isPresent() || old.artifactType().isPresent()) {
                  moved = moved.withArtifactType(artifactType(stored).orElse(null));
                }
                entries.set(i, moved);
                found = true;
              }
            }
            if (!found) {
              entries.add(entry.withAnnotations(Map.of(MediaTypes.ANNOTATION_REF_NAME, tag)));
            }
          }
          writeIndex(index.withManifests(entries));
          return null;
        });
    return stored;
  }

  @Override
  public StoredManifest putManifestIfCurrent(
      byte[] bytes, String mediaType, String tag, @Nullable Digest expected) {
    return exclusive(
        () -> {
          Digest current = null;
          for (Descriptor e : index().manifests()) {
            if (tag.equals(e.annotations().get(MediaTypes.ANNOTATION_REF_NAME))) {
              current = e.digest();
            }
          }
          if (!java.util.Objects.equals(current, expected)) {
            throw new TagConflictException(
                where,
                tag,
                expected == null ? null : expected.toString(),
                current == null ? "no such tag" : current.toString());
          }
          return putManifest(bytes, mediaType, tag);
        });
  }

  @Override
  public List<String> tags() {
    TreeSet<String> tags = new TreeSet<>();
    for (Descriptor e : index().manifests()) {
      e.annotation(MediaTypes.ANNOTATION_REF_NAME).ifPresent(tags::add);
    }
    return List.copyOf(tags);
  }

  @Override
  public boolean supportsReferrers() {
    return true;
  }

  @Override
  public Optional<ReferrersListing> referrers(Digest subject) {
    List<Descriptor> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<Digest, Boolean> seen = new LinkedHashMap<>();
    ImageIndex index = index();
    for (ImageIndex.Unreadable u : index.unreadable()) {
      problems.add(u.problem() + "; that entry is skipped (and kept as it is)");
    }
    for (Descriptor e : index.manifests()) {
      if (e.annotations().containsKey(MediaTypes.ANNOTATION_REF_NAME)
          || seen.put(e.digest(), Boolean.TRUE) != null) {
        continue; // tagged entries are images, .att and referrers tags: not listed referrers
      }
      if (!e.mediaType().equals(MediaTypes.OCI_MANIFEST)
          && !e.mediaType().equals(MediaTypes.OCI_INDEX)) {
        continue;
      }
      Optional<Referrers.Referrer> r = referrerCache.get(e.digest());
      if (r == null) {
        try {
          r = referrer(manifest(e.digest().toString()).orElseThrow());
        } catch (OciException ex) {
          problems.add(ex.getMessage());
          continue;
        }
      }
      r.filter(x -> x.subject().equals(subject)).ifPresent(x -> out.add(x.descriptor()));
    }
    return Optional.of(new ReferrersListing(out, problems));
  }

  /** What a descriptor of {@code m} gives as {@code artifactType}. */
  private Optional<String> artifactType(StoredManifest m) {
    String what = "manifest " + m.digest() + " in " + where;
    if (m.isIndex()) {
      return Optional.ofNullable(
          OciJson.parseIndexKeepingUnreadable(m.bytes(), what, m.digest()).artifactType());
    }
    return Optional.of(OciJson.parseManifest(m.bytes(), what, m.digest()).effectiveArtifactType());
  }

  private Optional<Referrers.Referrer> referrer(StoredManifest m) {
    return referrerCache.computeIfAbsent(m.digest(), d -> Referrers.of(m, where));
  }

  /** The current {@code index.json}. */
  public ImageIndex index() {
    Path p = root.resolve("index.json");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new OciException(
          "the OCI image layout " + where + " has no index.json", where, null, null, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return OciJson.parseIndexKeepingUnreadable(bytes, "index.json in " + where, null);
  }

  private void writeIndex(ImageIndex index) {
    writeAtomically(root.resolve("index.json"), OciJson.write(index));
  }

  @Override
  public <T> T exclusive(Supplier<T> action) {
    lock.lock();
    try {
      if (lock.getHoldCount() == 1) {
        acquireFileLock();
      }
      try {
        return action.get();
      } finally {
        if (lock.getHoldCount() == 1) {
          releaseFileLock();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean locks() {
    return true;
  }

  private void acquireFileLock() {
    try {
      FileChannel channel =
          FileChannel.open(
              root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        fileLock = channel.lock();
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      lockChannel = channel;
    } catch (IOException e) {
      throw new OciException(
          "cannot lock the OCI image layout " + where + " for writing: " + e, where, null, null, e);
    }
  }

  private void releaseFileLock() {
    try {
      if (fileLock != null) {
        fileLock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      fileLock = null;
      lockChannel = null;
    }
  }

  private void writeAtomically(Path target, byte[] content) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp =
          target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try {
        Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
          Files.move(
              tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new OciException(
          "cannot write " + root.relativize(target) + " in " + where + ": " + e,
          where,
          null,
          null,
          e);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "LayoutStore[" + where + "]";
  }
}
