// The site holds the gate's report as a page: the same Markdown the build wrote, rendered.
def log = new File(basedir, "build.log").text
assert log.contains("Waterline: nothing to remediate")
def md = new File(basedir, "target/waterline/triage.md").text
def source = new File(basedir, "target/generated-site/markdown/waterline-triage.md")
assert source.isFile() : "waterline:triage wrote no page source for the site"
assert source.text == md
def page = new File(basedir, "target/site/waterline-triage.html")
assert page.isFile() : "the site has no waterline-triage.html"
def html = page.text
// Every finding of the report is on the page, with its decision.
["CVE-2023-44487", "CVE-2022-22965"].each { assert html.contains(it) : "${it} is not on the page" }
assert html.contains("<table") : "the findings table was not rendered"
return true
