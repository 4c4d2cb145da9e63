// Starts a registry (it lives until verify.groovy closes it, or the JVM exits) and tells the build
// where it is through .mvn/maven.config; a cosign key pair for attest.
import dev.waterline.vex.oci.internal.registry.DistributionRegistry
import dev.waterline.vex.sign.Keys
import dev.waterline.vex.sign.Password
import java.nio.file.Files

def dir = basedir.toPath()
def registry = DistributionRegistry.quiet(dir.resolve("registry-data"))
System.getProperties().put("waterline.it.jib-registry", registry)
Files.createDirectories(dir.resolve(".mvn"))
Files.writeString(dir.resolve(".mvn/maven.config"), "-Dit.registry=" + registry.host() + "\n")
Files.writeString(dir.resolve("registry.host"), registry.host())
Files.createDirectories(dir.resolve("keys"))
def key = Keys.generate()
Keys.writeCosign(key, dir.resolve("keys/cosign.key"), Password.of("it-key-password".toCharArray()))
Keys.writePublicPem(key.publicKey(), dir.resolve("keys/cosign.pub"))
return true
