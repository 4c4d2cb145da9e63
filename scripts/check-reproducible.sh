#!/usr/bin/env bash
# Reproducible build check: clones the committed HEAD into two fresh directories, builds each with
# `./mvnw -B -q -DskipTests package`, and compares every jar and CycloneDX SBOM the build makes
# (sha256, byte for byte). Prints the differences, entry by entry inside jars, and exits 1 when
# there is any. Not part of the test command (two full builds); see CONTRIBUTING.md.
#
#   scripts/check-reproducible.sh            # compare two clean builds of HEAD
#   scripts/check-reproducible.sh --keep     # keep the two build directories for inspection
#
# Uncommitted changes are not built (the clones hold HEAD only).
set -euo pipefail

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
}

keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "check-reproducible.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rev="$(git -C "$root" rev-parse HEAD)"
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "check-reproducible.sh: note: uncommitted changes are not part of the check (building $rev)" >&2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/waterline-repro.XXXXXX")"
cleanup() {
  if [ "$keep" -eq 1 ]; then
    echo "kept: $work/a $work/b"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

build() {
  local dir="$1"
  git clone -q "$root" "$dir"
  git -C "$dir" checkout -q --detach "$rev"
  echo "building $rev in $dir"
  (cd "$dir" && ./mvnw -B -q -DskipTests package)
}

# What the build makes: module jars (the shaded benchmarks jar included) and SBOMs. The
# dependency copies in vex-cli/target/lib are Maven Central's bytes, not ours.
artifacts() {
  (cd "$1" && find . -path '*/target/*' -not -path '*/target/lib/*' \
    \( -name '*.jar' -o -name '*-cyclonedx.json' -o -name '*-cyclonedx.xml' \) -type f |
    sed 's|^\./||' | LC_ALL=C sort)
}

build "$work/a"
build "$work/b"

artifacts "$work/a" >"$work/list-a"
artifacts "$work/b" >"$work/list-b"
if [ ! -s "$work/list-a" ]; then
  echo "check-reproducible.sh: the build made no jar: nothing to compare" >&2
  exit 2
fi

status=0
if ! diff -u "$work/list-a" "$work/list-b" >"$work/list-diff"; then
  echo "DIFFERENT: the two builds made different sets of files:"
  cat "$work/list-diff"
  status=1
fi

same=0
while read -r f; do
  [ -f "$work/b/$f" ] || continue
  a="$(sha256sum "$work/a/$f" | cut -d' ' -f1)"
  b="$(sha256sum "$work/b/$f" | cut -d' ' -f1)"
  if [ "$a" = "$b" ]; then
    printf 'same       %s  %s\n' "$a" "$f"
    same=$((same + 1))
  else
    printf 'DIFFERENT  %s\n           a %s\n           b %s\n' "$f" "$a" "$b"
    status=1
    case "$f" in
      *.jar)
        # Which entries differ (content or timestamp), from the zip directories and contents.
        python3 - "$work/a/$f" "$work/b/$f" <<'PY' || true
import hashlib, sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
def index(z):
    return {i.filename: (i.date_time, hashlib.sha256(z.read(i)).hexdigest()) for i in z.infolist()}
ia, ib = index(a), index(b)
for name in sorted(set(ia) | set(ib)):
    if ia.get(name) != ib.get(name):
        print(f"             entry {name}: a={ia.get(name)} b={ib.get(name)}")
PY
        ;;
      *) diff <(cat "$work/a/$f") <(cat "$work/b/$f") | head -20 | sed 's/^/             /' || true ;;
    esac
  fi
done <"$work/list-a"

if [ "$status" -eq 0 ]; then
  echo "REPRODUCIBLE: $same files identical in two clean builds of $rev"
else
  echo "NOT REPRODUCIBLE: see the differences above ($same files identical)"
fi
exit "$status"
