// The panel's webview in real headless Chromium against a fake extension host: tools and the
// form built from their schemas, running a tool with progress, field validation, problems shown
// as text, the live timeline and its gap recovery, drafts per tool, and the server actions.
//
// Needs the built bundle: `node scripts/build.mjs`, then
// `node --import tsx --test test/webview/*.test.ts`.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import {
  AddServer,
  CallUpdated,
  ConnectServer,
  GetSnapshot,
  RunTool,
  TimelineAppended,
} from '../../src/shared/bridge';
import type { CallRecord, ServerSummary, Snapshot, TimelineEvent, ToolSummary } from '../../src/shared/model';
import { eventually } from './fakeHost';
import { assertNoPageErrors, settle, usePanels } from './panelFixture';

const RESULTS = join(__dirname, '..', '..', 'test-results', 'webview');

// ---------------------------------------------------------------------------------------------
// Data the fake host answers with.

const getSum: ToolSummary = {
  name: 'get-sum',
  description: 'Adds two numbers.',
  inputSchema: {
    type: 'object',
    properties: { a: { type: 'number', description: 'First number' }, b: { type: 'number' } },
    required: ['a', 'b'],
  },
};

const echo: ToolSummary = {
  name: 'echo',
  description: 'Echoes the message back.',
  inputSchema: {
    type: 'object',
    properties: { message: { type: 'string', description: 'What to echo' } },
    required: ['message'],
  },
};

/** A tool with a number, a boolean and an integer, for the form's validation. */
const configure: ToolSummary = {
  name: 'configure',
  description: 'Sets the sampling.',
  inputSchema: {
    type: 'object',
    properties: {
      ratio: { type: 'number', description: 'Share of requests to sample' },
      verbose: { type: 'boolean', default: false, description: 'Log every sample' },
      count: { type: 'integer', description: 'How many samples to keep' },
    },
    required: ['ratio', 'count'],
  },
};

function connectedServer(tools: ToolSummary[], id = 'calc'): ServerSummary {
  return {
    id,
    address: 'http://127.0.0.1:3001/mcp',
    state: 'connected',
    protocolVersion: '2025-06-18',
    sessionId: 'session-1',
    serverInfo: { name: 'calc-server', version: '1.0.0' },
    tools,
  };
}

function snapshotOf(servers: ServerSummary[], timeline: TimelineEvent[] = [], calls: CallRecord[] = []): Snapshot {
  return { servers, timeline, calls };
}

const T0 = Date.UTC(2026, 10, 20, 9, 30, 0);

function at(seq: number, serverId = 'calc') {
  return { seq, time: T0 + seq * 1000, serverId };
}

// One browser and one file server per file; a fresh context and page per test.
const openPanel = usePanels();

/** The form control labelled `name`. */
function field(page: Page, name: string): Locator {
  return page.getByLabel(name, { exact: true });
}

/** The error message shown next to the control labelled `name`. */
function fieldError(page: Page, name: string): Locator {
  return page.locator('.field', { has: field(page, name) }).getByRole('alert');
}

function runButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Run', exact: true });
}

function tool(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Servers and tools' }).getByRole('button', { name, exact: true });
}

// ---------------------------------------------------------------------------------------------

describe('the panel webview', () => {
  test('lists the tools of a connected server and builds a form from a tool’s schema', async () => {
    const host = await openPanel(snapshotOf([connectedServer([getSum, echo])]));
    const { page } = host;

    const tools = page.getByRole('region', { name: 'Tools of calc' });
    await tools.waitFor();
    assert.deepEqual(await tools.getByRole('listitem').getByRole('button').allInnerTexts(), ['get-sum', 'echo']);
    assert.ok(await tool(page, 'get-sum').isVisible());
    assert.ok(await tool(page, 'echo').isVisible());

    await tool(page, 'get-sum').click();
    assert.equal(await tool(page, 'get-sum').getAttribute('aria-pressed'), 'true');
    await page.getByRole('heading', { name: 'get-sum' }).waitFor();
    await field(page, 'a').waitFor();
    await field(page, 'b').waitFor();
    assert.equal(await page.locator('form input').count(), 2);
    assert.equal(await field(page, 'a').inputValue(), '');
    assert.equal(await field(page, 'a').getAttribute('aria-required'), 'true');
    // The property's description is the field's help, tied to it for screen readers.
    const help = await field(page, 'a').getAttribute('aria-describedby');
    assert.ok(help, 'field a has no aria-describedby');
    assert.equal(await page.locator(`#${help}`).innerText(), 'First number');
    assert.ok(await runButton(page).isEnabled());
    assertNoPageErrors(host);
  });

  test('Run sends one RunTool with numbers, then shows the progress and the result', async () => {
    const host = await openPanel(snapshotOf([connectedServer([getSum, echo])]), (host) =>
      host.answer(RunTool, () => ({ callId: 'call-1' })),
    );
    const { page } = host;
    await tool(page, 'get-sum').click();
    await field(page, 'a').fill('2');
    await field(page, 'b').fill('3');
    await runButton(page).click();

    await host.waitForMessages(RunTool.method);
    await settle(page);
    const runs = host.requests(RunTool.method);
    assert.equal(runs.length, 1, 'one click on Run sends one RunTool');
    assert.deepEqual(runs[0].params, { serverId: 'calc', tool: 'get-sum', arguments: { a: 2, b: 3 } });

    const started = Date.now();
    const call: CallRecord = {
      id: 'call-1',
      serverId: 'calc',
      tool: 'get-sum',
      arguments: { a: 2, b: 3 },
      state: 'running',
      startedAt: started,
    };
    const progressbar = page.getByRole('progressbar', { name: 'Progress of get-sum' });

    await host.notify(CallUpdated, { call: { ...call, progress: { progress: 1, total: 4 } } });
    await page.getByRole('heading', { name: 'Running…' }).waitFor();
    const first = await eventually(async () => {
      const value = await progressbar.getAttribute('value');
      assert.equal(value, '1');
      return Number(value);
    });
    assert.equal(await progressbar.getAttribute('max'), '4');
    assert.ok(await runButton(page).isDisabled(), 'Run is disabled while the call runs');

    await host.notify(CallUpdated, { call: { ...call, progress: { progress: 3, total: 4, message: 'adding' } } });
    const second = await eventually(async () => {
      const value = await progressbar.getAttribute('value');
      assert.equal(value, '3');
      return Number(value);
    });
    assert.ok(second > first, `the progress rose from ${first} to ${second}`);
    await page.getByText('3 / 4 · adding').waitFor();

    await host.notify(CallUpdated, {
      call: {
        ...call,
        state: 'succeeded',
        endedAt: started + 1200,
        progress: { progress: 3, total: 4 },
        result: { content: [{ type: 'text', text: 'The sum of 2 and 3 is 5.' }] },
      },
    });
    await page.getByText('The sum of 2 and 3 is 5.', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Result' }).waitFor();
    assert.equal(await progressbar.count(), 0, 'the progress bar goes when the call ends');
    assert.equal(await page.locator('.elapsed').innerText(), '1.2 s');
    assert.ok(await runButton(page).isEnabled(), 'Run is enabled again');

    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: join(RESULTS, 'panel.png') });
    assertNoPageErrors(host);
  });

  test('while a call runs, its elapsed time counts up', async () => {
    const host = await openPanel(snapshotOf([connectedServer([getSum])]));
    const { page } = host;
    await tool(page, 'get-sum').click();
    await host.notify(CallUpdated, {
      call: { id: 'call-9', serverId: 'calc', tool: 'get-sum', arguments: { a: 1, b: 1 }, state: 'running', startedAt: Date.now() },
    });
    await page.getByRole('heading', { name: 'Running…' }).waitFor();
    const elapsed = page.locator('.call .elapsed');
    await eventually(async () => assert.ok(parseFloat(await elapsed.innerText()) >= 0.3, `elapsed shows ${await elapsed.innerText()}`), 3000);
    assertNoPageErrors(host);
  });

  test('a field’s error stays with its tool', async () => {
    const getProduct: ToolSummary = { ...getSum, name: 'get-product', description: 'Multiplies two numbers.' };
    const host = await openPanel(snapshotOf([connectedServer([getSum, getProduct])]));
    const { page } = host;
    await tool(page, 'get-sum').click();
    await field(page, 'a').fill('abc');
    await runButton(page).click();
    await fieldError(page, 'a').waitFor();
    await fieldError(page, 'b').waitFor();

    // get-product has fields of the same names, but nothing was typed or run there.
    await tool(page, 'get-product').click();
    await page.getByRole('heading', { name: 'get-product' }).waitFor();
    assert.equal(await field(page, 'a').inputValue(), '');
    assert.deepEqual(await page.locator('form').getByRole('alert').allInnerTexts(), [], 'get-sum’s errors are shown on get-product');
    assert.equal(await field(page, 'a').getAttribute('aria-invalid'), null);
    assertNoPageErrors(host);
  });

  test('the form checks numbers, integers and booleans before sending', async () => {
    const host = await openPanel(snapshotOf([connectedServer([getSum, configure])]), (host) =>
      host.answer(RunTool, () => ({ callId: 'call-2' })),
    );
    const { page } = host;
    await tool(page, 'configure').click();

    // Not a number: an error next to the field, and Run sends nothing.
    await field(page, 'ratio').fill('abc');
    await fieldError(page, 'ratio').waitFor();
    assert.match(await fieldError(page, 'ratio').innerText(), /must be a number/);
    assert.equal(await field(page, 'ratio').getAttribute('aria-invalid'), 'true');
    await field(page, 'count').fill('3');
    await runButton(page).click();
    await settle(page);
    assert.equal(host.requests(RunTool.method).length, 0, 'Run sent a RunTool with an invalid number');
    assert.equal(await fieldError(page, 'ratio').count(), 1, 'the error stays after Run');

    // Not a whole number in an integer field.
    await field(page, 'ratio').fill('0.10');
    assert.equal(await fieldError(page, 'ratio').count(), 0, 'a valid number clears the error');
    await field(page, 'count').fill('1.5');
    await fieldError(page, 'count').waitFor();
    assert.match(await fieldError(page, 'count').innerText(), /whole number/);
    await runButton(page).click();
    await settle(page);
    assert.equal(host.requests(RunTool.method).length, 0, 'Run sent a RunTool with 1.5 for an integer');

    // A boolean with a default is a checkbox; a decimal is sent as the number it means.
    const verbose = page.getByRole('checkbox', { name: 'verbose' });
    assert.equal(await verbose.isChecked(), false);
    await verbose.check();
    await field(page, 'count').fill('3');
    assert.equal(await fieldError(page, 'count').count(), 0);
    await runButton(page).click();
    const [run] = await host.waitForMessages(RunTool.method);
    assert.deepEqual(run.params, { serverId: 'calc', tool: 'configure', arguments: { ratio: 0.1, verbose: true, count: 3 } });

    // An unchecked boolean is sent as false, not left out.
    await host.notify(CallUpdated, {
      call: { id: 'call-2', serverId: 'calc', tool: 'configure', arguments: {}, state: 'succeeded', startedAt: T0, endedAt: T0 + 10, result: { content: [] } },
    });
    await verbose.uncheck();
    await runButton(page).click();
    const runs = await host.waitForMessages(RunTool.method, 2);
    assert.deepEqual(runs[1].params, { serverId: 'calc', tool: 'configure', arguments: { ratio: 0.1, verbose: false, count: 3 } });
    assertNoPageErrors(host);
  });

  test('a failed server shows the HTTP answer, and the body only as text', async () => {
    const failed: ServerSummary = {
      id: 'broken',
      address: 'http://127.0.0.1:3999/mcp',
      state: 'failed',
      problem: {
        summary: 'POST http://127.0.0.1:3999/mcp (initialize) answered 500 Internal Server Error instead of JSON-RPC.',
        advice: 'Check the server’s own log: it failed before it could answer in MCP.',
        http: {
          status: 500,
          statusText: 'Internal Server Error',
          contentType: 'text/html',
          bodyStart: '<html><body><h1>Oops</h1><script>window.pwned=1</script></body></html>',
        },
      },
      tools: [],
    };
    const host = await openPanel(snapshotOf([failed]));
    const { page } = host;

    const problem = page.getByRole('region', { name: 'Servers' }).getByRole('alert');
    await problem.waitFor();
    await problem.getByText('answered 500 Internal Server Error instead of JSON-RPC').waitFor();
    await problem.getByText('500 Internal Server Error', { exact: true }).waitFor();
    await problem.getByText('text/html', { exact: true }).waitFor();
    await problem.getByText('Check the server’s own log').waitFor();
    const body = problem.getByText('<h1>Oops</h1>', { exact: false });
    await body.waitFor();
    assert.equal(
      await problem.locator('pre').innerText(),
      '<html><body><h1>Oops</h1><script>window.pwned=1</script></body></html>',
    );
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned), undefined);
    assert.equal(await page.locator('h1', { hasText: 'Oops' }).count(), 0, 'the body was parsed as HTML');
    assert.equal(await page.locator('#app script').count(), 0, 'the body was parsed as HTML');
    assert.ok(await page.getByRole('button', { name: 'Reconnect' }).isVisible());
    await page.getByText('Connect to list its tools.').waitFor();
    assertNoPageErrors(host);
  });

  test('timeline appends are shown, and a gap in their sequence asks for a new snapshot', async () => {
    const first: TimelineEvent[] = [
      { ...at(1), kind: 'connection', state: 'connected', text: 'Connected with protocol 2025-06-18.' },
      { ...at(2), kind: 'request', requestId: 7, method: 'tools/call', params: { name: 'get-sum' } },
      { ...at(3), kind: 'notification', direction: 'received', method: 'notifications/tools/list_changed' },
    ];
    const appended: TimelineEvent[] = [
      { ...at(4), kind: 'log', level: 'warning', logger: 'storage', data: 'disk almost full' },
      { ...at(5), kind: 'progress', requestId: 7, progress: 2, total: 5, message: 'indexing' },
    ];
    const afterGap: TimelineEvent[] = [
      { ...at(6), kind: 'log', level: 'info', data: 'six' },
      { ...at(7), kind: 'log', level: 'info', data: 'seven' },
      { ...at(8), kind: 'log', level: 'info', data: 'eight' },
      { ...at(9), kind: 'log', level: 'error', data: 'nine, after the gap' },
    ];
    const servers = [connectedServer([getSum])];
    let snapshots = 0;
    const host = await openPanel(snapshotOf(servers, first), (host) =>
      host.answer(GetSnapshot, () => (++snapshots === 1 ? snapshotOf(servers, first) : snapshotOf(servers, [...first, ...appended, ...afterGap]))),
    );
    const { page } = host;
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const events = timeline.getByRole('row');
    await timeline.getByText('Connected with protocol 2025-06-18.').waitFor();
    assert.equal(await events.count(), 3);

    await host.notify(TimelineAppended, { events: appended });
    const warning = events.filter({ hasText: 'disk almost full' });
    await warning.waitFor();
    assert.match(await warning.innerText(), /warning/);
    const progress = timeline.getByRole('progressbar', { name: 'Progress of request 7' });
    await progress.waitFor();
    assert.equal(await progress.getAttribute('value'), '2');
    assert.equal(await progress.getAttribute('max'), '5');
    // The progress joins its request's row.
    assert.equal(await events.count(), 4);
    // Oldest first, the newest at the bottom.
    assert.match(await events.last().innerText(), /disk almost full/);
    assert.equal(host.requests(GetSnapshot.method).length, 1);

    // 6 to 8 never arrive: the webview asks for everything again rather than showing a hole.
    await host.notify(TimelineAppended, { events: [afterGap[3]] });
    await host.waitForMessages(GetSnapshot.method, 2);
    await timeline.getByText('nine, after the gap').waitFor();
    await timeline.getByText('seven').waitFor();
    assert.equal(await events.count(), 8);

    // After the new snapshot, appends follow on from its last event.
    await host.notify(TimelineAppended, { events: [{ ...at(10), kind: 'log', level: 'notice', data: 'ten follows nine' }] });
    await timeline.getByText('ten follows nine').waitFor();
    assert.equal(await events.count(), 9);
    // An event sent twice is shown once.
    await host.notify(TimelineAppended, { events: [{ ...at(10), kind: 'log', level: 'notice', data: 'ten follows nine' }] });
    await settle(page);
    assert.equal(await events.count(), 9);
    assert.equal(host.requests(GetSnapshot.method).length, 2);
    assertNoPageErrors(host);
  });

  test('drafts are kept per tool', async () => {
    const host = await openPanel(snapshotOf([connectedServer([getSum, echo])]));
    const { page } = host;

    await tool(page, 'get-sum').click();
    await field(page, 'a').fill('42');
    await tool(page, 'echo').click();
    await page.getByRole('heading', { name: 'echo' }).waitFor();
    assert.equal(await field(page, 'message').inputValue(), '', 'echo’s field starts empty');
    assert.equal(await field(page, 'a').count(), 0);
    await field(page, 'message').fill('hello');

    await tool(page, 'get-sum').click();
    await page.getByRole('heading', { name: 'get-sum' }).waitFor();
    assert.equal(await field(page, 'a').inputValue(), '42');
    assert.equal(await field(page, 'b').inputValue(), '');
    await tool(page, 'echo').click();
    assert.equal(await field(page, 'message').inputValue(), 'hello');

    // The drafts are UI state, kept through VS Code's setState.
    const saved = (await host.uiState()) as { version: number; tool: string; drafts: Record<string, Record<string, string>> };
    assert.equal(saved.tool, 'echo');
    assert.equal(saved.drafts['calc/get-sum'].a, '42');
    assert.equal(saved.drafts['calc/echo'].message, 'hello');
    assertNoPageErrors(host);
  });

  test('the selection and drafts come back after the webview reloads', async () => {
    const snapshot = snapshotOf([connectedServer([getSum, echo])]);
    const first = await openPanel(snapshot);
    await tool(first.page, 'get-sum').click();
    await field(first.page, 'b').fill('3');
    const saved = await first.uiState();

    const second = await openPanel(snapshot, undefined, { uiState: saved });
    await second.page.getByRole('heading', { name: 'get-sum' }).waitFor();
    assert.equal(await field(second.page, 'b').inputValue(), '3');
    assert.equal(await tool(second.page, 'get-sum').getAttribute('aria-pressed'), 'true');

    // State from another version is ignored, not misread.
    const third = await openPanel(snapshot, undefined, { uiState: { version: 0, tool: 'get-sum', drafts: 'nonsense' } });
    await third.page.getByText('Choose a tool to call it.').waitFor();
    assertNoPageErrors(first);
    assertNoPageErrors(second);
    assertNoPageErrors(third);
  });

  test('Connect sends ConnectServer for its server, Add Server sends the AddServer command', async () => {
    const idle: ServerSummary = { id: 'local', address: 'http://127.0.0.1:3002/mcp', state: 'idle', tools: [] };
    const host = await openPanel(snapshotOf([connectedServer([getSum]), idle]), (host) => host.answer(ConnectServer, null));
    const { page } = host;

    const localItem = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^local/ }) });
    await localItem.getByRole('button', { name: 'Connect', exact: true }).click();
    const [connect] = await host.waitForMessages(ConnectServer.method);
    assert.deepEqual(connect, { type: 'request', id: connect.type === 'request' ? connect.id : -1, method: 'server/connect', params: { serverId: 'local' } });

    await page.getByRole('button', { name: 'Add Server' }).click();
    const [add] = await host.waitForMessages(AddServer.method);
    assert.deepEqual(add, { type: 'command', method: 'server/add', params: {} });

    await settle(page);
    assert.equal(host.requests(ConnectServer.method).length, 1);
    assert.equal(host.commands(AddServer.method).length, 1);
    assert.equal(await page.getByRole('alert').count(), 0, 'the host’s answer to Connect showed an error');
    assertNoPageErrors(host);
  });
});
