#!/usr/bin/env node
// Validates CycloneDX documents against the official CycloneDX JSON schema of their specVersion,
// with ajv (a validator independent of the networknt one Waterline uses). Written for Waterline's
// interop tests.
//
//   node validate-cyclonedx.mjs SCHEMA_DIR FILE...
//
// SCHEMA_DIR holds bom-1.4.schema.json … bom-1.7.schema.json and the schemas they reference
// (spdx, jsf-0.82, cryptography-defs), as published in CycloneDX/specification.
// Prints "OK FILE" or "FAIL FILE: <instancePath> <message>; …" per file; exits 0 when all are
// valid, 1 otherwise (2 on a usage or read error).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const [dir, ...files] = process.argv.slice(2);
if (!dir || files.length === 0) {
  console.error('usage: node validate-cyclonedx.mjs SCHEMA_DIR FILE...');
  process.exit(2);
}
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
addFormats(ajv);
for (const name of readdirSync(dir).filter((n) => n.endsWith('.schema.json'))) {
  ajv.addSchema(JSON.parse(readFileSync(join(dir, name), 'utf8')));
}
let failed = false;
for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`cannot read ${file}: ${e.message}`);
    process.exit(2);
  }
  const validate = ajv.getSchema(`http://cyclonedx.org/schema/bom-${doc.specVersion}.schema.json`);
  if (!validate) {
    failed = true;
    console.log(`FAIL ${file}: no schema for specVersion ${doc.specVersion}`);
    continue;
  }
  if (validate(doc)) {
    console.log(`OK ${file}`);
  } else {
    failed = true;
    const errors = validate.errors.map((e) => `${e.instancePath} ${e.message}`);
    console.log(`FAIL ${file}: ${errors.join('; ')}`);
  }
}
process.exit(failed ? 1 : 0);
