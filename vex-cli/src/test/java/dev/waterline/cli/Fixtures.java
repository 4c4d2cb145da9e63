package dev.waterline.cli;

/** Small OpenVEX documents written for these tests. */
final class Fixtures {
  private Fixtures() {}

  static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  /** The app image as a purl, with the digest as version. */
  static final String APP = "pkg:oci/app@" + DIGEST.replace(":", "%3A");

  /** A v0.2.0 document: CVE-2023-44487 not_affected in the app, on 2026-01-01. */
  static final String OURS =
      """
      {
        "@context": "https://openvex.dev/ns/v0.2.0",
        "@id": "https://example.com/vex/ours",
        "author": "Acme Security <psirt@acme.example>",
        "timestamp": "2026-01-01T00:00:00Z",
        "version": 1,
        "statements": [
          {
            "vulnerability": { "name": "CVE-2023-44487" },
            "timestamp": "2026-01-01T00:00:00Z",
            "products": [ { "@id": "%s" } ],
            "status": "not_affected",
            "justification": "vulnerable_code_not_in_execute_path"
          },
          {
            "vulnerability": { "name": "CVE-2024-0001" },
            "timestamp": "2026-01-01T00:00:00Z",
            "products": [ { "@id": "%s" } ],
            "status": "under_investigation"
          }
        ]
      }
      """
          .formatted(APP, APP);

  /** A later v0.2.0 document: CVE-2023-44487 affected in the app, on 2026-01-05. */
  static final String LATER =
      """
      {
        "@context": "https://openvex.dev/ns/v0.2.0",
        "@id": "https://example.com/vex/later",
        "author": "Acme Security <psirt@acme.example>",
        "timestamp": "2026-01-05T00:00:00Z",
        "version": 1,
        "statements": [
          {
            "vulnerability": { "name": "CVE-2023-44487" },
            "products": [ { "@id": "%s" } ],
            "status": "affected",
            "action_statement": "Update the app to 1.2.3"
          }
        ]
      }
      """
          .formatted(APP);

  /** A document whose second statement has the status 'fixd'. */
  static final String BAD_STATUS =
      """
      {
        "@context": "https://openvex.dev/ns/v0.2.0",
        "@id": "https://example.com/vex/bad",
        "author": "Acme",
        "timestamp": "2026-01-01T00:00:00Z",
        "version": 1,
        "statements": [
          {
            "vulnerability": { "name": "CVE-2024-0001" },
            "products": [ { "@id": "pkg:oci/app" } ],
            "status": "fixed"
          },
          {
            "vulnerability": { "name": "CVE-2024-0002" },
            "products": [ { "@id": "pkg:oci/app" } ],
            "status": "fixd"
          }
        ]
      }
      """;

  /** A valid document with one field OpenVEX does not define (a warning, not an error). */
  static final String UNKNOWN_FIELD =
      """
      {
        "@context": "https://openvex.dev/ns/v0.2.0",
        "@id": "https://example.com/vex/extra",
        "author": "Acme",
        "timestamp": "2026-01-01T00:00:00Z",
        "version": 1,
        "x_ticket": "SEC-42",
        "statements": [
          {
            "vulnerability": { "name": "CVE-2024-0001" },
            "products": [ { "@id": "pkg:oci/app" } ],
            "status": "fixed"
          }
        ]
      }
      """;

  /** A legacy (v0.0.1) document: string vulnerability and products, statement subcomponents. */
  static final String LEGACY =
      """
      {
        "@context": "https://openvex.dev/ns",
        "@id": "https://example.com/vex/legacy",
        "author": "Old Tool",
        "role": "Document Creator",
        "timestamp": "2023-01-09T21:23:03Z",
        "version": "1",
        "statements": [
          {
            "vulnerability": "CVE-2022-3602",
            "vuln_description": "X.509 email address buffer overflow",
            "products": [ "pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64" ],
            "subcomponents": [ "pkg:apk/wolfi/openssl@3.0.7-r0" ],
            "status": "fixed"
          }
        ]
      }
      """;
}
