/**
 * Image references, OCI image layouts on disk, and attaching and fetching VEX attestations in every
 * layout Waterline writes or reads.
 */
// The qualified exports name vex-testkit, which is built after this module: javac cannot see it.
@SuppressWarnings("module")
module dev.waterline.vex.oci {
  requires static transitive com.google.errorprone.annotations;
  requires static transitive org.apiguardian.api;
  requires transitive dev.waterline.vex;
  requires transitive dev.waterline.vex.sign;
  requires transitive dev.waterline.vex.policy;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.databind;
  requires com.google.cloud.tools.jib;
  requires com.google.cloud.tools.jib.api.buildplan;
  requires java.net.http;
  requires static transitive org.jspecify;

  exports dev.waterline.vex.oci;
  // The test kit's in-memory store implements the store interface and writes sample images with
  // the one image writer (vex-testkit, docs/using.md "Testing with Waterline").
  exports dev.waterline.vex.oci.internal.store to
      dev.waterline.vex.testkit;
  exports dev.waterline.vex.oci.internal.json to
      dev.waterline.vex.testkit;
}
