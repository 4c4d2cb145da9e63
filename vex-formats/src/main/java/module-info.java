/** Every VEX dialect: CSAF 2.0 VEX, CycloneDX VEX and OpenVEX as YAML, in and out. */
module dev.waterline.vex.formats {
  requires static transitive com.google.errorprone.annotations;
  requires static transitive org.apiguardian.api;
  requires transitive dev.waterline.vex;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.networknt.schema;
  requires static transitive org.jspecify;

  exports dev.waterline.vex.formats;

  provides dev.waterline.vex.internal.spi.DialectReader with
      dev.waterline.vex.formats.internal.FormatsDialectReader;
}
