#!/bin/sh
# Verifies a DSSE envelope (or the dsseEnvelope of a Sigstore bundle) with openssl: rebuilds the
# DSSE v1 PAE in shell (byte lengths via wc -c) and checks each signature with
# `openssl dgst -sha256 -verify`. Exit 0 when a signature verifies. Waterline interop script.
#   verify-openssl.sh ENVELOPE.json PUB.pem
set -eu
[ $# -eq 2 ] || { echo "usage: $0 ENVELOPE.json PUB.pem" >&2; exit 2; }
envelope=$1
pub=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

jq -e '.dsseEnvelope // . | .payloadType and .payload and .signatures' "$envelope" >/dev/null ||
  { echo "not a DSSE envelope: $envelope" >&2; exit 2; }
jq -j '.dsseEnvelope // . | .payloadType' "$envelope" > "$work/type"
jq -j '.dsseEnvelope // . | .payload' "$envelope" | base64 -d > "$work/payload"
{
  printf 'DSSEv1 %s ' "$(wc -c < "$work/type" | tr -d ' ')"
  cat "$work/type"
  printf ' %s ' "$(wc -c < "$work/payload" | tr -d ' ')"
  cat "$work/payload"
} > "$work/pae"

count=$(jq '.dsseEnvelope // . | .signatures | length' "$envelope")
i=0
while [ "$i" -lt "$count" ]; do
  jq -j --argjson i "$i" '.dsseEnvelope // . | .signatures[$i].sig' "$envelope" | base64 -d > "$work/sig"
  if openssl dgst -sha256 -verify "$pub" -signature "$work/sig" "$work/pae" >/dev/null 2>&1; then
    echo "Verified OK (signature $i)"
    exit 0
  fi
  i=$((i + 1))
done
echo "Verification Failure: no signature of $count verifies with $pub"
exit 1
