package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.oci.internal.store.ImageWriter;
import dev.waterline.vex.oci.internal.store.StoredManifest;
import dev.waterline.vex.testkit.internal.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Mutated manifests, indexes, attestations and references: the parsers either accept them or throw
 * {@link OciException}; nothing else escapes. Seeded, so a failure replays.
 */
class ParserRobustnessTest {
  static final int ROUNDS = 3000;

  static List<byte[]> seeds() {
    InMemoryStore store = new InMemoryStore("seed", true);
    StoredManifest index =
        ImageWriter.write(store, "1.0", "f", "x", List.of("linux/amd64", "linux/arm64/v8"));
    StoredManifest single = ImageWriter.write(store, "2.0", "f", "x", List.of("linux/amd64"));
    Digest d = single.digest();
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(index.bytes());
    seeds.add(single.bytes());
    seeds.add(Fixtures.bundle(Fixtures.statement(d, Fixtures.OPENVEX, "s")));
    seeds.add(Fixtures.dsse(Fixtures.statement(d, Fixtures.OPENVEX, "s")));
    seeds.add(Fixtures.statement(d, Fixtures.OPENVEX_V020, "s"));
    return seeds;
  }

  static byte[] mutate(byte[] seed, Random r) {
    byte[] b = seed.clone();
    int edits = 1 + r.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(4)) {
        case 0:
          b[at] = (byte) r.nextInt(256);
          break;
        case 1:
          b[at] = (byte) "{}[]\",:0123456789 \\-eE.tfn".charAt(r.nextInt(26));
          break;
        case 2:
          byte[] shorter = new byte[at];
          System.arraycopy(b, 0, shorter, 0, at);
          b = shorter.length == 0 ? new byte[] {'{'} : shorter;
          break;
        default:
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at);
          longer[at] = (byte) "{}[]\",:".charAt(r.nextInt(7));
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          b = longer;
      }
    }
    return b;
  }

  static int run(Consumer<byte[]> parser) {
    Random r = new Random(20261126L);
    List<byte[]> seeds = seeds();
    int rejected = 0;
    for (int i = 0; i < ROUNDS; i++) {
      byte[] input = mutate(seeds.get(i % seeds.size()), r);
      try {
        parser.accept(input);
      } catch (OciException e) {
        assertThat(e.getMessage()).isNotBlank();
        rejected++;
      } catch (RuntimeException e) {
        throw new AssertionError(
            "round " + i + ": " + e + " for " + new String(input, StandardCharsets.ISO_8859_1), e);
      }
    }
    return rejected;
  }

  @Test
  void manifestParserOnlyThrowsOciException() {
    assertThat(run(b -> OciJson.parseManifest(b, "m", null))).isPositive();
  }

  @Test
  void indexParserOnlyThrowsOciException() {
    assertThat(run(b -> OciJson.parseIndex(b, "i", null))).isPositive();
  }

  @Test
  void attestationReaderOnlyThrowsOciException() {
    assertThat(run(Attestation::of)).isPositive();
  }

  @Test
  void referenceParserOnlyThrowsOciException() {
    assertThat(
            run(
                b -> {
                  String s = new String(b, StandardCharsets.ISO_8859_1);
                  ImageReference.parse(s.length() > 300 ? s.substring(0, 300) : s);
                }))
        .isPositive();
    Random r = new Random(7);
    String alphabet = "abcAB09.:/@_-[]oci";
    for (int i = 0; i < ROUNDS; i++) {
      StringBuilder sb = new StringBuilder();
      int n = r.nextInt(40);
      for (int j = 0; j < n; j++) {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      try {
        ImageReference ref = ImageReference.parse(sb.toString());
        assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
      } catch (OciException e) {
        assertThat(e.reference()).contains(sb.toString());
      }
    }
  }
}
