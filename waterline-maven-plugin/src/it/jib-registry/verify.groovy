// The image Jib pushed carries the signed VEX (from src/main/vex, about the pushed digest), and it
// verifies with the public key; then the registry stops.
import dev.waterline.vex.oci.Registry
import dev.waterline.vex.sign.PublicKey

def dir = basedir.toPath()
def registry = System.getProperties().remove("waterline.it.jib-registry")
try {
  def host = new File(basedir, "registry.host").text
  def jib = new File(basedir, "target/jib-image.json").text
  def fetched = Registry.of(host).fetch(host + "/acme/jib-app:1.0")
  assert jib.contains(fetched.digest().toString()) : "Jib pushed ${jib}, the registry has ${fetched.digest()}"
  def verified = fetched.verifiedWith(PublicKey.read(dir.resolve("keys/cosign.pub")))
  assert !verified.hasFailures()
  assert verified.verified().size() == 2
  def vex = verified.mergedVex().get()
  assert vex.statements()*.vulnerability()*.name().sort() == ["CVE-2021-44228", "CVE-2024-0727"]
  // the fetched documents are merged again for the caller; the attested one is vex.json
  assert new File(basedir, "target/waterline/vex.json").text.contains(
      '"author": "Jib IT Security <security@it.example>"')
  assert vex.statements()[0].products()[0].id().get().startsWith(
      "pkg:oci/jib-app@sha256%3A" + fetched.digest().hex())

  // And as an operator would check it: the CLI's fetch verifies both attestations with the key.
  def out = new StringWriter()
  def err = new StringWriter()
  int code = dev.waterline.cli.Main.run(new PrintWriter(out), new PrintWriter(err),
      "fetch", host + "/acme/jib-app:1.0", "--key", dir.resolve("keys/cosign.pub").toString(),
      "--insecure-registry", host, "--format", "json")
  assert code == 0 : "waterline fetch exited ${code}: ${err}"
  assert out.toString().count('"verified"') >= 2 : "waterline fetch: ${out}"
} finally {
  registry?.close()
}
return true
