package dev.waterline.vex.internal.io;

import dev.waterline.vex.VexException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A document being written, held as it was written: in chunks that double from 8 KiB up to 8 MiB,
 * never copied into one array unless {@link #toByteArray} is asked for. A large document thus costs
 * its size once (not once in segments and once more in the array they are joined into), and its
 * large chunks are allocated where the collector does not copy them while the rest of the document
 * is written.
 *
 * <p>Not thread-safe. Once {@link #seal() sealed}, it is read only, and can be shared.
 */
public final class Chunks extends OutputStream {
  // Each size is a power of two less a little, so that a chunk and its array header fill whole
  // heap regions rather than spill into one more.
  private static final int FIRST = (1 << 13) - 32;
  private static final int LARGEST = (1 << 23) - 32;
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

  private final List<byte[]> full = new ArrayList<>();
  private byte[] current = new byte[FIRST];
  private int used;
  private long size;
  private boolean sealed;

  /** An empty one, to write to. */
  public Chunks() {}

  @Override
  public void write(int b) {
    requireOpen();
    if (used == current.length) {
      next();
    }
    current[used++] = (byte) b;
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    requireOpen();
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    int left = len;
    int from = off;
    while (left > 0) {
      if (used == current.length) {
        next();
      }
      int n = Math.min(left, current.length - used);
      System.arraycopy(b, from, current, used, n);
      used += n;
      from += n;
      left -= n;
    }
    size += len;
  }

  private void next() {
    full.add(current);
    int length = (int) Math.min((long) (current.length + 32) * 2 - 32, LARGEST);
    current = new byte[length];
    used = 0;
  }

  private void requireOpen() {
    if (sealed) {
      throw new IllegalStateException("written already: the chunks are sealed");
    }
  }

  /** Ends writing: from now on the content is fixed and {@link #write} refuses. */
  public Chunks seal() {
    sealed = true;
    return this;
  }

  /** The number of bytes written. */
  public long size() {
    return size;
  }

  /**
   * The content as one new array.
   *
   * @throws VexException when the content is larger than an array can be (2 GiB): {@link #writeTo}
   *     can still write it
   */
  public byte[] toByteArray() {
    if (size > MAX_ARRAY) {
      throw new VexException(
          "the document written is "
              + size
              + " bytes, more than one array holds: write it to a stream instead");
    }
    byte[] all = new byte[(int) size];
    int at = 0;
    for (byte[] c : full) {
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
    }
    System.arraycopy(current, 0, all, at, used);
    return all;
  }

  /** The content as UTF-8 text. */
  public String text() {
    return new String(toByteArray(), StandardCharsets.UTF_8);
  }

  /** Writes the content to {@code out}, chunk by chunk, without joining it first. */
  public void writeTo(OutputStream out) throws IOException {
    for (byte[] c : full) {
      out.write(c, 0, c.length);
    }
    out.write(current, 0, used);
  }

  /** Whether {@code other} holds the same bytes, however each was cut into chunks. */
  public boolean contentEquals(Chunks other) {
    if (size != other.size) {
      return false;
    }
    Cursor a = new Cursor(this);
    Cursor b = new Cursor(other);
    long left = size;
    while (left > 0) {
      int n = Math.min(a.available(), b.available());
      if (!Arrays.equals(a.chunk, a.at, a.at + n, b.chunk, b.at, b.at + n)) {
        return false;
      }
      a.skip(n);
      b.skip(n);
      left -= n;
    }
    return true;
  }

  /** The hash {@link Arrays#hashCode(byte[])} gives the content as one array. */
  public int contentHash() {
    int h = 1;
    for (byte[] c : full) {
      for (byte x : c) {
        h = 31 * h + x;
      }
    }
    for (int i = 0; i < used; i++) {
      h = 31 * h + current[i];
    }
    return h;
  }

  /** Reads through the chunks for {@link #contentEquals}. */
  private static final class Cursor {
    private final Chunks of;
    private int index;
    byte[] chunk;
    int at;

    Cursor(Chunks of) {
      this.of = of;
      this.chunk = of.full.isEmpty() ? of.current : of.full.get(0);
      advance();
    }

    int available() {
      return limit() - at;
    }

    void skip(int n) {
      at += n;
      advance();
    }

    private int limit() {
      return chunk == of.current ? of.used : chunk.length;
    }

    private void advance() {
      while (at == limit() && chunk != of.current) {
        index++;
        chunk = index < of.full.size() ? of.full.get(index) : of.current;
        at = 0;
      }
    }
  }
}
