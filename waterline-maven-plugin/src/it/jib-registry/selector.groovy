// Runs only where the registry binary vex-attach's tests use is installed
// (scripts/install-test-deps.sh); elsewhere the invoker reports the project as skipped.
return java.nio.file.Files.isExecutable(
    dev.waterline.vex.oci.internal.registry.DistributionRegistry.BINARY)
