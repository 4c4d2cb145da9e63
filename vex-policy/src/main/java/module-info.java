/** Scanner reports, CISA KEV, EPSS and the base-image waterline: the inputs of triage. */
module dev.waterline.vex.policy {
  requires static transitive com.google.errorprone.annotations;
  requires static transitive org.apiguardian.api;
  requires transitive dev.waterline.vex;
  requires transitive dev.waterline.vex.sign;
  requires transitive dev.waterline.vex.formats;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.waterline.vex.policy;
}
