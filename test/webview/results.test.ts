// Results in real Chromium: text with copy, images and audio from base64 (and clear notes for bad
// ones), resource links and embedded resources, structuredContent as a JSON tree, isError and
// JSON-RPC errors, Cancel and the running clock; and everything a server sends shown as text,
// however much HTML and script it holds.
//
// Needs the built bundle: `node scripts/build.mjs`, then `node --import tsx --test test/webview/results.test.ts`.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CallUpdated, CancelCall, CopyText, OpenLink, RunTool, ServersChanged, TimelineAppended } from '../../src/shared/bridge';
import type { CallRecord, ContentBlock, ServerSummary, ToolResult, ToolSummary } from '../../src/shared/model';
import { eventually, type FakeHost } from './fakeHost';
import { assertNoPageErrors, connectedServer, PNG_1X1, RESULTS, settle, snapshotOf, usePanels } from './panelFixture';

const openPanel = usePanels();

const T0 = Date.UTC(2026, 10, 20, 9, 30, 0);

const weather: ToolSummary = {
  name: 'get-weather',
  description: 'The weather in a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
  outputSchema: {
    type: 'object',
    properties: { temperature: { type: 'number' }, conditions: { type: 'string' } },
    required: ['temperature', 'conditions'],
  },
};

function finished(result: ToolResult, overrides: Partial<CallRecord> = {}): CallRecord {
  return { id: 'call-1', serverId: 'calc', tool: 'get-weather', arguments: {}, state: 'succeeded', startedAt: T0, endedAt: T0 + 250, result, ...overrides };
}

/** Opens the panel with get-weather chosen and `call` as its latest call. */
async function showCall(call: CallRecord, setup?: (host: FakeHost) => void): Promise<FakeHost> {
  const host = await openPanel(snapshotOf([connectedServer([weather])], [call]), setup, {
    uiState: { version: 1, serverId: 'calc', tool: 'get-weather', drafts: {} },
  });
  await host.page.getByRole('heading', { name: 'get-weather' }).waitFor();
  return host;
}

const callRegion = (page: Page) => page.locator('section.call');

/** A short WAV file: 8 kHz, 8 bit, mono, a tenth of a second of silence. */
function wavBase64(): string {
  const samples = 800;
  const wav = Buffer.alloc(44 + samples, 128);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(8000, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples, 40);
  return wav.toString('base64');
}

describe('a tool’s result', () => {
  test('text is monospace, wrapped, and its copy button copies it exactly', async () => {
    const text = `line one\n  indented two\n${'long-'.repeat(80)}end`;
    const host = await showCall(finished({ content: [{ type: 'text', text }] }));
    const { page } = host;
    const pre = callRegion(page).locator('pre.text-block');
    assert.equal(await pre.innerText(), text);
    const style = await pre.evaluate((element) => {
      const computed = getComputedStyle(element);
      return { font: computed.fontFamily, wrap: computed.whiteSpace, width: element.scrollWidth <= element.clientWidth };
    });
    assert.match(style.font, /Droid Sans Mono/);
    assert.equal(style.wrap, 'pre-wrap');
    assert.ok(style.width, 'the long line wraps instead of scrolling sideways');

    await callRegion(page).getByRole('button', { name: 'Copy text' }).click();
    const [copy] = await host.waitForMessages(CopyText.method);
    assert.deepEqual(copy.params, { text });
    assertNoPageErrors(host);
  });

  test('images and audio play from base64; a bad type or bad data gets a note instead of a broken element', async () => {
    const content: ContentBlock[] = [
      { type: 'image', mimeType: 'image/png', data: PNG_1X1 },
      { type: 'audio', mimeType: 'audio/wav', data: wavBase64() },
      { type: 'image', mimeType: 'text/html', data: PNG_1X1 },
      { type: 'image', mimeType: 'image/png', data: 'not base64 at all!' },
      { type: 'image', mimeType: 'image/png', data: Buffer.from('these bytes are no PNG').toString('base64') },
      { type: 'audio', mimeType: 'audio/x-unknown', data: wavBase64() },
    ];
    const host = await showCall(finished({ content }));
    const { page } = host;
    const call = callRegion(page);

    const image = call.getByRole('img', { name: /Image from the tool, image\/png, 70 bytes/ });
    await eventually(async () => assert.equal(await image.evaluate((img: HTMLImageElement) => img.naturalWidth), 1));
    const audio = call.locator('audio');
    assert.equal(await audio.count(), 1);
    await eventually(async () => assert.ok((await audio.evaluate((a: HTMLAudioElement) => a.duration)) > 0.09, 'the audio was decoded'));

    const notes = call.getByRole('note');
    await eventually(async () => assert.equal(await notes.count(), 4));
    const texts = await notes.allInnerTexts();
    assert.match(texts[0], /type "text\/html", which the panel does not show/);
    assert.match(texts[1], /not valid base64/);
    assert.match(texts[2], /image \(image\/png\) could not be decoded/);
    assert.match(texts[3], /type "audio\/x-unknown"/);
    assert.equal(await call.locator('img').count(), 1, 'only the good image is an element');
    await page.screenshot({ path: join(RESULTS, 'results-media.png') });
    assertNoPageErrors(host);
  });

  test('a -32042 error shows the pages the server wants visited, with their site apart; only a click opens one, and only http(s)', async () => {
    const url = 'https://auth.example.com/connect?state=<b>1</b>';
    const host = await showCall(
      finished(
        { content: [] },
        {
          state: 'failed',
          result: undefined,
          rpcError: {
            code: -32042,
            message: 'This request requires more information.',
            data: {
              elicitations: [
                { mode: 'url', elicitationId: 'e1', url, message: 'Connect your <i>calendar</i> account.' },
                { mode: 'url', elicitationId: 'e2', url: 'javascript:alert(1)', message: 'And this.' },
              ],
            },
          },
          problem: { summary: 'The server answered tools/call with error -32042' },
        },
      ),
    );
    const { page } = host;
    const error = callRegion(page).getByRole('alert');
    await error.getByText('The server needs you to visit 2 pages first').waitFor();
    const text = await error.innerText();
    assert.match(text, /Connect your <i>calendar<\/i> account\./, 'the message shows as written');
    assert.match(text, /Site\s+auth\.example\.com/);
    assert.ok(text.includes(url), 'the whole URL is shown');
    assert.match(text, /Code\s+-32042/, 'the error itself is still shown');
    await settle(page);
    assert.equal(host.commands(OpenLink.method).length, 0, 'nothing opens without a click');

    const open = error.getByRole('button', { name: 'Open in browser' });
    assert.equal(await open.count(), 1, 'a javascript: URL is not offered for opening');
    await open.click();
    const [opened] = await host.waitForMessages(OpenLink.method);
    assert.deepEqual(opened.params, { uri: url });
    assertNoPageErrors(host);
  });

  test('after a -32042, the server’s elicitation/complete for a named page shows on it, an unknown id changes nothing, and Run again runs the call again', async () => {
    const url = 'https://auth.example.com/connect';
    const host = await showCall(
      finished(
        { content: [] },
        {
          state: 'failed',
          arguments: { city: 'Oslo' },
          result: undefined,
          rpcError: { code: -32042, message: 'Visit first.', data: { elicitations: [{ mode: 'url', elicitationId: 'e1', url, message: 'Connect.' }] } },
          problem: { summary: 'The server answered tools/call with error -32042' },
        },
      ),
      (fake) => fake.answer(RunTool, { callId: 'call-2' }),
    );
    const { page } = host;
    const error = callRegion(page).getByRole('alert');
    await error.getByText('Connect.', { exact: true }).waitFor();
    assert.equal(await error.getByText(/says this interaction is complete/).count(), 0, 'nothing is complete before the server says so');

    const complete = (seq: number, serverId: string, elicitationId: string) => ({
      seq,
      time: T0,
      serverId,
      kind: 'notification' as const,
      direction: 'received' as const,
      method: 'notifications/elicitation/complete',
      params: { elicitationId },
    });
    await host.notify(TimelineAppended, { events: [complete(1, 'calc', 'unknown-id'), complete(2, 'other', 'e1')] });
    await settle(page);
    assert.equal(await error.getByText(/says this interaction is complete/).count(), 0, 'an unknown id, or another server’s, is ignored');

    await host.notify(TimelineAppended, { events: [complete(3, 'calc', 'e1')] });
    await error.getByRole('status').filter({ hasText: 'calc says this interaction is complete.' }).waitFor();

    await error.getByRole('button', { name: 'Run again' }).click();
    const [run] = await host.waitForMessages(RunTool.method);
    assert.deepEqual(run.params, { serverId: 'calc', tool: 'get-weather', arguments: { city: 'Oslo' } });
    assertNoPageErrors(host);
  });

  test('a resource link shows its name, URI and type; only a click opens it, and only http(s)', async () => {
    const host = await showCall(
      finished({
        content: [
          { type: 'resource_link', uri: 'https://example.com/report.pdf', name: 'report.pdf', mimeType: 'application/pdf', description: 'The monthly report' },
          { type: 'resource_link', uri: 'file:///etc/hosts', name: 'hosts' },
        ],
      }),
    );
    const { page } = host;
    const links = callRegion(page).locator('.block-resource-link');
    const web = links.nth(0);
    assert.match(await web.innerText(), /report\.pdf[\s\S]*application\/pdf[\s\S]*https:\/\/example\.com\/report\.pdf[\s\S]*The monthly report/);
    assert.equal(await callRegion(page).locator('a').count(), 0, 'nothing is a navigable link');
    await settle(page);
    assert.equal(host.commands(OpenLink.method).length, 0, 'nothing opens without a click');

    await web.getByRole('button', { name: 'Open link' }).click();
    const [open] = await host.waitForMessages(OpenLink.method);
    assert.deepEqual(open.params, { uri: 'https://example.com/report.pdf' });

    const file = links.nth(1);
    assert.equal(await file.getByRole('button', { name: 'Open link' }).count(), 0, 'a file: link is not offered for opening');
    await file.getByRole('button', { name: 'Copy URI' }).click();
    const [copy] = await host.waitForMessages(CopyText.method);
    assert.deepEqual(copy.params, { text: 'file:///etc/hosts' });
    assertNoPageErrors(host);
  });

  test('an embedded resource shows its text, or the size of its blob', async () => {
    const host = await showCall(
      finished({
        content: [
          { type: 'resource', resource: { uri: 'demo://notes/1', mimeType: 'text/plain', text: 'Remember the milk.' } },
          { type: 'resource', resource: { uri: 'demo://archive.gz', mimeType: 'application/gzip', blob: Buffer.alloc(1234).toString('base64') } },
          { type: 'resource', resource: { uri: 'demo://broken', blob: '***' } },
        ],
      }),
    );
    const { page } = host;
    const resources = callRegion(page).locator('.block-resource');
    assert.match(await resources.nth(0).innerText(), /demo:\/\/notes\/1[\s\S]*text\/plain[\s\S]*Remember the milk\./);
    assert.match(await resources.nth(1).innerText(), /demo:\/\/archive\.gz[\s\S]*Binary content, 1234 bytes\./);
    assert.match(await resources.nth(2).innerText(), /not valid base64/);
    assertNoPageErrors(host);
  });

  test('structuredContent is a tree that folds with the keyboard, checked against the outputSchema', async () => {
    const structuredContent = { temperature: 21.5, conditions: 'sunny', forecast: [{ day: 'Mon', high: 23 }, { day: 'Tue', high: 19 }], station: { id: 'LHR', deep: { deeper: { deepest: true } } } };
    const host = await showCall(finished({ content: [{ type: 'text', text: '{"temperature":21.5}' }], structuredContent }));
    const { page } = host;
    const tree = callRegion(page).getByRole('group', { name: 'structuredContent' });
    await tree.getByText('"sunny"').waitFor();
    assert.match(await tree.innerText(), /temperature: 21\.5/);
    await callRegion(page).getByText('Matches the tool’s outputSchema.').waitFor();

    // Deep levels start folded; Enter on a branch opens it, and again closes it.
    const deepest = tree.getByText('deepest: ');
    assert.equal(await deepest.isVisible(), false);
    const deeper = tree.locator('summary', { hasText: /^deeper: / });
    const deep = tree.locator('summary', { hasText: /^deep: / });
    await deep.focus();
    await page.keyboard.press('Enter');
    await deeper.focus();
    await page.keyboard.press('Enter');
    await deepest.waitFor();
    await page.keyboard.press('Enter');
    await deepest.waitFor({ state: 'hidden' });
    const forecast = tree.locator('summary', { hasText: /^forecast: / });
    assert.match(await forecast.innerText(), /\[2\]/);
    await forecast.focus();
    await page.keyboard.press(' ');
    await tree.getByText('"Mon"').waitFor({ state: 'hidden' });
    assertNoPageErrors(host);
  });

  test('structuredContent that breaks the outputSchema is called out, with the place', async () => {
    const host = await showCall(finished({ content: [{ type: 'text', text: '21' }], structuredContent: { temperature: 21 } }));
    const verdict = callRegion(host.page).getByRole('alert').filter({ hasText: 'Does not match the tool’s outputSchema' });
    await verdict.waitFor();
    assert.deepEqual(await verdict.getByRole('listitem').allInnerTexts(), ['/conditions: conditions is required.']);
    assertNoPageErrors(host);
  });

  test('every value of the wrong type in structuredContent is listed, not only the first', async () => {
    const host = await showCall(finished({ content: [{ type: 'text', text: 'warm' }], structuredContent: { temperature: 'warm', conditions: 7 } }));
    const verdict = callRegion(host.page).getByRole('alert').filter({ hasText: 'Does not match the tool’s outputSchema' });
    await verdict.waitFor();
    assert.deepEqual((await verdict.getByRole('listitem').allInnerTexts()).sort(), [
      '/conditions: expected text, got 7.',
      '/temperature: expected a number, got "warm".',
    ]);
    assertNoPageErrors(host);
  });

  test('a tool with an outputSchema whose result lacks structuredContent is called out', async () => {
    const host = await showCall(finished({ content: [{ type: 'text', text: 'sunny' }] }));
    await callRegion(host.page).getByRole('alert').getByText('declares an outputSchema, but the result has no structuredContent').waitFor();
    assertNoPageErrors(host);
  });

  test('an isError result is marked as the tool’s error', async () => {
    const host = await showCall(finished({ content: [{ type: 'text', text: 'City not found: Atlantis' }], isError: true }));
    const { page } = host;
    await page.getByRole('heading', { name: 'The tool reported an error' }).waitFor();
    await callRegion(page).getByRole('alert').getByText('the call ran, and failed').waitFor();
    // The result is edged in the theme's error colour.
    const edge = await callRegion(page).locator('.result-error').evaluate((element) => getComputedStyle(element).borderLeftColor);
    assert.equal(edge, await callRegion(page).getByRole('alert').evaluate((element) => getComputedStyle(element).color));
    assertNoPageErrors(host);
  });

  test('a JSON-RPC error shows its code, message and data', async () => {
    const host = await showCall(
      finished(
        { content: [] },
        {
          state: 'failed',
          result: undefined,
          rpcError: { code: -32602, message: 'Invalid params: city must be a string', data: { path: ['city'], received: 42 } },
          problem: { summary: 'The server answered tools/call with error -32602: Invalid params: city must be a string' },
        },
      ),
    );
    const { page } = host;
    await page.getByRole('heading', { name: 'Failed' }).waitFor();
    const error = callRegion(page).getByRole('alert');
    const text = await error.innerText();
    assert.match(text, /JSON-RPC error/);
    assert.match(text, /Code\s+-32602/);
    assert.match(text, /Message\s+Invalid params: city must be a string/);
    assert.match(text, /received: 42/);
    await page.screenshot({ path: join(RESULTS, 'results-rpc-error.png') });
    assertNoPageErrors(host);
  });

  test('a running call shows its clock and a Cancel that cancels it', async () => {
    const running: CallRecord = { id: 'call-7', serverId: 'calc', tool: 'get-weather', arguments: {}, state: 'running', startedAt: Date.now() };
    const host = await showCall(running, (host) => host.answer(CancelCall, null));
    const { page } = host;
    await page.getByRole('heading', { name: 'Running…' }).waitFor();
    const clock = callRegion(page).getByRole('timer', { name: 'Elapsed time' });
    await eventually(async () => assert.ok(parseFloat(await clock.innerText()) >= 0.3, await clock.innerText()), 3000);

    await callRegion(page).getByRole('button', { name: 'Cancel' }).click();
    const [cancel] = await host.waitForMessages(CancelCall.method);
    assert.deepEqual(cancel.params, { callId: 'call-7' });

    await host.notify(CallUpdated, {
      call: { ...running, state: 'cancelled', endedAt: running.startedAt + 1500, problem: { summary: 'tools/call was cancelled.' } },
    });
    await page.getByRole('heading', { name: 'Cancelled' }).waitFor();
    assert.equal(await clock.innerText(), '1.5 s');
    assert.equal(await callRegion(page).getByRole('button', { name: 'Cancel' }).count(), 0);
    assertNoPageErrors(host);
  });
});

// ---------------------------------------------------------------------------------------------

/** Markup and script a hostile or careless server might send, each of which must stay text. */
const PAYLOADS = [
  '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">',
  '<script>window.__pwned=(window.__pwned||0)+1</script>',
  '"><svg onload="window.__pwned=(window.__pwned||0)+1">',
  "javascript:window.__pwned=(window.__pwned||0)+1",
  '<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>',
  '<a href="javascript:alert(1)">click me</a>',
];
const p = (index: number) => PAYLOADS[index % PAYLOADS.length];

const hostileTool: ToolSummary = {
  name: p(0),
  title: p(1),
  description: p(2),
  inputSchema: { type: 'object', properties: {} },
  annotations: { title: p(3), readOnlyHint: true },
  icons: [{ src: p(3), mimeType: 'image/png' }, { src: `data:text/html;base64,${Buffer.from(p(1)).toString('base64')}`, mimeType: 'text/html' }],
};
const hostileServer: ServerSummary = connectedServer([hostileTool, { ...hostileTool, name: p(4), title: undefined }], {
  id: 'evil',
  address: `http://127.0.0.1:6666/${p(0)}`,
  sessionId: p(2),
  protocolVersion: p(1),
  serverInfo: { name: p(0), version: p(5), title: p(2) },
  capabilities: { [p(0)]: { [p(2)]: true } },
  instructions: PAYLOADS.join('\n'),
});
const hostileCall: CallRecord = {
  id: 'call-x',
  serverId: 'evil',
  tool: p(0),
  arguments: {},
  state: 'succeeded',
  startedAt: T0,
  endedAt: T0 + 10,
  result: {
    isError: true,
    content: [
      { type: 'text', text: PAYLOADS.join('\n') },
      { type: 'image', mimeType: 'image/svg+xml', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="parent.__pwned=1"><script>parent.__pwned=1</script></svg>').toString('base64') },
      { type: 'image', mimeType: p(0), data: p(1) },
      { type: 'audio', mimeType: p(2), data: p(3) },
      { type: 'resource_link', uri: p(3), name: p(0), title: p(1), mimeType: p(2), description: p(4) },
      { type: 'resource', resource: { uri: p(3), mimeType: p(0), text: p(2) } },
      { type: p(0), [p(1)]: p(2) },
    ],
    structuredContent: { [p(0)]: p(1), list: [p(2), { [p(3)]: p(5) }] },
  },
};
const hostileFailure: CallRecord = {
  ...hostileCall,
  id: 'call-y',
  state: 'failed',
  result: undefined,
  rpcError: { code: -32000, message: p(0), data: { html: p(1), nested: [p(2)] } },
  problem: { summary: p(1), advice: p(2), http: { status: 500, statusText: p(0), contentType: p(1), bodyStart: p(2) } },
};

describe('everything a server sends is text', () => {
  test('names, descriptions, server info, instructions, results and errors full of markup inject nothing and run nothing', async () => {
    const host = await openPanel(snapshotOf([hostileServer], [hostileCall]), undefined, {
      uiState: { version: 1, serverId: 'evil', tool: p(0), drafts: {} },
    });
    const { page } = host;
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const app = page.locator('#app');
    await app.getByRole('heading', { name: 'The tool reported an error' }).waitFor();
    await app.locator('details.instructions summary').click();

    // The text is all there, literally.
    const shown = await app.innerText();
    for (const payload of PAYLOADS) assert.ok(shown.includes(payload), `not shown as text: ${payload}`);
    await app.locator('.server-facts').getByText(p(2)).first().waitFor();
    await app.locator('pre.text-block').first().getByText('<script>window.__pwned', { exact: false }).waitFor();

    // Clicking what looks like a link goes nowhere, and javascript: is not even offered for opening.
    await app.locator('.block-resource-link').getByText(p(3)).click();
    assert.equal(await app.locator('.block-resource-link').getByRole('button', { name: 'Open link' }).count(), 0);

    // A failed call and an update with the same payloads, then every kind of timeline event.
    await host.notify(CallUpdated, { call: hostileFailure });
    await app.getByRole('heading', { name: 'Failed' }).waitFor();
    await host.notify(ServersChanged, { servers: [{ ...hostileServer, toolsChanged: true, state: 'failed', problem: hostileFailure.problem }] });
    await host.notify(TimelineAppended, {
      events: [
        { seq: 1, time: T0, serverId: 'evil', kind: 'log', level: 'error', logger: p(0), data: { [p(1)]: p(2) } },
        { seq: 2, time: T0, serverId: 'evil', kind: 'protocolError', raw: p(1), reason: p(2) },
        { seq: 3, time: T0, serverId: 'evil', kind: 'notification', direction: 'received', method: p(0), params: { x: p(2) } },
      ],
    });
    await settle(page);
    await page.waitForTimeout(300);

    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, 'a payload ran');
    assert.deepEqual(dialogs, [], 'a payload opened a dialog');
    const injected = await page.evaluate(() => ({
      scripts: document.querySelectorAll('#app script').length,
      svgs: document.querySelectorAll('#app svg').length,
      iframes: document.querySelectorAll('iframe').length,
      anchors: document.querySelectorAll('#app a').length,
      handlers: [...document.querySelectorAll('#app *')].filter((element) => [...element.attributes].some((attribute) => /^on/i.test(attribute.name))).length,
      foreignImages: [...document.querySelectorAll('#app img')].map((img) => img.getAttribute('src') ?? '').filter((src) => !src.startsWith('data:image/')),
    }));
    assert.deepEqual(injected, { scripts: 0, svgs: 0, iframes: 0, anchors: 0, handlers: 0, foreignImages: [] }, 'markup was injected');
    assert.equal(page.url().startsWith('http://127.0.0.1'), true, 'the page navigated away');
    assertNoPageErrors(host);
  });
});
