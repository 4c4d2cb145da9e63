package dev.waterline.arch;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.ModuleTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The main sources of a module, parsed (not compiled) with javac's own parser, so that comments and
 * {@code module-info.java} are read exactly as javac reads them.
 */
final class Sources {
  /** One parsed source file and the doc-comment lookup that goes with it. */
  record Unit(Path file, CompilationUnitTree tree, DocTrees docs) {
    String packageName() {
      return tree.getPackageName() == null ? "" : tree.getPackageName().toString();
    }

    Optional<ModuleTree> module() {
      return Optional.ofNullable(tree.getModule());
    }

    /** The Javadoc comment of a declaration in this file, or null when it has none. */
    String docComment(Tree declaration) {
      return docs.getDocComment(TreePath.getPath(tree, declaration));
    }
  }

  /** A type declaration whose name a user can write from outside its package. */
  record ApiType(Unit unit, ClassTree tree, String name) {}

  private Sources() {}

  /** The repository root, from the system property set by surefire. */
  static Path root() {
    String root = System.getProperty("waterline.root");
    if (root == null) {
      throw new IllegalStateException(
          "system property waterline.root is not set (surefire sets it to the repository root)");
    }
    return Path.of(root).toAbsolutePath().normalize();
  }

  static Path mainSources(String module) {
    return root().resolve(module).resolve("src/main/java");
  }

  /** Every {@code .java} file under a module's {@code src/main/java}, parsed. */
  static List<Unit> parse(String module) {
    return parseTree(mainSources(module));
  }

  /** Every {@code .java} file under a directory, parsed. */
  static List<Unit> parseTree(Path dir) {
    String module = dir.toString();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the sources of " + module + " in " + dir, e);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager fm =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Iterable<? extends JavaFileObject> objects = fm.getJavaFileObjectsFromPaths(files);
      JavacTask task =
          (JavacTask) javac.getTask(null, fm, null, List.of("--release", "17"), null, objects);
      DocTrees docs = DocTrees.instance(task);
      List<Unit> units = new ArrayList<>();
      for (CompilationUnitTree cu : task.parse()) {
        units.add(new Unit(Path.of(cu.getSourceFile().toUri()), cu, docs));
      }
      return units;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse the sources of " + module, e);
    }
  }

  /** Public top-level types and their public or protected member types, with binary-ish names. */
  static List<ApiType> apiTypes(Unit unit) {
    List<ApiType> types = new ArrayList<>();
    for (Tree t : unit.tree().getTypeDecls()) {
      if (t instanceof ClassTree c && isPublic(c.getModifiers())) {
        collect(unit, c, unit.packageName() + "." + c.getSimpleName(), types);
      }
    }
    return types;
  }

  private static void collect(Unit unit, ClassTree c, String name, List<ApiType> out) {
    out.add(new ApiType(unit, c, name));
    for (Tree member : c.getMembers()) {
      if (member instanceof ClassTree nested
          && (isPublic(nested.getModifiers())
              || nested.getModifiers().getFlags().contains(Modifier.PROTECTED)
              || isInterfaceLike(c))) {
        collect(unit, nested, name + "." + nested.getSimpleName(), out);
      }
    }
  }

  /** Members of interfaces and annotation types are implicitly public. */
  private static boolean isInterfaceLike(ClassTree c) {
    return c.getKind() == Tree.Kind.INTERFACE || c.getKind() == Tree.Kind.ANNOTATION_TYPE;
  }

  private static boolean isPublic(ModifiersTree m) {
    return m.getFlags().contains(Modifier.PUBLIC);
  }
}
