// The build failed naming the file and JSON pointer, and the POM statement; no VEX was written.
def log = new File(basedir, "build.log").text
assert log.contains("invalid VEX (2 errors)")
assert log =~ /src\/main\/vex\/bad\.openvex\.json: error at \/statements\/0\/status/
assert log.contains("pom.xml <statements>, statement 1 (CVE-2023-44487): <justification> 'not_reachable' is not one of")
assert !new File(basedir, "target/waterline/vex.json").exists()
return true
