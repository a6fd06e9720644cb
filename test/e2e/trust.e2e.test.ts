// Workspace trust and live configuration in a real VS Code: servers of an untrusted workspace are
// listed but never contacted until the user trusts it, while the user's own servers (settings and
// VS Code's user mcp.json) work; edits to .vscode/mcp.json show at once, a broken file as a
// problem naming it.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startToolServer, type ToolServer } from '../fixtures/toolServer';
import { packagedVsix, SHOTS_DIR, startVsCode, type VsCodeHost } from './vscodeHost';
import { type Browser, launchBrowser, runCommand, stepRunner, webviewFrame } from './workbench';

const tools = [{ name: 'echo', description: 'Echoes', inputSchema: { type: 'object' } }];

let mine: ToolServer;
let workspaceServer: ToolServer;
let vscode: VsCodeHost;
let browser: Browser;
const step = stepRunner(() => browser.page, SHOTS_DIR, () => vscode.logsDir);

before(async () => {
  mine = await startToolServer({ name: 'mine', tools });
  workspaceServer = await startToolServer({ name: 'from-workspace', tools });
  vscode = await startVsCode({
    vsix: packagedVsix(),
    workspaceTrust: true,
    settings: { 'mcpScope.servers': [{ name: 'mine', url: mine.url }] },
    userFiles: { 'mcp.json': JSON.stringify({ servers: { 'user-mcp': { type: 'http', url: mine.url } } }) },
    workspaceFiles: { '.vscode/mcp.json': JSON.stringify({ servers: { ws: { type: 'http', url: workspaceServer.url } } }) },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await vscode?.stop();
  await mine?.stop();
  await workspaceServer?.stop();
});

test('an untrusted workspace lists its servers without contacting them until it is trusted; user servers (settings, VS Code\'s user mcp.json) work all along', async () => {
  const { page } = browser;
  const panel = webviewFrame(page);

  await step('open the folder, which VS Code opens in Restricted Mode', async () => {
    await page.goto(vscode.url);
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ timeout: 60_000 });
  });
  await step('the inspector connects to the user server and holds the workspace server back, saying why', async () => {
    await runCommand(page, 'MCP Scope: Open Inspector');
    await panel.getByRole('button', { name: 'mine connected' }).waitFor({ timeout: 20_000 });
    await panel.getByRole('button', { name: 'user-mcp connected' }).waitFor({ timeout: 20_000 });
    await panel.getByRole('button', { name: 'ws failed' }).click({ timeout: 10_000 });
    await panel.getByText(/comes from \.vscode\/mcp\.json of workspace, and this workspace is not trusted/).first().waitFor({ timeout: 5000 });
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'untrusted.png') });
  assert.equal(workspaceServer.headers.length, 0, 'nothing was sent to the server of an untrusted workspace');
  assert.ok(mine.headers.length > 0);

  await step('trusting the workspace lets it connect', async () => {
    await runCommand(page, 'Workspaces: Manage Workspace Trust');
    await page.getByRole('button', { name: 'Trust', exact: true }).first().click({ timeout: 15_000 });
    // The only server not connected yet, so Connect asks no question.
    await runCommand(page, 'MCP Scope: Connect');
    await panel.getByRole('button', { name: 'ws connected' }).waitFor({ timeout: 20_000 });
  });
  assert.ok(workspaceServer.headers.length > 0);
});

test('edits to .vscode/mcp.json appear at once; a broken file is a problem naming it', async () => {
  const { page } = browser;
  const file = join(vscode.workspace, '.vscode', 'mcp.json');
  const tree = page.locator('.pane', { hasText: 'Servers' }).locator('.monaco-list-row');
  await step('show the side bar', () => page.locator('.activitybar .action-item a[aria-label^="MCP Scope"]').click());
  await step('a broken file shows as a problem with its path, line and column', async () => {
    writeFileSync(file, '{ "servers": { "ws": ');
    await tree.filter({ hasText: `${file} cannot be read as JSON` }).waitFor({ timeout: 15_000 });
    await tree.filter({ hasText: /line 1, column \d+/ }).waitFor({ timeout: 1000 });
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'broken-mcp-json.png') });
  await step('a new server in the file appears in the tree', async () => {
    writeFileSync(file, JSON.stringify({ servers: { ws: { url: workspaceServer.url }, second: { type: 'sse', url: 'http://127.0.0.1:9/sse' } } }));
    await tree.filter({ hasText: 'second' }).waitFor({ timeout: 15_000 });
    assert.equal(await tree.filter({ hasText: 'cannot be read as JSON' }).count(), 0, 'the problem went away with the fix');
  });
});
