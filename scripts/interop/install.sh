#!/bin/sh
# Installs the independent verifiers Waterline's InteropTest drives. Idempotent: installs only
# what is missing. Debian packages: jq openssl python3-securesystemslib python3-nacl (apt-get,
# as root or via sudo); npm packages pinned in package-lock.json (npm ci, Node 20).
set -eu
here=$(cd "$(dirname "$0")" && pwd)

missing=""
command -v jq >/dev/null 2>&1 || missing="$missing jq"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
/usr/bin/python3 -c 'import securesystemslib' >/dev/null 2>&1 || missing="$missing python3-securesystemslib"
/usr/bin/python3 -c 'import nacl' >/dev/null 2>&1 || missing="$missing python3-nacl"
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  echo "install.sh: apt-get install$missing"
  $sudo apt-get update
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y $missing
fi

want=$(jq -r '.packages["node_modules/@sigstore/verify"].version' "$here/package-lock.json")
have=$(jq -r '.version' "$here/node_modules/@sigstore/verify/package.json" 2>/dev/null || true)
if [ "$want" != "$have" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  echo "install.sh: npm ci in $here"
  (cd "$here" && npm ci --no-audit --no-fund)
fi
echo "install.sh: interop tools ready"
