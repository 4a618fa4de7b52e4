#!/usr/bin/env node
// Reference GPT-2 encoder for tests/engine/test_tokenizer.cpp.
//
//   LANCET_NODE_MODULES=/path/to/node_modules node reference_encode.js cases.json
//
// cases.json is a JSON array of base64 strings (so that ill-formed UTF-8 can
// be passed). Each is decoded the way node decodes bytes,
// Buffer.from(b64, 'base64').toString('utf8'), and encoded by the npm package
// gpt-3-encoder, which must be installed in $LANCET_NODE_MODULES, e.g.
//
//   npm install --prefix build/npm gpt-3-encoder@1.1.4
//   export LANCET_NODE_MODULES=$PWD/build/npm/node_modules
//
// Prints one JSON object: {"unicode": node's Unicode version, "encoder": the
// package version, "ids": [[...], ...]} (an id the encoder could not map is
// printed as null). Exit status 3 means the package could not be found.
'use strict';

const fs = require('fs');
const path = require('path');

const modules = process.env.LANCET_NODE_MODULES;
if (!modules) {
  console.error('LANCET_NODE_MODULES is not set (it must name a node_modules folder holding gpt-3-encoder)');
  process.exit(3);
}
const dir = path.join(path.resolve(modules), 'gpt-3-encoder');
let encoder, version;
try {
  encoder = require(dir);
  version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
} catch (e) {
  console.error(`cannot load gpt-3-encoder from ${dir}: ${e.message}`);
  process.exit(3);
}

if (process.argv.length !== 3) {
  console.error('usage: node reference_encode.js cases.json');
  process.exit(2);
}
const cases = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const ids = cases.map((b64) => encoder.encode(Buffer.from(b64, 'base64').toString('utf8')));
process.stdout.write(JSON.stringify({ unicode: process.versions.unicode, encoder: version, ids }) + '\n');
