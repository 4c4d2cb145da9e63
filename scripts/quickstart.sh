#!/usr/bin/env bash
# Quick start: a small end-to-end run of the waterline verbs in a temporary directory.
#
#   create -> add -> validate -> merge (upgrading a legacy v0.0.1 document) -> status -> list
#
# Each command is printed before it runs, followed by its output. The first run builds the CLI
# (Maven downloads its dependencies once); later runs start at once. Later, `./waterline demo`
# takes this script's place.
set -euo pipefail

src="${BASH_SOURCE[0]}"
while [ -L "$src" ]; do
  dir="$(cd -P "$(dirname "$src")" && pwd)"
  src="$(readlink "$src")"
  case "$src" in /*) ;; *) src="$dir/$src" ;; esac
done
root="$(cd -P "$(dirname "$src")/.." && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/waterline-quickstart.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"

# `waterline` in this script is the launcher at the repository root.
waterline() { "$root/waterline" "$@"; }

# Prints a command (as you would type it: plain words bare, the rest in single quotes) and runs it.
run() {
  local word line='$'
  for word in "$@"; do
    if [[ "$word" =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
      line+=" $word"
    else
      line+=" '$(printf '%s' "$word" | sed "s/'/'\\\\''/g")'"
    fi
  done
  printf '\n%s\n' "$line"
  "$@"
}

# Runs a command that is expected to exit with a given code, and says so.
run_expect() {
  local expected="$1"
  shift
  local code=0
  run "$@" || code=$?
  if [ "$code" -ne "$expected" ]; then
    echo "quickstart: expected exit code $expected but got $code" >&2
    exit 1
  fi
  echo "(exit code $code, as expected)"
}

# Build (or reuse) the CLI before the tour, so that the build does not interleave with it.
waterline --version >/dev/null

app='pkg:oci/quickstart-app@sha256%3A0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef?repository_url=registry.example/quickstart-app'

echo "Working in $work"

echo
echo "## 1. Create a document with one statement"
run waterline create \
  --product "$app" \
  --vuln CVE-2023-44487 \
  --status not_affected \
  --justification vulnerable_code_not_in_execute_path \
  --author 'Quickstart Security <security@example.com>' \
  --file app.openvex.json
run cat app.openvex.json

echo
echo "## 2. Add a statement (same @id, version 2)"
run waterline add --in-place app.openvex.json \
  --product "$app" \
  --vuln CVE-2024-24790 \
  --status affected \
  --action-statement 'Rebuild with Go 1.22.4 or later'
run cat app.openvex.json

echo
echo "## 3. Validate it"
run waterline validate app.openvex.json

echo
echo "## 4. A document that breaks the spec is refused (exit 2) and nothing is written"
run_expect 2 waterline create --product "$app" --vuln CVE-2024-0001 --status not_affected

echo
echo "## 5. Upgrade a legacy v0.0.1 document by merging it, then merge everything"
cp "$root/scripts/quickstart/legacy-v0.0.1.openvex.json" legacy.json
run waterline merge legacy.json --file upgraded.openvex.json
run waterline validate upgraded.openvex.json
run waterline merge app.openvex.json upgraded.openvex.json --author 'Quickstart Security' \
  --file all.openvex.json
run cat all.openvex.json

echo
echo "## 6. Ask for effective statuses"
run waterline status --vex all.openvex.json --product "$app" --vuln CVE-2023-44487
run waterline status --vex all.openvex.json --product "$app" --vuln CVE-2024-24790 --format json
echo "# The legacy statement names the image without a digest: it matches every version."
run waterline status --vex app.openvex.json upgraded.openvex.json --product "$app" \
  --vuln CVE-2023-0286 \
  --subcomponent 'pkg:apk/alpine/libcrypto3@3.0.7-r0'
run waterline status --vex all.openvex.json --product "$app" --vuln CVE-2099-0001

echo
echo "## 7. The labels OpenVEX allows"
run waterline list status justification

echo
echo "Quick start finished: every command behaved as shown."
