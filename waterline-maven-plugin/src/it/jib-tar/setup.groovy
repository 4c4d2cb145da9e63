// A cosign key pair for attest (jib:buildTar needs no registry: the base image is scratch).
import dev.waterline.vex.sign.Keys
import dev.waterline.vex.sign.Password
import java.nio.file.Files

def dir = basedir.toPath()
Files.createDirectories(dir.resolve("keys"))
def key = Keys.generate()
Keys.writeCosign(key, dir.resolve("keys/cosign.key"), Password.of("it-key-password".toCharArray()))
Keys.writePublicPem(key.publicKey(), dir.resolve("keys/cosign.pub"))
return true
