package dev.waterline.vex.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.waterline.vex.VexDocument;
import dev.waterline.vex.VexParseException;
import dev.waterline.vex.VexParseException.Kind;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs too large to hold in a test as strings: generated as streams or temp files. */
class LargeInputTest {

  /** {@code prefix}, then {@code count} times the byte {@code fill}, then {@code suffix}. */
  static final class GeneratedStream extends InputStream {
    private final byte[] prefix;
    private final byte[] suffix;
    private final long count;
    private final byte fill;
    private long position;
    long delivered;

    GeneratedStream(String prefix, long count, char fill, String suffix) {
      this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
      this.suffix = suffix.getBytes(StandardCharsets.UTF_8);
      this.count = count;
      this.fill = (byte) fill;
    }

    private long length() {
      return prefix.length + count + suffix.length;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= length()) {
        return -1;
      }
      int n = (int) Math.min(len, length() - position);
      for (int i = 0; i < n; i++) {
        long at = position + i;
        if (at < prefix.length) {
          b[off + i] = prefix[(int) at];
        } else if (at < prefix.length + count) {
          b[off + i] = fill;
        } else {
          b[off + i] = suffix[(int) (at - prefix.length - count)];
        }
      }
      position += n;
      delivered += n;
      return n;
    }
  }

  @Nested
  class HugeStrings {
    @Test
    void rejectsA200MegabyteStringWithoutRunningOutOfMemory() {
      GeneratedStream in =
          new GeneratedStream(
              "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"x-blob\":\"",
              200L * 1024 * 1024,
              'a',
              "\"}");
      VexParseException e =
          catchThrowableOfType(VexParseException.class, () -> VexJsonReader.read(in));
      assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
      assertThat(e.pointer()).isEqualTo("/x-blob");
      assertThat(e.detail())
          .isEqualTo(
              "a string value longer than 67108864 characters (the limit is set by the system"
                  + " property waterline.json.maxStringLength)");
      assertThat(e.line()).isEqualTo(1);
      assertThat(in.delivered).isLessThan(100L * 1024 * 1024);
    }

    @Test
    void rejectsA200MegabyteStringInAKnownField() {
      GeneratedStream in =
          new GeneratedStream(
              "{\"@context\":\"https://openvex.dev/ns/v0.2.0\",\"statements\":[{\"status_notes\":\"",
              200L * 1024 * 1024,
              'b',
              "\"}]}");
      VexParseException e =
          catchThrowableOfType(VexParseException.class, () -> VexJsonReader.read(in));
      assertThat(e.kind()).isEqualTo(Kind.SYNTAX);
      assertThat(e.pointer()).isEqualTo("/statements/0/status_notes");
    }
  }

  @Nested
  class Heap {
    @TempDir Path dir;

    /** Writes about {@code targetBytes} of pretty-printed statements, like real documents. */
    long generate(Path file, long targetBytes) throws IOException {
      try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
        w.write("{\n  \"@context\": \"https://openvex.dev/ns/v0.2.0\",\n");
        w.write("  \"@id\": \"https://example.com/vex/large\",\n");
        w.write("  \"author\": \"Example Security\",\n");
        w.write("  \"timestamp\": \"2024-01-01T00:00:00Z\",\n  \"version\": 1,\n");
        w.write("  \"statements\": [\n");
        long written = 0;
        int i = 0;
        while (written < targetBytes) {
          String s =
              (i == 0 ? "" : ",\n")
                  + "    {\n"
                  + "      \"vulnerability\": {\n"
                  + "        \"name\": \"CVE-2024-"
                  + (10000 + i)
                  + "\",\n"
                  + "        \"aliases\": [\"GHSA-"
                  + Integer.toString(i, 36)
                  + "-xxxx-yyyy\"]\n"
                  + "      },\n"
                  + "      \"timestamp\": \"2024-02-"
                  + (10 + i % 18)
                  + "T10:00:00Z\",\n"
                  + "      \"products\": [\n"
                  + "        {\n"
                  + "          \"@id\": \"pkg:oci/app-"
                  + (i % 1000)
                  + "@sha256%3A"
                  + String.format("%064x", i % 1000)
                  + "\",\n"
                  + "          \"subcomponents\": [\n"
                  + "            {\"@id\": \"pkg:golang/example.com/mod"
                  + (i % 5000)
                  + "@v1.2."
                  + (i % 7)
                  + "\"}\n"
                  + "          ]\n"
                  + "        }\n"
                  + "      ],\n"
                  + "      \"status\": \"not_affected\",\n"
                  + "      \"justification\": \"vulnerable_code_not_in_execute_path\",\n"
                  + "      \"impact_statement\": \"The vulnerable function handler"
                  + i
                  + " is never called by this image.\"\n"
                  + "    }";
          w.write(s);
          written += s.length();
          i++;
        }
        w.write("\n  ]\n}\n");
      }
      return Files.size(file);
    }

    @Test
    void parsesA100MegabyteDocumentInLessThanThreeTimesItsSizeOfHeap() throws IOException {
      Path file = dir.resolve("large.json");
      long size = generate(file, 100L * 1024 * 1024);
      long before = usedAfterGc();
      VexDocument doc;
      try (InputStream in = Files.newInputStream(file)) {
        doc = VexJsonReader.read(in);
      }
      long after = usedAfterGc();
      long retained = after - before;
      assertThat(doc.statements()).hasSizeGreaterThan(100_000);
      assertThat(retained)
          .as("heap retained by a %d-byte document: %d", size, retained)
          .isLessThan(3 * size)
          .isGreaterThan(0);
      Reference.reachabilityFence(doc);
    }

    /** Heap in use after full collections (java.management is not readable from this module). */
    private long usedAfterGc() {
      Runtime rt = Runtime.getRuntime();
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      return rt.totalMemory() - rt.freeMemory();
    }
  }
}
