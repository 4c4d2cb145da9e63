// Attaches a Sigstore bundle to an image with @sigstore/oci (an independent client), as GitHub's
// actions/attest does. Usage: node attach.cjs HOST:PORT/REPO sha256:DIGEST BUNDLE_FILE PREDICATE_TYPE
// Prints the descriptor of the referrer manifest it pushed (JSON) on stdout.
'use strict';
const fs = require('fs');
const { attachArtifactToImage } = require('@sigstore/oci');

async function main() {
  const [imageName, imageDigest, file, predicateType] = process.argv.slice(2);
  const descriptor = await attachArtifactToImage({
    imageName,
    imageDigest,
    credentials: undefined,
    artifact: fs.readFileSync(file),
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    annotations: {
      'dev.sigstore.bundle.content': 'dsse-envelope',
      'dev.sigstore.bundle.predicateType': predicateType,
    },
  });
  process.stdout.write(JSON.stringify(descriptor));
}

main().catch((e) => {
  console.error('attach failed:', e.message);
  process.exit(1);
});
