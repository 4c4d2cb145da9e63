package dev.waterline.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.DirectiveTree;
import com.sun.source.tree.ExportsTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ModuleTree;
import com.sun.source.tree.OpensTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Only the API package of each module is visible to users (issue 7, item 2): {@code module-info}
 * exports exactly that package (qualified exports to our own modules aside), and every other
 * package of the module lies under its {@code internal} package. vex-sign-sigstore is a provider
 * module: it has no API package, no {@code module-info} (sigstore-java's split packages keep it on
 * the class path) and every package under {@code dev.waterline.vex.sign.sigstore.internal}.
 */
class ModuleExportsTest {
  /** Modules that only provide an implementation to another module, and their package root. */
  static final java.util.Map<String, String> PROVIDER_MODULES =
      java.util.Map.of("vex-sign-sigstore", "dev.waterline.vex.sign.sigstore");

  static List<String> modules() {
    return ApiDocumentationTest.modules();
  }

  static List<String> providerModules() {
    return PROVIDER_MODULES.keySet().stream().sorted().toList();
  }

  static Optional<ModuleTree> moduleInfo(String module) {
    Path info = Sources.mainSources(module).resolve("module-info.java");
    if (!Files.isRegularFile(info)) {
      return Optional.empty();
    }
    return Sources.parse(module).stream()
        .filter(u -> u.file().getFileName().toString().equals("module-info.java"))
        .findFirst()
        .flatMap(Sources.Unit::module);
  }

  /** "exports P" and "exports P to M, N" as written, and the same for opens. */
  static List<String> exportsAndOpens(ModuleTree module) {
    List<String> out = new ArrayList<>();
    for (DirectiveTree d : module.getDirectives()) {
      if (d instanceof ExportsTree e) {
        out.add(directive("exports", e.getPackageName(), e.getModuleNames()));
      } else if (d instanceof OpensTree o) {
        out.add(directive("opens", o.getPackageName(), o.getModuleNames()));
      }
    }
    return out;
  }

  private static String directive(
      String verb, ExpressionTree pkg, List<? extends ExpressionTree> to) {
    return to == null || to.isEmpty()
        ? verb + " " + pkg
        : verb + " " + pkg + " to " + String.join(", ", to.stream().map(Object::toString).toList());
  }

  /** Directories under src/main/java that hold at least one class, as package names. */
  static Set<String> packagesOf(String module) throws IOException {
    Path src = Sources.mainSources(module);
    Set<String> packages = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(src)) {
      walk.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getFileName().toString().equals("module-info.java"))
          .forEach(p -> packages.add(src.relativize(p.getParent()).toString().replace('/', '.')));
    }
    return packages;
  }

  @Nested
  class ModuleInfo {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.arch.ModuleExportsTest#modules")
    void exportsTheApiPackageOnly(String module) {
      String api = ApiDocumentationTest.API_PACKAGES.get(module);
      Optional<ModuleTree> info = moduleInfo(module);
      assertThat(info).as("module-info of %s", module).isPresent();
      assertThat(info.get().getName().toString()).as("module name").isEqualTo(api);
      List<String> visible =
          exportsAndOpens(info.get()).stream()
              .filter(
                  d ->
                      !d.matches(
                          "(exports|opens) \\S+ to dev\\.waterline\\.[\\w.]+(, dev\\.waterline\\.[\\w.]+)*"))
              .toList();
      assertThat(visible)
          .as("unqualified exports and opens of %s", module)
          .containsExactly("exports " + api);
    }
  }

  @Nested
  class Packages {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.arch.ModuleExportsTest#modules")
    void areTheApiPackageOrLieUnderItsInternalPackage(String module) throws IOException {
      String api = ApiDocumentationTest.API_PACKAGES.get(module);
      Set<String> packages = packagesOf(module);
      assertThat(packages).as("packages of %s", module).contains(api);
      assertThat(packages)
          .as("packages of %s outside %s and %s.internal…", module, api, api)
          .allMatch(
              p ->
                  p.equals(api) || p.equals(api + ".internal") || p.startsWith(api + ".internal."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.waterline.arch.ModuleExportsTest#providerModules")
    void ofAProviderModuleLieUnderItsInternalPackageWithoutModuleInfo(String module)
        throws IOException {
      String root = PROVIDER_MODULES.get(module);
      assertThat(moduleInfo(module)).as("module-info of the class-path-only %s", module).isEmpty();
      assertThat(packagesOf(module))
          .as("packages of %s outside %s.internal…", module, root)
          .isNotEmpty()
          .allMatch(p -> p.equals(root + ".internal") || p.startsWith(root + ".internal."));
    }

    @Test
    void everyLibraryModuleIsGated() throws IOException {
      // A module with main sources under dev.waterline.vex is a library: it must join the API
      // map (or, without an API, the provider map). The CLI (dev.waterline.cli), samples and
      // benchmarks have their own packages.
      Set<String> libraries = new TreeSet<>();
      try (Stream<Path> dirs = Files.list(Sources.root())) {
        dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java/dev/waterline/vex")))
            .map(d -> d.getFileName().toString())
            .forEach(libraries::add);
      }
      assertThat(libraries)
          .as(
              "modules with main sources under dev.waterline.vex (add a new one to API_PACKAGES"
                  + " or PROVIDER_MODULES)")
          .containsExactlyInAnyOrderElementsOf(
              Stream.concat(modules().stream(), providerModules().stream()).toList());
    }
  }
}
