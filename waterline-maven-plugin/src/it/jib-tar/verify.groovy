// The archive Jib wrote carries the signed VEX about the image in it, once per default layout
// after two builds; skopeo (when installed) still reads the archive's image.
import dev.waterline.vex.oci.Attachments
import dev.waterline.vex.oci.OciArchive
import dev.waterline.vex.sign.PublicKey
import java.nio.file.Files

def dir = basedir.toPath()
def tar = dir.resolve("target/jib-image.tar")
assert Files.isRegularFile(tar)
def listing = new ProcessBuilder("tar", "-tf", tar.toString()).start().inputStream.text
assert !listing.contains(".waterline.lock") : "the layout's lock file went into the archive"
def layout = OciArchive.unpack(tar, dir.resolve("target/verify-unpacked"))
def digest = new File(basedir, "target/jib-image.digest").text.strip()
def fetched = Attachments.on(layout).fetch(digest)
assert fetched.unreadable().isEmpty()
def layouts = fetched.attestations().collect { it.layout().toString() }.sort()
assert layouts == ["COSIGN_ATT_TAG", "SIGSTORE_BUNDLE_REFERRER"] : "attestations in the archive: ${layouts}"
def verified = fetched.verifiedWith(PublicKey.read(dir.resolve("keys/cosign.pub")))
assert !verified.hasFailures()
def vex = verified.mergedVex().get()
def products = vex.statements().collectMany { it.products() }.collect { it.id().get() }.unique()
assert products == ["pkg:oci/jib-image@" + digest.replace(":", "%3A")] : "products: ${products}"

def log = new File(basedir, "build.log").text
assert log.contains("target/jib-image.tar rewritten with the attestation")
// The second build: Jib wrote the archive again without the attestation; it went back in, signed once.
assert log.contains("is up to date (VEX, image and key unchanged)")
assert log.readLines().count { it.contains("rewritten with the attestation") } == 2

if (Files.isExecutable(java.nio.file.Path.of("/usr/bin/skopeo"))) {
  def p = new ProcessBuilder("skopeo", "inspect", "--raw", "oci-archive:" + tar + ":acme/jib-app:1.0")
      .redirectErrorStream(true).start()
  def out = p.inputStream.text
  assert p.waitFor() == 0 : "skopeo: ${out}"
  assert out.contains(digest.substring(7)) || dev.waterline.vex.oci.Digest.of(out.getBytes("UTF-8")).toString() == digest
}
return true
