package dev.waterline.vex.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.internal.json.OciJson;
import dev.waterline.vex.testkit.SampleImages;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
  @TempDir Path dir;

  @Nested
  class DeprecatedWriteSampleImage {
    @Test
    @SuppressWarnings(
        "removal") // what it checks: the deprecated method keeps working until removed
    void writesTheTestKitsImageWithTheSameDigest() {
      OciLayout old = OciLayout.create(dir.resolve("old"));
      OciLayout kit = OciLayout.create(dir.resolve("kit"));
      Digest d = old.writeSampleImage("multi", "linux/amd64", "linux/arm64/v8");
      assertThat(d).isEqualTo(SampleImages.write(kit, "multi", "linux/amd64", "linux/arm64/v8"));
      assertThat(old.resolve("multi")).contains(d);
      assertThat(old.writeSampleImage("1.0")).isEqualTo(SampleImages.write(kit, "1.0"));
    }

    @Test
    void isDeprecatedForRemovalSince020() throws NoSuchMethodException {
      Deprecated deprecated =
          OciLayout.class
              .getMethod("writeSampleImage", String.class, String[].class)
              .getAnnotation(Deprecated.class);
      assertThat(deprecated).isNotNull();
      assertThat(deprecated.since()).isEqualTo("0.2.0");
      assertThat(deprecated.forRemoval()).isTrue();
    }
  }

  @Test
  void toStringNamesThePath() {
    OciLayout layout = OciLayout.create(dir);
    assertThat(layout.toString()).isEqualTo("OciLayout[" + layout.path() + "]");
  }

  @Nested
  class PlatformResolution {
    @Test
    void picksThePlatformManifestOfAnIndex() {
      OciLayout layout = OciLayout.create(dir);
      Digest index = SampleImages.write(layout, "multi", "linux/amd64", "linux/arm64/v8");
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
      Digest d = SampleImages.write(layout, "1.0", "linux/arm64");
      assertThat(layout.resolve("1.0", "linux/arm64/v8")).contains(d);
      assertThat(layout.resolve("1.0", "linux/amd64")).isEmpty();
    }

    @Test
    void refusesAPlatformThatIsNotOsSlashArch() {
      OciLayout layout = OciLayout.create(dir);
      SampleImages.write(layout, "1.0");
      assertThatThrownBy(() -> layout.resolve("1.0", "amd64"))
          .isInstanceOf(OciException.class)
          .hasMessage("invalid platform \"amd64\": expected os/architecture[/variant]");
    }
  }
}
