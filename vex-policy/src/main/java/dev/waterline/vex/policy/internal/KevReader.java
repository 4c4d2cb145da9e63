package dev.waterline.vex.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.waterline.vex.policy.KevEntry;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads the CISA KEV JSON feed. */
public final class KevReader {
  private static final Json JSON = new Json("CISA KEV catalog");

  private KevReader() {}

  /** The catalog version and entries. */
  public record Result(@Nullable String catalogVersion, List<KevEntry> entries) {}

  /** Reads the feed. */
  public static Result read(byte[] bytes) {
    JsonNode root = JSON.object(Json.parse(bytes, JSON.what()), "");
    String version = JSON.optText(root, "catalogVersion", "");
    JsonNode vulns = JSON.reqArray(root, "vulnerabilities", "");
    List<KevEntry> entries = new ArrayList<>(vulns.size());
    for (int i = 0; i < vulns.size(); i++) {
      String p = Json.child("/vulnerabilities", i);
      JsonNode v = JSON.object(vulns.get(i), p);
      String cve = JSON.reqText(v, "cveID", p);
      if (!cve.regionMatches(true, 0, "CVE-", 0, 4)) {
        throw JSON.error(
            Json.child(p, "cveID"), "expected a CVE id but found '" + Json.clip(cve) + "'");
      }
      String vendor = JSON.optText(v, "vendorProject", p);
      String product = JSON.optText(v, "product", p);
      LocalDate added = date(v, "dateAdded", p, true);
      LocalDate due = date(v, "dueDate", p, false);
      String ransomware = JSON.optText(v, "knownRansomwareCampaignUse", p);
      entries.add(
          KevEntry.of(
              cve,
              vendor == null ? "" : vendor,
              product == null ? "" : product,
              java.util.Objects.requireNonNull(added, "dateAdded"),
              due,
              "Known".equalsIgnoreCase(ransomware)));
    }
    JsonNode count = root.get("count");
    if (count != null && !count.isNull()) {
      if (!count.isIntegralNumber()) {
        throw JSON.error("/count", "expected an integer but found " + Json.typeName(count));
      }
      if (!count.canConvertToInt() || count.intValue() != vulns.size()) {
        throw JSON.error(
            "/count",
            "the catalog says it has "
                + Json.clip(count.toString())
                + " entries but lists "
                + vulns.size()
                + " (truncated or edited?)");
      }
    }
    return new Result(version, entries);
  }

  @SuppressWarnings("NullAway") // required dates are never null
  private static @Nullable LocalDate date(
      JsonNode v, String field, String pointer, boolean required) {
    String s = required ? JSON.reqText(v, field, pointer) : JSON.optText(v, field, pointer);
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw JSON.error(
          Json.child(pointer, field),
          "expected a date YYYY-MM-DD but found '" + Json.clip(s) + "'");
    }
  }
}
