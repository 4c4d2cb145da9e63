package dev.waterline.vex.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Damaged input gives a {@link VexParseException} or a document, never anything else. */
class ReaderRobustnessTest {
  private static final byte[] INTERESTING = utf8("{}[]\":,\\0-1.e tnfu\u00e9\u0000\n");

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Nested
  class MutatedFixtures {
    @Test
    void everyMutationIsADocumentOrAParseException() {
      Random random = new Random(20261126L);
      int parsed = 0;
      int rejected = 0;
      for (String fixture : new String[] {"all-fields.json", "legacy-v001.json"}) {
        byte[] original = VexJsonReaderTest.resource(fixture);
        for (int round = 0; round < 1500; round++) {
          byte[] bytes = mutate(original, random);
          try {
            VexDocument doc = VexJsonReader.read(bytes);
            assertThat(VexDocument.parse(doc.toJson())).isEqualTo(doc);
            parsed++;
          } catch (VexParseException e) {
            assertThat(e.getMessage()).isNotBlank();
            rejected++;
          }
        }
      }
      assertThat(parsed).isPositive();
      assertThat(rejected).isPositive();
    }

    @Test
    void everyTruncationIsRejected() {
      byte[] original = VexJsonReaderTest.resource("all-fields.json");
      int end = original.length;
      while (Character.isWhitespace(original[end - 1])) {
        end--;
      }
      for (int length = 1; length < end; length++) {
        byte[] cut = Arrays.copyOf(original, length);
        assertThatThrownBy(() -> VexJsonReader.read(cut))
            .as("first %d bytes", cut.length)
            .isInstanceOf(VexParseException.class);
      }
    }

    private byte[] mutate(byte[] original, Random random) {
      byte[] bytes = original.clone();
      int edits = 1 + random.nextInt(4);
      for (int i = 0; i < edits; i++) {
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(3)) {
          case 0:
            bytes[at] = INTERESTING[random.nextInt(INTERESTING.length)];
            break;
          case 1:
            bytes[at] = (byte) random.nextInt(256);
            break;
          default:
            byte[] shorter = new byte[bytes.length - 1];
            System.arraycopy(bytes, 0, shorter, 0, at);
            System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
            bytes = shorter;
        }
      }
      return bytes;
    }
  }

  @Nested
  class StreamFailures {
    @Test
    void reportsAFailingStreamAsAnUncheckedIoException() {
      InputStream failing =
          new InputStream() {
            private final InputStream start =
                new ByteArrayInputStream(utf8("{\"@context\":\"https://openvex.dev/ns/v0.2.0\","));

            @Override
            public int read() throws IOException {
              int b = start.read();
              if (b < 0) {
                throw new IOException("connection reset");
              }
              return b;
            }
          };
      assertThatThrownBy(() -> VexJsonReader.read(failing))
          .isInstanceOf(dev.waterline.vex.UnreadableInputException.class)
          .hasMessage("cannot read the JSON input: connection reset");
    }

    @Test
    void rejectsNulBytes() {
      assertThatThrownBy(() -> VexJsonReader.read(new byte[] {0, 0, 0, 0}))
          .isInstanceOf(VexParseException.class);
      assertThatThrownBy(() -> VexJsonReader.read(new byte[] {'{', 0}))
          .isInstanceOf(VexParseException.class)
          .hasMessageContaining("UTF-16LE");
    }
  }
}
