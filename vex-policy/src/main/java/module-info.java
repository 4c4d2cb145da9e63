module dev.waterline.vex.policy {
  requires transitive dev.waterline.vex;
  requires com.fasterxml.jackson.databind;
  requires static transitive org.jspecify;

  exports dev.waterline.vex.policy;
}
