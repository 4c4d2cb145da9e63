#!/usr/bin/env bash
# The whole test suite: installs what the tests need when it is missing, then runs
# `./mvnw -B verify` (extra arguments are passed to Maven).
#
# Needs a JDK 17 (or newer) on PATH or in JAVA_HOME; Maven comes from the wrapper ./mvnw.
set -euo pipefail

src="${BASH_SOURCE[0]}"
while [ -L "$src" ]; do
  dir="$(cd -P "$(dirname "$src")" && pwd)"
  src="$(readlink "$src")"
  case "$src" in /*) ;; *) src="$dir/$src" ;; esac
done
root="$(cd -P "$(dirname "$src")/.." && pwd)"
cd "$root"

die() {
  echo "test.sh: error: $*" >&2
  exit 2
}

# --- JDK 17+ ---------------------------------------------------------------------------------
require_jdk() {
  local java="java"
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    java="$JAVA_HOME/bin/java"
  fi
  command -v "$java" >/dev/null 2>&1 || die "no java found: install a JDK 17 or set JAVA_HOME"
  local version major
  version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  major="${version%%.*}"
  [ -n "$major" ] && [ "$major" -ge 17 ] 2>/dev/null ||
    die "Java $version found; Waterline needs Java 17 or newer"
  command -v javac >/dev/null 2>&1 || [ -x "${JAVA_HOME:-/nonexistent}/bin/javac" ] ||
    die "a JRE was found but not a JDK (javac is missing)"
}

# --- Hooks for what later test suites need ----------------------------------------------------
# Nothing beyond the JDK and the Maven wrapper is needed yet. When tests start to drive other
# tools, install them here (only when missing), so that this one command keeps working on a
# fresh machine:
#   - Node >= 20.17 and npm, for the interop checks with @sigstore/verify and @sigstore/oci
#     (e.g. `npm ci --prefix scripts/interop`);
#   - Debian packages: docker-registry (integration tests), skopeo, python3-securesystemslib.
install_node_tools() {
  : # hook: nothing to install yet
}

install_debian_packages() {
  : # hook: nothing to install yet
}

require_jdk
install_node_tools
install_debian_packages

exec ./mvnw -B verify "$@"
