package dev.waterline.cli;

import dev.waterline.vex.oci.RegistryOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --insecure-registry HOST}, shared by the verbs that reach registries (a picocli mixin).
 * Plain HTTP is used without it only for loopback hosts; credentials come from Docker's {@code
 * config.json} and its credential helpers.
 */
final class RegistryOption {
  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST",
      description =
          "Allow plain HTTP to this registry (host or host:port; loopback needs no flag)."
              + " Repeatable.")
  List<String> insecure = new ArrayList<>();

  RegistryOptions options() {
    RegistryOptions.Builder b = RegistryOptions.builder();
    for (String h : insecure) {
      b.insecureRegistry(h);
    }
    return b.build();
  }
}
