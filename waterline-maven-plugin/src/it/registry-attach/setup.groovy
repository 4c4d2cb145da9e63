// Starts a registry (it lives until verify.groovy closes it, or the JVM exits), pushes an image
// to it, and writes target/jib-image.json as jib:build does. A cosign key pair for attest.
import dev.waterline.vex.oci.internal.registry.DistributionRegistry
import dev.waterline.vex.oci.internal.registry.TestImages
import dev.waterline.vex.sign.Keys
import dev.waterline.vex.sign.Password
import java.nio.file.Files

def dir = basedir.toPath()
def registry = DistributionRegistry.quiet(dir.resolve("target/registry"))
System.getProperties().put("waterline.it.registry", registry)
def digest = TestImages.push(registry, "acme/app", "1.0")
Files.writeString(dir.resolve("target/jib-image.json"),
    '{"image":"' + registry.host() + '/acme/app:1.0","imageId":"sha256:' + "0" * 64
        + '","imageDigest":"' + digest + '","tags":["1.0"],"imagePushed":true}')
Files.writeString(dir.resolve("target/registry.host"), registry.host())
Files.createDirectories(dir.resolve("keys"))
def key = Keys.generate()
Keys.writeCosign(key, dir.resolve("keys/cosign.key"), Password.of("it-key-password".toCharArray()))
Keys.writePublicPem(key.publicKey(), dir.resolve("keys/cosign.pub"))
return true
