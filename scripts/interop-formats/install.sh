#!/bin/sh
# Installs the independent validators vex-formats' InteropTest drives: @secvisogram/csaf-validator-lib
# (the BSI's CSAF validator) and ajv with ajv-formats (for the official CycloneDX schemas), pinned
# in package-lock.json (npm ci, Node 20). Idempotent: does nothing when they are installed at the
# pinned versions. Without npm it says so and exits 0 (the tests then say they were skipped).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v npm >/dev/null 2>&1; then
  echo "install.sh: npm not found: the vex-formats interop tests will be skipped"
  exit 0
fi
if [ ! -f "$here/node_modules/.package-lock.json" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  echo "install.sh: npm ci in $here"
  (cd "$here" && npm ci --no-audit --no-fund)
fi
echo "install.sh: vex-formats validators ready"
