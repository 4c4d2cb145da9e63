// The bundle was signed with the key the decrypted password opened, for the layout's image.
import dev.waterline.vex.oci.Attestation
import dev.waterline.vex.oci.OciLayout
import dev.waterline.vex.sign.PublicKey
import dev.waterline.vex.sign.VerificationPolicy
import dev.waterline.vex.sign.Verifier
import java.nio.file.Files

def dir = basedir.toPath()
def digest = OciLayout.open(dir.resolve("layout")).resolve("latest").get()
def bundle = dir.resolve("target/waterline/vex.sigstore.json")
def attestation = Attestation.read(bundle)
assert attestation.subjects() == [digest]
def key = PublicKey.read(dir.resolve("keys/cosign.pub"))
def result = Verifier.verify(Files.readAllBytes(bundle), VerificationPolicy.keys(key))
assert result.verified() : "signature: ${result}"
return true
