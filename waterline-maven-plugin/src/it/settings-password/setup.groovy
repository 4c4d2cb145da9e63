// An image in an OCI layout (its only tag) and a cosign key encrypted with the password that
// settings.xml holds, encrypted.
import dev.waterline.vex.oci.OciLayout
import dev.waterline.vex.sign.Keys
import dev.waterline.vex.sign.Password
import dev.waterline.vex.testkit.SampleImages
import java.nio.file.Files

def dir = basedir.toPath()
SampleImages.write(OciLayout.create(dir.resolve("layout")), "latest")
Files.createDirectories(dir.resolve("keys"))
def key = Keys.generate()
Keys.writeCosign(key, dir.resolve("keys/cosign.key"), Password.of("it-key-password".toCharArray()))
Keys.writePublicPem(key.publicKey(), dir.resolve("keys/cosign.pub"))
return true
