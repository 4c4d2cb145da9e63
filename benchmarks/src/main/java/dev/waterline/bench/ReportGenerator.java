package dev.waterline.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Random;

/**
 * Generates scanner reports of a given number of findings, deterministically from a seed, in the
 * shapes the scanners write (pretty-printed, as Grype and Trivy write them): Grype JSON (matches
 * with vulnerability metadata, CVSS, fix, related vulnerabilities, match details, artifact with
 * locations, CPEs, licenses and package metadata; the image source with its layers and base64
 * manifest and config), Trivy JSON (schema 2: metadata, one result per package class with
 * vulnerabilities carrying title, description, CVSS, references and dates) and Grype's SARIF (a
 * rule per match with help text and Markdown, a result with logical locations).
 *
 * <p>Sizes are those of real reports per finding: about 2.3 KB a Grype match, 1.6 KB a Trivy
 * vulnerability, 2.0 KB a SARIF rule and result.
 */
public final class ReportGenerator {
  /** The report formats generated. */
  public enum Format {
    GRYPE,
    TRIVY,
    SARIF
  }

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final String[] SEVERITIES = {"Critical", "High", "Medium", "Low", "Negligible"};
  private static final String[] FIX_STATES = {"fixed", "not-fixed", "wont-fix", "unknown"};
  private static final String[] TRIVY_STATUS = {"fixed", "affected", "will_not_fix"};
  private static final String LOREM =
      "A flaw was found in the way the library parsed specially crafted input. A remote attacker"
          + " could use this flaw to cause a denial of service or possibly execute arbitrary code"
          + " with the privileges of the process using the library.";

  private final Random random;
  private final int findings;
  private final String[] layers = new String[6];

  private ReportGenerator(long seed, int findings) {
    this.random = new Random(seed);
    this.findings = findings;
    for (int i = 0; i < layers.length; i++) {
      layers[i] = "sha256:" + hex(64);
    }
  }

  /** The bytes of a report with {@code findings} entries in {@code format}. */
  public static byte[] generate(Format format, long seed, int findings) {
    ReportGenerator g = new ReportGenerator(seed, findings);
    ByteArrayOutputStream out = new ByteArrayOutputStream(findings * 2500 + 8192);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.useDefaultPrettyPrinter();
      switch (format) {
        case GRYPE:
          g.grype(json);
          break;
        case TRIVY:
          g.trivy(json);
          break;
        default:
          g.sarif(json);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private String hex(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  private String cve(int i) {
    return "CVE-20" + (10 + i % 15) + "-" + (1000 + (i * 7919) % 90000);
  }

  private static String pkg(int i) {
    return "lib" + Integer.toString(i % 3000, 36) + (i % 3 == 0 ? "-common" : "");
  }

  private static String version(int i) {
    return "1." + (i % 13) + "." + (i % 7) + "-" + (1 + i % 4) + "+deb12u" + (i % 3);
  }

  private void cvss(JsonGenerator g, String keyVersion) throws IOException {
    double score = 1 + random.nextInt(90) / 10.0;
    g.writeStartObject();
    g.writeStringField("source", "nvd@nist.gov");
    g.writeStringField("type", "Primary");
    g.writeStringField("version", keyVersion);
    g.writeStringField("vector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    g.writeObjectFieldStart("metrics");
    g.writeNumberField("baseScore", score);
    g.writeNumberField("exploitabilityScore", 3.9);
    g.writeNumberField("impactScore", 5.9);
    g.writeEndObject();
    g.writeObjectFieldStart("vendorMetadata");
    g.writeEndObject();
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- Grype JSON

  private void grype(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeArrayFieldStart("matches");
    for (int i = 0; i < findings; i++) {
      grypeMatch(g, i);
    }
    g.writeEndArray();
    g.writeObjectFieldStart("source");
    g.writeStringField("type", "image");
    g.writeObjectFieldStart("target");
    g.writeStringField("userInput", "ghcr.io/acme/app:1.0");
    g.writeStringField("imageID", "sha256:" + hex(64));
    g.writeStringField("manifestDigest", "sha256:" + hex(64));
    g.writeStringField("mediaType", "application/vnd.oci.image.manifest.v1+json");
    g.writeArrayFieldStart("tags");
    g.writeString("ghcr.io/acme/app:1.0");
    g.writeEndArray();
    g.writeNumberField("imageSize", 123456789);
    g.writeArrayFieldStart("layers");
    for (String layer : layers) {
      g.writeStartObject();
      g.writeStringField("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip");
      g.writeStringField("digest", layer);
      g.writeNumberField("size", 1000000 + random.nextInt(1000000));
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("manifest", "eyJzY2hlbWFWZXJzaW9uIjoyfQ==".repeat(40));
    g.writeStringField("config", "eyJhcmNoaXRlY3R1cmUiOiJhbWQ2NCJ9".repeat(60));
    g.writeArrayFieldStart("repoDigests");
    g.writeString("ghcr.io/acme/app@sha256:" + hex(64));
    g.writeEndArray();
    g.writeStringField("architecture", "amd64");
    g.writeStringField("os", "linux");
    g.writeEndObject();
    g.writeEndObject();
    g.writeObjectFieldStart("distro");
    g.writeStringField("name", "debian");
    g.writeStringField("version", "12");
    g.writeArrayFieldStart("idLike");
    g.writeEndArray();
    g.writeEndObject();
    g.writeObjectFieldStart("descriptor");
    g.writeStringField("name", "grype");
    g.writeStringField("version", "0.110.0");
    g.writeStringField("timestamp", "2026-06-01T00:00:00.000000000Z");
    g.writeEndObject();
    g.writeEndObject();
  }

  private void grypeMatch(JsonGenerator g, int i) throws IOException {
    String id = cve(i);
    String name = pkg(i);
    String version = version(i);
    String severity = SEVERITIES[random.nextInt(SEVERITIES.length)];
    String fixState = FIX_STATES[random.nextInt(FIX_STATES.length)];
    g.writeStartObject();
    g.writeObjectFieldStart("vulnerability");
    g.writeStringField("id", id);
    g.writeStringField("dataSource", "https://security-tracker.debian.org/tracker/" + id);
    g.writeStringField("namespace", "debian:distro:debian:12");
    g.writeStringField("severity", severity);
    g.writeArrayFieldStart("urls");
    g.writeString("https://security-tracker.debian.org/tracker/" + id);
    g.writeEndArray();
    g.writeStringField("description", LOREM);
    g.writeArrayFieldStart("cvss");
    g.writeEndArray();
    g.writeObjectFieldStart("fix");
    g.writeArrayFieldStart("versions");
    if (fixState.equals("fixed")) {
      g.writeString(version + ".1");
    }
    g.writeEndArray();
    g.writeStringField("state", fixState);
    g.writeEndObject();
    g.writeArrayFieldStart("advisories");
    if (i % 4 == 0) {
      g.writeStartObject();
      g.writeStringField("id", "DSA-" + (5000 + i % 900) + "-1");
      g.writeStringField("link", "https://security-tracker.debian.org/tracker/DSA-5000-1");
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeArrayFieldStart("relatedVulnerabilities");
    g.writeStartObject();
    g.writeStringField("id", id);
    g.writeStringField("dataSource", "https://nvd.nist.gov/vuln/detail/" + id);
    g.writeStringField("namespace", "nvd:cpe");
    g.writeStringField("severity", severity);
    g.writeArrayFieldStart("urls");
    g.writeString("https://example.org/advisories/" + id);
    g.writeEndArray();
    g.writeStringField("description", LOREM);
    g.writeArrayFieldStart("cvss");
    cvss(g, "3.1");
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    g.writeArrayFieldStart("matchDetails");
    g.writeStartObject();
    g.writeStringField("type", "exact-indirect-match");
    g.writeStringField("matcher", "dpkg-matcher");
    g.writeObjectFieldStart("searchedBy");
    g.writeObjectFieldStart("distro");
    g.writeStringField("type", "debian");
    g.writeStringField("version", "12");
    g.writeEndObject();
    g.writeStringField("namespace", "debian:distro:debian:12");
    g.writeObjectFieldStart("package");
    g.writeStringField("name", name);
    g.writeStringField("version", version);
    g.writeEndObject();
    g.writeEndObject();
    g.writeObjectFieldStart("found");
    g.writeStringField("versionConstraint", "< " + version + ".1 (deb)");
    g.writeStringField("vulnerabilityID", id);
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndArray();
    g.writeObjectFieldStart("artifact");
    g.writeStringField("id", hex(16));
    g.writeStringField("name", name);
    g.writeStringField("version", version);
    g.writeStringField("type", "deb");
    g.writeArrayFieldStart("locations");
    int layer = random.nextInt(layers.length);
    for (String path :
        new String[] {"/usr/share/doc/" + name + "/copyright", "/var/lib/dpkg/status"}) {
      g.writeStartObject();
      g.writeStringField("path", path);
      g.writeStringField("layerID", layers[layer]);
      g.writeStringField("accessPath", path);
      g.writeObjectFieldStart("annotations");
      g.writeStringField("evidence", path.endsWith("status") ? "primary" : "supporting");
      g.writeEndObject();
      g.writeEndObject();
      layer = Math.min(layers.length - 1, layer + 1);
    }
    g.writeEndArray();
    g.writeStringField("language", "");
    g.writeArrayFieldStart("licenses");
    g.writeString("GPL-2.0-or-later");
    g.writeString("LGPL-2.1-only");
    g.writeEndArray();
    g.writeArrayFieldStart("cpes");
    g.writeString("cpe:2.3:a:" + name + ":" + name + ":" + version + ":*:*:*:*:*:*:*");
    g.writeEndArray();
    g.writeStringField(
        "purl",
        "pkg:deb/debian/"
            + name
            + "@"
            + version
            + "?arch=amd64&distro=debian-12&upstream="
            + name.replace("-common", ""));
    g.writeArrayFieldStart("upstreams");
    g.writeStartObject();
    g.writeStringField("name", name.replace("-common", ""));
    g.writeEndObject();
    g.writeEndArray();
    g.writeStringField("metadataType", "DpkgDbEntry");
    g.writeObjectFieldStart("metadata");
    g.writeStringField("package", name);
    g.writeStringField("source", name.replace("-common", ""));
    g.writeStringField("version", version);
    g.writeStringField("architecture", "amd64");
    g.writeStringField("maintainer", "Debian Maintainers <maint@debian.example>");
    g.writeNumberField("installedSize", 1000 + i % 5000);
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- Trivy JSON

  private void trivy(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeNumberField("SchemaVersion", 2);
    g.writeStringField("CreatedAt", "2026-06-01T00:00:00.000000000Z");
    g.writeStringField("ArtifactName", "ghcr.io/acme/app:1.0");
    g.writeStringField("ArtifactType", "container_image");
    g.writeObjectFieldStart("Metadata");
    g.writeObjectFieldStart("OS");
    g.writeStringField("Family", "debian");
    g.writeStringField("Name", "12.5");
    g.writeEndObject();
    g.writeStringField("ImageID", "sha256:" + hex(64));
    g.writeArrayFieldStart("DiffIDs");
    for (String layer : layers) {
      g.writeString(layer);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("RepoTags");
    g.writeString("ghcr.io/acme/app:1.0");
    g.writeEndArray();
    g.writeArrayFieldStart("RepoDigests");
    g.writeString("ghcr.io/acme/app@sha256:" + hex(64));
    g.writeEndArray();
    g.writeObjectFieldStart("ImageConfig");
    g.writeStringField("architecture", "amd64");
    g.writeStringField("os", "linux");
    g.writeObjectFieldStart("rootfs");
    g.writeStringField("type", "layers");
    g.writeArrayFieldStart("diff_ids");
    for (String layer : layers) {
      g.writeString(layer);
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
    g.writeArrayFieldStart("Results");
    int osCount = findings * 4 / 5;
    trivyResult(g, "ghcr.io/acme/app:1.0 (debian 12.5)", "os-pkgs", "debian", 0, osCount);
    trivyResult(g, "Java", "lang-pkgs", "jar", osCount, findings);
    g.writeEndArray();
    g.writeEndObject();
  }

  private void trivyResult(
      JsonGenerator g, String target, String cls, String type, int from, int to)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("Target", target);
    g.writeStringField("Class", cls);
    g.writeStringField("Type", type);
    g.writeArrayFieldStart("Vulnerabilities");
    for (int i = from; i < to; i++) {
      trivyVulnerability(g, i, type);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void trivyVulnerability(JsonGenerator g, int i, String type) throws IOException {
    String id = cve(i);
    String name = type.equals("jar") ? "com.example:" + pkg(i) : pkg(i);
    String version = version(i);
    String status = TRIVY_STATUS[random.nextInt(TRIVY_STATUS.length)];
    String severity = SEVERITIES[random.nextInt(4)].toUpperCase(Locale.ROOT);
    g.writeStartObject();
    g.writeStringField("VulnerabilityID", id);
    g.writeStringField("PkgID", name + "@" + version);
    g.writeStringField("PkgName", name);
    g.writeObjectFieldStart("PkgIdentifier");
    g.writeStringField(
        "PURL",
        type.equals("jar")
            ? "pkg:maven/com.example/" + pkg(i) + "@" + version
            : "pkg:deb/debian/" + name + "@" + version + "?arch=amd64&distro=debian-12.5");
    g.writeStringField("UID", hex(16));
    g.writeEndObject();
    g.writeStringField("InstalledVersion", version);
    if (status.equals("fixed")) {
      g.writeStringField("FixedVersion", version + ".1");
    }
    g.writeStringField("Status", status);
    g.writeObjectFieldStart("Layer");
    g.writeStringField("Digest", "sha256:" + hex(64));
    g.writeStringField("DiffID", layers[random.nextInt(layers.length)]);
    g.writeEndObject();
    g.writeStringField("SeveritySource", "debian");
    g.writeStringField("PrimaryURL", "https://avd.aquasec.com/nvd/" + id.toLowerCase(Locale.ROOT));
    g.writeObjectFieldStart("DataSource");
    g.writeStringField("ID", "debian");
    g.writeStringField("Name", "Debian Security Tracker");
    g.writeStringField("URL", "https://salsa.debian.org/security-tracker-team/security-tracker");
    g.writeEndObject();
    g.writeStringField("Title", name + ": denial of service via crafted input");
    g.writeStringField("Description", LOREM);
    g.writeStringField("Severity", severity);
    g.writeArrayFieldStart("CweIDs");
    g.writeString("CWE-" + (20 + i % 900));
    g.writeEndArray();
    g.writeObjectFieldStart("VendorSeverity");
    g.writeNumberField("debian", 1 + i % 4);
    g.writeNumberField("nvd", 1 + (i + 1) % 4);
    g.writeEndObject();
    g.writeObjectFieldStart("CVSS");
    g.writeObjectFieldStart("nvd");
    g.writeStringField("V3Vector", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    g.writeNumberField("V3Score", 1 + random.nextInt(90) / 10.0);
    g.writeEndObject();
    g.writeEndObject();
    g.writeArrayFieldStart("References");
    g.writeString("https://security-tracker.debian.org/tracker/" + id);
    g.writeString("https://nvd.nist.gov/vuln/detail/" + id);
    g.writeString("https://www.cve.org/CVERecord?id=" + id);
    g.writeEndArray();
    g.writeStringField("PublishedDate", "2024-03-0" + (1 + i % 9) + "T12:00:00Z");
    g.writeStringField("LastModifiedDate", "2025-01-1" + (i % 10) + "T08:30:00Z");
    g.writeEndObject();
  }

  // ---------------------------------------------------------------- Grype SARIF

  private void sarif(JsonGenerator g) throws IOException {
    String image = "ghcr.io/acme/app@sha256:" + hex(64);
    String[] ids = new String[findings];
    String[] names = new String[findings];
    for (int i = 0; i < findings; i++) {
      ids[i] = cve(i);
      names[i] = pkg(i);
    }
    g.writeStartObject();
    g.writeStringField("version", "2.1.0");
    g.writeStringField(
        "$schema",
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json");
    g.writeArrayFieldStart("runs");
    g.writeStartObject();
    g.writeObjectFieldStart("tool");
    g.writeObjectFieldStart("driver");
    g.writeStringField("name", "grype");
    g.writeStringField("version", "0.110.0");
    g.writeStringField("informationUri", "https://github.com/anchore/grype");
    g.writeArrayFieldStart("rules");
    for (int i = 0; i < findings; i++) {
      String severity = SEVERITIES[random.nextInt(SEVERITIES.length)].toLowerCase(Locale.ROOT);
      String version = version(i);
      String fix = i % 3 == 0 ? version + ".1" : "";
      String help =
          "Vulnerability "
              + ids[i]
              + "\nSeverity: "
              + severity
              + "\nPackage: "
              + names[i]
              + "\nVersion: "
              + version
              + "\nFix Version: "
              + fix
              + "\nType: deb\nLocation: /var/lib/dpkg/status\nData Namespace:"
              + " debian:distro:debian:12\nLink: ["
              + ids[i]
              + "](https://security-tracker.debian.org/tracker/"
              + ids[i]
              + ")";
      g.writeStartObject();
      g.writeStringField("id", ids[i] + "-" + names[i]);
      g.writeStringField("name", "DpkgMatcherExactDirectMatch");
      g.writeStringField("helpUri", "https://github.com/anchore/grype");
      g.writeObjectFieldStart("shortDescription");
      g.writeStringField(
          "text", ids[i] + " " + severity + " vulnerability for " + names[i] + " package");
      g.writeEndObject();
      g.writeObjectFieldStart("fullDescription");
      g.writeStringField("text", LOREM);
      g.writeEndObject();
      g.writeObjectFieldStart("help");
      g.writeStringField("text", help);
      g.writeStringField(
          "markdown",
          "**Vulnerability "
              + ids[i]
              + "**\n| Severity | Package | Version | Fix Version | Type | Location | Data"
              + " Namespace | Link |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n| "
              + severity
              + "  | "
              + names[i]
              + "  | "
              + version
              + "  | "
              + fix
              + "  | deb  | /var/lib/dpkg/status  | debian:distro:debian:12  | "
              + ids[i]
              + "  |\n");
      g.writeEndObject();
      g.writeObjectFieldStart("properties");
      g.writeStringField("security-severity", String.format(Locale.ROOT, "%.1f", 1 + i % 9.0));
      g.writeArrayFieldStart("purls");
      g.writeString("pkg:deb/debian/" + names[i] + "@" + version + "?arch=amd64&distro=debian-12");
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndObject();
    g.writeArrayFieldStart("results");
    for (int i = 0; i < findings; i++) {
      String path = "/usr/share/doc/" + names[i] + "/copyright";
      g.writeStartObject();
      g.writeStringField("ruleId", ids[i] + "-" + names[i]);
      g.writeObjectFieldStart("message");
      g.writeStringField(
          "text",
          "A vulnerability in deb package: "
              + names[i]
              + ", version "
              + version(i)
              + " was found in image "
              + image
              + " at: "
              + path);
      g.writeEndObject();
      g.writeArrayFieldStart("locations");
      g.writeStartObject();
      g.writeObjectFieldStart("physicalLocation");
      g.writeObjectFieldStart("artifactLocation");
      g.writeStringField("uri", "app" + path);
      g.writeEndObject();
      g.writeObjectFieldStart("region");
      g.writeNumberField("startLine", 1);
      g.writeNumberField("startColumn", 1);
      g.writeNumberField("endLine", 1);
      g.writeNumberField("endColumn", 1);
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("logicalLocations");
      for (String p : new String[] {path, "/var/lib/dpkg/status"}) {
        g.writeStartObject();
        g.writeStringField("name", p);
        g.writeStringField(
            "fullyQualifiedName", image + "@" + layers[random.nextInt(layers.length)] + ":" + p);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeObjectFieldStart("partialFingerprints");
      g.writeStringField("primaryLocationLineHash", hex(64) + ":1");
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }
}
