def log = new File(basedir, "build.log").text
assert log.contains("Maven is offline (-o), so waterline:attach cannot reach the registry of registry.example/acme/app@sha256:")
assert log.contains("attach into an OCI image layout")
return true
