// The panel's controls in a real VS Code, the packaged VSIX in code-server against three real
// servers on loopback: server-everything (2025 era), the v2 SDK's 2026-07-28 server, and a tool
// server whose structured result breaks its outputSchema. The wire exchanges of a call in the
// Traffic view, Cancel, Reconnect, List again, the outputSchema verdict, the log level per request,
// clearing the timeline and exporting it through VS Code's save dialog.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { FrameLocator, Page } from 'playwright-core';
import type { TimelineEvent, WireRecord } from '../../src/shared/model';
import type { TimelineExport } from '../../src/vscode/timelineExport';
import { type RunningServer, startServerEverything } from '../fixtures/realServers';
import { type SdkServer, startSdkServer } from '../fixtures/sdkServer2026';
import { startToolServer, type ToolServer } from '../fixtures/toolServer';
import { eventually } from '../webview/fakeHost';
import { packagedVsix, SHOTS_DIR, startVsCode, type VsCodeHost } from './vscodeHost';
import { type Browser, launchBrowser, openWorkbench, runCommand, stepRunner, timelineRowDetails, webviewFrame } from './workbench';

const measure = {
  name: 'measure',
  description: 'Reads a thermometer',
  inputSchema: { type: 'object' },
  outputSchema: { type: 'object', properties: { celsius: { type: 'number' } }, required: ['celsius'] },
};

let everything: RunningServer;
let modern: SdkServer;
let shapes: ToolServer;
let vscode: VsCodeHost;
let browser: Browser;
let page: Page;
let panel: FrameLocator;
const step = stepRunner(() => browser.page, SHOTS_DIR, () => vscode.logsDir);

before(async () => {
  [everything, modern, shapes] = await Promise.all([
    startServerEverything(),
    startSdkServer(),
    startToolServer({
      name: 'shapes-server',
      tools: [measure],
      results: { measure: { content: [{ type: 'text', text: 'warm' }], structuredContent: { celsius: 'warm' } } },
    }),
  ]);
  vscode = await startVsCode({
    vsix: packagedVsix(),
    settings: {
      'mcpScope.servers': [
        { name: 'everything', url: everything.url },
        { name: 'modern', url: modern.url },
        { name: 'shapes', url: shapes.url },
      ],
    },
  });
  browser = await launchBrowser();
  page = browser.page;
  panel = webviewFrame(page);
  await step('open the inspector, connected to the three servers', async () => {
    await openWorkbench(page, vscode.url);
    await runCommand(page, 'MCP Scope: Open Inspector');
    for (const name of ['everything', 'modern', 'shapes']) await panel.getByRole('button', { name: `${name} connected` }).waitFor({ timeout: 30_000 });
  });
});

after(async () => {
  await browser?.close();
  await vscode?.stop();
  await Promise.all([everything?.stop(), modern?.stop(), shapes?.stop()]);
});

/** The server bar's item of a server. */
function serverItem(name: string) {
  return panel.locator('.server', { has: panel.getByRole('button', { name: new RegExp(`^${name} `) }) });
}

async function runTool(server: string, tool: string, fields: Record<string, string> = {}) {
  await panel.getByRole('button', { name: new RegExp(`^${server} `) }).click();
  await panel.getByRole('button', { name: tool, exact: true }).click();
  for (const [label, value] of Object.entries(fields)) await panel.getByLabel(label, { exact: true }).fill(value);
  await panel.getByRole('button', { name: 'Run', exact: true }).click();
}

/** Sets the timeline's filters as a user does: Traffic on or off, one server or all, and a text. */
async function showTimeline({ traffic = false, server = '', text = '' }: { traffic?: boolean; server?: string; text?: string }) {
  const filters = panel.getByRole('group', { name: 'Filter the timeline' });
  const toggle = filters.getByRole('button', { name: 'Traffic', exact: true });
  if ((await toggle.getAttribute('aria-pressed')) !== String(traffic)) await toggle.click();
  await filters.getByLabel('Server shown').selectOption(server);
  await filters.getByRole('searchbox', { name: 'Filter by text' }).fill(text);
}

/** The timeline's rows of one kind with a text, as shown now. */
function rows(kind: TimelineEvent['kind'], hasText: string | RegExp) {
  return panel.locator(`.timeline [role="row"][data-kind="${kind}"]`, { hasText });
}

/** The event of a row's details (a request's row shows its response too: the request). */
async function detailsOf<T = TimelineEvent>(row: ReturnType<typeof rows>): Promise<T> {
  const shown = await timelineRowDetails<T>(panel, row);
  return Array.isArray(shown) ? shown[0] : shown;
}

/**
 * Opens the details of a Traffic row of `server` and returns its HTTP exchange's number; then shows
 * only that exchange's rows. Exchanges are numbered per connection, so the server is filtered too.
 */
async function showExchangeOf(server: string, row: ReturnType<typeof rows>): Promise<number> {
  await showTimeline({ traffic: true, server });
  const event = await detailsOf<{ record: WireRecord }>(row);
  const exchange = 'exchange' in event.record ? event.record.exchange : undefined;
  assert.ok(exchange !== undefined, `the Traffic row belongs to an HTTP exchange: ${JSON.stringify(event)}`);
  // Every wire record's JSON names its exchange; the comma keeps exchange 1 from matching 12.
  await showTimeline({ traffic: true, server, text: `"exchange":${exchange},` });
  // The text filter runs a moment after typing: wait until it shows that exchange alone.
  await eventually(async () => {
    const shown = await panel.locator('.timeline [role="row"]').allInnerTexts();
    assert.ok(shown.length > 0 && shown.every((text) => new RegExp(`#${exchange}\\b`).test(text)), shown.join('\n'));
  }, 10_000, 100);
  return exchange;
}

/** A Traffic row of exchange `exchange` whose visible text has `start` (a pattern) before the exchange's number. */
function exchangeRow(exchange: number, start: string) {
  return rows('wire', new RegExp(`${start}.*#${exchange}\\b`));
}

test('the Traffic view shows the wire exchange of a call: the POST, its status and headers, and the SSE events', async () => {
  await step('run get-sum with 2 and 3 on server-everything', async () => {
    await runTool('everything', 'get-sum', { a: '2', b: '3' });
    await panel.getByRole('region', { name: 'Result' }).getByText('The sum of 2 and 3 is 5.').waitFor({ timeout: 15_000 });
  });
  await step('the exchange that carried the answer: POST, 200 with an event stream, SSE events with ids, end', async () => {
    const exchange = await showExchangeOf('everything', rows('wire', 'The sum of 2 and 3 is 5.'));
    const session = await serverItem('everything').locator('dt:text-is("Session") + dd').innerText();
    const post = await detailsOf<{ record: Extract<WireRecord, { type: 'httpRequest' }> }>(exchangeRow(exchange, 'POST'));
    assert.equal(post.record.method, 'POST');
    assert.match(post.record.body ?? '', /"method":"tools\/call".*"name":"get-sum"/);
    assert.equal(post.record.headers['mcp-session-id'], session, 'the request carries the session shown in the server bar');
    const response = await detailsOf<{ record: Extract<WireRecord, { type: 'httpResponse' }> }>(exchangeRow(exchange, '200\\s+OK\\s+text/event-stream'));
    assert.equal(response.record.status, 200);
    assert.match(response.record.headers['content-type'] ?? '', /^text\/event-stream/);
    const answer = await detailsOf<{ record: Extract<WireRecord, { type: 'sseEvent' }> }>(rows('wire', 'The sum of 2 and 3 is 5.'));
    assert.equal(answer.record.exchange, exchange);
    assert.ok(answer.record.id, `server-everything numbers its SSE events: ${JSON.stringify(answer.record)}`);
    await exchangeRow(exchange, 'end').waitFor({ timeout: 5000 });
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'traffic.png') });
});

test('Cancel ends a long-running call as cancelled, and the server got notifications/cancelled', async () => {
  await showTimeline({});
  await step('start trigger-long-running-operation for 30 s and cancel it once progress shows', async () => {
    await runTool('everything', 'trigger-long-running-operation', { duration: '30', steps: '30' });
    await panel.getByRole('progressbar', { name: 'Progress of trigger-long-running-operation' }).waitFor({ timeout: 15_000 });
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await panel.getByRole('heading', { name: 'Cancelled' }).waitFor({ timeout: 10_000 });
  });
  await step('the Traffic view shows notifications/cancelled for the call, accepted with 202', async () => {
    // The newest 202 of server-everything: what the client sent last with nothing to answer.
    await showTimeline({ server: 'everything' });
    const call = await detailsOf(rows('request', 'tools/call trigger-long-running-operation').last());
    assert.ok(call.kind === 'request');
    const exchange = await showExchangeOf('everything', rows('wire', /202\s+Accepted/).last());
    const post = await detailsOf<{ record: Extract<WireRecord, { type: 'httpRequest' }> }>(exchangeRow(exchange, 'POST'));
    assert.match(post.record.body ?? '', /"method":"notifications\/cancelled"/);
    assert.equal((JSON.parse(post.record.body!) as { params: { requestId: unknown } }).params.requestId, call.requestId, 'it names the cancelled call');
  });
});

test('Reconnect from the server bar goes through connecting back to connected, with a new session', async () => {
  await showTimeline({ server: 'everything' });
  const session = serverItem('everything').locator('dt:text-is("Session") + dd');
  const before = await session.innerText();
  assert.match(before, /\S/);
  await step('Reconnect', async () => {
    await serverItem('everything').getByRole('button', { name: 'Reconnect' }).click();
    await eventually(async () => assert.notEqual(await session.innerText(), before, 'a new session id in the server bar'), 30_000, 100);
    await panel.getByRole('button', { name: 'everything connected' }).waitFor();
  });
  const after = await session.innerText();
  await eventually(async () => {
    const states = await panel.locator('.timeline [role="row"][data-kind="connection"]').allInnerTexts();
    const last = states.slice(-3).map((text) => /Disconnected from|Connecting to|Connected to/.exec(text)?.[0]);
    assert.deepEqual(last, ['Disconnected from', 'Connecting to', 'Connected to'], states.join('\n'));
    assert.match(states.at(-1)!, new RegExp(`session ${after}`));
  }, 5000, 100);
});

test('List tools again asks the server for its tools again', async () => {
  const listings = () => modern.headers.filter((headers) => headers['mcp-method'] === 'tools/list').length;
  const listed = listings();
  await showTimeline({ server: 'modern' });
  const shown = await rows('request', 'tools/list').count();
  await panel.getByRole('button', { name: /^modern / }).click();
  await panel.getByRole('region', { name: 'Tools of modern' }).getByRole('button', { name: 'List tools again' }).click();
  await step('a new tools/list on the timeline, answered, and the tools still there', async () => {
    await rows('request', 'tools/list').nth(shown).waitFor({ timeout: 10_000 });
    assert.equal(listings(), listed + 1);
    await panel.getByRole('button', { name: 'chatty', exact: true }).waitFor();
  });
});

test('a structuredContent that breaks the tool’s outputSchema shows the verdict', async () => {
  await runTool('shapes', 'measure');
  await step('the verdict names what does not match', async () => {
    const verdict = panel.getByRole('alert').filter({ hasText: 'Does not match the tool’s outputSchema' });
    await verdict.waitFor({ timeout: 15_000 });
    assert.match(await verdict.innerText(), /celsius: expected a number, got "warm"/);
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'output-verdict.png') });
});

test('the log level control: logging/setLevel in the 2025 era, the level each request carries in 2026-07-28', async () => {
  const control = panel.locator('.log-level-control');
  await step('server-everything answers logging/setLevel', async () => {
    await panel.getByRole('button', { name: /^everything / }).click();
    await control.getByText('sent once with logging/setLevel').waitFor();
    await control.getByLabel('Log level of everything').selectOption('error');
    await control.getByRole('status').getByText('everything answered {}').waitFor({ timeout: 10_000 });
  });

  await showTimeline({ server: 'modern' });
  /** Runs chatty, waits for its answer on the timeline, and counts the log messages of each level that arrived. */
  const chatty = async () => {
    const calls = await rows('request', 'tools/call chatty').count();
    await runTool('modern', 'chatty');
    await rows('request', 'tools/call chatty').nth(calls).locator('.duration').waitFor({ timeout: 15_000 });
    return { warning: await rows('log', 'something to note').count(), debug: await rows('log', 'a detail').count() };
  };
  await step('without a level, the 2026-07-28 server sends no log messages', async () => {
    assert.deepEqual(await chatty(), { warning: 0, debug: 0 });
  });
  await step('warning: the next call brings the warning only', async () => {
    await control.getByText('sent with every request (2026-07-28)').waitFor();
    await control.getByLabel('Log level of modern').selectOption('warning');
    await control.getByRole('status').getByText('Every request to modern now asks for warning and above.').waitFor();
    assert.deepEqual(await chatty(), { warning: 1, debug: 0 });
  });
  await step('debug: the next call brings both', async () => {
    await control.getByLabel('Log level of modern').selectOption('debug');
    await control.getByRole('status').getByText('Every request to modern now asks for debug and above.').waitFor();
    assert.deepEqual(await chatty(), { warning: 2, debug: 1 });
  });
  await step('back on server-everything, its control shows the level it was given', async () => {
    await panel.getByRole('button', { name: /^everything / }).click();
    await eventually(async () => assert.equal(await control.getByLabel('Log level of everything').inputValue(), 'error'), 5000, 100);
  });
});

let lastSeqBeforeClear = 0;

test('Clear empties the timeline, and new events still arrive', async () => {
  await showTimeline({});
  const count = panel.locator('.timeline .count');
  const shownSeqs = () => panel.locator('.timeline [role="row"]').evaluateAll((all) => all.map((row) => Number(row.getAttribute('data-seq'))));
  const eventCount = async () => Number(/(\d+) events/.exec(await count.innerText())?.[1]);
  lastSeqBeforeClear = Math.max(...(await shownSeqs()));
  const countBefore = await eventCount();
  await step('Clear the timeline: every row goes', async () => {
    await panel.getByRole('button', { name: 'Clear the timeline' }).click();
    // The heartbeat's pings keep adding Traffic (hidden, but counted): the rows from before must go.
    await eventually(async () => assert.deepEqual((await shownSeqs()).filter((seq) => seq <= lastSeqBeforeClear), []), 10_000, 100);
    assert.ok((await eventCount()) < countBefore / 2, `${await count.innerText()} after clearing ${countBefore}`);
  });
  await step('a ping afterwards shows on the timeline', async () => {
    await serverItem('shapes').getByRole('button', { name: 'Ping' }).click();
    await rows('request', 'ping').waitFor({ timeout: 10_000 });
  });
});

test('Export writes the timeline as JSON where the save dialog says', async () => {
  const exported = () => readdirSync(vscode.workspace).filter((name) => /^mcp-scope-timeline-.*\.json$/.test(name));
  await step('Export the timeline as JSON, and accept the place the save dialog offers', async () => {
    await panel.getByRole('button', { name: 'Export the timeline as JSON' }).click();
    const dialog = page.locator('.quick-input-widget', { hasText: 'Export the MCP Scope timeline as JSON' });
    await dialog.waitFor({ state: 'visible', timeout: 15_000 });
    const path = dialog.locator('.quick-input-box input');
    await eventually(async () => assert.match(await path.inputValue(), new RegExp(`^${vscode.workspace}/mcp-scope-timeline-.*\\.json$`)), 10_000, 100);
    await dialog.getByRole('button', { name: 'OK' }).click();
  });
  const [name] = await eventually(() => {
    assert.equal(exported().length, 1, 'one exported file in the workspace folder');
    return exported();
  }, 15_000, 100);
  // The extension host may still be writing it.
  const document = await eventually(() => JSON.parse(readFileSync(join(vscode.workspace, name), 'utf8')) as TimelineExport, 5000, 100);
  assert.equal(document.exportedBy, 'MCP Scope');
  assert.ok(
    document.events.some((event) => event.kind === 'request' && event.method === 'ping' && event.serverId === 'shapes'),
    'the ping after the clear is in the file',
  );
  assert.ok(
    document.events.every((event) => event.seq > lastSeqBeforeClear),
    `only the events after the clear: ${document.events.map((event) => event.seq).join(', ')} (cleared after ${lastSeqBeforeClear})`,
  );
});
