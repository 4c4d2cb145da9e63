/** A tool author's named module using Waterline from the module path. */
module com.example.consumer {
  requires dev.waterline.vex.oci;
  requires dev.waterline.vex.policy;
}
