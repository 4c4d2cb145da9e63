#!/usr/bin/env node
// Verifies a Sigstore bundle or a bare DSSE envelope with @sigstore/verify (independent of
// Waterline's Java code). Written for Waterline's interop tests.
//
//   node verify-sigstore.mjs (--bundle FILE | --envelope FILE)
//        (--key PUB.pem | --trusted-root trusted_root.json
//         (--identity SAN | --identity-regexp RE) --issuer ISS)
//        [--artifact FILE | --digest HEX] [--offline]
//
// --key:      plain public key; the bundle/envelope needs no transparency-log entry or timestamp
//             (thresholds 0; a bare envelope is wrapped into a key-based bundle v0.3 first).
// --offline:  with a trusted root, require no tlog entry, CT log SCT or timestamp (thresholds 0).
// --artifact/--digest: the sha256 that must be an in-toto subject (@sigstore/verify itself does
//             not look at subjects).
// Prints "OK" and exits 0 when verified; prints "FAIL: <reason>" and exits 1 otherwise.
import { readFileSync } from 'node:fs';
import { createHash, createPublicKey } from 'node:crypto';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial } from '@sigstore/verify';

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--offline') {
      opts.offline = true;
    } else if (a.startsWith('--') && i + 1 < argv.length) {
      opts[a.slice(2)] = argv[++i];
    } else {
      throw new Error(`unexpected argument ${a}`);
    }
  }
  return opts;
}

const EMPTY_ROOT = {
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [],
  certificateAuthorities: [],
  ctlogs: [],
  timestampAuthorities: [],
};

function main() {
  const o = parseArgs(process.argv.slice(2));
  let json;
  if (o.bundle) {
    json = JSON.parse(readFileSync(o.bundle, 'utf8'));
  } else if (o.envelope) {
    const env = JSON.parse(readFileSync(o.envelope, 'utf8'));
    const sig = (env.signatures || [])[0] || {};
    json = {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: { publicKey: { hint: sig.keyid || '' }, tlogEntries: [] },
      dsseEnvelope: {
        payload: env.payload,
        payloadType: env.payloadType,
        signatures: [{ sig: sig.sig, keyid: sig.keyid || '' }],
      },
    };
  } else {
    throw new Error('need --bundle or --envelope');
  }
  const bundle = bundleFromJSON(json);

  let trust;
  let options;
  let policy;
  if (o.key) {
    const key = createPublicKey(readFileSync(o.key, 'utf8'));
    trust = toTrustMaterial(TrustedRoot.fromJSON(EMPTY_ROOT), () => ({
      publicKey: key,
      validFor: () => true,
    }));
    options = { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 };
    policy = undefined;
  } else if (o['trusted-root']) {
    const root = TrustedRoot.fromJSON(JSON.parse(readFileSync(o['trusted-root'], 'utf8')));
    trust = toTrustMaterial(root);
    options = o.offline ? { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 } : {};
    if (!(o.identity || o['identity-regexp']) || !o.issuer) {
      throw new Error('keyless needs --identity (or --identity-regexp) and --issuer');
    }
    // @sigstore/verify treats the SAN as an unanchored JavaScript regex: anchor and escape it
    // for an exact match.
    const san = o.identity
      ? `^${o.identity.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`
      : o['identity-regexp'];
    policy = { subjectAlternativeName: san, extensions: { issuer: o.issuer } };
  } else {
    throw new Error('need --key or --trusted-root');
  }

  new Verifier(trust, options).verify(toSignedEntity(bundle), policy);

  const env = bundle.content.dsseEnvelope;
  if (!env) throw new Error('not a DSSE bundle');
  if (env.payloadType !== 'application/vnd.in-toto+json') {
    throw new Error(`payloadType is ${env.payloadType}, expected application/vnd.in-toto+json`);
  }
  const want = o.artifact
    ? createHash('sha256').update(readFileSync(o.artifact)).digest('hex')
    : o.digest;
  if (want) {
    const statement = JSON.parse(Buffer.from(env.payload).toString('utf8'));
    const subjects = (statement.subject || []).map((s) => (s.digest || {}).sha256);
    if (!subjects.includes(want)) {
      throw new Error(`sha256 ${want} is not a subject (subjects: ${subjects.join(', ')})`);
    }
  }
}

try {
  main();
  console.log('OK');
} catch (e) {
  console.log(`FAIL: ${e && e.message ? e.message : e}`);
  process.exit(1);
}
