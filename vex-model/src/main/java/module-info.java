/** The OpenVEX v0.2.0 model: values, JSON, validation, canonical form, merge and matching. */
// Qualified exports name modules that are built after this one, so javac cannot see them here.
@SuppressWarnings("module")
module dev.waterline.vex {
  requires static transitive com.google.errorprone.annotations;
  requires static transitive org.apiguardian.api;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  requires com.networknt.schema;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports dev.waterline.vex;
  // The one JSON layer and the one bounded reader, for Waterline's own modules only.
  exports dev.waterline.vex.internal.json to
      dev.waterline.vex.sign,
      dev.waterline.vex.oci,
      dev.waterline.vex.policy,
      dev.waterline.vex.formats,
      dev.waterline.vex.workflow;
  exports dev.waterline.vex.internal.io to
      dev.waterline.vex.sign,
      dev.waterline.vex.oci,
      dev.waterline.vex.policy,
      dev.waterline.vex.formats,
      dev.waterline.vex.workflow;
  // The one image-identity implementation (digest text, Docker Hub's names), for our modules only.
  exports dev.waterline.vex.internal.image to
      dev.waterline.vex.sign,
      dev.waterline.vex.oci,
      dev.waterline.vex.policy,
      dev.waterline.vex.formats,
      dev.waterline.vex.workflow;
  // The purl syntax, for the decisions workflow's input checks, carry's package identity and the
  // scanner export; the dialect writers' product comparisons.
  exports dev.waterline.vex.internal.match to
      dev.waterline.vex.formats,
      dev.waterline.vex.policy,
      dev.waterline.vex.workflow;
  // The reader SPI for the other VEX dialects: for vex-formats only.
  exports dev.waterline.vex.internal.spi to
      dev.waterline.vex.formats;

  uses dev.waterline.vex.internal.spi.DialectReader;
  uses org.slf4j.spi.SLF4JServiceProvider;
}
