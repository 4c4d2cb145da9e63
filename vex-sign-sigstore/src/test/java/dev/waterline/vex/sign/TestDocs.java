package dev.waterline.vex.sign;

import dev.waterline.vex.Justification;
import dev.waterline.vex.Vex;
import dev.waterline.vex.VexDocument;
import java.time.Instant;

/** Small OpenVEX documents for the tests, with non-ASCII text. */
final class TestDocs {
  static final String DIGEST = "4f5a0a3d1c9e5b7d8a2e6f0c3b1d9e7a5c3b1f0e8d6c4a2b0f9e7d5c3b1a0f9e";
  static final String IMAGE = "registry.local/app@sha256:" + DIGEST;

  private TestDocs() {}

  static VexDocument document() {
    return Vex.document("René Exempel <rene@example.com>")
        .id("https://example.com/vex/1")
        .timestamp(Instant.parse("2025-01-01T00:00:00Z"))
        .statement(
            Vex.notAffected("CVE-2024-0001", "pkg:oci/app@sha256%3A" + DIGEST)
                .justification(Justification.VULNERABLE_CODE_NOT_PRESENT))
        .build();
  }
}
