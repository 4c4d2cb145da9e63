package dev.waterline.vex.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunksTest {
  /** Bytes of a recognisable pattern, long enough to fill several chunks. */
  private static byte[] pattern(int length, long seed) {
    byte[] b = new byte[length];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Writes {@code b} in pieces of random lengths, and single bytes now and then. */
  private static Chunks written(byte[] b, long seed) {
    Random r = new Random(seed);
    Chunks c = new Chunks();
    int at = 0;
    while (at < b.length) {
      if (r.nextInt(8) == 0) {
        c.write(b[at++]);
        continue;
      }
      int n = Math.min(b.length - at, r.nextInt(100_000));
      c.write(b, at, n);
      at += n;
    }
    return c;
  }

  @Test
  void whatIsWrittenAcrossManyChunksComesBackAsOneArrayAndThroughAStream() throws IOException {
    byte[] b = pattern(3_000_000, 1);
    Chunks c = written(b, 2);
    assertThat(c.size()).isEqualTo(b.length);
    assertThat(c.toByteArray()).isEqualTo(b);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    c.writeTo(out);
    assertThat(out.toByteArray()).isEqualTo(b);
  }

  @Test
  void anEmptyOneIsAnEmptyArray() throws IOException {
    Chunks c = new Chunks();
    assertThat(c.toByteArray()).isEmpty();
    assertThat(c.text()).isEmpty();
    assertThat(c.contentHash()).isEqualTo(Arrays.hashCode(new byte[0]));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    c.writeTo(out);
    assertThat(out.size()).isZero();
  }

  @Test
  void theSameBytesCutDifferentlyAreEqualAndHashAsOneArrayDoes() {
    byte[] b = pattern(1_000_000, 3);
    Chunks a = written(b, 4);
    Chunks other = written(b, 5);
    assertThat(a.contentEquals(other)).isTrue();
    assertThat(other.contentEquals(a)).isTrue();
    assertThat(a.contentHash()).isEqualTo(Arrays.hashCode(b)).isEqualTo(other.contentHash());
  }

  @Test
  void oneByteChangedOrOneByteMoreIsNotEqual() {
    byte[] b = pattern(500_000, 6);
    Chunks a = written(b, 7);
    byte[] changed = b.clone();
    changed[400_000] ^= 1;
    assertThat(a.contentEquals(written(changed, 8))).isFalse();
    assertThat(a.contentHash()).isNotEqualTo(written(changed, 8).contentHash());
    byte[] longer = Arrays.copyOf(b, b.length + 1);
    assertThat(a.contentEquals(written(longer, 9))).isFalse();
  }

  @Test
  void textIsTheUtf8OfTheBytesEvenWhenACharacterIsCutBetweenChunks() {
    String s = "é€😀".repeat(50_000);
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    assertThat(written(utf8, 10).text()).isEqualTo(s);
  }

  @Test
  void aSealedOneRefusesWritingAndKeepsItsContent() {
    Chunks c = new Chunks();
    c.write(new byte[] {1, 2, 3}, 0, 3);
    c.seal();
    assertThatThrownBy(() -> c.write(4)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> c.write(new byte[] {5}, 0, 1))
        .isInstanceOf(IllegalStateException.class);
    assertThat(c.toByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void aSliceOutsideTheArrayIsRefusedBeforeAnythingIsWritten() {
    Chunks c = new Chunks();
    assertThatThrownBy(() -> c.write(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(c.size()).isZero();
  }
}
