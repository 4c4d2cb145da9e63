/** The OpenVEX v0.2.0 model: values, JSON, validation, canonical form, merge and matching. */
module dev.waterline.vex {
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.networknt.schema;
  requires packageurl.java;
  requires static transitive org.jspecify;

  exports dev.waterline.vex;
}
