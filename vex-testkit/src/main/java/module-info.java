/**
 * For tests that use Waterline: small real sample images in OCI image layouts. Depend on it in test
 * scope; it is not part of an application.
 */
module dev.waterline.vex.testkit {
  requires static transitive com.google.errorprone.annotations;
  requires static transitive org.apiguardian.api;
  requires transitive dev.waterline.vex.oci;
  requires static transitive org.jspecify;

  exports dev.waterline.vex.testkit;
}
