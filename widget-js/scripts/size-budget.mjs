// Fails the build when dist/ outgrows its gzip budget. The budget is the product
// promise: the whole widget stays at or under 16 KB gzipped, where rival widgets
// ship 130–500 KB. It is set once, in package.json "config.gzipBudgetBytes".
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url);
const pkg = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));
const budget = Number(pkg.config?.gzipBudgetBytes);
if (!Number.isInteger(budget) || budget <= 0) {
  console.error('size-budget: package.json config.gzipBudgetBytes must be a positive integer');
  process.exit(1);
}

const dist = fileURLToPath(new URL('dist/', root));
const entries = await readdir(dist, { recursive: true, withFileTypes: true }).catch(() => []);
const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name)).sort();
if (files.length === 0) {
  // An empty dist/ would pass any budget; treat it as the broken build it is.
  console.error(`size-budget: no files in ${dist}; run the bundle step first`);
  process.exit(1);
}

let total = 0;
for (const file of files) {
  const raw = await readFile(file);
  // Level 9 approximates what a well-configured server or CDN sends.
  const gzipped = gzipSync(raw, { level: constants.Z_BEST_COMPRESSION }).length;
  total += gzipped;
  console.log(`${relative(dist, file).padEnd(24)} ${String(raw.length).padStart(8)} B raw ${String(gzipped).padStart(8)} B gzip`);
}

if (total > budget) {
  console.error(`total gzip ${total} B is OVER the budget of ${budget} B`);
  process.exit(1);
}
console.log(`total gzip ${total} B, within the budget of ${budget} B`);
