package dev.waterline.vex.policy;

import static org.apiguardian.api.API.Status.STABLE;

import dev.waterline.vex.internal.io.InputKind;
import dev.waterline.vex.internal.io.Inputs;
import dev.waterline.vex.policy.internal.KevReader;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The CISA Known Exploited Vulnerabilities catalog, read from its JSON feed ({@code
 * known_exploited_vulnerabilities.json}: {@code catalogVersion}, {@code vulnerabilities[]} with
 * {@code cveID}, {@code dateAdded}, {@code dueDate}, {@code knownRansomwareCampaignUse}). Lookups
 * are by CVE id, case-insensitive. Immutable.
 */
@API(status = STABLE, since = "0.1.0")
public final class KevCatalog {
  private final @Nullable String catalogVersion;
  private final Map<String, KevEntry> entries;

  private KevCatalog(@Nullable String catalogVersion, Map<String, KevEntry> entries) {
    this.catalogVersion = catalogVersion;
    this.entries = entries;
  }

  /**
   * Reads the JSON feed from a file, through Waterline's bounded reader: a regular file (not a
   * directory, FIFO or device) of at most 64 MiB (system property {@code waterline.limit.kev}).
   *
   * @throws dev.waterline.vex.UnreadableInputException if the file is missing, not a regular file,
   *     larger than the limit, or cannot be read
   * @throws InputParseException if it is not a KEV catalog (duplicate keys included); the message
   *     names the file
   */
  public static KevCatalog read(Path file) {
    byte[] bytes = Inputs.read(file, InputKind.KEV_CATALOG);
    try {
      return read(bytes);
    } catch (InputParseException e) {
      throw e.withSource(file.toString());
    }
  }

  /**
   * Reads the JSON feed from its bytes.
   *
   * @throws InputParseException if it is not a KEV catalog (duplicate keys included)
   */
  public static KevCatalog read(byte[] json) {
    KevReader.Result r = KevReader.read(json);
    return of(r.catalogVersion(), r.entries());
  }

  /** A catalog of the given entries (later entries for the same CVE replace earlier ones). */
  public static KevCatalog of(@Nullable String catalogVersion, Collection<KevEntry> entries) {
    Map<String, KevEntry> map = new HashMap<>(entries.size() * 2);
    for (KevEntry e : entries) {
      map.put(key(e.cveId()), e);
    }
    return new KevCatalog(catalogVersion, map);
  }

  private static String key(String cve) {
    return cve.toUpperCase(Locale.ROOT);
  }

  /** The catalog version, e.g. {@code 2025.08.25}, if given. */
  public Optional<String> catalogVersion() {
    return Optional.ofNullable(catalogVersion);
  }

  /** The number of entries. */
  public int size() {
    return entries.size();
  }

  /** True when the CVE is in the catalog. */
  public boolean contains(String cve) {
    return entries.containsKey(key(Objects.requireNonNull(cve, "cve")));
  }

  /** The entry for a CVE, if it is in the catalog. */
  public Optional<KevEntry> entry(String cve) {
    return Optional.ofNullable(entries.get(key(Objects.requireNonNull(cve, "cve"))));
  }

  /** The entry for a finding's vulnerability id or, failing that, its first listed alias in KEV. */
  public Optional<KevEntry> entryFor(Finding finding) {
    KevEntry e = entries.get(key(finding.vulnerabilityId()));
    if (e != null) {
      return Optional.of(e);
    }
    for (String alias : finding.aliases()) {
      e = entries.get(key(alias));
      if (e != null) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** For example {@code KevCatalog[2025.08.25, 1404 entries]}. */
  @Override
  public String toString() {
    return "KevCatalog["
        + (catalogVersion == null ? "" : catalogVersion + ", ")
        + entries.size()
        + (entries.size() == 1 ? " entry]" : " entries]");
  }
}
