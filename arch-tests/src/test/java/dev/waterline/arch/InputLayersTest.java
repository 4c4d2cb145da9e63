package dev.waterline.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The second wave's two input rules (DESIGN.md, "Second wave"), over the compiled classes of every
 * module:
 *
 * <ul>
 *   <li><b>one JSON layer</b>: only {@code dev.waterline.vex.internal.json.Json} builds Jackson
 *       mappers and factories (so every JSON input has the same duplicate-key refusal, nesting,
 *       string and number limits), and nothing hands Jackson a file, path or URL to read by itself;
 *   <li><b>one bounded reader</b>: only {@code dev.waterline.vex.internal.io.Inputs} reads a whole
 *       file or stream ({@code Files.readAllBytes}, {@code readString}, {@code readAllLines},
 *       {@code lines}, {@code InputStream.readAllBytes}/{@code readNBytes(int)}), so every input is
 *       checked for its kind of file and stopped at its limit.
 * </ul>
 *
 * Each rule is shown able to fail on a class that breaks it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputLayersTest {
  static final String JSON_LAYER = "dev.waterline.vex.internal.json.Json";
  static final String BOUNDED_READER = "dev.waterline.vex.internal.io.Inputs";

  /** Jackson types whose construction configures JSON reading or writing. */
  static final List<String> MAPPER_TYPES =
      List.of(
          "com.fasterxml.jackson.core.TokenStreamFactory",
          "com.fasterxml.jackson.databind.ObjectMapper",
          "com.fasterxml.jackson.databind.cfg.MapperBuilder",
          "com.fasterxml.jackson.core.TSFBuilder");

  /** Jackson types that read: none may be given a file, path or URL. */
  static final List<String> READER_TYPES =
      List.of(
          "com.fasterxml.jackson.core.TokenStreamFactory",
          "com.fasterxml.jackson.databind.ObjectMapper",
          "com.fasterxml.jackson.databind.ObjectReader");

  JavaClasses classes;

  @BeforeAll
  void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.waterline");
  }

  @Nested
  class OneJsonLayer {
    @Test
    void onlyTheJsonLayerBuildsMappersAndFactories() {
      buildsMappers().check(classes);
    }

    @Test
    void nothingHandsJacksonAFileToReadByItself() {
      readsFilesThroughJackson().check(classes);
    }

    @Test
    void theRulesFlagAClassThatBuildsItsOwnMapper() {
      JavaClasses bad = new ClassFileImporter().importClasses(OwnMapper.class);
      EvaluationResult mappers = buildsMappers().evaluate(bad);
      assertThat(mappers.hasViolation()).isTrue();
      assertThat(String.join("\n", mappers.getFailureReport().getDetails()))
          .contains("OwnMapper.parse")
          .contains("ObjectMapper.<init>");
      EvaluationResult files = readsFilesThroughJackson().evaluate(bad);
      assertThat(String.join("\n", files.getFailureReport().getDetails()))
          .contains("ObjectMapper.readTree(java.io.File)");
    }
  }

  @Nested
  class OneBoundedReader {
    @Test
    void onlyTheBoundedReaderReadsWholeFilesAndStreams() {
      readsWholeInputs().check(classes);
    }

    @Test
    void theRuleFlagsAClassThatReadsAWholeFile() {
      JavaClasses bad = new ClassFileImporter().importClasses(WholeFileReader.class);
      EvaluationResult result = readsWholeInputs().evaluate(bad);
      assertThat(String.join("\n", result.getFailureReport().getDetails()))
          .contains("Files.readAllBytes(java.nio.file.Path)")
          .contains("Files.readString(java.nio.file.Path)")
          .contains("InputStream.readAllBytes()");
    }
  }

  static ArchRule buildsMappers() {
    return noClasses()
        .that()
        .doNotHaveFullyQualifiedName(JSON_LAYER)
        .should()
        .callCodeUnitWhere(constructsOrBuildsAMapper())
        .because(
            "every module reads JSON through the one JSON layer, "
                + JSON_LAYER
                + " (DESIGN.md, Second wave: one set of limits, duplicate keys refused everywhere)");
  }

  static ArchRule readsFilesThroughJackson() {
    return noClasses()
        .should()
        .callCodeUnitWhere(jacksonReadsAFile())
        .because("files are read through " + BOUNDED_READER + ", which checks kind and size first");
  }

  static ArchRule readsWholeInputs() {
    return noClasses()
        .that()
        .doNotHaveFullyQualifiedName(BOUNDED_READER)
        .should()
        .callCodeUnitWhere(readsAWholeInput())
        .because(
            "untrusted input is read through "
                + BOUNDED_READER
                + " (DESIGN.md, Second wave: one bounded reader that checks the kind of file and"
                + " stops at its limit)");
  }

  static DescribedPredicate<JavaCodeUnitAccess<?>> constructsOrBuildsAMapper() {
    return DescribedPredicate.describe(
        "a constructor or builder of a Jackson mapper or factory",
        access -> {
          JavaClass owner = access.getTargetOwner();
          if (!isAny(owner, MAPPER_TYPES)) {
            return false;
          }
          String name = access.getName();
          return name.equals("<init>")
              || name.equals("builder")
              || name.equals("copy")
              || name.equals("rebuild")
              || name.equals("copyWith");
        });
  }

  static DescribedPredicate<JavaCodeUnitAccess<?>> jacksonReadsAFile() {
    Set<String> fileTypes = Set.of(File.class.getName(), Path.class.getName(), URL.class.getName());
    return DescribedPredicate.describe(
        "a Jackson read method given a File, Path or URL",
        access ->
            isAny(access.getTargetOwner(), READER_TYPES)
                && access.getTarget().getRawParameterTypes().stream()
                    .anyMatch(t -> fileTypes.contains(t.getName())));
  }

  static DescribedPredicate<JavaCodeUnitAccess<?>> readsAWholeInput() {
    return DescribedPredicate.describe(
        "a whole-file or whole-stream read",
        access -> {
          String owner = access.getTargetOwner().getName();
          String name = access.getName();
          if (owner.equals(Files.class.getName())) {
            return name.equals("readAllBytes")
                || name.equals("readString")
                || name.equals("readAllLines")
                || name.equals("lines");
          }
          if (access.getTargetOwner().isAssignableTo(InputStream.class)) {
            return name.equals("readAllBytes")
                || (name.equals("readNBytes")
                    && access.getTarget().getRawParameterTypes().size() == 1);
          }
          return false;
        });
  }

  static boolean isAny(JavaClass owner, List<String> types) {
    return types.stream().anyMatch(owner::isAssignableTo);
  }

  /** The gate's own proof: builds a mapper of its own and hands Jackson a file. */
  static final class OwnMapper {
    private OwnMapper() {}

    static Object parse(File f) throws IOException {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(f);
    }
  }

  /** The gate's own proof: reads whole files and streams without a limit. */
  static final class WholeFileReader {
    private WholeFileReader() {}

    static int read(Path p, InputStream in) throws IOException {
      return Files.readAllBytes(p).length + Files.readString(p).length() + in.readAllBytes().length;
    }
  }
}
