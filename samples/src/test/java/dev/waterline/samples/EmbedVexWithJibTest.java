package dev.waterline.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waterline.samples.EmbedVexWithJib.Outcome;
import dev.waterline.vex.VexDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedVexWithJibTest {
  @TempDir static Path dir;
  static Outcome outcome;
  static VexDocument doc;

  @BeforeAll
  static void build() throws Exception {
    doc = EmbedVexWithJib.document();
    outcome = EmbedVexWithJib.build(doc, dir.resolve("out"));
  }

  @Nested
  class TheImageTar {
    @Test
    void hasTheBaseLayerAndThenALayerHoldingExactlyTheDocument() throws Exception {
      List<Map<String, byte[]>> layers = layers(outcome.imageTar());

      assertThat(layers).hasSize(2);
      assertThat(layers.get(0)).containsKey("app/hello.txt").doesNotContainKey(vexEntry());
      assertThat(layers.get(1)).containsKey(vexEntry());
      assertThat(layers.get(1).keySet())
          .allMatch(name -> name.equals(vexEntry()) || "usr/share/vex/".startsWith(name));
      assertThat(layers.get(1).get(vexEntry())).isEqualTo(doc.toJsonBytes());
      assertThat(VexDocument.parse(layers.get(1).get(vexEntry()))).isEqualTo(doc);
    }

    @Test
    void keepsTheBaseLayerAsItWas() throws Exception {
      JsonNode base = manifest(outcome.baseTar());
      JsonNode image = manifest(outcome.imageTar());

      assertThat(base.get("Layers")).hasSize(1);
      assertThat(image.get("Layers").get(0)).isEqualTo(base.get("Layers").get(0));
      assertThat(image.get("RepoTags").get(0).asText()).isEqualTo("registry.local/app:1.0-vex");
    }

    @Test
    void carriesALabelNamingWhereTheDocumentIs() throws Exception {
      JsonNode config =
          new ObjectMapper()
              .readTree(
                  entry(outcome.imageTar(), manifest(outcome.imageTar()).get("Config").asText()));

      assertThat(config.at("/config/Labels/dev.waterline.vex").asText())
          .isEqualTo("/usr/share/vex/app.openvex.json");
      assertThat(outcome.imageId()).isNotEqualTo(outcome.baseImageId()).startsWith("sha256:");
    }
  }

  /** An independent reader: skopeo (installed by scripts/test.sh) inspects the tar. */
  @Test
  void skopeoReadsTheImageWithItsTwoLayersAndTheLabel() throws Exception {
    Path skopeo = Path.of("/usr/bin/skopeo");
    assumeTrue(
        Files.isExecutable(skopeo), "skipped: no /usr/bin/skopeo (scripts/test.sh installs it)");
    Process p =
        new ProcessBuilder(skopeo.toString(), "inspect", "docker-archive:" + outcome.imageTar())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();

    JsonNode inspected = new ObjectMapper().readTree(out);
    assertThat(inspected.get("Layers")).hasSize(2);
    assertThat(inspected.at("/Labels/dev.waterline.vex").asText())
        .isEqualTo(EmbedVexWithJib.VEX_PATH);
  }

  @Test
  void buildsTheSameImageAgainFromTheSameDocument() throws Exception {
    Outcome again = EmbedVexWithJib.build(doc, dir.resolve("again"));

    assertThat(again.imageId()).isEqualTo(outcome.imageId());
    assertThat(again.imageDigest()).isEqualTo(outcome.imageDigest());
  }

  static String vexEntry() {
    return EmbedVexWithJib.VEX_PATH.substring(1);
  }

  static JsonNode manifest(Path tar) throws IOException {
    JsonNode m = new ObjectMapper().readTree(entry(tar, "manifest.json"));
    assertThat(m.isArray()).isTrue();
    return m.get(0);
  }

  /** Each layer of a {@code docker save} tar as its entries (name → content), base first. */
  static List<Map<String, byte[]>> layers(Path tar) throws IOException {
    List<Map<String, byte[]>> layers = new ArrayList<>();
    for (JsonNode layer : manifest(tar).get("Layers")) {
      byte[] gz = entry(tar, layer.asText());
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
        layers.add(entries(in));
      }
    }
    return layers;
  }

  static byte[] entry(Path tar, String name) throws IOException {
    try (InputStream in = Files.newInputStream(tar)) {
      byte[] content = entries(in).get(name);
      assertThat(content).as("%s in %s", name, tar).isNotNull();
      return content;
    }
  }

  /**
   * Reads a tar stream as Jib writes it (ustar with PAX extended headers): 512-byte headers,
   * content padded to 512; a PAX {@code path} record renames the next entry.
   */
  static Map<String, byte[]> entries(InputStream in) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    String paxPath = null;
    while (true) {
      byte[] header = in.readNBytes(512);
      if (header.length < 512 || header[0] == 0) {
        return entries;
      }
      String name = field(header, 0, 100);
      String prefix = field(header, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      long size = Long.parseLong(field(header, 124, 12).trim(), 8);
      byte[] content = in.readNBytes((int) size);
      in.readNBytes((int) ((512 - size % 512) % 512));
      byte type = header[156];
      if (type == 'x') {
        for (String record : new String(content, StandardCharsets.UTF_8).split("\n")) {
          String kv = record.substring(record.indexOf(' ') + 1);
          if (kv.startsWith("path=")) {
            paxPath = kv.substring("path=".length());
          }
        }
        continue;
      }
      if (type == 'g' || type == 'L') {
        throw new IOException("unexpected tar header type " + (char) type + " for " + name);
      }
      entries.put(paxPath != null ? paxPath : name, content);
      paxPath = null;
    }
  }

  static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }
}
