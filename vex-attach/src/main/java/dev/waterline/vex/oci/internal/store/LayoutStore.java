package dev.waterline.vex.oci.internal.store;

import dev.waterline.vex.UnreadableInputException;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.MediaTypes;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.UnreadableAttestation;
import dev.waterline.vex.oci.internal.json.Descriptor;
import dev.waterline.vex.oci.internal.json.ImageIndex;
import dev.waterline.vex.oci.internal.json.OciJson;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.SoftReference;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /** The largest {@code oci-layout} file read (it holds one short field). */
  static final long MAX_LAYOUT_FILE_BYTES = 64 * 1024;

  private static final String LOCK_FILE = ".waterline.lock";
  private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
  // The last index.json read of each layout directory, shared by the stores opened on it (fetch and
  // audit open one per image); the collector may drop one.
  private static final Map<Path, SoftReference<Snapshot>> SNAPSHOTS = new ConcurrentHashMap<>();

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
    if (!Files.exists(layoutFile, LinkOption.NOFOLLOW_LINKS)) {
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
    byte[] bytes =
        readFile(root, where, layoutFile, "oci-layout", MAX_LAYOUT_FILE_BYTES, null)
            .orElseThrow(
                () ->
                    new OciException(
                        "cannot open the OCI image layout " + where + ": oci-layout is gone",
                        where,
                        null,
                        null,
                        null));
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
    Optional<byte[]> b =
        readFile(root, where, blobPath(digest), "the " + kind + " " + digest, limit, digest);
    b.ifPresent(bytes -> Verify.digest(kind, digest, bytes, where));
    return b;
  }

  /**
   * The one read of a file of the layout ({@code oci-layout}, {@code index.json}, blobs), bounded:
   * the file must be a regular file inside the layout (a symbolic link is followed only to a
   * regular file inside it: never to {@code /dev/zero} or another layout), its size is checked
   * before it is opened, and at most {@code limit + 1} bytes are read, so a file that grows while
   * it is read stops at the limit too. When vex-model's bounded reader ({@code
   * dev.waterline.vex.internal.io.Inputs}) is on the class path, the read below becomes a call to
   * it; the kind and containment checks stay. Without a {@code root} (a file the user names, such
   * as an attestation to attach) links are followed anywhere, and the rest is the same.
   *
   * @param root the layout directory (its real path), or null for a file outside any layout
   * @param where the layout for messages ({@code oci:/path}), or null
   * @param name the file for messages: {@code index.json}, {@code the blob sha256:…}
   * @param digest the digest the file is named by, for the exception's fields
   * @return empty when there is no such file
   * @throws ContentException naming the file, what it is and the limit
   */
  public static Optional<byte[]> readFile(
      @Nullable Path root,
      @Nullable String where,
      Path file,
      String name,
      long limit,
      @Nullable Digest digest) {
    Path real;
    BasicFileAttributes attrs;
    try {
      BasicFileAttributes own =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      real = file.toRealPath();
      if (root != null && !real.startsWith(root)) {
        throw unreadable(
            where,
            name,
            digest,
            (own.isSymbolicLink() ? "is a symbolic link to " : "lies, through a symbolic link, at ")
                + real
                + ", outside the layout; it is not followed",
            null);
      }
      attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unreadable(where, name, digest, "cannot be read: " + e, e);
    }
    if (!attrs.isRegularFile()) {
      throw unreadable(
          where,
          name,
          digest,
          "is " + kindOf(real, attrs) + ", not a regular file; it is not read",
          null);
    }
    if (attrs.size() > limit || attrs.size() > Integer.MAX_VALUE - 16) {
      throw tooLarge(
          where,
          name,
          digest,
          "is " + attrs.size() + " bytes, more than the limit of " + limit + " bytes");
    }
    // The kind, size and containment checks above name the layout; the read itself is the one
    // bounded reader's (it stops at the limit if the file grew since).
    try {
      return Optional.of(Inputs.read(real, InputKind.OCI_BLOB, limit));
    } catch (UnreadableInputException e) {
      switch (e.reason()) {
        case NOT_FOUND:
          return Optional.empty();
        case TOO_LARGE:
          throw tooLarge(
              where,
              name,
              digest,
              "grew while it was read, to more than the limit of " + limit + " bytes");
        default:
          throw unreadable(where, name, digest, "cannot be read: " + e.getMessage(), e);
      }
    }
  }

  private static ContentException unreadable(
      @Nullable String where,
      String name,
      @Nullable Digest digest,
      String what,
      @Nullable Throwable cause) {
    return new ContentException(
        UnreadableAttestation.Reason.READ_FAILED,
        name + (where == null ? "" : " in " + where) + " " + what,
        where,
        digest,
        cause);
  }

  private static ContentException tooLarge(
      @Nullable String where, String name, @Nullable Digest digest, String what) {
    return new ContentException(
        UnreadableAttestation.Reason.TOO_LARGE,
        name + (where == null ? "" : " in " + where) + " " + what,
        where,
        digest,
        null);
  }

  /** "a directory", "a FIFO (named pipe)", "a character device"… */
  private static String kindOf(Path file, BasicFileAttributes attrs) {
    if (attrs.isDirectory()) {
      return "a directory";
    }
    try {
      Object mode = Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      if (mode instanceof Integer) {
        switch (((Integer) mode) & 0170000) {
          case 0010000:
            return "a FIFO (named pipe)";
          case 0020000:
            return "a character device";
          case 0060000:
            return "a block device";
          case 0140000:
            return "a socket";
          default:
            break;
        }
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no Unix attributes here: the generic words below will do
    }
    return "a special file";
  }

  @Override
  public Digest putBlob(byte[] content) {
    Digest d = Digest.of(content);
    repair(content); // a blob of that name with other bytes is replaced, never built upon
    Path p = blobPath(d);
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      writeAtomically(p, content);
    }
    return d;
  }

  /**
   * Checks a blob already stored under the digest of {@code content} by hashing it as it streams
   * from disk; when it is not {@code content} (other bytes, a symbolic link, a FIFO or a device in
   * its place) it is rewritten atomically with {@code content}.
   */
  @Override
  public Optional<String> repair(byte[] content) {
    Digest d = Digest.of(content);
    Path p = blobPath(d);
    String name = "blobs/" + d.algorithm() + "/" + d.hex();
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new OciException(
          "cannot check " + name + " in " + where + ": " + e, where, d.toString(), null, e);
    }
    String found;
    if (attrs.isDirectory()) {
      throw new OciException(
          "cannot store the blob "
              + d
              + " in "
              + where
              + ": "
              + name
              + " is a directory; remove it, then try again",
          where,
          d.toString(),
          null,
          null);
    } else if (attrs.isSymbolicLink()) {
      found = "a symbolic link";
    } else if (!attrs.isRegularFile()) {
      found = kindOf(p, attrs);
    } else if (attrs.size() != content.length) {
      found = attrs.size() + " bytes";
    } else {
      Digest actual = hash(p, d, name);
      if (actual.equals(d)) {
        return Optional.empty();
      }
      found = "other bytes, with the digest " + actual;
    }
    writeAtomically(p, content);
    return Optional.of(
        name
            + " in "
            + where
            + " held "
            + found
            + " instead of the "
            + content.length
            + " bytes of "
            + d
            + "; it was rewritten with them");
  }

  /** The digest of the regular file {@code p}, read in chunks (never whole). */
  private Digest hash(Path p, Digest named, String name) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(named.algorithm().equals("sha512") ? "SHA-512" : "SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in =
        Channels.newInputStream(
            Files.newByteChannel(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      byte[] buf = new byte[64 * 1024];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
    } catch (IOException e) {
      throw new OciException(
          "cannot check " + name + " in " + where + ": " + e, where, named.toString(), null, e);
    }
    return Digest.parse(named.algorithm() + ":" + HexFormat.of().formatHex(md.digest()));
  }

  @Override
  public Optional<StoredManifest> manifest(String tagOrDigest) {
    Descriptor listed;
    Digest d;
    if (Digest.isDigest(tagOrDigest)) {
      d = Digest.parse(tagOrDigest);
      listed = snapshot().firstByDigest().get(d);
    } else {
      listed = snapshot().lastByTag().get(tagOrDigest);
      if (listed == null) {
        return Optional.empty();
      }
      d = listed.digest();
    }
    if (listed == null) {
      Optional<byte[]> bytes = readBlob("manifest", d, OciJson.MAX_MANIFEST_BYTES);
      return bytes.map(
          b ->
              new StoredManifest(
                  b, OciJson.declaredMediaType(b, "manifest " + d + " in " + where, d), d));
    }
    return Optional.of(listed(listed, tagOrDigest));
  }

  /**
   * The manifest an {@code index.json} entry names, read and checked against the entry.
   *
   * @throws EntryException when its blob is missing or has another size than the entry says
   * @throws ContentException when its blob is not a regular file in the layout, too large, or does
   *     not match its digest
   */
  private StoredManifest listed(Descriptor listed, String tagOrDigest) {
    Digest d = listed.digest();
    byte[] b =
        readBlob("manifest", d, OciJson.MAX_MANIFEST_BYTES)
            .orElseThrow(
                () ->
                    new EntryException(
                        "index.json in "
                            + where
                            + " lists "
                            + d
                            + (Digest.isDigest(tagOrDigest)
                                ? ""
                                : " for the tag \"" + tagOrDigest + "\"")
                            + ", but blobs/"
                            + d.algorithm()
                            + "/"
                            + d.hex()
                            + " is missing",
                        tagOrDigest,
                        d.toString()));
    if (listed.size() != b.length) {
      throw new EntryException(
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
          d.toString());
    }
    return new StoredManifest(b, listed.mediaType(), d);
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

  /**
   * Removes every {@code index.json} entry naming {@code digest} (its tags too). The blob stays in
   * {@code blobs/}: a writer in another process may have just stored the same bytes for a manifest
   * it is about to list, so deleting it could break that writer; unreferenced blobs are harmless.
   */
  @Override
  public Deletion deleteManifest(Digest digest) {
    return exclusive(
        () -> {
          ImageIndex index = index();
          List<Descriptor> kept = new ArrayList<>();
          for (Descriptor e : index.manifests()) {
            if (!e.digest().equals(digest)) {
              kept.add(e);
            }
          }
          if (kept.size() == index.manifests().size()) {
            return Deletion.ABSENT;
          }
          writeIndex(index.withManifests(kept));
          return Deletion.DELETED;
        });
  }

  @Override
  public Map<Digest, Deletion> deleteManifests(Collection<Digest> digests) {
    return exclusive(
        () -> {
          ImageIndex index = index();
          Set<Digest> wanted = new HashSet<>(digests);
          Set<Digest> found = new HashSet<>();
          List<Descriptor> kept = new ArrayList<>();
          for (Descriptor e : index.manifests()) {
            if (wanted.contains(e.digest())) {
              found.add(e.digest());
            } else {
              kept.add(e);
            }
          }
          if (!found.isEmpty()) {
            writeIndex(index.withManifests(kept));
          }
          Map<Digest, Deletion> out = new LinkedHashMap<>();
          for (Digest d : digests) {
            out.put(d, found.contains(d) ? Deletion.DELETED : Deletion.ABSENT);
          }
          return out;
        });
  }

  @Override
  public List<String> tags() {
    return snapshot().tags();
  }

  @Override
  public boolean supportsReferrers() {
    return true;
  }

  @Override
  public Optional<ReferrersListing> referrers(Digest subject) {
    Snapshot snap = snapshot();
    Map<Digest, List<Descriptor>> known = snap.referrers;
    if (known != null) {
      return Optional.of(
          new ReferrersListing(known.getOrDefault(subject, List.of()), List.of(), List.of()));
    }
    // Every entry's subject is listed: when nothing is unreadable, the next question about any
    // image of this index.json is answered from the map.
    Map<Digest, List<Descriptor>> bySubject = new HashMap<>();
    List<String> problems = new ArrayList<>();
    List<BrokenContent> broken = new ArrayList<>();
    Map<Digest, Boolean> seen = new LinkedHashMap<>();
    ImageIndex index = snap.index;
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
        StoredManifest m;
        try {
          m = listed(e, e.digest().toString());
        } catch (EntryException ex) {
          problems.add(String.valueOf(ex.getMessage()));
          continue;
        } catch (ContentException ex) {
          broken.add(BrokenContent.of(ex));
          continue;
        }
        try {
          r = referrer(m);
        } catch (OciException ex) {
          broken.add(
              new BrokenContent(
                  e.digest(),
                  UnreadableAttestation.Reason.MALFORMED_MANIFEST,
                  String.valueOf(ex.getMessage())));
          continue;
        }
      }
      r.ifPresent(
          x -> bySubject.computeIfAbsent(x.subject(), k -> new ArrayList<>()).add(x.descriptor()));
    }
    if (problems.isEmpty() && broken.isEmpty()) {
      snap.referrers = bySubject;
    }
    return Optional.of(
        new ReferrersListing(bySubject.getOrDefault(subject, List.of()), problems, broken));
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
    return snapshot().index;
  }

  /**
   * The current {@code index.json}: read each time (another process may have written it since),
   * parsed only when its bytes differ from the last read in this process. Each lookup of a tag, a
   * digest or the referrers of an image parsed it and walked its entries, and the referrers lookup
   * read every referrer manifest in the layout: an audit of the 2,000 images of one layout parsed
   * it about 8,000 times, work quadratic in the layout's size.
   */
  private Snapshot snapshot() {
    byte[] bytes =
        readFile(
                root,
                where,
                root.resolve("index.json"),
                "index.json",
                OciJson.MAX_MANIFEST_BYTES,
                null)
            .orElseThrow(
                () ->
                    new OciException(
                        "the OCI image layout " + where + " has no index.json",
                        where,
                        null,
                        null,
                        null));
    SoftReference<Snapshot> kept = SNAPSHOTS.get(root);
    Snapshot last = kept == null ? null : kept.get();
    if (last != null && Arrays.equals(last.bytes, bytes)) {
      return last;
    }
    Snapshot now =
        new Snapshot(
            bytes, OciJson.parseIndexKeepingUnreadable(bytes, "index.json in " + where, null));
    SNAPSHOTS.put(root, new SoftReference<>(now));
    return now;
  }

  /**
   * One {@code index.json} as read, and what was looked up in it, made on first use. Its fields may
   * be made twice by threads racing (the same values); each is immutable once set.
   */
  private static final class Snapshot {
    final byte[] bytes;
    final ImageIndex index;
    private volatile @Nullable Map<String, Descriptor> lastByTag;
    private volatile @Nullable Map<Digest, Descriptor> firstByDigest;
    private volatile @Nullable List<String> tags;
    // The referrers of each subject, when every entry could be read (else each question reads the
    // entries again, reporting what is broken).
    volatile @Nullable Map<Digest, List<Descriptor>> referrers;

    Snapshot(byte[] bytes, ImageIndex index) {
      this.bytes = bytes;
      this.index = index;
    }

    /** The entry of each tag: the last that names it, as an index with several is read. */
    Map<String, Descriptor> lastByTag() {
      Map<String, Descriptor> m = lastByTag;
      if (m == null) {
        m = new HashMap<>();
        for (Descriptor e : index.manifests()) {
          String tag = e.annotations().get(MediaTypes.ANNOTATION_REF_NAME);
          if (tag != null) {
            m.put(tag, e);
          }
        }
        lastByTag = m;
      }
      return m;
    }

    /** The first entry that names each digest. */
    Map<Digest, Descriptor> firstByDigest() {
      Map<Digest, Descriptor> m = firstByDigest;
      if (m == null) {
        m = new HashMap<>();
        for (Descriptor e : index.manifests()) {
          m.putIfAbsent(e.digest(), e);
        }
        firstByDigest = m;
      }
      return m;
    }

    /** Every tag, sorted. */
    List<String> tags() {
      List<String> t = tags;
      if (t == null) {
        t = List.copyOf(new TreeSet<>(lastByTag().keySet()));
        tags = t;
      }
      return t;
    }
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
      throw new OciException(
          "cannot unlock the OCI image layout " + root + ": " + e, root.toString(), null, null, e);
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

  @Override
  public String toString() {
    return "LayoutStore[" + where + "]";
  }
}
