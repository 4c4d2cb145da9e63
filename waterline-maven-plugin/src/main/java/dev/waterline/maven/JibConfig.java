package dev.waterline.maven;

import java.util.Optional;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.jspecify.annotations.Nullable;

/** What the project's jib-maven-plugin configuration says, for the goals that can use it. */
final class JibConfig {
  static final String JIB = "com.google.cloud.tools:jib-maven-plugin";

  private JibConfig() {}

  /**
   * The base image Jib builds from ({@code <from><image>}, or the property {@code jib.from.image}),
   * when it is pinned to a digest; empty when Jib is not configured, names no base, or names it by
   * tag only (a tag says nothing certain about the layers the image was built on).
   */
  static Optional<String> pinnedBaseImage(MavenProject project) {
    String image = project.getProperties().getProperty("jib.from.image");
    if (image == null) {
      Plugin jib =
          project.getBuild() == null ? null : project.getBuild().getPluginsAsMap().get(JIB);
      image = fromImage(jib == null ? null : jib.getConfiguration());
    }
    if (image == null || image.isBlank() || image.contains("${")) {
      return Optional.empty();
    }
    String s = image.strip();
    return s.contains("@sha256:") ? Optional.of(s) : Optional.empty();
  }

  static @Nullable String fromImage(@Nullable Object configuration) {
    if (!(configuration instanceof Xpp3Dom)) {
      return null;
    }
    Xpp3Dom from = ((Xpp3Dom) configuration).getChild("from");
    Xpp3Dom image = from == null ? null : from.getChild("image");
    return image == null ? null : image.getValue();
  }
}
