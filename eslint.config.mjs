// Lint, and the room boundaries of DESIGN.md in words: each room may import only what its row allows.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const rooms = (patterns) => ['error', { patterns }];
const noVscode = { group: ['vscode'], message: 'Only src/vscode/ may import the VS Code API.' };
const noNode = { group: ['node:*'], message: 'The webview runs in a browser: no Node modules.' };

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Server text is text: never raw HTML.' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/shared/**'],
    rules: { 'no-restricted-imports': rooms([noVscode, noNode, { group: ['../*', 'zod', 'preact', '@preact/*'], message: 'src/shared imports nothing but itself.' }]) },
  },
  {
    files: ['src/mcp/**'],
    rules: { 'no-restricted-imports': rooms([noVscode, { group: ['../inspector/*', '../../inspector/*', '../vscode/*', '../../vscode/*', 'preact', '@preact/*'], message: 'src/mcp knows JSON-RPC and MCP only.' }]) },
  },
  {
    files: ['src/inspector/**'],
    rules: { 'no-restricted-imports': rooms([noVscode, { group: ['../vscode/*', 'preact', '@preact/*'], message: 'src/inspector knows sessions and timelines, not VS Code or the DOM.' }]) },
  },
  {
    files: ['src/cli.ts', 'src/cli/**'],
    rules: { 'no-restricted-imports': rooms([noVscode, { group: ['./vscode/*', '../vscode/*', 'preact', '@preact/*'], message: 'The CLI runs in plain Node: src/mcp, src/inspector and src/shared only.' }]) },
  },
  {
    files: ['src/extension.ts'],
    rules: { 'no-restricted-imports': rooms([{ group: ['./mcp/*', './inspector/*', './shared/*'], message: 'extension.ts only wires src/vscode.' }]) },
  },
  {
    files: ['webview/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': rooms([
        noVscode,
        noNode,
        { regex: '^(\\.\\./)+src/(?!shared/)', message: 'The webview may import src/shared only.' },
      ]),
      'no-restricted-globals': ['error', { name: 'acquireVsCodeApi', message: 'Only webview/host.ts talks to VS Code.' }],
    },
  },
  {
    files: ['webview/host.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
);
