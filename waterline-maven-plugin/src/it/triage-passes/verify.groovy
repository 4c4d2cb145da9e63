// The gate passed with the project's VEX, and the reports record why.
def log = new File(basedir, "build.log").text
assert log.contains("Waterline: nothing to remediate")
def json = new File(basedir, "target/waterline/triage.json").text
assert json.contains('"remediate" : 0') || json.contains('"remediate":0') || json.contains('"remediate": 0')
assert new File(basedir, "target/waterline/triage.md").isFile()
return true
