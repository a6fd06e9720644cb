// Builds the three bundles: the extension host (Node, CommonJS, `vscode` external), the webview
// (browser) and the `mcp-scope` CLI (Node, CommonJS, not in the VSIX). `--production` minifies.
// Then checks the webview bundle stayed on its side.
import { chmod, copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};

await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // jsonc-parser's "main" is a UMD build whose inner requires esbuild cannot follow; its ES build bundles cleanly.
    mainFields: ['module', 'main'],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['webview/main.tsx'],
    outfile: 'dist/webview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    jsxImportSource: 'preact',
  }),
  esbuild.build({
    ...common,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { MCP_SCOPE_VERSION: JSON.stringify(version) },
  }),
]);
await chmod(join(root, 'dist/cli.js'), 0o755);

await mkdir(join(root, 'dist/codicons'), { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) {
  await copyFile(join(root, 'node_modules/@vscode/codicons/dist', file), join(root, 'dist/codicons', file));
}

// The webview runs in a browser sandbox: nothing of VS Code's API or Node may reach its bundle.
const webview = await readFile(join(root, 'dist/webview.js'), 'utf8');
for (const forbidden of [/["']vscode["']/, /["']node:/]) {
  if (forbidden.test(webview)) {
    console.error(`dist/webview.js mentions ${forbidden}: something from the host side leaked into the webview bundle.`);
    process.exit(1);
  }
}
console.log(`built ${production ? 'production' : 'development'} bundles into dist/`);
