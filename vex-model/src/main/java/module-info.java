/** The OpenVEX v0.2.0 model: values, JSON, validation, canonical form, merge and matching. */
@SuppressWarnings(
    "module") // the qualified exports name vex-formats, which builds after this module
module dev.waterline.vex {
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  requires com.networknt.schema;
  requires packageurl.java;
  requires static transitive org.jspecify;

  exports dev.waterline.vex;
  // The one JSON layer, and the reader SPI for the other VEX dialects: for vex-formats only.
  exports dev.waterline.vex.internal.json to
      dev.waterline.vex.formats;
  exports dev.waterline.vex.internal.spi to
      dev.waterline.vex.formats;

  uses dev.waterline.vex.internal.spi.DialectReader;
}
