package dev.waterline.vex.internal.spi;

/** The VEX dialects Waterline tells apart by content. */
public enum Dialect {
  /**
   * OpenVEX as JSON (v0.2.0 or legacy): an {@code @context} under {@code https://openvex.dev/ns}.
   */
  OPENVEX,
  /** OpenVEX written as YAML (go-vex reads it): not JSON, a YAML mapping with that context. */
  OPENVEX_YAML,
  /** CSAF 2.x: a {@code document} object with a {@code csaf_version}. */
  CSAF,
  /** CycloneDX: {@code bomFormat} {@code CycloneDX} (a BOM, a VEX BOM, an SBOM with VEX). */
  CYCLONEDX
}
