// The layout's image carries the attestation once (two builds, no second signature), it verifies
// with the public key, and its VEX is the file's statement and the POM's, about the image digest.
import dev.waterline.vex.oci.Attachments
import dev.waterline.vex.oci.OciLayout
import dev.waterline.vex.sign.PublicKey

def dir = basedir.toPath()
def layout = OciLayout.open(dir.resolve("layout"))
def digest = layout.resolve("1.0").get()
def fetched = Attachments.on(layout).fetch("1.0")
assert fetched.unreadable().isEmpty()
def layouts = fetched.attestations().collect { it.layout().toString() }.sort()
assert layouts == ["COSIGN_ATT_TAG", "SIGSTORE_BUNDLE_REFERRER"] : "attestations in the layout: ${layouts}"

def verified = fetched.verifiedWith(PublicKey.read(dir.resolve("keys/cosign.pub")))
assert !verified.hasFailures()
assert verified.verified().size() == 2
def vex = verified.mergedVex().get()
def vulns = vex.statements().collect { it.vulnerability().name() }.sort()
assert vulns == ["CVE-2021-44228", "CVE-2023-44487", "CVE-2024-0727"] : "statements: ${vulns}"
def products = vex.statements().collectMany { it.products() }.collect { it.id().get() }.unique()
assert products == ["pkg:oci/layout@sha256%3A" + digest.hex()] : "products: ${products}"

def log = new File(basedir, "build.log").text
assert log.contains("is up to date (VEX, image and key unchanged)")
assert log.contains("is attached to oci:")
def json = new File(basedir, "target/waterline/vex.json").text
assert json.contains('2026-11-27T03:00:00Z') : 'the document time is the newest statement time'
return true
