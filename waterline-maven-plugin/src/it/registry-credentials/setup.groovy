// Starts a TLS registry with Basic auth (it lives until verify.groovy closes it, or the JVM
// exits), pushes an image to it with the user's credentials, writes target/jib-image.json as
// jib:build does, and gives the build the password through .mvn/maven.config.
import dev.waterline.vex.oci.internal.registry.DistributionRegistry
import dev.waterline.vex.oci.internal.registry.RegistryClient
import dev.waterline.vex.oci.internal.registry.RegistryConfig
import dev.waterline.vex.oci.internal.registry.RegistryCredential
import dev.waterline.vex.oci.internal.store.ImageWriter
import dev.waterline.vex.sign.Keys
import dev.waterline.vex.sign.Password
import java.nio.file.Files
import java.time.Duration

def dir = basedir.toPath()
Files.createDirectories(dir.resolve("registry-data"))
Files.createDirectories(dir.resolve("target"))
def registry = DistributionRegistry.tlsWithHtpasswd(dir.resolve("registry-data"))
System.getProperties().put("waterline.it.tls-registry", registry)
def pusher = new RegistryClient(registry.host(),
    new RegistryConfig(RegistryCredential.of(DistributionRegistry.USER, registry.password()),
        null, registry.caFile(), [] as Set, 1 << 20, 2, Duration.ofMillis(10)))
def digest = ImageWriter.write(pusher.repository("secure/app"), "1.0", "hello.txt", "secure app",
    ["linux/amd64"]).digest()
Files.writeString(dir.resolve("target/jib-image.json"),
    '{"image":"' + registry.host() + '/secure/app:1.0","imageDigest":"' + digest + '"}')
Files.writeString(dir.resolve("registry.host"), registry.host())
Files.writeString(dir.resolve("registry.password"), registry.password())
Files.createDirectories(dir.resolve(".mvn"))
Files.writeString(dir.resolve(".mvn/maven.config"),
    "-Dit.registry.password=" + registry.password() + "\n")
Files.createDirectories(dir.resolve("keys"))
def key = Keys.generate()
Keys.writeCosign(key, dir.resolve("keys/cosign.key"), Password.of("it-key-password".toCharArray()))
Keys.writePublicPem(key.publicKey(), dir.resolve("keys/cosign.pub"))
return true
