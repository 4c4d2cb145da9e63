package dev.waterline.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One exception family (issue 13, item 5): what the library throws on purpose is a {@code
 * VexException} (or a subclass), never an {@link IllegalArgumentException}, a checked {@link
 * IOException} or an {@link UncheckedIOException}.
 *
 * <p>Two rules over the compiled classes of the published library modules ({@code
 * dev.waterline.vex…}; the CLI and the Maven plugin are applications and map exceptions to exit
 * codes and Maven failures themselves):
 *
 * <ul>
 *   <li>no library class constructs (or extends) {@code IllegalArgumentException} or {@code
 *       UncheckedIOException}: an argument that cannot be used is a {@code VexException} naming it,
 *       a failed read an {@code UnreadableInputException}, a failed write a {@code VexException}
 *       with the {@code IOException} as its cause ({@code dev.waterline.vex.internal.io.Failures}).
 *       {@code IllegalStateException} stays for calls in the wrong order and for states that cannot
 *       happen, as the JDK uses it; {@code NullPointerException} for a null argument;
 *   <li>no public or protected method or constructor of an exported type declares a checked
 *       exception.
 * </ul>
 *
 * <p>JDK methods that throw {@code IllegalArgumentException} themselves (a bad {@code URI}, base64)
 * are caught where untrusted input reaches them; the fuzzers (docs/fuzzing.md) check that nothing
 * but a {@code VexException} escapes a reader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExceptionContractTest {
  static final List<Class<? extends RuntimeException>> FORBIDDEN =
      List.of(IllegalArgumentException.class, UncheckedIOException.class);

  JavaClasses library;

  @BeforeAll
  void importLibrary() {
    library =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.waterline.vex");
  }

  @Nested
  class NoIllegalArgumentOrUncheckedIoException {
    @Test
    void isConstructedOrExtendedByLibraryCode() {
      assertThat(library.contain("dev.waterline.vex.VexDocument")).isTrue();
      assertThat(library.contain("dev.waterline.vex.workflow.Decisions")).isTrue();
      ArchRule rule =
          ArchRuleDefinition.classes()
              .should(constructOrExtendNoForbiddenException())
              .because(
                  "one exception family: a caller catches VexException and knows it has seen"
                      + " every failure Waterline reports on purpose (CONTRIBUTING.md, Style)");
      rule.check(library);
    }

    @Test
    void theConditionFlagsAConstructorCallAndASubclass() {
      JavaClasses samples =
          new ClassFileImporter().importClasses(Throwing.class, Extending.class, Clean.class);
      assertThat(violations(samples.get(Throwing.class)))
          .singleElement()
          .asString()
          .contains("Throwing.check(java.lang.String)")
          .contains("java.lang.IllegalArgumentException");
      assertThat(violations(samples.get(Extending.class)))
          .anySatisfy(v -> assertThat(v).contains("extends java.io.UncheckedIOException"));
      assertThat(violations(samples.get(Clean.class))).isEmpty();
    }

    private List<String> violations(JavaClass c) {
      ConditionEvents events = ConditionEvents.Factory.create();
      constructOrExtendNoForbiddenException().check(c, events);
      List<String> lines = new ArrayList<>();
      events.getViolating().forEach(e -> lines.addAll(e.getDescriptionLines()));
      return lines;
    }
  }

  @Nested
  class ApiMethodsAndConstructors {
    @Test
    void declareNoCheckedExceptionInAnExportedType() {
      ArchRule rule =
          ArchRuleDefinition.classes()
              .that(ArchitectureTest.exportedAndAccessible())
              .should(ExceptionContractTest.declareNoCheckedException())
              .because("VexException is unchecked so that lambdas, streams and JShell stay usable");
      rule.check(library);
    }

    @Test
    void theConditionFlagsAThrowsClause() {
      JavaClasses samples = new ClassFileImporter().importClasses(Declaring.class, Clean.class);
      ConditionEvents events = ConditionEvents.Factory.create();
      ExceptionContractTest.declareNoCheckedException().check(samples.get(Declaring.class), events);
      assertThat(events.getViolating())
          .singleElement()
          .extracting(e -> String.join("\n", e.getDescriptionLines()))
          .asString()
          .contains("Declaring.read()")
          .contains("java.io.IOException");
      ConditionEvents clean = ConditionEvents.Factory.create();
      ExceptionContractTest.declareNoCheckedException().check(samples.get(Clean.class), clean);
      assertThat(clean.containViolation()).isFalse();
    }
  }

  static ArchCondition<JavaClass> constructOrExtendNoForbiddenException() {
    return new ArchCondition<>(
        "construct or extend no IllegalArgumentException or UncheckedIOException") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (Class<? extends RuntimeException> f : FORBIDDEN) {
          if (c.isAssignableTo(f) && !c.getName().equals(f.getName())) {
            events.add(
                SimpleConditionEvent.violated(
                    c, c.getName() + " extends " + f.getName() + "; extend VexException instead"));
          }
        }
        for (JavaConstructorCall call : c.getConstructorCallsFromSelf()) {
          JavaClass target = call.getTargetOwner();
          for (Class<? extends RuntimeException> f : FORBIDDEN) {
            if (target.isAssignableTo(f)) {
              events.add(
                  SimpleConditionEvent.violated(
                      c,
                      call.getOrigin().getFullName()
                          + " constructs "
                          + target.getName()
                          + " ("
                          + call.getSourceCodeLocation()
                          + "); throw a VexException (internal.io.Failures for I/O)"));
            }
          }
        }
      }
    };
  }

  static ArchCondition<JavaClass> declareNoCheckedException() {
    return new ArchCondition<>("declare no checked exception in a public signature") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (JavaCodeUnit u : c.getCodeUnits()) {
          if (!ArchitectureTest.accessible(u)) {
            continue;
          }
          for (JavaClass t : u.getExceptionTypes()) {
            if (!t.isAssignableTo(RuntimeException.class) && !t.isAssignableTo(Error.class)) {
              events.add(
                  SimpleConditionEvent.violated(
                      c, u.getFullName() + " declares the checked " + t.getName()));
            }
          }
        }
      }
    };
  }

  /** Constructs an {@code IllegalArgumentException}: the rule must flag it. */
  static final class Throwing {
    private Throwing() {}

    static void check(String s) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty");
      }
    }
  }

  /** Extends {@code UncheckedIOException}: the rule must flag it. */
  static final class Extending extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    Extending(IOException e) {
      super(e);
    }
  }

  /** Declares a checked exception on a public method: the rule must flag it. */
  public static final class Declaring {
    private Declaring() {}

    /** Declares {@code IOException}. */
    public static void read() throws IOException {}
  }

  /** Throws what the contract allows. */
  public static final class Clean {
    private Clean() {}

    /** Throws an {@code IllegalStateException}. */
    public static void check(boolean ready) {
      if (!ready) {
        throw new IllegalStateException("not ready");
      }
    }
  }
}
