package dev.waterline.vex.oci.internal.embed;

import dev.waterline.vex.internal.io.TerminalText;
import dev.waterline.vex.oci.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the entries of one layer (a tar archive, gzipped or not) with limits: the uncompressed size
 * is counted as it is inflated, file contents are kept only where asked (and only up to a size),
 * names are normalised and a name that leaves the root ({@code ..}) is refused. ustar, PAX ({@code
 * path}, {@code linkpath}, {@code size}) and GNU long names are understood; the header checksum is
 * checked. The SHA-256 of the uncompressed stream (the layer's diff ID) is computed on the way.
 *
 * <p>Entries are handed to a visitor one at a time, as they are read, and nothing of them is kept
 * here: the memory a scan takes does not grow with the number of entries (a layer of a million
 * empty files costs what one of ten does), only with the contents the caller asks to keep.
 */
public final class TarScanner {
  private static final int BLOCK = TarHeaders.BLOCK;

  /** A problem with a layer's bytes; the caller adds which layer of which image. */
  public static final class LayerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LayerException(String message) {
      super(message);
    }

    LayerException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Entry kinds that matter here. */
  public enum Type {
    FILE,
    DIRECTORY,
    SYMLINK,
    HARDLINK,
    OTHER
  }

  /**
   * One entry.
   *
   * @param name normalised: relative, no {@code .} or empty components, no trailing {@code /}
   * @param content the bytes of a regular file when the caller asked for them, else null
   */
  public record Entry(
      String name, Type type, long size, @Nullable String link, byte @Nullable [] content) {}

  /**
   * What was read, besides the entries given to the visitor: the diff ID, the uncompressed size and
   * how many entries there were. (No list of entries: see the class comment.)
   */
  public record Scan(Digest diffId, long uncompressedBytes, long entryCount) {}

  private TarScanner() {}

  /**
   * Reads a layer, handing each entry to {@code visitor} as it is read.
   *
   * @param blob the layer as stored (gzip or plain tar; zstd is refused)
   * @param maxUncompressed the most bytes the uncompressed archive may have
   * @param keep which file names to keep the content of
   * @param maxFileBytes the largest kept file
   * @param visitor gets every entry, in archive order (PAX and GNU long-name headers are folded
   *     into the entry they describe); what it keeps is its own business
   * @throws LayerException if the bytes are not a tar archive, break a limit or name an entry
   *     outside the root
   */
  public static Scan scan(
      byte[] blob,
      long maxUncompressed,
      Predicate<String> keep,
      long maxFileBytes,
      Consumer<Entry> visitor) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream raw = open(blob);
        Limited limited = new Limited(raw, maxUncompressed);
        DigestInputStream in = new DigestInputStream(limited, sha)) {
      long entries = read(in, maxUncompressed, keep, maxFileBytes, visitor);
      in.transferTo(OutputStreamSink.INSTANCE);
      Digest diffId = Digest.parse("sha256:" + HexFormat.of().formatHex(sha.digest()));
      return new Scan(diffId, limited.count, entries);
    } catch (ZipException e) {
      throw new LayerException("its gzip stream is broken (" + e.getMessage() + ")", e);
    } catch (EOFException e) {
      throw new LayerException("the archive ends in the middle of an entry", e);
    } catch (IOException e) {
      throw new LayerException("it cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static InputStream open(byte[] blob) throws IOException {
    if (blob.length >= 2 && (blob[0] & 0xff) == 0x1f && (blob[1] & 0xff) == 0x8b) {
      return new GZIPInputStream(new ByteArrayInputStream(blob), 8192);
    }
    if (blob.length >= 4
        && (blob[0] & 0xff) == 0x28
        && (blob[1] & 0xff) == 0xb5
        && (blob[2] & 0xff) == 0x2f
        && (blob[3] & 0xff) == 0xfd) {
      throw new LayerException("it is zstd-compressed, which Waterline does not read");
    }
    return new ByteArrayInputStream(blob);
  }

  private static long read(
      InputStream in,
      long maxUncompressed,
      Predicate<String> keep,
      long maxFileBytes,
      Consumer<Entry> visitor)
      throws IOException {
    long entries = 0;
    byte[] header = new byte[BLOCK];
    ExtendedHeaders extended = new ExtendedHeaders();
    while (true) {
      if (!TarHeaders.readBlock(in, header)) {
        return entries; // end of stream without the two zero blocks: accepted, as tar does
      }
      if (TarHeaders.isZero(header)) {
        return entries;
      }
      TarHeaders.checkChecksum(header);
      char type = (char) header[156];
      long own = TarHeaders.number(header, 124, 12);
      if (ExtendedHeaders.isExtension(type)) {
        // its own size: a PAX size describes the entry, not an extended header after it
        if (own > 1024 * 1024) {
          throw new LayerException("an extended header of " + own + " bytes is over 1 MiB");
        }
        extended.take(type, readContent(in, own));
        continue;
      }
      long size = extended.size(own);
      if (size < 0) {
        throw new LayerException("an entry has a negative size");
      }
      if (type == 'S' && header[482] != 0) {
        // An old GNU sparse file's map goes on in blocks of its own before its data: every tar
        // reads them (Go's archive/tar, GNU tar, Python's tarfile), so they are not data.
        byte[] more = new byte[BLOCK];
        do {
          if (!TarHeaders.readBlock(in, more)) {
            throw new EOFException("short sparse map");
          }
        } while (more[504] != 0);
      }
      String n = TarHeaders.cString(header, 0, 100);
      boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't';
      String prefix = ustar ? TarHeaders.cString(header, 345, 155) : "";
      String rawName = extended.name(prefix.isEmpty() ? n : prefix + "/" + n);
      String link = extended.link(TarHeaders.cString(header, 157, 100));
      extended.clear();
      String name = normalise(rawName);
      Type t = kind(type);
      byte[] content = null;
      long dataSize = (t == Type.FILE || t == Type.OTHER) ? size : 0;
      if (type == '\0' && rawName.endsWith("/")) {
        // An old-style file whose name ends in '/' is a directory to Go's archive/tar (Docker,
        // containerd), GNU tar and Python's tarfile alike, with no data (Go and Python read the
        // next header right after it, whatever its size says).
        t = Type.DIRECTORY;
        dataSize = 0;
      }
      if (type == '1' || type == '2' || type == '5' || type == '3' || type == '4' || type == '6') {
        dataSize = 0; // links, directories and devices carry no data (size is ignored, as tar does)
      }
      if (dataSize > maxUncompressed) {
        // Skipping it would overflow (and read what follows as headers, which tar never would).
        throw new LayerException(
            "the entry /"
                + printable(name)
                + " says it holds "
                + dataSize
                + " bytes, more than the uncompressed layer may have ("
                + maxUncompressed
                + ")");
      }
      if (t == Type.FILE && keep.test(name)) {
        if (size > maxFileBytes) {
          throw new LayerException(
              "the file /" + name + " has " + size + " bytes, over the limit of " + maxFileBytes);
        }
        content = readContent(in, size);
      } else {
        skipContent(in, dataSize);
      }
      visitor.accept(
          new Entry(name, t, size, t == Type.SYMLINK || t == Type.HARDLINK ? link : null, content));
      entries++;
    }
  }

  private static Type kind(char type) {
    switch (type) {
      case '0':
      case '\0':
      case '7':
        return Type.FILE;
      case '5':
        return Type.DIRECTORY;
      case '2':
        return Type.SYMLINK;
      case '1':
        return Type.HARDLINK;
      default:
        return Type.OTHER;
    }
  }

  /**
   * {@code ./a//b/} → {@code a/b}; a name with a {@code ..} component is refused, a leading {@code
   * /} dropped (as Docker and containerd extract them under the root).
   */
  static String normalise(String raw) {
    List<String> parts = new ArrayList<>();
    for (String p : raw.split("/", -1)) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        throw new LayerException(
            "an entry is named \"" + printable(raw) + "\", which leaves the image's root (..)");
      }
      parts.add(p);
    }
    return String.join("/", parts);
  }

  /** A name from the layer for a message: inert ({@link TerminalText#inline}), at most 200 long. */
  static String printable(String s) {
    String b = TerminalText.inline(s);
    return b.length() > 200 ? b.substring(0, 200) + "…" : b;
  }

  private static byte[] readContent(InputStream in, long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, 1 << 16));
    long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
    byte[] buf = new byte[8192];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("short content");
      }
      out.write(buf, 0, n);
      left -= n;
    }
    TarHeaders.skipExactly(in, padded - size);
    return out.toByteArray();
  }

  private static void skipContent(InputStream in, long size) throws IOException {
    long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
    TarHeaders.skipExactly(in, padded);
  }

  /** Counts bytes and fails past a limit. */
  private static final class Limited extends FilterInputStream {
    private final long max;
    private long count;

    Limited(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      add(s);
      return s;
    }

    private void add(long n) {
      count += n;
      if (count > max) {
        throw new LayerException(
            "it inflates to more than " + max + " bytes (the uncompressed layer limit)");
      }
    }
  }

  /** Discards what is written. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
