// Prints the size of the VSIX and of both bundles, minified and gzipped, against the goals.
// Reads what `npm run package` built; `npm run size` builds it first.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const rows = [];
for (const [name, goalGzip] of [['dist/extension.js', 150 * 1024], ['dist/webview.js', 50 * 1024]]) {
  const bytes = readFileSync(join(root, name));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  rows.push([name, `${kb(bytes.length)} minified`, `${kb(gzip)} gzipped`, `goal < ${kb(goalGzip)} gzipped`, gzip <= goalGzip ? 'ok' : 'OVER']);
}
const vsix = statSync(join(root, 'dist/mcp-scope.vsix')).size;
rows.push(['dist/mcp-scope.vsix', kb(vsix), '', `goal < ${kb(400 * 1024)}`, vsix <= 400 * 1024 ? 'ok' : 'OVER']);
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
