// The attestation is on the TLS registry (attach logged in with the settings.xml server) and
// verifies; then the registry stops.
import dev.waterline.vex.oci.Registry
import dev.waterline.vex.oci.RegistryOptions
import dev.waterline.vex.sign.PublicKey

def dir = basedir.toPath()
def registry = System.getProperties().remove("waterline.it.tls-registry")
try {
  def host = new File(basedir, "registry.host").text
  def options = RegistryOptions.builder().withoutDockerConfig()
      .caCertificates(dir.resolve("registry-data/tls.crt"))
      .credentials("alice", new File(basedir, "registry.password").text).build()
  def fetched = Registry.of(host, options).fetch(host + "/secure/app:1.0")
  def verified = fetched.verifiedWith(PublicKey.read(dir.resolve("keys/cosign.pub")))
  assert !verified.hasFailures()
  assert verified.verified().size() == 2
} finally {
  registry?.close()
}
return true
