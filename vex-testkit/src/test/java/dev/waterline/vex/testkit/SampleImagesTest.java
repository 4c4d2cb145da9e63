package dev.waterline.vex.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waterline.vex.oci.Digest;
import dev.waterline.vex.oci.ImageConfig;
import dev.waterline.vex.oci.OciException;
import dev.waterline.vex.oci.OciLayout;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleImagesTest {
  @TempDir Path dir;

  @Nested
  class Write {
    @Test
    void sameTagAndPlatformsGiveTheSameDigestInAnyLayout() {
      Digest a = SampleImages.write(OciLayout.create(dir.resolve("a")), "1.0", "linux/amd64");
      Digest b = SampleImages.write(OciLayout.create(dir.resolve("b")), "1.0", "linux/amd64");
      assertThat(a).isEqualTo(b);
    }

    @Test
    void writesTheImageThatWriteSampleImageWroteIn010() {
      // The digest the README showed for layout.writeSampleImage("1.0") in 0.1.0.
      Digest d = SampleImages.write(OciLayout.create(dir), "1.0");
      assertThat(d.toString()).startsWith("sha256:c15e6c73");
    }

    @Test
    void noPlatformMeansOneLinuxAmd64Manifest() {
      OciLayout layout = OciLayout.create(dir);
      Digest d = SampleImages.write(layout, "1.0");
      assertThat(layout.resolve("1.0")).contains(d);
      assertThat(layout.resolve("1.0", "linux/amd64")).contains(d);
      assertThat(layout.resolve("1.0", "linux/arm64")).isEmpty();
      ImageConfig config = layout.imageConfig("1.0", "linux/amd64");
      assertThat(config.diffIds()).hasSize(1);
    }

    @Test
    void severalPlatformsMakeAnIndexTaggedInTheLayout() {
      OciLayout layout = OciLayout.create(dir);
      Digest index = SampleImages.write(layout, "multi", "linux/amd64", "linux/arm64/v8");
      assertThat(layout.resolve("multi")).contains(index);
      assertThat(layout.tags()).containsExactly("multi");
      Digest arm = layout.resolve("multi", "linux/arm64").orElseThrow();
      Digest amd = layout.resolve("multi", "linux/amd64").orElseThrow();
      assertThat(arm).isNotEqualTo(amd).isNotEqualTo(index);
    }

    @Test
    void imagesWithOtherTagsDifferAndAllStayTagged() {
      OciLayout layout = OciLayout.create(dir);
      Digest one = SampleImages.write(layout, "1.0");
      Digest two = SampleImages.write(layout, "2.0");
      assertThat(one).isNotEqualTo(two);
      assertThat(layout.tags()).containsExactlyInAnyOrder("1.0", "2.0");
    }

    @Test
    void aBadTagIsRefused() {
      OciLayout layout = OciLayout.create(dir);
      assertThatThrownBy(() -> SampleImages.write(layout, "-x"))
          .isInstanceOf(OciException.class)
          .hasMessageEndingWith("the tag \"-x\" is not valid");
    }

    @Test
    void aBadPlatformIsRefused() {
      OciLayout layout = OciLayout.create(dir);
      assertThatThrownBy(() -> SampleImages.write(layout, "1.0", "amd64"))
          .isInstanceOf(OciException.class)
          .hasMessage("invalid platform \"amd64\": expected os/architecture[/variant]");
    }
  }
}
