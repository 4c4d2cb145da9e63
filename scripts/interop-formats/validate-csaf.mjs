#!/usr/bin/env node
// Validates CSAF 2.0 documents with @secvisogram/csaf-validator-lib (the BSI's validator, the one
// Secvisogram uses): the strict CSAF 2.0 schema and every mandatory test (CSAF 2.0 section 6.1).
// Written for Waterline's interop tests; independent of Waterline's Java code.
//
//   node validate-csaf.mjs FILE...
//
// Prints one line per file, "OK FILE" or "FAIL FILE: <instancePath> <message>; …", and exits 0
// when every file is valid, 1 otherwise (2 on a usage or read error).
import { readFileSync } from 'node:fs';
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js';
import * as schemaTests from '@secvisogram/csaf-validator-lib/schemaTests.js';
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate-csaf.mjs FILE...');
  process.exit(2);
}
const tests = [schemaTests.csaf_2_0_strict, ...Object.values(mandatory)];
let failed = false;
for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`cannot read ${file}: ${e.message}`);
    process.exit(2);
  }
  const result = await validateStrict(tests, doc);
  if (result.isValid) {
    console.log(`OK ${file}`);
  } else {
    failed = true;
    const errors = result.tests
      .filter((t) => t.errors && t.errors.length > 0)
      .flatMap((t) => t.errors.map((e) => `${t.name} ${e.instancePath} ${e.message}`));
    console.log(`FAIL ${file}: ${errors.join('; ')}`);
  }
}
process.exit(failed ? 1 : 0);
