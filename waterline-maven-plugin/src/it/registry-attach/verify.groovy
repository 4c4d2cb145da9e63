// The image on the registry carries the attestation once in each default layout (two builds),
// and it verifies with the public key; then the registry stops.
import dev.waterline.vex.oci.Registry
import dev.waterline.vex.sign.PublicKey

def dir = basedir.toPath()
def registry = System.getProperties().remove("waterline.it.registry")
try {
  def host = new File(basedir, "target/registry.host").text
  def fetched = Registry.of(host).fetch(host + "/acme/app:1.0")
  assert fetched.unreadable().isEmpty()
  def layouts = fetched.attestations().collect { it.layout().toString() }.sort()
  assert layouts == ["COSIGN_ATT_TAG", "SIGSTORE_BUNDLE_REFERRER"] : "attestations: ${layouts}"
  def verified = fetched.verifiedWith(PublicKey.read(dir.resolve("keys/cosign.pub")))
  assert !verified.hasFailures()
  assert verified.verified().size() == 2
  def vex = verified.mergedVex().get()
  assert vex.statements()*.vulnerability()*.name() == ["CVE-2023-44487"]
  def log = new File(basedir, "build.log").text
  assert log.contains("(digest from ") && log.contains("jib-image.json)")
  assert log.contains("SIGSTORE_BUNDLE_REFERRER") && log.contains(" added on " + host)
  assert log.contains("is attached to " + host)
} finally {
  registry?.close()
}
return true
