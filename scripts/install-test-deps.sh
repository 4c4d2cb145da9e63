#!/bin/sh
# Installs what the integration tests drive, when missing (Debian/Ubuntu, as root or with sudo):
#   docker-registry  CNCF distribution 2.8.2, the real registry of the vex-attach tests
#   skopeo           an independent client that reads back what we attach
#   apache2-utils    htpasswd, for the bcrypt htpasswd file of the TLS + Basic auth tests
#   openssl          the self-signed CA of the TLS tests
#   softhsm2         a PKCS#11 token for vex-sign's Pkcs11SignerTest
#   @sigstore/oci    (npm, pinned in scripts/interop-oci/package-lock.json) an independent attach
#                    client, when node and npm are there
# Tests that need a missing tool are skipped with a message naming it.
set -eu
missing=""
[ -x /usr/bin/docker-registry ] || missing="$missing docker-registry"
command -v skopeo >/dev/null 2>&1 || missing="$missing skopeo"
command -v htpasswd >/dev/null 2>&1 || missing="$missing apache2-utils"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
# SoftHSM2: the PKCS#11 token vex-sign's Pkcs11SignerTest signs in
command -v softhsm2-util >/dev/null 2>&1 || missing="$missing softhsm2"
here=$(cd "$(dirname "$0")" && pwd)
if command -v npm >/dev/null 2>&1 && [ ! -d "$here/interop-oci/node_modules/@sigstore/oci" ]; then
  echo "npm ci in $here/interop-oci"
  (cd "$here/interop-oci" && npm ci --no-audit --no-fund)
fi
if [ -z "$missing" ]; then
  echo "test dependencies present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing:$missing"
# The package tries to start a service; without systemd (containers) policy-rc.d denies it,
# which is fine: the tests start their own registry with their own config.
$SUDO apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
