#!/usr/bin/env node
// Signs a payload into a key-based Sigstore bundle v0.3 with sigstore-js building blocks
// (@sigstore/core PAE, @sigstore/bundle toDSSEBundle) and a fresh ECDSA P-256 key from node:crypto.
// The bundle has publicKey.hint = base64(sha256(SPKI DER)) and no tlog entry.
// Written for Waterline's interop tests.
//   node sign-sigstore.mjs PAYLOAD_FILE PAYLOAD_TYPE OUT_BUNDLE.json OUT_PUB.pem
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { bundleToJSON, toDSSEBundle } from '@sigstore/bundle';
import { dsse } from '@sigstore/core';

const [payloadFile, payloadType, outBundle, outPub] = process.argv.slice(2);
if (!outPub) {
  console.error('usage: sign-sigstore.mjs PAYLOAD_FILE PAYLOAD_TYPE OUT_BUNDLE.json OUT_PUB.pem');
  process.exit(2);
}
const payload = readFileSync(payloadFile);
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const signature = sign('sha256', dsse.preAuthEncoding(payloadType, payload), privateKey);
const spki = publicKey.export({ type: 'spki', format: 'der' });
const keyHint = createHash('sha256').update(spki).digest('base64');
const bundle = toDSSEBundle({ artifact: payload, artifactType: payloadType, signature, keyHint });
writeFileSync(outBundle, JSON.stringify(bundleToJSON(bundle)));
writeFileSync(outPub, publicKey.export({ type: 'spki', format: 'pem' }));
