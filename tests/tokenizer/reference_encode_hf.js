#!/usr/bin/env node
// Reference Hugging Face tokenizer for tests/engine/test_tokenizer_hf.cpp:
// the npm package @lenml/tokenizers (a JavaScript port of the tokenizers of
// transformers.js) loading a tokenizer.json and its tokenizer_config.json.
//
//   LANCET_NODE_MODULES=/path/to/node_modules node reference_encode_hf.js job.json
//
// job.json: {"tokenizer": path, "config": path or null, "cases": [base64, ...]}.
// Each case is decoded the way node decodes bytes (ill-formed UTF-8 becomes
// U+FFFD) and encoded twice: without special tokens ("ids") and with them
// ("with_special", what the post_processor adds, e.g. a BOS). "decoded" is
// decode(ids) as base64 UTF-8 (no clean-up of spaces). Prints one JSON object;
// exit status 3 means the package could not be found.
'use strict';

const fs = require('fs');
const path = require('path');

const modules = process.env.LANCET_NODE_MODULES;
if (!modules) {
  console.error('LANCET_NODE_MODULES is not set (it must name a node_modules folder holding @lenml/tokenizers)');
  process.exit(3);
}
const dir = path.join(path.resolve(modules), '@lenml', 'tokenizers');
let lib, version;
try {
  lib = require(dir);
  version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
} catch (e) {
  console.error(`cannot load @lenml/tokenizers from ${dir}: ${e.message}`);
  process.exit(3);
}
if (process.argv.length !== 3) {
  console.error('usage: node reference_encode_hf.js job.json');
  process.exit(2);
}
const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let tokenizerJSON, tokenizerConfig;
try {
  tokenizerJSON = JSON.parse(fs.readFileSync(job.tokenizer, 'utf8'));
  tokenizerConfig = job.config ? JSON.parse(fs.readFileSync(job.config, 'utf8')) : {};
} catch (e) {
  console.error(`cannot read ${job.tokenizer}: ${e.message}`);
  process.exit(3);
}
const tokenizer = lib.TokenizerLoader.fromPreTrained({ tokenizerJSON, tokenizerConfig });
const ids = [], withSpecial = [], decoded = [];
for (const b64 of job.cases) {
  const text = Buffer.from(b64, 'base64').toString('utf8');
  const plain = tokenizer.encode(text, { add_special_tokens: false });
  ids.push(plain);
  withSpecial.push(tokenizer.encode(text, { add_special_tokens: true }));
  // (decode refuses an empty list)
  const back = plain.length ? tokenizer.decode(plain, { skip_special_tokens: false, clean_up_tokenization_spaces: false }) : '';
  decoded.push(Buffer.from(back, 'utf8').toString('base64'));
}
process.stdout.write(JSON.stringify({ unicode: process.versions.unicode, library: version, ids, with_special: withSpecial, decoded }) + '\n');
