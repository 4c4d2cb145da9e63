package dev.waterline.vex.oci;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.waterline.vex.internal.io.Outputs;
import dev.waterline.vex.oci.internal.embed.ExtendedHeaders;
import dev.waterline.vex.oci.internal.embed.TarHeaders;
import dev.waterline.vex.oci.internal.embed.TarScanner;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * An OCI image layout packed in a tar file (an "OCI archive", skopeo's {@code oci-archive:}), as
 * {@code jib:buildTar} writes one when Jib's {@code <container><format>} is {@code OCI}: unpacked
 * into a directory to read and change as an {@link OciLayout}, and packed back.
 *
 * <p>{@link #unpack} takes regular files and directories only, under names that stay inside the
 * directory (no absolute names, no {@code ..}); a link, a device or any other entry is refused, as
 * is an archive with no {@code oci-layout} file (a Docker-format tar, {@code docker save}'s and
 * Jib's default, has a {@code manifest.json} instead and cannot hold attestations). {@link #pack}
 * writes a POSIX ustar archive that is the same bytes for the same directory: entries sorted by
 * name, owner 0, mtime 0, mode 0644 (files) and 0755 (directories), without the layout's lock file,
 * and replaces the file atomically.
 */
@API(status = EXPERIMENTAL, since = "0.2.0")
public final class OciArchive {
  private static final int BLOCK = TarHeaders.BLOCK;
  private static final int MAX_ENTRIES = 100_000;
  private static final int MAX_NAME = 4096;
  // The layout's own lock (see OciLayout): not part of the image, so not packed.
  private static final String LOCK_FILE = ".waterline.lock";

  private OciArchive() {}

  /**
   * Unpacks {@code archive} into {@code dir} (created; it must not exist or be empty) and opens the
   * layout.
   *
   * @throws OciException when the archive is not a readable tar of an OCI image layout, or holds an
   *     entry this refuses (the message names it)
   */
  public static OciLayout unpack(Path archive, Path dir) {
    if (!Files.isRegularFile(archive, LinkOption.NOFOLLOW_LINKS)) {
      throw new OciException(
          archive + " is not a regular file (an OCI archive is a tar file)",
          archive.toString(),
          null,
          null,
          null);
    }
    try {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          if (s.findAny().isPresent()) {
            throw new OciException(
                "cannot unpack " + archive + " into " + dir + ": the directory is not empty");
          }
        }
      }
      Files.createDirectories(dir);
      Path root = dir.toRealPath();
      try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
        read(in, archive, root, Files.size(archive));
      }
    } catch (TarScanner.LayerException e) {
      throw new OciException(archive + ": " + e.getMessage(), e);
    } catch (EOFException e) {
      throw new OciException(archive + " ends in the middle of an entry: it is not a whole tar", e);
    } catch (IOException e) {
      throw new OciException("cannot unpack " + archive + ": " + e.getMessage(), e);
    }
    if (!Files.isRegularFile(dir.resolve("oci-layout"))) {
      boolean docker = Files.isRegularFile(dir.resolve("manifest.json"));
      throw new OciException(
          archive
              + " is not an OCI image layout archive (no oci-layout file"
              + (docker
                  ? "; it has a manifest.json: a Docker-format tar, which cannot hold attestations."
                      + " With Jib, set <container><format>OCI</format> so that jib:buildTar writes"
                      + " an OCI archive"
                  : "")
              + ")",
          archive.toString(),
          null,
          null,
          null);
    }
    return OciLayout.open(dir);
  }

  private static void read(InputStream in, Path archive, Path root, long archiveBytes)
      throws IOException {
    byte[] header = new byte[BLOCK];
    ExtendedHeaders extended = new ExtendedHeaders();
    int entries = 0;
    while (true) {
      if (!TarHeaders.readBlock(in, header)) {
        throw new OciException(archive + " ends without the two empty blocks that close a tar");
      }
      if (TarHeaders.isZero(header)) {
        return;
      }
      if (++entries > MAX_ENTRIES) {
        throw new OciException(
            archive + " has more than " + MAX_ENTRIES + " entries: not an image layout");
      }
      TarHeaders.checkChecksum(header);
      char type = (char) header[156];
      long own = TarHeaders.number(header, 124, 12);
      if (ExtendedHeaders.isExtension(type)) {
        // its own size: a PAX size describes the entry, not an extended header after it
        if (own > 1 << 20) {
          throw new OciException(archive + ": an extended header of " + own + " bytes");
        }
        byte[] data = new byte[(int) own];
        if (in.readNBytes(data, 0, data.length) != own) {
          throw new EOFException();
        }
        skipPad(in, own);
        extended.take(type, data);
        continue;
      }
      long size = extended.size(own);
      if (size < 0) {
        throw new OciException(archive + ": an entry has a negative size");
      }
      String raw = extended.name(ustarName(header));
      extended.clear();
      String name = normalise(raw, archive);
      if (size > archiveBytes) {
        // Not there to read; skipping it would overflow and read what follows as headers.
        throw new OciException(
            archive
                + ": the entry '"
                + printable(name)
                + "' says it holds "
                + size
                + " bytes, more than the whole archive has ("
                + archiveBytes
                + ")");
      }
      if (type == '5') {
        if (!name.isEmpty()) {
          Files.createDirectories(inside(root, name, archive));
        }
        TarHeaders.skipExactly(in, size + pad(size));
        continue;
      }
      if (type != '0' && type != '\0' && type != '7') {
        throw new OciException(
            archive
                + ": the entry '"
                + printable(name)
                + "' is "
                + kind(type)
                + "; an image layout archive holds only files and directories");
      }
      if (name.isEmpty()) {
        throw new OciException(archive + ": a file entry has no name");
      }
      Path target = inside(root, name, archive);
      Path parent = target.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new OciException(archive + ": the entry '" + printable(name) + "' comes twice");
      }
      try (OutputStream out = Files.newOutputStream(target)) {
        copy(in, out, size);
      }
      skipPad(in, size);
    }
  }

  private static Path inside(Path root, String name, Path archive) throws IOException {
    Path p = root.resolve(name).normalize();
    if (!p.startsWith(root)) {
      throw new OciException(archive + ": the entry '" + printable(name) + "' leaves the archive");
    }
    // A directory created for an earlier entry could not be a link (links are refused), but check
    // the parent chain anyway: nothing may be written through a link.
    for (Path q = p.getParent();
        q != null && q.startsWith(root) && !q.equals(root);
        q = q.getParent()) {
      if (Files.isSymbolicLink(q)) {
        throw new OciException(archive + ": the entry '" + printable(name) + "' is under a link");
      }
    }
    return p;
  }

  /**
   * Packs the layout directory {@code dir} into {@code archive}, replacing it atomically (a
   * temporary file beside it, then a move).
   *
   * @throws OciException when the directory holds something other than files and directories, or
   *     writing fails
   */
  public static void pack(Path dir, Path archive) {
    TreeMap<String, Path> entries = new TreeMap<>();
    try {
      Path root = dir.toRealPath();
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              if (!d.equals(root)) {
                entries.put(name(root, d) + "/", d);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
              if (!attrs.isRegularFile()) {
                throw new OciException(
                    "cannot pack " + f + ": only files and directories go into an OCI archive");
              }
              String name = name(root, f);
              if (!name.equals(LOCK_FILE)) {
                entries.put(name, f);
              }
              return FileVisitResult.CONTINUE;
            }
          });
      Path abs = archive.toAbsolutePath();
      Path parent = abs.getParent();
      if (parent == null) {
        throw new OciException("cannot write " + archive + ": it has no parent directory");
      }
      Files.createDirectories(parent);
      Outputs.requireReplaceable(abs);
      Path tmp = Files.createTempFile(parent, abs.getFileName().toString(), ".tmp");
      try {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
          for (var e : entries.entrySet()) {
            String name = e.getKey();
            if (name.endsWith("/")) {
              out.write(header(name, 0755, 0, '5'));
            } else {
              long size = Files.size(e.getValue());
              out.write(header(name, 0644, size, '0'));
              try (InputStream in = Files.newInputStream(e.getValue())) {
                copy(in, out, size);
              }
              out.write(new byte[(int) pad(size)]);
            }
          }
          out.write(new byte[2 * BLOCK]);
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new OciException("cannot pack " + dir + " into " + archive + ": " + e.getMessage(), e);
    }
  }

  private static String name(Path root, Path p) {
    List<String> parts = new ArrayList<>();
    for (Path q : root.relativize(p)) {
      parts.add(q.toString());
    }
    return String.join("/", parts);
  }

  private static byte[] header(String name, int mode, long size, char type) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] h = new byte[BLOCK];
    if (nameBytes.length <= 100) {
      System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
    } else {
      // ustar: prefix (155 bytes) + "/" + name (100 bytes), split at a slash
      int cut = -1;
      for (int i = nameBytes.length - 1; i > 0; i--) {
        if (nameBytes[i] == '/' && i <= 155 && nameBytes.length - i - 1 <= 100) {
          cut = i;
          break;
        }
      }
      if (cut < 0) {
        throw new OciException("cannot pack the name '" + name + "': too long for a ustar header");
      }
      System.arraycopy(nameBytes, cut + 1, h, 0, nameBytes.length - cut - 1);
      System.arraycopy(nameBytes, 0, h, 345, cut);
    }
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    if (size >= 077777777777L) {
      throw new OciException("cannot pack '" + name + "': larger than a ustar entry can be");
    }
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = (byte) type;
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, h, 257, magic.length);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    return h;
  }

  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    int digits = len - 1;
    StringBuilder b = new StringBuilder();
    for (int i = s.length(); i < digits; i++) {
      b.append('0');
    }
    b.append(s);
    byte[] bytes = b.toString().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, h, off, digits);
    h[off + digits] = 0;
  }

  private static String ustarName(byte[] h) {
    String name = TarHeaders.cString(h, 0, 100);
    boolean ustar =
        h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
    if (ustar) {
      String prefix = TarHeaders.cString(h, 345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  private static String normalise(String raw, Path archive) {
    if (raw.indexOf('\0') >= 0) {
      throw new OciException(archive + ": an entry name holds a NUL byte");
    }
    if (raw.length() > MAX_NAME) {
      throw new OciException(archive + ": an entry name is longer than " + MAX_NAME);
    }
    if (raw.startsWith("/")) {
      throw new OciException(archive + ": the entry '" + printable(raw) + "' has an absolute name");
    }
    List<String> parts = new ArrayList<>();
    for (String part : raw.split("/", -1)) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..") || part.contains("\\")) {
        throw new OciException(archive + ": the entry '" + printable(raw) + "' leaves the archive");
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 200; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }

  private static String kind(char type) {
    switch (type) {
      case '1':
        return "a hard link";
      case '2':
        return "a symbolic link";
      case '3':
      case '4':
        return "a device";
      case '6':
        return "a FIFO";
      default:
        return "of type '" + printable(String.valueOf(type)) + "'";
    }
  }

  private static long pad(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static void skipPad(InputStream in, long size) throws IOException {
    TarHeaders.skipExactly(in, pad(size));
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException();
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }
}
