#!/usr/bin/env bash
# API compatibility check against a released version, with no remote repository: builds the
# release tag in a fresh clone, keeps its library jars in target/api-baseline/<ref>/ (one
# <artifactId>.jar per module), then runs japicmp over the working tree's modules against them.
# The build fails on any binary- or source-incompatible change to an exported package
# (dev.waterline.vex, .sign, .oci, .policy); internal packages are excluded. See CONTRIBUTING.md.
#
#   scripts/api-baseline.sh                # baseline: the newest release tag (v*), e.g. v0.1.0
#   scripts/api-baseline.sh v0.1.0         # a given tag, branch or commit
#   scripts/api-baseline.sh HEAD           # self-check: the last commit against the working tree
#   scripts/api-baseline.sh --build-only v0.1.0   # make the baseline jars, do not compare
#   scripts/api-baseline.sh --name v0.1.0 COMMIT  # a commit, kept as target/api-baseline/v0.1.0
#
# Reports: <module>/target/japicmp/api-compatibility.{diff,md,html,xml}.
set -euo pipefail

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
}

modules=(vex-model vex-sign vex-attach vex-policy)
build_only=0
ref=""
name=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build-only) build_only=1; shift ;;
    --name) name="${2:?--name takes the baseline directory name}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "api-baseline.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    *) [ -z "$ref" ] || { echo "api-baseline.sh: one ref only" >&2; exit 2; }; ref="$1"; shift ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ -z "$ref" ]; then
  ref="$(git tag --list 'v[0-9]*' --sort=-version:refname | head -n 1)"
  if [ -z "$ref" ]; then
    echo "api-baseline.sh: no release tag (v*) yet, so there is no API baseline to compare with." >&2
    echo "  Tag the first release as CONTRIBUTING.md says, or pass a ref (HEAD for a self-check)." >&2
    exit 2
  fi
fi
commit="$(git rev-parse --verify --quiet "$ref^{commit}")" ||
  { echo "api-baseline.sh: '$ref' is not a tag, branch or commit here" >&2; exit 2; }

baseline="$root/target/api-baseline/$(printf '%s' "${name:-$ref}" | tr '/' '_')"
work="$(mktemp -d "${TMPDIR:-/tmp}/waterline-api-baseline.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "api-baseline.sh: building the baseline $ref ($commit)"
git clone -q "$root" "$work/src"
git -C "$work/src" checkout -q --detach "$commit"
list="$(IFS=,; echo "${modules[*]}")"
(cd "$work/src" && ./mvnw -B -q -DskipTests -Djapicmp.skip=true -Dcyclonedx.skip=true \
  -Dmaven.javadoc.skip=true -pl "$list" -am package)

rm -rf "$baseline"
mkdir -p "$baseline"
for m in "${modules[@]}"; do
  jar="$(find "$work/src/$m/target" -maxdepth 1 -name "$m-*.jar" \
    -not -name '*-sources.jar' -not -name '*-javadoc.jar' -not -name '*-tests.jar' | head -n 1)"
  if [ -z "$jar" ]; then
    # A module that did not exist in the baseline has no API to keep.
    echo "api-baseline.sh: $m has no jar in $ref; it is not compared" >&2
    continue
  fi
  cp "$jar" "$baseline/$m.jar"
done
echo "$commit" > "$baseline/COMMIT"
echo "api-baseline.sh: baseline jars in $baseline"
ls -1 "$baseline" | sed 's/^/  /'

[ "$build_only" -eq 0 ] || exit 0

present=()
for m in "${modules[@]}"; do
  [ -f "$baseline/$m.jar" ] && present+=("$m")
done
echo "api-baseline.sh: comparing the working tree with $ref (japicmp)"
status=0
./mvnw -B -DskipTests -Djapicmp.baseline="$baseline" -pl "$(IFS=,; echo "${present[*]}")" -am \
  verify >"$work/mvn.log" 2>&1 || status=$?
for m in "${present[@]}"; do
  report="$m/target/japicmp/api-compatibility.diff"
  echo "--- $m"
  if [ -f "$report" ]; then
    grep -vE '^Comparing (source|binary) compatibility' "$report" | sed 's/^/  /'
  else
    echo "  (no report: the build stopped before japicmp ran for $m)"
  fi
done
if [ "$status" -ne 0 ]; then
  echo "api-baseline.sh: FAILED against $ref:"
  grep -E '^\[ERROR\] (Failed to execute goal|.*\.java)' "$work/mvn.log" | head -20 ||
    tail -40 "$work/mvn.log"
  exit 1
fi
echo "api-baseline.sh: OK: no incompatible change to the exported packages since $ref"
