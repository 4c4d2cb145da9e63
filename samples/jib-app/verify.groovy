// The sample's check (run by the Maven plugin's integration tests): Jib built the image, the VEX
// is about its digest, and the gate passed.
def jib = new File(basedir, "target/jib-image.json").text
def digest = (jib =~ /"imageDigest"\s*:\s*"sha256:([0-9a-f]+)"/)[0][1]
def vex = new File(basedir, "target/waterline/vex.json").text
assert vex.contains("pkg:oci/jib-app@sha256%3A" + digest)
assert vex.contains("CVE-2022-22965") && vex.contains("CVE-2023-44487")
def log = new File(basedir, "build.log").text
assert log.contains("Waterline: nothing to remediate")
return true
