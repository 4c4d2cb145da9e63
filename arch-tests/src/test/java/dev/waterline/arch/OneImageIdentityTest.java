package dev.waterline.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreeScanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One image identity (issue 12): digests and image names are parsed and normalised only by
 * vex-model's core ({@code ContentDigest}, {@code ImageName} and {@code internal.image.ImageText}).
 * No string literal in any other main source may hold a hex-digest pattern ({@code [0-9a-f]{64}},
 * {@code [a-fA-F0-9]{128}}…) or spell Docker Hub's registry hosts ({@code index.docker.io}, {@code
 * registry-1.docker.io}): those are the marks of a second digest parser or Docker Hub normaliser.
 * Comments may mention them; code must call the core.
 */
class OneImageIdentityTest {
  /** The modules whose main sources are checked: every published module with code. */
  static final List<String> MODULES =
      List.of(
          "vex-model",
          "vex-formats",
          "vex-sign",
          "vex-attach",
          "vex-policy",
          "vex-workflow",
          "vex-testkit",
          "vex-cli",
          "waterline-maven-plugin");

  /** The core, the only files allowed to spell these. */
  static final Set<String> CORE =
      Set.of(
          "vex-model/src/main/java/dev/waterline/vex/ContentDigest.java",
          "vex-model/src/main/java/dev/waterline/vex/ImageName.java",
          "vex-model/src/main/java/dev/waterline/vex/internal/image/ImageText.java");

  /**
   * A regular-expression quantifier of the hex length of a sha256 or sha512 digest ({@code {64}},
   * {@code {128}}, {@code {64,}}), whatever it quantifies ({@code [0-9a-f]}, {@code \p{XDigit}}…).
   */
  static final Pattern DIGEST_REGEX = Pattern.compile("\\{(?:64|128)(?:,[0-9]*)?\\}");

  static final List<String> DOCKER_HUB_HOSTS = List.of("index.docker.io", "registry-1.docker.io");

  @Nested
  class TheSources {
    @Test
    void spellNoDigestPatternAndNoDockerHubHostOutsideTheCore() {
      List<String> found = new ArrayList<>();
      for (String module : MODULES) {
        Path root = Sources.root();
        for (Sources.Unit unit : Sources.parse(module)) {
          String file = root.relativize(unit.file()).toString().replace('\\', '/');
          if (!CORE.contains(file)) {
            found.addAll(offences(file, unit.tree()));
          }
        }
      }
      assertThat(found)
          .as(
              "digest patterns or Docker Hub hosts outside vex-model's image core; use"
                  + " ContentDigest, ImageName or internal.image.ImageText instead")
          .isEmpty();
    }

    @Test
    void theCoreExists() {
      for (String file : CORE) {
        assertThat(Sources.root().resolve(file)).exists();
      }
    }
  }

  @Nested
  class TheCheck {
    @Test
    void findsADigestPatternAndADockerHubHostInAStringLiteral() {
      String source =
          """
          class Bad {
            static final java.util.regex.Pattern D =
                java.util.regex.Pattern.compile("sha256:[a-f0-9]{64}");
            static final String WIDE = "[A-Fa-f0-9]{128}";
            static final String POSIX = "sha256:\\\\p{XDigit}{64,}";
            static String hub(String r) {
              return r.equals("docker.io") ? "index.docker.io" : r;
            }
            static final String API = "https://registry-1.docker.io/v2/";
          }
          """;
      assertThat(offences("Bad.java", parse(source)))
          .containsExactly(
              "Bad.java: \"sha256:[a-f0-9]{64}\"",
              "Bad.java: \"[A-Fa-f0-9]{128}\"",
              "Bad.java: \"sha256:\\p{XDigit}{64,}\"",
              "Bad.java: \"index.docker.io\"",
              "Bad.java: \"https://registry-1.docker.io/v2/\"");
    }

    @Test
    void ignoresCommentsAndOtherLengths() {
      String source =
          """
          /** Reads sha256:[0-9a-f]{64} from index.docker.io. */
          class Fine {
            // registry-1.docker.io
            static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}";
            static final int LENGTH = 64;
          }
          """;
      assertThat(offences("Fine.java", parse(source))).isEmpty();
    }
  }

  /** "file: literal" for each string literal of {@code tree} that spells a digest or a hub host. */
  static List<String> offences(String file, CompilationUnitTree tree) {
    List<String> found = new ArrayList<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitLiteral(LiteralTree node, Void unused) {
        if (node.getValue() instanceof String s
            && (DIGEST_REGEX.matcher(s).find()
                || DOCKER_HUB_HOSTS.stream().anyMatch(s::contains))) {
          found.add(file + ": \"" + s + "\"");
        }
        return null;
      }
    }.scan(tree, null);
    return found;
  }

  private static CompilationUnitTree parse(String source) {
    JavaFileObject file =
        new SimpleJavaFileObject(
            java.net.URI.create("string:///Sample.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    JavacTask task =
        (JavacTask)
            ToolProvider.getSystemJavaCompiler()
                .getTask(null, null, null, List.of("--release", "17"), null, List.of(file));
    try {
      return task.parse().iterator().next();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
