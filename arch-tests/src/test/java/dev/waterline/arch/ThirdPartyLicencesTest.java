package dev.waterline.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code THIRD-PARTY.md} lists every third-party library a published module depends on (compile and
 * runtime scope), with its version and licence, exactly as the modules' CycloneDX SBOMs record
 * them; and every licence is one the project accepts for an Apache-2.0 product. A new dependency, a
 * version change or a licence change fails here until the list is regenerated: run this test with
 * {@code -Dwaterline.thirdParty.write=true} and review the diff.
 */
class ThirdPartyLicencesTest {
  /** The licences a dependency may carry (SPDX ids, and Bouncy Castle's MIT-style licence). */
  static final Set<String> ACCEPTED =
      Set.of("Apache-2.0", "MIT", "BSD-2-Clause", "BSD-3-Clause", "Bouncy Castle Licence");

  /** What the SBOMs of the published modules list: component id to version and licence. */
  record Components(Map<String, String[]> components, Map<String, Set<String>> byModule) {}

  @Test
  void theBomPinsEveryLibraryAtTheTestedVersion() throws IOException {
    Path root = Sources.root();
    String bom = Files.readString(root.resolve("vex-bom/pom.xml"), StandardCharsets.UTF_8);
    String parent = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
    String jackson = property(parent, "jackson.version");
    assertThat(property(bom, "jackson.version"))
        .as("vex-bom's jackson.version equals the root pom's")
        .isEqualTo(jackson);
    assertThat(bom).contains("<artifactId>jackson-bom</artifactId>");
    Map<String, String> managed = new TreeMap<>();
    Matcher m =
        Pattern.compile(
                "<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*"
                    + "<version>([^<]+)</version>")
            .matcher(bom);
    while (m.find()) {
      managed.put(m.group(1) + ":" + m.group(2), m.group(3));
    }
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String[]> e : sboms(root).components().entrySet()) {
      if (e.getKey().startsWith("com.fasterxml.jackson.")) {
        continue; // managed by jackson-bom at jackson.version
      }
      String version = managed.get(e.getKey());
      if (!e.getValue()[0].equals(version)) {
        wrong.add(e.getKey() + ": tested with " + e.getValue()[0] + ", BOM says " + version);
      }
    }
    assertThat(wrong).as("vex-bom must pin every library at the version the build uses").isEmpty();
  }

  static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    return m.find() ? m.group(1) : "";
  }

  @Test
  void theListMatchesTheSbomsAndEveryLicenceIsAccepted() throws IOException {
    Path root = Sources.root();
    Components found = sboms(root);
    Map<String, String[]> components = found.components();
    Map<String, Set<String>> byModule = found.byModule();
    checkAndWrite(root, components, byModule);
  }

  static Components sboms(Path root) throws IOException {
    Map<String, Set<String>> byModule = new TreeMap<>();
    Map<String, String[]> components = new TreeMap<>();
    for (String module : publishedModules(root)) {
      Path sbom = sbom(root, module);
      JsonNode bom = Json.readTree(sbom, InputKind.VEX_DOCUMENT);
      for (JsonNode c : bom.path("components")) {
        String group = c.path("group").asText();
        if (group.equals("dev.waterline")) {
          continue;
        }
        String id = group + ":" + c.path("name").asText();
        Set<String> licences = new TreeSet<>();
        for (JsonNode l : c.path("licenses")) {
          JsonNode lic = l.path("license");
          String name = lic.has("id") ? lic.path("id").asText() : lic.path("name").asText();
          if (l.has("expression")) {
            name = l.path("expression").asText();
          }
          licences.add(name);
        }
        components.put(
            id, new String[] {c.path("version").asText(), String.join(" OR ", licences)});
        byModule.computeIfAbsent(id, k -> new TreeSet<>()).add(module);
      }
    }
    assertThat(components).as("third-party components in the SBOMs").isNotEmpty();
    return new Components(components, byModule);
  }

  static void checkAndWrite(
      Path root, Map<String, String[]> components, Map<String, Set<String>> byModule)
      throws IOException {
    List<String> refused = new ArrayList<>();
    for (Map.Entry<String, String[]> e : components.entrySet()) {
      String licence = e.getValue()[1];
      if (!ACCEPTED.contains(licence)) {
        refused.add(e.getKey() + " " + e.getValue()[0] + ": '" + licence + "'");
      }
    }
    assertThat(refused).as("dependencies whose licence is not in " + ACCEPTED).isEmpty();

    String expected = render(components, byModule);
    Path file = root.resolve("THIRD-PARTY.md");
    if (Boolean.getBoolean("waterline.thirdParty.write")) {
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "")
        .as(
            "THIRD-PARTY.md is out of date: run ./mvnw -pl arch-tests -am verify"
                + " -Dtest=ThirdPartyLicencesTest -Dwaterline.thirdParty.write=true")
        .isEqualTo(expected);
  }

  static String render(Map<String, String[]> components, Map<String, Set<String>> byModule) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Third-party libraries\n\n")
        .append(
            "Every library a published Waterline module depends on at compile or run time, with")
        .append(" the version\nand licence its module's CycloneDX SBOM records")
        .append(" (`<module>/target/<module>-<version>-cyclonedx.json`).\n")
        .append("`arch-tests`' `ThirdPartyLicencesTest` checks that this list is current and that")
        .append(" every licence is one\nof ")
        .append(String.join(", ", new TreeSet<>(ACCEPTED)))
        .append(". `vex-cli` distributes these jars in its `lib/`.\n\n")
        .append("| library | version | licence | used by |\n|---|---|---|---|\n");
    for (Map.Entry<String, String[]> e : components.entrySet()) {
      sb.append("| `")
          .append(e.getKey())
          .append("` | ")
          .append(e.getValue()[0])
          .append(" | ")
          .append(e.getValue()[1])
          .append(" | ")
          .append(String.join(", ", byModule.get(e.getKey())))
          .append(" |\n");
    }
    return sb.toString();
  }

  /** The modules the BOM publishes (every {@code <artifactId>} in vex-bom's pom). */
  static List<String> publishedModules(Path root) throws IOException {
    String pom = Files.readString(root.resolve("vex-bom/pom.xml"), StandardCharsets.UTF_8);
    List<String> modules = new ArrayList<>();
    Matcher m =
        Pattern.compile("<groupId>dev\\.waterline</groupId>\\s*<artifactId>([a-z-]+)</artifactId>")
            .matcher(pom);
    while (m.find()) {
      if (!m.group(1).equals("vex-bom")) {
        modules.add(m.group(1));
      }
    }
    return modules;
  }

  static Path sbom(Path root, String module) throws IOException {
    Path target = root.resolve(module).resolve("target");
    try (var files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-cyclonedx.json"))
          .findFirst()
          .orElseThrow(
              () ->
                  new AssertionError(
                      "no CycloneDX SBOM in "
                          + target
                          + ": build the module (package) before the arch-tests, online: the CycloneDX"
                          + " plugin skips makeBom under -o"));
    }
  }
}
