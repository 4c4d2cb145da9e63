// The build failed at the gate, naming what to remediate, and left the reports behind.
def log = new File(basedir, "build.log").text
assert log.contains("2 finding(s) to remediate:")
assert log =~ /remediate CVE-2023-44487 .*KEV/
assert log.contains("remediate CVE-2022-22965")
assert !log.contains("remediate CVE-2024-28182")
assert new File(basedir, "target/waterline/triage.json").isFile()
assert new File(basedir, "target/waterline/triage.md").text.contains("CVE-2022-22965")
return true
