// Where servers come from and the debugging loop, in a real VS Code: a server of .vscode/mcp.json
// whose header needs an input (asked once, kept in secret storage), the side bar's tree, a server
// restarted with other tools, Add Server and Import Servers writing settings without the secrets,
// and a past call run again.

import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ToolSummary } from '../../src/shared/model';
import { startToolServer, type ToolServer } from '../fixtures/toolServer';
import { packagedVsix, SHOTS_DIR, startVsCode, type VsCodeHost } from './vscodeHost';
import { answerQuickInput, type Browser, launchBrowser, openWorkbench, runCommand, runCommandAndAnswer, stepRunner, webviewFrame } from './workbench';


const tool = (name: string, description: string): ToolSummary => ({ name, description, inputSchema: { type: 'object', properties: {} } });

let dev: ToolServer;
let vscode: VsCodeHost;
let browser: Browser;
const step = stepRunner(() => browser.page, SHOTS_DIR, () => vscode.logsDir);

before(async () => {
  dev = await startToolServer({ name: 'dev-server', tools: [tool('echo', 'Echoes'), tool('old', 'Gone soon')] });
  const mcpJson = {
    inputs: [{ type: 'promptString', id: 'token', description: 'Token of the dev server', password: true }],
    servers: { dev: { type: 'http', url: dev.url, headers: { Authorization: 'Bearer ${input:token}' } } },
  };
  vscode = await startVsCode({ vsix: packagedVsix(), workspaceFiles: { '.vscode/mcp.json': JSON.stringify(mcpJson, null, 2) } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await vscode?.stop();
  await dev?.stop();
});

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${condition.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const authorizations = (server: ToolServer) => server.headers.map((headers) => headers.authorization);

test('a .vscode/mcp.json server with an ${input:…} header is asked for once, connected, listed in the side bar, and reconnected after a restart with the tool changes in the timeline', async () => {
  const { page } = browser;
  const panel = webviewFrame(page);

  await step('open the workbench', () => openWorkbench(page, vscode.url));
  await step('Open Inspector asks for the input and connects with it', async () => {
    await runCommand(page, 'MCP Scope: Open Inspector');
    await answerQuickInput(page, 'Token of the dev server', 'tok-123');
    await panel.getByRole('button', { name: 'dev connected' }).waitFor({ timeout: 20_000 });
  });
  assert.ok(authorizations(dev).length > 0 && authorizations(dev).every((value) => value === 'Bearer tok-123'), JSON.stringify(authorizations(dev)));

  await step('after a reload the input is not asked again', async () => {
    await page.reload();
    await openWorkbench(page, vscode.url);
    const before = dev.headers.length;
    await runCommand(page, 'MCP Scope: Open Inspector');
    await panel.getByRole('button', { name: 'dev connected' }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.quick-input-widget', { hasText: 'Token of the dev server' }).isVisible(), false, 'asked for the token again');
    assert.ok(dev.headers.length > before);
  });
  assert.ok(authorizations(dev).every((value) => value === 'Bearer tok-123'));

  const tree = page.locator('.pane', { hasText: 'Servers' }).locator('.monaco-list-row');
  await step('the side bar lists the server with its origin state and its tools; a tool opens in the panel', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="MCP Scope"]').click();
    const server = tree.filter({ hasText: 'dev' }).first();
    await server.filter({ hasText: /connected · \d{4}-\d{2}-\d{2} · 2 tools/ }).waitFor({ timeout: 10_000 });
    await server.click();
    await tree.filter({ hasText: 'old' }).waitFor({ timeout: 5000 });
    await tree.filter({ hasText: 'echo' }).click();
    await panel.getByRole('heading', { name: 'echo' }).waitFor({ timeout: 10_000 });
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'servers-tree.png') });

  await step('a stopped server is reconnected to by itself, and the timeline tells what its restart changed', async () => {
    const port = dev.port;
    await dev.stop();
    await tree.filter({ hasText: /reconnecting in \d+ s \(try \d+\)/ }).waitFor({ timeout: 15_000 });
    await page.locator('.statusbar-item', { hasText: /MCP 0\/1, dev reconnecting in/ }).waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS_DIR, 'reconnecting.png') });
    dev = await startToolServer({ port, name: 'dev-server', tools: [tool('echo', 'Echoes back'), tool('new', 'Fresh')] });
    await panel
      .locator('.timeline [data-kind="toolsChanged"]', { hasText: 'Tools changed: 1 tool added (new); 1 tool removed (old); 1 tool changed (echo: description)' })
      .waitFor({ timeout: 30_000 });
    await panel.locator('.timeline [data-kind="connection"]', { hasText: /^.*Reconnected to dev-server 1\.0\.0/ }).first().waitFor({ timeout: 5000 });
    await tree.filter({ hasText: 'new' }).waitFor({ timeout: 5000 });
  });
  assert.ok(authorizations(dev).length > 0 && authorizations(dev).every((value) => value === 'Bearer tok-123'), 'the reconnect sent the remembered token');
  await page.screenshot({ path: join(SHOTS_DIR, 'tools-changed.png') });

  // One log per extension host: before and after the reload.
  const log = findFiles(vscode.logsDir, 'MCP Scope.log')
    .map((file) => readFileSync(file, 'utf8'))
    .join('');
  assert.match(log, /\[dev\] connecting to http:\/\/127\.0\.0\.1:\d+\/mcp \(from \.vscode\/mcp\.json of workspace\) with headers \{"Authorization":"Bearer ••••"\}/);
  assert.match(log, /\[dev\] ← tools\/list #\d+ \d+ ms \{"tools":/, 'responses are in the log');
  assert.match(log, /\[dev\] Tools changed: 1 tool added \(new\)/);
  assert.doesNotMatch(log, /tok-123/, 'the token stays out of the log');
});

/** The paths of the files named `name` below `dir`. */
function findFiles(dir: string, name: string): string[] {
  const found = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((path) => basename(path) === name);
  assert.ok(found.length, `no ${name} below ${dir}`);
  return found.map((path) => join(dir, path));
}

test('Add Server asks for a URL, a name and a header, writes user settings without the secret, and connects; a past call runs again', async () => {
  const { page } = browser;
  const panel = webviewFrame(page);
  const added = await startToolServer({ name: 'added-server', tools: [tool('ping-me', 'Answers')] });
  try {
    await step('Add Server step by step', async () => {
      await runCommand(page, 'MCP Scope: Add Server');
      await answerQuickInput(page, 'Add MCP Server (1/3)', 'ws://127.0.0.1/mcp');
      await page.locator('.quick-input-widget', { hasText: 'A URL must start with http:// or https://' }).waitFor({ timeout: 5000 });
      await answerQuickInput(page, 'Add MCP Server (1/3)', added.url);
      await answerQuickInput(page, 'Add MCP Server (2/3)', 'added');
      await answerQuickInput(page, 'Add MCP Server (3/3)', 'Authorization: Bearer added-secret');
      await answerQuickInput(page, /Added: Authorization/, '');
      await answerQuickInput(page, 'where to keep it?', 'User settings');
      await panel.getByRole('button', { name: 'added connected' }).waitFor({ timeout: 20_000 });
    });
    assert.ok(authorizations(added).length > 0 && authorizations(added).every((value) => value === 'Bearer added-secret'), JSON.stringify(authorizations(added)));
    const settings = readFileSync(vscode.userSettingsFile, 'utf8');
    assert.match(settings, /"name": "added"/);
    assert.match(settings, /"Authorization": "\$\{secret\}"/);
    assert.doesNotMatch(settings, /added-secret/, 'the secret stays out of settings.json');

    const result = panel.getByRole('region', { name: 'Result' });
    await step('a call from the panel can be run again from its history', async () => {
      await panel.getByRole('button', { name: /^ping-me\b/ }).click();
      await panel.getByRole('button', { name: 'Run', exact: true }).click();
      await result.getByText('ping-me got {}').waitFor({ timeout: 10_000 });
      await runCommandAndAnswer(page, 'MCP Scope: Run a Past Call Again', 'Run a Past Call Again', 'ping-me');
      await waitUntil(() => added.methods.filter((method) => method === 'tools/call').length === 2, 10_000);
    });
  } finally {
    await added.stop();
  }
});

test('Import Servers takes the servers of Claude Desktop\'s config, keeping their secrets out of settings', async () => {
  const { page } = browser;
  const panel = webviewFrame(page);
  const remote = await startToolServer({ name: 'remote-server', tools: [tool('lookup', 'Looks up')] });
  try {
    const claude = join(vscode.home, '.config', 'Claude');
    mkdirSync(claude, { recursive: true });
    writeFileSync(
      join(claude, 'claude_desktop_config.json'),
      JSON.stringify({
        mcpServers: {
          files: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'], env: { API_TOKEN: 'imported-env-secret' } },
          remote: { url: remote.url, headers: { Authorization: 'Bearer imported-secret' } },
        },
      }),
    );
    await step('Import Servers from Claude Desktop into user settings', async () => {
      // F1 does not reach the workbench while the panel's webview has the focus.
      await page.locator('.part.sidebar .composite.title').click();
      await runCommand(page, 'MCP Scope: Import Servers');
      await answerQuickInput(page, 'from which client?', 'Claude Desktop');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'remote' }).waitFor({ timeout: 10_000 });
      // The pick's OK button, not Enter: a key goes where the focus is, and the webview may have taken it back.
      await page.locator('.quick-input-widget').getByRole('button', { name: 'OK' }).click();
      await answerQuickInput(page, 'where to keep it?', 'User settings');
      await page.locator('.notifications-toasts', { hasText: 'MCP Scope imported files, remote.' }).waitFor({ timeout: 10_000 });
    });
    const settings = readFileSync(vscode.userSettingsFile, 'utf8');
    assert.match(settings, /"name": "files"[\s\S]*"API_TOKEN": "\$\{secret\}"/);
    assert.match(settings, /"name": "remote"[\s\S]*"Authorization": "\$\{secret\}"/);
    assert.doesNotMatch(settings, /imported-(env-)?secret/, 'the secrets stay out of settings.json');

    await step('the imported server connects with its secret', async () => {
      await runCommandAndAnswer(page, 'MCP Scope: Connect', 'Connect to which server?', 'remote');
      await panel.getByRole('button', { name: 'remote connected' }).waitFor({ timeout: 20_000 });
    });
    assert.ok(authorizations(remote).length > 0 && authorizations(remote).every((value) => value === 'Bearer imported-secret'), JSON.stringify(authorizations(remote)));
  } finally {
    await remote.stop();
  }
});
