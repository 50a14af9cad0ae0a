#!/usr/bin/env node
// Writes the README's performance figures from a benchmark run's results:
//   node bench/readme-table.js [results.json]   (default: bench/results/latest.json, what `npm run bench` wrote)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeReadmeFigures } from './lib/readme-table.js';

const source = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');
writeReadmeFigures(JSON.parse(readFileSync(source, 'utf8')));
console.log(`README.md performance figures written from ${source}`);
