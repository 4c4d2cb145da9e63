/** A tool author's named module using Waterline from the module path. */
module com.example.consumer {
  requires dev.waterline.vex.oci;
  requires dev.waterline.vex.policy;
  // The flow's image: a sample from the test kit (in a real application, a test-scope dependency).
  requires dev.waterline.vex.testkit;
}
