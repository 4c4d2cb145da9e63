package dev.waterline.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Architecture gates over the compiled classes of every module (issue 7, item 2).
 *
 * <p>The classes come from the test class path (the modules' {@code target/classes} or jars in the
 * reactor); the tests' own classes are left out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

  /** The API package of each published module; everything else is {@code ….internal…}. */
  static final List<String> EXPORTED_PACKAGES =
      List.of(
          "dev.waterline.vex",
          "dev.waterline.vex.formats",
          "dev.waterline.vex.sign",
          "dev.waterline.vex.oci",
          "dev.waterline.vex.policy",
          "dev.waterline.vex.workflow",
          "dev.waterline.vex.testkit");

  /**
   * What a public signature may name: the JDK, the annotations of JSpecify, apiguardian and Error
   * Prone ({@code @CheckReturnValue}, {@code @CanIgnoreReturnValue}) and our own types. Jackson
   * ({@code com.fasterxml.jackson}), BouncyCastle ({@code org.bouncycastle}), jib ({@code
   * com.google.cloud.tools.jib}), sigstore-java ({@code dev.sigstore}) and every other library are
   * outside this list.
   */
  static final List<String> ALLOWED_IN_SIGNATURES =
      List.of(
          "java.",
          "javax.",
          "org.jspecify.",
          "org.apiguardian.",
          "com.google.errorprone.annotations.",
          "dev.waterline.");

  JavaClasses classes;

  @BeforeAll
  void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.waterline");
  }

  @Test
  void importsEveryModule() {
    // Guards against a gate that passes because it saw nothing.
    for (String name :
        List.of(
            "dev.waterline.vex.VexDocument",
            "dev.waterline.vex.sign.Attestations",
            "dev.waterline.vex.oci.Registry",
            "dev.waterline.vex.policy.ScanReport",
            "dev.waterline.vex.workflow.Decisions",
            "dev.waterline.cli.Main",
            "dev.waterline.maven.VexMojo")) {
      assertThat(classes.contain(name)).as("imported %s", name).isTrue();
    }
  }

  /**
   * Every public top-level type of a published API package says how far it can be relied on, as
   * JUnit 5 does: {@code @API(status = STABLE|EXPERIMENTAL|…, since = "…")} (issue 13, item 5).
   */
  @Nested
  class ApiStatus {
    @Test
    void everyPublicTopLevelTypeOfAnApiPackageIsAnnotatedWithApi() {
      ArchRule rule =
          classes()
              .that()
              .resideInAnyPackage(ApiDocumentationTest.API_PACKAGES.values().toArray(String[]::new))
              .and()
              .arePublic()
              .and()
              .areTopLevelClasses()
              .should()
              .beAnnotatedWith(org.apiguardian.api.API.class)
              .because(
                  "a user must see whether a type is stable, experimental or internal, and since"
                      + " which release (docs/using.md, \"API status\")");
      rule.check(classes);
    }

    @Test
    void theRuleSeesTheApiPackagesAndFlagsATypeWithoutTheAnnotation() {
      assertThat(
              classes
                  .get("dev.waterline.vex.VexDocument")
                  .isAnnotatedWith(org.apiguardian.api.API.class))
          .isTrue();
      JavaClasses bare = new ClassFileImporter().importClasses(LeakyApi.class);
      assertThat(bare.get(LeakyApi.class).isAnnotatedWith(org.apiguardian.api.API.class)).isFalse();
    }
  }

  @Nested
  class PublicSignatures {
    @Test
    void nameOnlyJdkJspecifyAndWaterlineTypes() {
      ArchRule rule =
          classes()
              .that(exportedAndAccessible())
              .should(haveOnlyAllowedTypesInTheirPublicSignature())
              .because(
                  "Jackson, BouncyCastle, jib and sigstore-java are implementation details: a user"
                      + " of the API sees JDK types and our own only");
      rule.check(classes);
    }

    @Test
    void theConditionFlagsAThirdPartyType() {
      // The gate must be able to fail: a class with a Jackson type in a public method.
      JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class);
      ConditionEvents events = ConditionEvents.Factory.create();
      haveOnlyAllowedTypesInTheirPublicSignature().check(leaky.get(LeakyApi.class), events);
      assertThat(events.containViolation()).isTrue();
      assertThat(events.getViolating().iterator().next().getDescriptionLines())
          .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
          .contains("LeakyApi.node()")
          .contains("com.fasterxml.jackson.databind.JsonNode");
    }
  }

  /** Stands for an API class that leaks Jackson; used to prove the condition can fail. */
  public static final class LeakyApi {
    private LeakyApi() {}

    /** Leaks a Jackson type. */
    public static com.fasterxml.jackson.databind.JsonNode node() {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }
  }

  /**
   * Test code stays out of the shipped library (issue 13, item 7): the in-memory store (with its
   * {@code tamper} hook) and the sample images live in vex-testkit, which users take in test scope;
   * vex-attach's jar holds neither, and no other shipped module uses the test kit.
   */
  @Nested
  class TestCodeOutOfShippedJars {
    JavaClasses attach = importFrom(dev.waterline.vex.oci.OciLayout.class);

    @Test
    void vexAttachHasNoInMemoryOrSampleClassAndNoTamperMethod() {
      assertThat(attach.contain("dev.waterline.vex.oci.OciLayout")).isTrue();
      assertThat(testCodeIn(attach)).isEmpty();
    }

    @Test
    void theCheckFindsTheTestKitsOwnTestCode() {
      // The gate must be able to fail: run on vex-testkit's classes, it finds what moved there.
      JavaClasses testkit = importFrom(dev.waterline.vex.testkit.SampleImages.class);
      assertThat(testCodeIn(testkit))
          .contains(
              "class dev.waterline.vex.testkit.SampleImages",
              "class dev.waterline.vex.testkit.internal.InMemoryStore",
              "method dev.waterline.vex.testkit.internal.InMemoryStore.tamper");
    }

    @Test
    void noShippedModuleUsesTheTestKit() {
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.waterline.vex.testkit..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.waterline.vex.testkit..")
          .because("vex-testkit is for tests (test scope); the library and the CLI do not ship it")
          .check(classes);
    }

    /** Classes named like test doubles or samples, and methods named {@code tamper}. */
    static List<String> testCodeIn(JavaClasses in) {
      List<String> found = new java.util.ArrayList<>();
      for (JavaClass c : in) {
        String simple = c.getSimpleName();
        if (simple.contains("InMemory") || simple.contains("Sample")) {
          found.add("class " + c.getName());
        }
        c.getMethods().stream()
            .filter(m -> m.getName().equals("tamper"))
            .forEach(m -> found.add("method " + c.getName() + ".tamper"));
      }
      return found;
    }

    /** The classes of the jar (or class directory) that {@code member} was loaded from. */
    static JavaClasses importFrom(Class<?> member) {
      try {
        java.nio.file.Path where =
            java.nio.file.Path.of(
                member.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (java.nio.file.Files.isDirectory(where)) {
          return new ClassFileImporter().importPath(where);
        }
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(where.toFile())) {
          return new ClassFileImporter().importJar(jar);
        }
      } catch (java.net.URISyntaxException | java.io.IOException e) {
        throw new IllegalStateException("cannot read the classes of " + member, e);
      }
    }
  }

  @Nested
  class Printing {
    @Test
    void happensOnlyInTheCli() {
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.waterline.cli..")
          .should(ACCESS_STANDARD_STREAMS)
          .because("library code never prints; only vex-cli talks to the terminal")
          .check(classes);
    }
  }

  /**
   * No package cycles, with one documented exception: a module's API package and its own {@code
   * internal} packages depend on each other (the API facade delegates to internal code, and
   * internal code builds the API's public value types, which cannot move to {@code internal}). So
   * the gate checks cycles between modules, and among the internal packages with the API package
   * taken out; a cycle that runs through two internal packages, or through two modules, fails.
   */
  @Nested
  class Packages {
    @Test
    void haveNoCyclesBetweenModules() {
      slices()
          .assignedFrom(
              new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass c) {
                  return SliceIdentifier.of(moduleOf(c.getPackageName()));
                }

                @Override
                public String getDescription() {
                  return "modules (API package and its internal packages)";
                }
              })
          .should()
          .beFreeOfCycles()
          .check(classes);
    }

    @Test
    void haveNoCyclesAmongInternalPackages() {
      slices()
          .assignedFrom(
              new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass c) {
                  String p = c.getPackageName();
                  return p.contains(".internal") ? SliceIdentifier.of(p) : SliceIdentifier.ignore();
                }

                @Override
                public String getDescription() {
                  return "internal packages";
                }
              })
          .should()
          .beFreeOfCycles()
          .check(classes);
    }

    @Test
    void assignsEveryPackageToItsModule() {
      assertThat(moduleOf("dev.waterline.vex.internal.json")).isEqualTo("vex-model");
      assertThat(moduleOf("dev.waterline.vex.sign.internal")).isEqualTo("vex-sign");
      assertThat(moduleOf("dev.waterline.vex.sign.sigstore.internal"))
          .isEqualTo("vex-sign-sigstore");
      assertThat(moduleOf("dev.waterline.vex.oci")).isEqualTo("vex-attach");
      assertThat(moduleOf("dev.waterline.vex.policy.internal")).isEqualTo("vex-policy");
      assertThat(moduleOf("dev.waterline.cli")).isEqualTo("vex-cli");
      assertThat(moduleOf("dev.waterline.maven")).isEqualTo("waterline-maven-plugin");
    }
  }

  static String moduleOf(String pkg) {
    for (String[] m :
        new String[][] {
          {"dev.waterline.vex.sign.sigstore", "vex-sign-sigstore"},
          {"dev.waterline.vex.sign", "vex-sign"},
          {"dev.waterline.vex.oci", "vex-attach"},
          {"dev.waterline.vex.policy", "vex-policy"},
          {"dev.waterline.vex.workflow", "vex-workflow"},
          {"dev.waterline.vex.testkit", "vex-testkit"},
          {"dev.waterline.cli", "vex-cli"},
          {"dev.waterline.maven", "waterline-maven-plugin"},
          {"dev.waterline.vex", "vex-model"}
        }) {
      if (pkg.equals(m[0]) || pkg.startsWith(m[0] + ".")) {
        return m[1];
      }
    }
    return pkg;
  }

  static com.tngtech.archunit.base.DescribedPredicate<JavaClass> exportedAndAccessible() {
    return com.tngtech.archunit.base.DescribedPredicate.describe(
        "are accessible types of an exported package",
        c -> EXPORTED_PACKAGES.contains(c.getPackageName()) && accessible(c));
  }

  /** Public (or protected and nested) all the way out to the top-level class. */
  static boolean accessible(JavaClass c) {
    Set<JavaModifier> m = c.getModifiers();
    if (c.isAnonymousClass() || c.isLocalClass() || m.contains(JavaModifier.SYNTHETIC)) {
      return false;
    }
    if (c.isTopLevelClass()) {
      return m.contains(JavaModifier.PUBLIC);
    }
    boolean visible = m.contains(JavaModifier.PUBLIC) || m.contains(JavaModifier.PROTECTED);
    return visible && c.getEnclosingClass().map(ArchitectureTest::accessible).orElse(false);
  }

  static boolean accessible(JavaMember member) {
    Set<JavaModifier> m = member.getModifiers();
    return (m.contains(JavaModifier.PUBLIC) || m.contains(JavaModifier.PROTECTED))
        && !m.contains(JavaModifier.SYNTHETIC)
        && !m.contains(JavaModifier.BRIDGE);
  }

  static ArchCondition<JavaClass> haveOnlyAllowedTypesInTheirPublicSignature() {
    return new ArchCondition<>(
        "name only JDK, JSpecify and dev.waterline types in public signatures") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        checkTypes(
            c, c.getName() + " (type parameters, supertypes, annotations)", classTypes(c), events);
        for (JavaField f : c.getFields()) {
          if (accessible(f)) {
            Set<JavaClass> types = new LinkedHashSet<>(f.getType().getAllInvolvedRawTypes());
            f.getAnnotations().forEach(a -> types.add(a.getRawType()));
            checkTypes(c, f.getFullName(), types, events);
          }
        }
        for (JavaCodeUnit u : c.getCodeUnits()) {
          if (accessible(u)) {
            Set<JavaClass> types = new LinkedHashSet<>(u.getAllInvolvedRawTypes());
            types.addAll(u.getExceptionTypes());
            u.getAnnotations().forEach(a -> types.add(a.getRawType()));
            u.getParameterAnnotations().forEach(as -> as.forEach(a -> types.add(a.getRawType())));
            checkTypes(c, u.getFullName(), types, events);
          }
        }
      }
    };
  }

  static Set<JavaClass> classTypes(JavaClass c) {
    Set<JavaClass> types = new LinkedHashSet<>();
    c.getSuperclass().ifPresent(s -> types.addAll(s.getAllInvolvedRawTypes()));
    for (JavaType i : c.getInterfaces()) {
      types.addAll(i.getAllInvolvedRawTypes());
    }
    c.getTypeParameters().forEach(p -> types.addAll(p.getAllInvolvedRawTypes()));
    c.getAnnotations().forEach(a -> types.add(a.getRawType()));
    return types;
  }

  static void checkTypes(
      JavaClass owner, String where, Set<JavaClass> types, ConditionEvents events) {
    for (JavaClass t : types) {
      JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
      if (base.isPrimitive()) {
        continue;
      }
      String name = base.getName();
      if (ALLOWED_IN_SIGNATURES.stream().noneMatch(name::startsWith)) {
        events.add(
            SimpleConditionEvent.violated(
                owner, where + " names " + name + " in its public signature"));
      }
    }
  }
}
