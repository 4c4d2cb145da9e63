/**
 * Decisions from ticket systems applied to one OpenVEX document per image, idempotently; VEX
 * carried to rebuilt images.
 */
module dev.waterline.vex.workflow {
  requires static transitive com.google.errorprone.annotations;
  requires static transitive org.apiguardian.api;
  requires transitive dev.waterline.vex;
  requires transitive dev.waterline.vex.policy;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.waterline.vex.workflow;
}
