// The server bar and the tool list in real Chromium: what each server said of itself, connect,
// disconnect and reconnect, the filter, hints and icons, the list-changed mark, keyboard
// navigation, and the look in each kind of VS Code theme (screenshots in test-results/webview/).
//
// Needs the built bundle: `node scripts/build.mjs`, then `node --import tsx --test test/webview/servers.test.ts`.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ConnectServer, DisconnectServer, ListTools, ReconnectServer, ServersChanged } from '../../src/shared/bridge';
import type { CallRecord, ServerSummary, ToolSummary } from '../../src/shared/model';
import { eventually } from './fakeHost';
import { assertNoPageErrors, connectedServer, PNG_1X1, RESULTS, settle, snapshotOf, usePanels } from './panelFixture';
import { THEMES, type ThemeKind } from './themes';

const openPanel = usePanels();

const echo: ToolSummary = {
  name: 'echo',
  title: 'Echo Tool',
  description: 'Echoes back the input string',
  inputSchema: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  icons: [{ src: `data:image/png;base64,${PNG_1X1}`, mimeType: 'image/png', sizes: ['16x16'] }],
};
const deleteFile: ToolSummary = {
  name: 'delete-file',
  description: 'Removes a file from the workspace for good.',
  inputSchema: { type: 'object', properties: { path: { type: 'string' } } },
  annotations: { title: 'Delete File', destructiveHint: true, openWorldHint: false },
  // Only data: icons are shown: the webview never touches the network.
  icons: [{ src: 'https://icons.example/delete.png', mimeType: 'image/png' }],
};
const fetchPage: ToolSummary = {
  name: 'fetch',
  description: 'Downloads a web page and returns it as markdown.',
  inputSchema: { type: 'object', properties: { url: { type: 'string' } } },
  annotations: { readOnlyHint: true, openWorldHint: true },
};

const everything = connectedServer([echo, deleteFile, fetchPage], {
  id: 'everything',
  protocolVersion: '2025-11-25',
  sessionId: '5f0e1c2a-7b7d-4d43-9d0e-3a3b1f1a9c11',
  serverInfo: { name: 'mcp-servers/everything', title: 'Everything Reference Server', version: '2.0.0' },
  capabilities: { tools: { listChanged: true }, resources: { subscribe: true, listChanged: true }, logging: {}, completions: {} },
  instructions: 'Use get-sum for arithmetic.\nCall toggle-simulated-logging to hear log messages.',
});
const connecting: ServerSummary = { id: 'staging', address: 'https://staging.internal/mcp', state: 'connecting', tools: [] };
const failed: ServerSummary = {
  id: 'broken',
  address: 'http://127.0.0.1:3999/mcp',
  state: 'failed',
  problem: { summary: 'POST http://127.0.0.1:3999/mcp (initialize) failed: the connection was refused.' },
  tools: [],
};
const closed: ServerSummary = { id: 'old', address: 'http://127.0.0.1:4000/mcp', state: 'closed', tools: [] };

const SERVERS = [everything, connecting, failed, closed];

/** A finished call of echo with a little of everything a result can hold, for the screenshots. */
const echoCall: CallRecord = {
  id: 'call-1',
  serverId: 'everything',
  tool: 'echo',
  arguments: { message: 'hello' },
  state: 'succeeded',
  startedAt: Date.UTC(2026, 10, 20, 9, 30, 0),
  endedAt: Date.UTC(2026, 10, 20, 9, 30, 0) + 420,
  result: {
    content: [
      { type: 'text', text: 'Echo: hello' },
      { type: 'resource_link', uri: 'https://example.com/docs/echo', name: 'echo.md', mimeType: 'text/markdown', description: 'How echo works' },
    ],
    structuredContent: { echoed: 'hello', length: 5, tags: ['greeting', 'short'], meta: { cached: false, source: null } },
  },
};

function serverItem(page: Page, id: string) {
  return page.getByRole('region', { name: 'Servers' }).getByRole('listitem').filter({ has: page.getByRole('button', { name: new RegExp(`^${id} `) }) });
}

function toolsRegion(page: Page, serverId = 'everything') {
  return page.getByRole('region', { name: `Tools of ${serverId}` });
}

function toolNames(page: Page): Promise<string[]> {
  return toolsRegion(page).locator('.tool-list').getByRole('button').allInnerTexts();
}

describe('the server bar', () => {
  test('shows every server’s state, and what a connected one said of itself', async () => {
    const host = await openPanel(snapshotOf(SERVERS));
    const { page } = host;
    const item = serverItem(page, 'everything');
    await item.waitFor();
    const text = await item.innerText();
    for (const expected of ['connected', 'Everything Reference Server', 'mcp-servers/everything 2.0.0', '2025-11-25', '5f0e1c2a-7b7d-4d43-9d0e-3a3b1f1a9c11']) {
      assert.ok(text.includes(expected), `the server bar lacks “${expected}”: ${text}`);
    }
    const capabilities = item.getByRole('list', { name: 'Capabilities' }).getByRole('listitem');
    assert.deepEqual(await capabilities.allInnerTexts(), ['tools · listChanged', 'resources · subscribe, listChanged', 'logging', 'completions']);

    // The instructions fold away until asked for.
    const instructions = item.getByText('Call toggle-simulated-logging to hear log messages.');
    assert.equal(await instructions.isVisible(), false);
    await item.getByText('Instructions', { exact: true }).click();
    await instructions.waitFor();

    for (const [id, state] of [['staging', 'connecting'], ['broken', 'failed'], ['old', 'closed']]) {
      assert.match(await serverItem(page, id).innerText(), new RegExp(state), `${id} shows its state`);
    }
    await serverItem(page, 'broken').getByText('the connection was refused').waitFor();
    assertNoPageErrors(host);
  });

  test('Disconnect, Reconnect and Connect send their requests for their server', async () => {
    const host = await openPanel(snapshotOf(SERVERS), (host) =>
      host.answer(ConnectServer, null).answer(DisconnectServer, null).answer(ReconnectServer, null),
    );
    const { page } = host;
    await serverItem(page, 'everything').getByRole('button', { name: 'Reconnect' }).click();
    const [reconnect] = await host.waitForMessages(ReconnectServer.method);
    assert.deepEqual(reconnect.params, { serverId: 'everything' });

    await serverItem(page, 'everything').getByRole('button', { name: 'Disconnect' }).click();
    const [disconnect] = await host.waitForMessages(DisconnectServer.method);
    assert.deepEqual(disconnect.params, { serverId: 'everything' });

    // A connecting server can be stopped, not reconnected.
    assert.equal(await serverItem(page, 'staging').getByRole('button', { name: 'Reconnect' }).count(), 0);
    await serverItem(page, 'staging').getByRole('button', { name: 'Disconnect' }).click();
    await host.waitForMessages(DisconnectServer.method, 2);

    // A failed or closed server is connected again from scratch.
    await serverItem(page, 'old').getByRole('button', { name: 'Reconnect' }).click();
    const [connect] = await host.waitForMessages(ConnectServer.method);
    assert.deepEqual(connect.params, { serverId: 'old' });
    await settle(page);
    assert.equal(host.requests(ReconnectServer.method).length, 1);
    assertNoPageErrors(host);
  });
});

describe('the tool list', () => {
  test('shows each tool’s title, description, hints and data: icon', async () => {
    const host = await openPanel(snapshotOf(SERVERS));
    const { page } = host;
    const items = toolsRegion(page).locator('.tool-list > li');
    await items.first().waitFor();
    assert.deepEqual(await toolNames(page), ['echo', 'delete-file', 'fetch']);

    const echoItem = items.nth(0);
    assert.match(await echoItem.innerText(), /Echo Tool/);
    assert.match(await echoItem.innerText(), /Echoes back the input string/);
    assert.deepEqual(await echoItem.getByRole('list', { name: 'Hints' }).getByRole('listitem').allInnerTexts(), ['read-only', 'idempotent']);
    const icon = echoItem.locator('img.tool-icon');
    assert.equal(await icon.count(), 1);
    assert.ok(await icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1), 'the data: icon is drawn');

    // The annotation's title stands in for a missing title; an https icon is not fetched.
    const deleteItem = items.nth(1);
    assert.match(await deleteItem.innerText(), /Delete File/);
    assert.deepEqual(await deleteItem.getByRole('list', { name: 'Hints' }).getByRole('listitem').allInnerTexts(), ['destructive']);
    assert.equal(await deleteItem.locator('img').count(), 0);
    assert.deepEqual(await items.nth(2).getByRole('list', { name: 'Hints' }).getByRole('listitem').allInnerTexts(), ['read-only', 'open-world']);

    // The description is the button's description for assistive technology.
    assert.equal(await toolsRegion(page).getByRole('button', { name: 'delete-file' }).getAttribute('aria-pressed'), 'false');
    const described = await toolsRegion(page).getByRole('button', { name: 'fetch' }).evaluate(
      (button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent,
    );
    assert.match(described ?? '', /Downloads a web page/);
    assertNoPageErrors(host);
  });

  test('the filter matches names, titles and descriptions, and is kept as UI state', async () => {
    const host = await openPanel(snapshotOf(SERVERS));
    const { page } = host;
    const filter = toolsRegion(page).getByRole('searchbox', { name: 'Filter tools' });
    await filter.fill('ECHO');
    assert.deepEqual(await toolNames(page), ['echo']);
    await filter.fill('delete file');
    assert.deepEqual(await toolNames(page), ['delete-file'], 'the annotation title matches');
    await filter.fill('web page');
    assert.deepEqual(await toolNames(page), ['fetch'], 'the description matches');
    assert.equal(await toolsRegion(page).locator('.count').innerText(), '1 of 3');
    await filter.fill('nothing like it');
    assert.deepEqual(await toolNames(page), []);
    await toolsRegion(page).getByText('No tool matches “nothing like it”.').waitFor();
    assert.equal(((await host.uiState()) as { toolFilter?: string }).toolFilter, 'nothing like it');
    await filter.fill('');
    assert.deepEqual(await toolNames(page), ['echo', 'delete-file', 'fetch']);
    assertNoPageErrors(host);
  });

  test('tools/list_changed shows a mark whose button lists the tools again', async () => {
    const host = await openPanel(snapshotOf([{ ...everything, toolsChanged: true }]), (host) => host.answer(ListTools, null));
    const { page } = host;
    const mark = toolsRegion(page).getByRole('status');
    await mark.getByText('The server says its tools changed.').waitFor();
    await mark.getByRole('button', { name: 'List again' }).click();
    const [list] = await host.waitForMessages(ListTools.method);
    assert.deepEqual(list.params, { serverId: 'everything' });

    // The host answers with the new list and the mark cleared.
    await host.notify(ServersChanged, { servers: [{ ...everything, tools: [...everything.tools, { ...echo, name: 'echo-2', title: undefined }] }] });
    await eventually(async () => assert.deepEqual(await toolNames(page), ['echo', 'delete-file', 'fetch', 'echo-2']));
    assert.equal(await mark.count(), 0);
    assertNoPageErrors(host);
  });

  test('List tools again asks the host for a new listing at any time, and shows only for a connected server', async () => {
    const host = await openPanel(snapshotOf([everything, closed]), (host) => host.answer(ListTools, null));
    const { page } = host;
    await toolsRegion(page).getByRole('button', { name: 'List tools again' }).click();
    const [list] = await host.waitForMessages(ListTools.method);
    assert.deepEqual(list.params, { serverId: 'everything' });

    await serverItem(page, 'old').getByRole('button', { name: 'old closed' }).click();
    await toolsRegion(page, 'old').getByText('Connect to list its tools.').waitFor();
    assert.equal(await toolsRegion(page, 'old').getByRole('button', { name: 'List tools again' }).count(), 0);
    assertNoPageErrors(host);
  });

  test('arrow keys move through the servers and the tools, Enter chooses', async () => {
    const host = await openPanel(snapshotOf(SERVERS));
    const { page } = host;
    const servers = page.getByRole('region', { name: 'Servers' });
    // One tab stop per list: the selected server.
    const first = servers.getByRole('button', { name: /^everything / });
    await first.focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'stagingconnecting');
    await page.keyboard.press('End');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'oldclosed');
    await page.keyboard.press('Enter');
    await page.getByRole('region', { name: 'Tools of old' }).waitFor();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await toolsRegion(page).waitFor();

    const toolButtons = toolsRegion(page).locator('.tool-list').getByRole('button');
    assert.deepEqual(await toolButtons.evaluateAll((buttons) => buttons.map((b) => (b as HTMLElement).tabIndex)), [0, -1, -1]);
    await toolButtons.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'delete-file' }).waitFor();
    assert.equal(await toolsRegion(page).getByRole('button', { name: 'delete-file' }).getAttribute('aria-pressed'), 'true');
    assertNoPageErrors(host);
  });
});

describe('the look', () => {
  test('the stylesheet takes its colours from VS Code’s theme variables only', () => {
    const css = readFileSync(join(__dirname, '..', '..', 'media', 'panel.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    assert.deepEqual(css.match(/#[0-9a-f]{3,8}\b/gi), null, 'hex colours in panel.css');
    assert.deepEqual(css.match(/\b(rgba?|hsla?)\(/gi), null, 'literal colours in panel.css');
    const named = [...css.matchAll(/var\((--[\w-]+)/g)].map((match) => match[1]).filter((name) => !name.startsWith('--vscode-'));
    assert.deepEqual([...new Set(named)].sort(), ['--border', '--gap', '--muted', '--radius'], 'only the stylesheet’s own spacing and aliases besides --vscode-*');
  });

  for (const kind of Object.keys(THEMES) as ThemeKind[]) {
    test(`in a ${kind} theme the panel takes the theme’s colours (screenshot in test-results/webview/theme-${kind}.png)`, async () => {
      const theme = THEMES[kind];
      const host = await openPanel(snapshotOf([{ ...everything, toolsChanged: true }, connecting, failed, closed], [echoCall]), undefined, {
        theme: kind,
        viewport: { width: 1280, height: 860 },
      });
      const { page } = host;
      await toolsRegion(page).getByRole('button', { name: 'echo' }).click();
      await page.getByRole('heading', { name: 'echo' }).waitFor();
      await page.getByRole('heading', { name: 'Result' }).waitFor();
      await page.locator('.sidebar').evaluate((sidebar) => (sidebar.scrollTop = 0));
      assert.equal(await page.evaluate(() => document.body.className), theme.bodyClass);

      const colourOf = (variable: string) =>
        page.evaluate((value) => {
          const probe = document.createElement('div');
          probe.style.color = value;
          document.body.append(probe);
          const colour = getComputedStyle(probe).color;
          probe.remove();
          return colour;
        }, theme.variables[variable]);
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), await colourOf('--vscode-editor-background'));
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).color), await colourOf('--vscode-foreground'));
      // High contrast: the chosen tool is outlined with the theme's active border, the servers with its border.
      const selected = toolsRegion(page).locator('.tool-item.selected');
      const server = page.locator('.server').nth(1);
      if (theme.variables['--vscode-contrastActiveBorder']) {
        assert.equal(await selected.evaluate((item) => getComputedStyle(item).borderTopColor), await colourOf('--vscode-contrastActiveBorder'));
        assert.equal(await server.evaluate((item) => getComputedStyle(item).borderTopColor), await colourOf('--vscode-contrastBorder'));
      } else {
        assert.equal(await selected.evaluate((item) => getComputedStyle(item).backgroundColor), await colourOf('--vscode-list-activeSelectionBackground'));
      }

      const shot = join(RESULTS, `theme-${kind}.png`);
      await page.screenshot({ path: shot });
      // `UPDATE_SCREENSHOTS=1 npm test` refreshes the README's picture of the high-contrast look.
      if (process.env.UPDATE_SCREENSHOTS && kind === 'high-contrast-light') {
        await page.screenshot({ path: join(__dirname, '..', '..', 'docs', 'panel-high-contrast-light.jpg'), quality: 30, type: 'jpeg' });
      }
      assertNoPageErrors(host);
    });
  }
});
