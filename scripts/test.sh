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

# --- Tools the tests drive ---------------------------------------------------------------------
# The interop tests check our signatures with independent verifiers: openssl, Python
# securesystemslib (Debian packages) and @sigstore/verify (npm, pinned in
# scripts/interop/package-lock.json). The registry tests start Debian's docker-registry
# (distribution 2.8.2) on 127.0.0.1 and read back with skopeo and @sigstore/oci
# (scripts/interop-oci). Both scripts install only what is missing.
install_test_tools() {
  sh scripts/interop/install.sh
  sh scripts/interop-formats/install.sh
  sh scripts/install-test-deps.sh
}

# --- API compatibility with the last release ------------------------------------------------
# With a release tag (v*) in this clone, japicmp runs in the same build against that release: the
# baseline jars are built from the tag once (target/api-baseline/<tag>/, by api-baseline.sh) and
# a breaking change to an exported package fails `verify`. A clone without tags (a shallow one)
# says so and goes on. WATERLINE_API_BASELINE=DIR gives the baseline jars instead.
api_baseline_args() {
  if [ -n "${WATERLINE_API_BASELINE:-}" ]; then
    echo "-Djapicmp.baseline=$WATERLINE_API_BASELINE"
    return
  fi
  local tag commit
  tag="$(git tag --list 'v[0-9]*' --sort=-version:refname 2>/dev/null | head -n 1 || true)"
  if [ -z "$tag" ]; then
    # A clone without tags (CI's may have none): the newest releases/<version>/COMMIT names the
    # release commit, which the clone's history holds.
    local rel
    rel="$(ls -d releases/[0-9]*/ 2>/dev/null | sed 's|releases/||; s|/$||' | sort -V | tail -n 1)"
    if [ -n "$rel" ] && [ -f "releases/$rel/COMMIT" ] &&
      git rev-parse --verify --quiet "$(cat "releases/$rel/COMMIT")^{commit}" >/dev/null; then
      tag="v$rel"
      commit="$(cat "releases/$rel/COMMIT")"
      echo "test.sh: no release tag in this clone; $tag is commit $commit (releases/$rel/COMMIT)" >&2
    else
      echo "test.sh: no release tag (v*) in this clone, so API compatibility is not checked" >&2
      return
    fi
  else
    commit="$(git rev-parse --verify --quiet "$tag^{commit}")"
  fi
  local dir="$root/target/api-baseline/$tag"
  # Rebuilt unless the jars there were built from this very commit (api-baseline.sh records it).
  if [ ! -f "$dir/vex-model.jar" ] || [ "$(cat "$dir/COMMIT" 2>/dev/null)" != "$commit" ]; then
    echo "test.sh: building the API baseline from $tag (scripts/api-baseline.sh)" >&2
    scripts/api-baseline.sh --build-only --name "$tag" "$commit" >&2
  fi
  echo "test.sh: API compatibility is checked against $tag ($dir)" >&2
  echo "-Djapicmp.baseline=$dir"
}

require_jdk
install_test_tools
api_arg="$(api_baseline_args)"

exec ./mvnw -B verify ${api_arg:+"$api_arg"} "$@"
