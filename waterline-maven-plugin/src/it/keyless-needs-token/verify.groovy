// The build failed at attest, naming the variable to set; nothing was signed.
def log = new File(basedir, "build.log").text
assert log.contains("keyless signing needs an OIDC identity token: none in the environment variable WATERLINE_IT_TOKEN")
assert log.contains("id-token: write")
assert new File(basedir, "target/waterline/vex.json").isFile()
assert !new File(basedir, "target/waterline/vex.sigstore.json").exists()
return true
