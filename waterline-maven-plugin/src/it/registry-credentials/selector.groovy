// Runs only where the registry, openssl and htpasswd that vex-attach's TLS tests use are
// installed (scripts/install-test-deps.sh); elsewhere the invoker reports it as skipped.
import dev.waterline.vex.oci.internal.registry.DistributionRegistry
return java.nio.file.Files.isExecutable(DistributionRegistry.BINARY) &&
    DistributionRegistry.onPath("openssl") && DistributionRegistry.onPath("htpasswd")
