// After three builds (the third with the changed VEX file) the image carries exactly one
// attestation per default layout, the changed one; the first one's referrer and .att layer are
// gone; and the logs say what each build did.
import dev.waterline.vex.Status
import dev.waterline.vex.oci.Attachments
import dev.waterline.vex.oci.OciLayout
import dev.waterline.vex.sign.PublicKey

def dir = basedir.toPath()
def layout = OciLayout.open(dir.resolve("layout"))
def digest = layout.resolve("1.0").get()
def fetched = Attachments.on(layout).fetch("1.0")
assert fetched.unreadable().isEmpty()
def layouts = fetched.attestations().collect { it.layout().toString() }.sort()
assert layouts == ["COSIGN_ATT_TAG", "SIGSTORE_BUNDLE_REFERRER"] : "attestations after the change: ${layouts}"

def verified = fetched.verifiedWith(PublicKey.read(dir.resolve("keys/cosign.pub")))
assert !verified.hasFailures()
assert verified.verified().size() == 2
verified.verified().each { v ->
  def doc = v.vex().get()
  assert doc.statements().size() == 1
  assert doc.statements()[0].status() == Status.NOT_AFFECTED : "an attestation still says ${doc.statements()[0].status()}"
}

def log = new File(basedir, "build.log").text
// Build 2 changed nothing; build 3 added one attestation per layout and removed the superseded one.
assert log.contains("is up to date (VEX, image and key unchanged)")
assert log.contains("is attached to oci:")
assert log.contains("superseded, removed:") : "the third build removed nothing"
def added = log.readLines().findAll { it.contains(" added on oci:") }
assert added.size() == 4 : "two builds × two layouts should add 4 entries, the log shows ${added.size()}:\n${added.join('\n')}"
return true
