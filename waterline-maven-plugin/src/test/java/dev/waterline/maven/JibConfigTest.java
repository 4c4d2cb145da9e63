package dev.waterline.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;

class JibConfigTest {
  static final String PINNED = "eclipse-temurin:17-jre@sha256:" + "ab".repeat(32);

  private static MavenProject projectWithJibFrom(String image) {
    Model model = new Model();
    Build build = new Build();
    Plugin jib = new Plugin();
    jib.setGroupId("com.google.cloud.tools");
    jib.setArtifactId("jib-maven-plugin");
    if (image != null) {
      Xpp3Dom config = new Xpp3Dom("configuration");
      Xpp3Dom from = new Xpp3Dom("from");
      Xpp3Dom img = new Xpp3Dom("image");
      img.setValue(image);
      from.addChild(img);
      config.addChild(from);
      jib.setConfiguration(config);
    }
    build.addPlugin(jib);
    model.setBuild(build);
    return new MavenProject(model);
  }

  @Test
  void aBaseImagePinnedByDigestInJibsFromIsTheWaterline() {
    assertThat(JibConfig.pinnedBaseImage(projectWithJibFrom(PINNED))).contains(PINNED);
  }

  @Test
  void aBaseImageNamedByTagOnlyIsNotUsed() {
    assertThat(JibConfig.pinnedBaseImage(projectWithJibFrom("eclipse-temurin:17-jre"))).isEmpty();
  }

  @Test
  void noJibConfigurationMeansNoBaseImage() {
    assertThat(JibConfig.pinnedBaseImage(projectWithJibFrom(null))).isEmpty();
    assertThat(JibConfig.pinnedBaseImage(new MavenProject(new Model()))).isEmpty();
  }

  @Test
  void theJibFromImagePropertyWinsOverThePluginConfiguration() {
    MavenProject p = projectWithJibFrom("eclipse-temurin:17-jre");
    p.getProperties().setProperty("jib.from.image", PINNED);
    assertThat(JibConfig.pinnedBaseImage(p)).contains(PINNED);
  }
}
