package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.internal.json.OciJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
  @TempDir Path dir;

  @Nested
  class SampleImages {
    @Test
    void sameInputSameDigest() {
      Digest a = OciLayout.create(dir.resolve("a")).writeSampleImage("1.0", "linux/amd64");
      Digest b = OciLayout.create(dir.resolve("b")).writeSampleImage("1.0", "linux/amd64");
      assertThat(a).isEqualTo(b);
    }

    @Test
    void severalPlatformsMakeAnIndex() {
      OciLayout layout = OciLayout.create(dir);
      Digest d = layout.writeSampleImage("multi", "linux/amd64", "linux/arm64/v8");
      assertThat(layout.resolve("multi")).contains(d);
      assertThat(layout.tags()).containsExactly("multi");
      assertThat(layout.toString()).isEqualTo("OciLayout[" + layout.path() + "]");
    }

    @Test
    void aBadTagIsRefused() {
      OciLayout layout = OciLayout.create(dir);
      assertThatThrownBy(() -> layout.writeSampleImage("-x"))
          .hasMessageEndingWith("the tag \"-x\" is not valid");
    }
  }

  @Nested
  class PlatformResolution {
    @Test
    void picksThePlatformManifestOfAnIndex() {
      OciLayout layout = OciLayout.create(dir);
      Digest index = layout.writeSampleImage("multi", "linux/amd64", "linux/arm64/v8");
      var entries =
          OciJson.parseIndex(
                  layout.store().manifest(index.toString()).orElseThrow().bytes(), "i", null)
              .manifests();
      assertThat(layout.resolve("multi", "linux/arm64")).contains(entries.get(1).digest());
      assertThat(layout.resolve("multi", "linux/arm64/v8")).contains(entries.get(1).digest());
      assertThat(layout.resolve("multi", "linux/amd64")).contains(entries.get(0).digest());
      assertThat(layout.resolve("multi", "linux/arm/v7")).isEmpty();
      assertThat(layout.resolve("missing", "linux/amd64")).isEmpty();
    }

    @Test
    void aSingleManifestAnswersForItsOwnPlatformOnly() {
      OciLayout layout = OciLayout.create(dir);
      Digest d = layout.writeSampleImage("1.0", "linux/arm64");
      assertThat(layout.resolve("1.0", "linux/arm64/v8")).contains(d);
      assertThat(layout.resolve("1.0", "linux/amd64")).isEmpty();
    }

    @Test
    void refusesAPlatformThatIsNotOsSlashArch() {
      OciLayout layout = OciLayout.create(dir);
      layout.writeSampleImage("1.0");
      assertThatThrownBy(() -> layout.resolve("1.0", "amd64"))
          .isInstanceOf(OciException.class)
          .hasMessage("invalid platform \"amd64\": expected os/architecture[/variant]");
    }
  }
}
