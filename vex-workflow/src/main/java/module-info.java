/** Decisions from ticket systems applied to one OpenVEX document per image, idempotently. */
module dev.waterline.vex.workflow {
  requires transitive dev.waterline.vex;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.waterline.vex.workflow;
}
