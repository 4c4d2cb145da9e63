#!/usr/bin/env bash
# Runs every Jazzer fuzz test (docs/fuzzing.md) for longer than the build does.
#
#   scripts/fuzz.sh                   # each fuzzer 300 s (22 fuzzers, two at a time: ~55 min)
#   scripts/fuzz.sh 60                # each fuzzer 60 s
#   scripts/fuzz.sh 600 VerifierFuzzTest    # one fuzzer (a surefire -Dtest pattern), 600 s
#
# Crashing inputs are written to the fuzzer's src/test/resources/.../<Class>Inputs/<method>/
# directory as crash-<sha1> and the run fails; the corpus each fuzzer grows is kept in
# <module>/.cifuzz-corpus/ (not committed) so that the next run starts from it.
set -euo pipefail

usage() {
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
esac
seconds="${1:-300}"
pattern="${2:-}"
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "fuzz.sh: SECONDS must be a positive number, not '$seconds'" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

args=(-B -pl vex-model,vex-sign,vex-attach,vex-policy,vex-workflow -am test-compile surefire:test@fuzz
  "-Dwaterline.fuzz.duration=${seconds}s" -Dspotless.check.skip=true)
if [[ -n "$pattern" ]]; then
  args+=("-Dtest=$pattern" -Dsurefire.failIfNoSpecifiedTests=false)
fi
exec ./mvnw "${args[@]}"
