package dev.waterline.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public type of an exported package has a Javadoc comment, and so has the package itself
 * (issue 7, item 2). ArchUnit reads class files, which keep no comments, so this reads the sources
 * with javac's parser.
 */
class ApiDocumentationTest {

  /** Published library modules and their one API package. */
  static final Map<String, String> API_PACKAGES =
      Map.of(
          "vex-model", "dev.waterline.vex",
          "vex-formats", "dev.waterline.vex.formats",
          "vex-sign", "dev.waterline.vex.sign",
          "vex-attach", "dev.waterline.vex.oci",
          "vex-policy", "dev.waterline.vex.policy",
          "vex-workflow", "dev.waterline.vex.workflow",
          "vex-testkit", "dev.waterline.vex.testkit");

  static List<String> modules() {
    return API_PACKAGES.keySet().stream().sorted().toList();
  }

  /** "file: type" for each public type of the package that has no Javadoc comment. */
  static List<String> undocumented(List<Sources.Unit> units, String apiPackage) {
    List<String> missing = new ArrayList<>();
    for (Sources.Unit unit : units) {
      if (!unit.packageName().equals(apiPackage)) {
        continue;
      }
      if (unit.file().getFileName().toString().equals("package-info.java")) {
        String doc =
            unit.docs().getDocComment(unit.docs().getPath(unit.tree(), unit.tree().getPackage()));
        if (doc == null || doc.isBlank()) {
          missing.add(unit.file().getFileName() + ": package " + apiPackage);
        }
        continue;
      }
      for (Sources.ApiType type : Sources.apiTypes(unit)) {
        String doc = unit.docComment(type.tree());
        if (doc == null || doc.isBlank()) {
          missing.add(unit.file().getFileName() + ": " + type.name());
        }
      }
    }
    return missing;
  }

  /**
   * "file: type.member" for each public or protected method, constructor, field or enum constant of
   * those types that has no Javadoc comment. Members a record or enum gets without declaring them
   * are not in the source, so not checked; compact record constructors and overrides
   * ({@code @Override}) inherit their documentation.
   */
  static List<String> undocumentedMembers(List<Sources.Unit> units, String apiPackage) {
    List<String> missing = new ArrayList<>();
    for (Sources.Unit unit : units) {
      if (!unit.packageName().equals(apiPackage)) {
        continue;
      }
      for (Sources.ApiType type : Sources.apiTypes(unit)) {
        boolean implicitlyPublic =
            type.tree().getKind() == com.sun.source.tree.Tree.Kind.INTERFACE
                || type.tree().getKind() == com.sun.source.tree.Tree.Kind.ANNOTATION_TYPE;
        for (com.sun.source.tree.Tree member : type.tree().getMembers()) {
          String name;
          com.sun.source.tree.ModifiersTree mods;
          if (member instanceof com.sun.source.tree.MethodTree m) {
            boolean compact =
                type.tree().getKind() == com.sun.source.tree.Tree.Kind.RECORD
                    && m.getName().contentEquals("<init>")
                    && m.getParameters().isEmpty();
            if (compact
                || m.getModifiers().getAnnotations().stream()
                    .anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"))) {
              continue;
            }
            name = m.getName().contentEquals("<init>") ? "<init>" : m.getName().toString();
            mods = m.getModifiers();
          } else if (member instanceof com.sun.source.tree.VariableTree v) {
            name = v.getName().toString();
            mods = v.getModifiers();
          } else {
            continue;
          }
          java.util.Set<javax.lang.model.element.Modifier> flags = mods.getFlags();
          boolean visible =
              flags.contains(javax.lang.model.element.Modifier.PUBLIC)
                  || flags.contains(javax.lang.model.element.Modifier.PROTECTED)
                  || (implicitlyPublic
                      && !flags.contains(javax.lang.model.element.Modifier.PRIVATE));
          String doc = unit.docComment(member);
          if (visible && (doc == null || doc.isBlank())) {
            missing.add(unit.file().getFileName() + ": " + type.name() + "." + name);
          }
        }
      }
    }
    return missing;
  }

  @Nested
  class ExportedTypes {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.arch.ApiDocumentationTest#modules")
    void haveJavadoc(String module) {
      List<Sources.Unit> units = Sources.parse(module);
      String api = API_PACKAGES.get(module);
      assertThat(units)
          .as("%s has sources in %s", module, api)
          .anyMatch(u -> u.packageName().equals(api) && !Sources.apiTypes(u).isEmpty());
      assertThat(undocumented(units, api))
          .as("public types of %s (%s) without a Javadoc comment", api, module)
          .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.arch.ApiDocumentationTest#modules")
    void haveJavadocOnEveryPublicMember(String module) {
      String api = API_PACKAGES.get(module);
      assertThat(undocumentedMembers(Sources.parse(module), api))
          .as("public members of %s (%s) without a Javadoc comment", api, module)
          .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.arch.ApiDocumentationTest#modules")
    void sitInAPackageThatHasAPackageInfo(String module) {
      String api = API_PACKAGES.get(module);
      Path info =
          Sources.mainSources(module).resolve(api.replace('.', '/')).resolve("package-info.java");
      assertThat(info).as("package-info of %s", api).isRegularFile();
    }
  }

  @Nested
  class TheCheck {
    @TempDir Path dir;

    @Test
    void reportsUndocumentedTypesNestedTypesAndMembers() throws IOException {
      Path pkg = Files.createDirectories(dir.resolve("dev/waterline/vex"));
      Files.writeString(
          pkg.resolve("Bare.java"),
          """
          package dev.waterline.vex;

          public final class Bare {
            /** Documented. */
            public static final class Inner {}

            public enum Plain { A }

            private static final class Hidden {}

            public static final int LIMIT = 1;

            /** Documented. */
            public static int documented() {
              return 1;
            }

            public static int bare() {
              return 2;
            }

            private static int hidden() {
              return 3;
            }

            @Override
            public String toString() {
              return "Bare";
            }
          }
          """);
      Files.writeString(
          pkg.resolve("Documented.java"),
          """
          package dev.waterline.vex;

          /** Documented. */
          public interface Documented {
            record Point(int x) {}
          }

          final class PackagePrivate {}
          """);
      Files.writeString(pkg.resolve("package-info.java"), "package dev.waterline.vex;\n");

      assertThat(undocumented(Sources.parseTree(dir), "dev.waterline.vex"))
          .containsExactlyInAnyOrder(
              "Bare.java: dev.waterline.vex.Bare",
              "Bare.java: dev.waterline.vex.Bare.Plain",
              "Documented.java: dev.waterline.vex.Documented.Point",
              "package-info.java: package dev.waterline.vex");
      assertThat(undocumentedMembers(Sources.parseTree(dir), "dev.waterline.vex"))
          .containsExactlyInAnyOrder(
              "Bare.java: dev.waterline.vex.Bare.LIMIT",
              "Bare.java: dev.waterline.vex.Bare.bare",
              "Bare.java: dev.waterline.vex.Bare.Plain.A");
    }
  }
}
