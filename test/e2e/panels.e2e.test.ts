// Two inspector panels side by side, each showing its own server, both back after a reload.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startToolServer, type ToolServer } from '../fixtures/toolServer';
import { packagedVsix, SHOTS_DIR, startVsCode, type VsCodeHost } from './vscodeHost';
import { type Browser, launchBrowser, openWorkbench, runCommand, runCommandAndAnswer, stepRunner } from './workbench';

const tools = [{ name: 'echo', description: 'Echoes', inputSchema: { type: 'object' } }];

let alpha: ToolServer;
let beta: ToolServer;
let vscode: VsCodeHost;
let browser: Browser;
const step = stepRunner(() => browser.page, SHOTS_DIR, () => vscode.logsDir);

before(async () => {
  alpha = await startToolServer({ name: 'alpha-server', tools });
  beta = await startToolServer({ name: 'beta-server', tools });
  vscode = await startVsCode({
    vsix: packagedVsix(),
    settings: { 'mcpScope.servers': [{ name: 'alpha', url: alpha.url }, { name: 'beta', url: beta.url }] },
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await vscode?.stop();
  await alpha?.stop();
  await beta?.stop();
});

/** The server each inspector panel shows ("Tools of …"), in no particular order; waits until `count` panels show one. */
async function serversShown(page: Page, count: number): Promise<string[]> {
  const frames = page.locator('iframe.webview.ready');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const shown: string[] = [];
    for (let index = 0; index < (await frames.count()); index++) {
      const heading = page.frameLocator('iframe.webview.ready').nth(index).frameLocator('#active-frame').locator('#tools-heading');
      const text = await heading.textContent({ timeout: 500 }).catch(() => undefined);
      if (text) shown.push(text.replace('Tools of ', ''));
    }
    if (shown.length === count) return shown.sort();
    if (Date.now() > deadline) throw new Error(`panels show ${JSON.stringify(shown)}, not ${count} servers`);
    await page.waitForTimeout(250);
  }
}

/**
 * The editor layouts the web workbench keeps in IndexedDB (`memento/workbench.parts.editor` of each
 * of its state databases), as JSON text. Given as text: the test's compiler would add helpers the
 * page does not have.
 */
const READ_EDITOR_LAYOUTS = `(async () => {
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const layouts = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name || !name.startsWith('vscode-web-state-db')) continue;
    const db = await request(indexedDB.open(name));
    if (db.objectStoreNames.contains('ItemTable')) {
      const value = await request(db.transaction('ItemTable').objectStore('ItemTable').get('memento/workbench.parts.editor'));
      if (typeof value === 'string') layouts.push(value);
    }
    db.close();
  }
  return layouts;
})()`;

/**
 * The server each inspector panel of a stored editor layout was saved showing, as its webview's UI
 * state says: `null` for a panel whose state names none (it shows the first server), `undefined`
 * for a panel stored before its webview set any state.
 */
function serversStored(layout: string): (string | null | undefined)[] {
  const servers: (string | null | undefined)[] = [];
  const visit = (node: { type: string; data: unknown }) => {
    if (node.type === 'branch') for (const child of node.data as { type: string; data: unknown }[]) visit(child);
    else
      for (const editor of (node.data as { editors: { id: string; value: string }[] }).editors) {
        if (editor.id !== 'workbench.editors.webviewInput') continue;
        const input = JSON.parse(editor.value) as { viewType: string; state?: string };
        if (!input.viewType.endsWith('mcpScope.inspector')) continue;
        servers.push(input.state === undefined ? undefined : ((JSON.parse(input.state) as { serverId?: string }).serverId ?? null));
      }
  };
  const parsed = JSON.parse(layout) as { 'editorpart.state'?: { serializedGrid: { root: { type: string; data: unknown } } } };
  const root = parsed['editorpart.state']?.serializedGrid.root;
  if (root) visit(root);
  return servers;
}

/**
 * Waits until the web workbench has stored an editor layout whose inspector panels show `servers`
 * (`null`: the first server, named by no state). It writes the layout to its storage (IndexedDB) a
 * moment after a change, not at once; a panel opened to the side may be stored before its webview
 * has loaded, or with the state the webview set before the host told it which server to show; and
 * a reload brings back only what was stored.
 */
async function editorLayoutStored(page: Page, servers: (string | null)[]): Promise<void> {
  const wanted = JSON.stringify(servers);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const layouts = await page.evaluate<string[]>(READ_EDITOR_LAYOUTS);
    if (layouts.some((layout) => JSON.stringify(serversStored(layout)) === wanted)) return;
    if (Date.now() > deadline) throw new Error(`the workbench stored no editor layout with panels showing ${wanted}: ${JSON.stringify(layouts.map(serversStored))}`);
    await page.waitForTimeout(250);
  }
}

test('Open Inspector to the Side shows a second server next to the first; both panels come back after a reload', async () => {
  const { page } = browser;
  await step('open the workbench and the inspector, which shows the first server', async () => {
    await openWorkbench(page, vscode.url);
    await runCommand(page, 'MCP Scope: Open Inspector');
    assert.deepEqual(await serversShown(page, 1), ['alpha']);
  });
  await step('open beta in a panel to the side', async () => {
    await runCommandAndAnswer(page, 'MCP Scope: Open Inspector to the Side', 'Open which server in a panel to the side?', 'beta');
    assert.deepEqual(await serversShown(page, 2), ['alpha', 'beta']);
    assert.equal(await page.locator('.editor-group-container').count(), 2, 'the panels are in two editor groups');
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'two-panels.png') });
  await step('after a reload both panels are back, each with its server', async () => {
    await editorLayoutStored(page, [null, 'beta']);
    await page.reload();
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    assert.deepEqual(await serversShown(page, 2), ['alpha', 'beta']);
  });
});
