// An image in an OCI layout (tag 1.0) and a cosign key pair, made with the library.
import dev.waterline.vex.oci.OciLayout
import dev.waterline.vex.sign.Keys
import dev.waterline.vex.sign.Password
import dev.waterline.vex.testkit.SampleImages
import java.nio.file.Files

def dir = basedir.toPath()
SampleImages.write(OciLayout.create(dir.resolve("layout")), "1.0")
Files.createDirectories(dir.resolve("keys"))
def key = Keys.generate()
Keys.writeCosign(key, dir.resolve("keys/cosign.key"), Password.of("it-key-password".toCharArray()))
Keys.writePublicPem(key.publicKey(), dir.resolve("keys/cosign.pub"))
return true
