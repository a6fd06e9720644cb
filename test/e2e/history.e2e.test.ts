// Call history in a real VS Code: a call run from the panel shows in the server's history, runs
// again from there, and is saved into .vscode/mcp-scope.calls.json; the file is read again when it
// is edited by hand, and a malformed file is named with its line and left as it is.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startToolServer, type ToolServer } from '../fixtures/toolServer';
import { packagedVsix, SHOTS_DIR, startVsCode, type VsCodeHost } from './vscodeHost';
import { type Browser, launchBrowser, openWorkbench, runCommand, stepRunner, webviewFrame } from './workbench';

let dev: ToolServer;
let vscode: VsCodeHost;
let browser: Browser;
const step = stepRunner(() => browser.page, SHOTS_DIR, () => vscode.logsDir);

before(async () => {
  dev = await startToolServer({
    name: 'dev-server',
    tools: [{ name: 'echo', description: 'Echoes', inputSchema: { type: 'object', properties: { message: { type: 'string' } } } }],
  });
  vscode = await startVsCode({ vsix: packagedVsix(), settings: { 'mcpScope.servers': [{ name: 'dev', url: dev.url }] } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await vscode?.stop();
  await dev?.stop();
});

test('a call shows in history, runs again from there, and is saved into the workspace file the team shares', async () => {
  const { page } = browser;
  const panel = webviewFrame(page);
  const history = panel.getByRole('region', { name: 'History of dev' });
  const pastCall = panel.locator('.past-call');
  const callsFile = join(vscode.workspace, '.vscode', 'mcp-scope.calls.json');
  const toolCalls = () => dev.methods.filter((method) => method === 'tools/call').length;

  await step('open the inspector and run echo', async () => {
    await openWorkbench(page, vscode.url);
    await runCommand(page, 'MCP Scope: Open Inspector');
    await panel.getByRole('button', { name: 'echo', exact: true }).click({ timeout: 30_000 });
    await panel.getByLabel('message', { exact: true }).fill('hello');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await panel.getByRole('region', { name: 'Result' }).getByText('echo got {"message":"hello"}').waitFor({ timeout: 15_000 });
  });

  await step('the call is in the history; chosen, it shows its arguments and result', async () => {
    await history.getByRole('button', { name: /^Past call: echo, succeeded/ }).click({ timeout: 10_000 });
    await pastCall.getByRole('heading', { name: 'Past call of echo' }).waitFor();
    await pastCall.getByRole('region', { name: 'Result' }).getByText('echo got {"message":"hello"}').waitFor({ timeout: 10_000 });
  });

  await step('Run again calls the server again with the same arguments', async () => {
    await pastCall.getByRole('button', { name: 'Run again' }).click();
    await history.getByRole('button', { name: /^Past call: / }).nth(1).waitFor({ timeout: 10_000 });
    assert.equal(toolCalls(), 2);
    await panel.getByRole('region', { name: 'Result' }).getByText('echo got {"message":"hello"}').waitFor();
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'history.png') });

  await step('Save… writes the call into .vscode/mcp-scope.calls.json', async () => {
    await history.getByRole('button', { name: /^Past call: / }).first().click();
    await pastCall.getByRole('button', { name: 'Save…' }).click();
    await panel.getByLabel('Name', { exact: true }).fill('smoke');
    await panel.getByLabel('Name', { exact: true }).press('Enter');
    await pastCall.getByRole('heading', { name: 'Saved call “smoke”' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(JSON.parse(readFileSync(callsFile, 'utf8')), {
      calls: [{ name: 'smoke', server: 'dev', tool: 'echo', arguments: { message: 'hello' } }],
    });
  });

  await step('a call added to the file by hand shows at once, and runs', async () => {
    const byHand = '{\n  // Shared by the team.\n  "calls": [\n    { "name": "smoke", "server": "dev", "tool": "echo", "arguments": { "message": "hello" } },\n    { "name": "by hand", "server": "dev", "tool": "echo", "arguments": { "message": "from the file" } }\n  ]\n}\n';
    writeFileSync(callsFile, byHand);
    await history.getByRole('button', { name: 'Saved call: by hand (echo)' }).click({ timeout: 15_000 });
    await pastCall.getByRole('button', { name: 'Run again' }).click();
    await panel.getByRole('region', { name: 'Result' }).getByText('echo got {"message":"from the file"}').waitFor({ timeout: 10_000 });
  });

  await step('a malformed file is named with its line, and deleting a call leaves it as it is', async () => {
    const broken = '{\n  "calls": [\n    { "name": "smoke", "server": "dev", "tool": "echo" }\n    { "name": "by hand", "server": "dev", "tool": "echo" }\n  ]\n}\n';
    writeFileSync(callsFile, broken);
    await history.getByRole('alert').getByText(/\.vscode\/mcp-scope\.calls\.json cannot be read as JSON: CommaExpected at line 4, column 5/).waitFor({ timeout: 15_000 });
    assert.equal(await history.getByRole('button', { name: /^Saved call: / }).count(), 0);
    await history.getByRole('button', { name: /^Past call: / }).first().click();
    await pastCall.getByRole('button', { name: 'Save…' }).click();
    await panel.getByLabel('Name', { exact: true }).press('Enter');
    await pastCall.getByRole('alert').getByText(/MCP Scope did not change \.vscode\/mcp-scope\.calls\.json: .*line 4, column 5/).waitFor({ timeout: 10_000 });
    assert.equal(readFileSync(callsFile, 'utf8'), broken);
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'history-malformed.png') });
});
