// Answering the server in the panel, in real Chromium against a fake host: the sampling reply, the
// elicitation form (defaults applied) and URL mode (never opened without a click), requests that
// go away, the roots editor and the Ping button. Everything a server sends shows as text.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { AnswerServerRequest, OpenLink, PingServer, ServerRequestPending, ServerRequestSettled, SetRoots, TimelineAppended } from '../../src/shared/bridge';
import type { PendingServerRequest } from '../../src/shared/model';
import { eventually } from './fakeHost';
import { assertNoPageErrors, connectedServer, PNG_1X1, RESULTS, settle, snapshotOf, usePanels } from './panelFixture';

const openPanel = usePanels();

/** Server-controlled text that would run or draw something if it reached the DOM as HTML. */
const XSS = '<img src=x onerror="window.__pwned=1"><b>bold</b>';

const NOW = Date.now();

/** A valid WAV of one silent sample, as a server would send audio. */
function tinyWav(): string {
  const wav = Buffer.alloc(46);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(38, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(16000, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(2, 40);
  return wav.toString('base64');
}

const sampling: PendingServerRequest = {
  id: 'request-1',
  serverId: 'calc',
  method: 'sampling/createMessage',
  requestId: 7,
  receivedAt: NOW,
  deadline: NOW + 300_000,
  params: {
    messages: [
      { role: 'user', content: { type: 'text', text: `What is in this picture? ${XSS}` } },
      { role: 'assistant', content: [{ type: 'image', mimeType: 'image/png', data: PNG_1X1 }] },
      { role: 'user', content: { type: 'audio', mimeType: 'audio/wav', data: tinyWav() } },
    ],
    systemPrompt: `You are terse. ${XSS}`,
    maxTokens: 100,
    temperature: 0.7,
    modelPreferences: { hints: [{ name: 'claude-sonnet' }], speedPriority: 0.8 },
  },
};

const elicitation: PendingServerRequest = {
  id: 'request-2',
  serverId: 'calc',
  method: 'elicitation/create',
  requestId: 8,
  receivedAt: NOW,
  deadline: NOW + 300_000,
  params: {
    message: `Tell us about you ${XSS}`,
    requestedSchema: {
      type: 'object',
      properties: {
        name: { type: 'string', title: `Name ${XSS}` },
        count: { type: 'integer', title: 'Count', default: 42 },
        color: { type: 'string', title: 'Color', enum: ['red', 'green'], default: 'green' },
        agree: { type: 'boolean', title: 'Agree', default: true },
      },
      required: ['name'],
    },
  },
};

const urlElicitation: PendingServerRequest = {
  id: 'request-3',
  serverId: 'calc',
  method: 'elicitation/create',
  requestId: 9,
  receivedAt: NOW,
  deadline: NOW + 300_000,
  params: { mode: 'url', message: `Connect your account ${XSS}`, url: 'https://auth.example.com/connect?id=1&x=<b>', elicitationId: 'e-1' },
};

function requestCard(page: Page, title: RegExp): Locator {
  return page.getByRole('region', { name: 'Server requests' }).getByRole('article', { name: title });
}

async function assertNotInjected(page: Page): Promise<void> {
  await settle(page);
  assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, 'server text ran as HTML');
  assert.equal(await page.locator('.server-requests b, .server-requests img[src="x"]').count(), 0, 'server text became elements');
}

describe('a sampling request', () => {
  test('shows the conversation, system prompt and preferences as text; the reply the user writes is what is sent', async () => {
    const host = await openPanel(snapshotOf([connectedServer([])], [], []), (host) => host.answer(AnswerServerRequest, null));
    await host.notify(ServerRequestPending, { request: sampling });
    const { page } = host;
    const card = requestCard(page, /calc asks for a sampling reply/);
    await card.waitFor();

    await card.getByText(`What is in this picture? ${XSS}`).waitFor();
    await card.getByText(`You are terse. ${XSS}`).waitFor();
    assert.deepEqual(await card.locator('.sampling-role').allInnerTexts(), ['user', 'assistant', 'user']);
    assert.ok(await card.locator('img.image-block').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1), 'the image is drawn');
    await card.getByRole('img', { name: /^Image in the message, image\/png, \d+ bytes$/ }).waitFor();
    assert.equal(await card.locator('audio').count(), 1);
    assert.match(await card.locator('audio').getAttribute('aria-label') ?? '', /^Audio in the message, audio\/wav, \d+ bytes$/);
    assert.equal(await card.getByText(/from the tool/).count(), 0, 'nothing in a sampling request says it came from a tool');
    const facts = await card.locator('.sampling-facts').innerText();
    assert.match(facts, /Max tokens\s+100/);
    assert.match(facts, /Temperature\s+0\.7/);
    assert.match(facts, /Model preferences\s+hints: claude-sonnet · speed 0\.8/);
    assert.match(await card.getByRole('timer', { name: 'Time left to answer' }).innerText(), /Refused for you in [45]:\d\d/);
    await assertNotInjected(page);
    await page.screenshot({ path: join(RESULTS, 'sampling-request.png') });

    // Nothing goes back before the user acts; an empty reply is held back with a reason.
    await card.getByRole('button', { name: 'Send reply' }).click();
    await card.getByRole('alert').filter({ hasText: 'Not sent: Write the reply first.' }).waitFor();
    await settle(page);
    assert.equal(host.requests(AnswerServerRequest.method).length, 0);

    assert.equal(await card.getByLabel('Model').inputValue(), 'claude-sonnet', 'the first model hint is the model by default');
    await card.getByLabel('Reply text').fill('A cat on a mat.');
    await card.getByLabel('Model').fill('human-in-the-loop');
    await card.getByLabel('Stop reason').selectOption('maxTokens');
    await card.getByRole('button', { name: 'Send reply' }).click();
    const [sent] = await host.waitForMessages(AnswerServerRequest.method);
    assert.deepEqual(sent.params, {
      pendingId: 'request-1',
      answer: { result: { role: 'assistant', content: { type: 'text', text: 'A cat on a mat.' }, model: 'human-in-the-loop', stopReason: 'maxTokens' } },
    });

    await host.notify(ServerRequestSettled, { settled: { id: 'request-1', serverId: 'calc', method: 'sampling/createMessage', reason: 'Answered.', answered: true } });
    await card.waitFor({ state: 'detached' });
    assertNoPageErrors(host);
  });

  test('Decline refuses it; a refusal of the host shows in the card', async () => {
    const host = await openPanel({ ...snapshotOf([connectedServer([])]), pendingRequests: [sampling] }, (host) =>
      host.answer(AnswerServerRequest, () => {
        throw new Error('That server request is no longer waiting for an answer.');
      }),
    );
    const card = requestCard(host.page, /calc asks for a sampling reply/);
    await card.getByRole('button', { name: 'Decline' }).click();
    const [sent] = await host.waitForMessages(AnswerServerRequest.method);
    assert.deepEqual(sent.params, { pendingId: 'request-1', answer: { refuse: true } });
    await card.getByRole('alert').filter({ hasText: 'Not sent: That server request is no longer waiting for an answer.' }).waitFor();
    assertNoPageErrors(host);
  });
});

describe('an elicitation', () => {
  test('form mode opens with the schema’s defaults; Accept sends them with what the user typed', async () => {
    const host = await openPanel({ ...snapshotOf([connectedServer([])]), pendingRequests: [elicitation] }, (host) => host.answer(AnswerServerRequest, null));
    const { page } = host;
    const card = requestCard(page, /calc asks for information/);
    await card.getByText(`Tell us about you ${XSS}`).waitFor();
    await card.getByText(`Name ${XSS}`).waitFor();
    assert.equal(await card.getByLabel('Count').inputValue(), '42');
    assert.equal(await card.getByLabel('Color').locator('option:checked').innerText(), 'green');
    assert.equal(await card.getByLabel('Agree').isChecked(), true);
    await assertNotInjected(page);

    await card.getByRole('button', { name: 'Accept' }).click();
    await card.getByRole('alert').filter({ hasText: /Not sent until this is fixed/ }).waitFor();
    await settle(page);
    assert.equal(host.requests(AnswerServerRequest.method).length, 0, 'a required field without a value holds the answer back');

    await card.getByLabel(`Name ${XSS}`).fill('Ada');
    await page.screenshot({ path: join(RESULTS, 'elicitation-request.png') });
    await card.getByRole('button', { name: 'Accept' }).click();
    const [sent] = await host.waitForMessages(AnswerServerRequest.method);
    assert.deepEqual(sent.params, { pendingId: 'request-2', answer: { result: { action: 'accept', content: { name: 'Ada', count: 42, color: 'green', agree: true } } } });
    assertNoPageErrors(host);
  });

  test('a request the server runs as a task says so, with the task’s id; one that is not a task does not', async () => {
    const asTask: PendingServerRequest = { ...elicitation, id: 'request-4', requestId: 10, taskId: 'task-7f3a' };
    const host = await openPanel({ ...snapshotOf([connectedServer([])]), pendingRequests: [elicitation, asTask] });
    const cards = requestCard(host.page, /calc asks for information/);
    await cards.nth(1).waitFor();
    const [plain, task] = await cards.all();
    await task.getByText('Runs as task task-7f3a: calc already has the task and fetches your answer with tasks/result.').waitFor();
    assert.equal(await plain.getByText(/Runs as task/).count(), 0);
    assertNoPageErrors(host);
  });

  test('Decline and Cancel send those actions', async () => {
    const host = await openPanel({ ...snapshotOf([connectedServer([])]), pendingRequests: [elicitation, urlElicitation] }, (host) =>
      host.answer(AnswerServerRequest, null),
    );
    const [form, url] = [requestCard(host.page, /calc asks for information/).first(), requestCard(host.page, /calc asks for information/).last()];
    await form.getByRole('button', { name: 'Decline' }).click();
    await url.getByRole('button', { name: 'Cancel' }).click();
    const sent = await host.waitForMessages(AnswerServerRequest.method, 2);
    assert.deepEqual(
      sent.map((message) => message.params),
      [
        { pendingId: 'request-2', answer: { result: { action: 'decline' } } },
        { pendingId: 'request-3', answer: { result: { action: 'cancel' } } },
      ],
    );
    assertNoPageErrors(host);
  });

  test('URL mode shows the whole URL and its site, and opens it only when the user clicks', async () => {
    const host = await openPanel({ ...snapshotOf([connectedServer([])]), pendingRequests: [urlElicitation] }, (host) => host.answer(AnswerServerRequest, null));
    const { page } = host;
    const card = requestCard(page, /calc asks for information/);
    await card.getByText(`Connect your account ${XSS}`).waitFor();
    assert.equal(await card.locator('.url-site').innerText(), 'auth.example.com');
    assert.equal(await card.locator('.url-full').innerText(), 'https://auth.example.com/connect?id=1&x=<b>');
    assert.equal(await card.locator('a').count(), 0, 'the URL is not a link');
    await assertNotInjected(page);
    assert.equal(host.commands(OpenLink.method).length, 0, 'nothing is opened without a click');

    await card.getByRole('button', { name: 'Open in browser' }).click();
    const [opened] = await host.waitForMessages(OpenLink.method);
    assert.deepEqual(opened.params, { uri: 'https://auth.example.com/connect?id=1&x=<b>' });
    await card.getByRole('button', { name: 'Accept' }).click();
    const [sent] = await host.waitForMessages(AnswerServerRequest.method);
    assert.deepEqual(sent.params, { pendingId: 'request-3', answer: { result: { action: 'accept' } } });
    assertNoPageErrors(host);
  });

  test('a pending URL elicitation shows when the server says its interaction is complete', async () => {
    const host = await openPanel({ ...snapshotOf([connectedServer([])]), pendingRequests: [urlElicitation] });
    const card = requestCard(host.page, /calc asks for information/);
    await card.getByText(`Connect your account ${XSS}`).waitFor();
    assert.equal(await card.getByText(/says this interaction is complete/).count(), 0);
    await host.notify(TimelineAppended, {
      events: [
        { seq: 1, time: NOW, serverId: 'calc', kind: 'notification', direction: 'received', method: 'notifications/elicitation/complete', params: { elicitationId: 'e-1' } },
      ],
    });
    await card.getByRole('status').filter({ hasText: 'calc says this interaction is complete.' }).waitFor();
    await card.getByRole('button', { name: 'Accept' }).waitFor();
    assertNoPageErrors(host);
  });

  test('a URL that is not http(s) gets no Open button', async () => {
    const scripted = { ...urlElicitation, params: { ...urlElicitation.params, url: 'javascript:alert(1)' } };
    const host = await openPanel({ ...snapshotOf([connectedServer([])]), pendingRequests: [scripted] });
    const card = requestCard(host.page, /calc asks for information/);
    await card.getByText('MCP Scope opens only http and https links; this one can only be copied.').waitFor();
    assert.equal(await card.getByRole('button', { name: 'Open in browser' }).count(), 0);
    assertNoPageErrors(host);
  });
});

test('a request that goes away without the user’s answer leaves the panel, saying why', async () => {
  const host = await openPanel({ ...snapshotOf([connectedServer([])]), pendingRequests: [sampling] });
  const { page } = host;
  await requestCard(page, /calc asks for a sampling reply/).waitFor();
  await host.notify(ServerRequestSettled, {
    settled: { id: 'request-1', serverId: 'calc', method: 'sampling/createMessage', reason: 'No answer within 300 s: refused for you.', answered: false },
  });
  await requestCard(page, /calc asks for a sampling reply/).waitFor({ state: 'detached' });
  const note = page.getByRole('status').filter({ hasText: 'calc’s sampling/createMessage request went away without your answer: No answer within 300 s: refused for you.' });
  await note.waitFor();
  await note.getByRole('button', { name: 'Dismiss' }).click();
  await note.waitFor({ state: 'detached' });
  assertNoPageErrors(host);
});

describe('the server’s roots and ping', () => {
  const roots = [{ uri: 'file:///work/app', name: 'app' }];

  test('roots are listed, added and removed; each change goes to the host', async () => {
    const host = await openPanel(snapshotOf([connectedServer([], { roots })]), (host) => host.answer(SetRoots, null));
    const { page } = host;
    const item = page.locator('.server', { hasText: 'calc' });
    await item.getByText('Roots (1), the workspace folders').click();
    await item.getByRole('list', { name: 'Roots of calc' }).getByText('file:///work/app').waitFor();

    await item.getByLabel('Root URI').fill('/tmp/not-a-uri');
    await item.getByRole('button', { name: 'Add root' }).click();
    await item.getByRole('alert').filter({ hasText: 'A root is a file:// URI' }).waitFor();
    await item.getByLabel('Root URI').fill('file:///tmp/scratch');
    await item.getByLabel('Root name').fill('scratch');
    await item.getByRole('button', { name: 'Add root' }).click();
    await eventually(async () => assert.equal(await item.getByLabel('Root URI').inputValue(), ''));
    await item.getByRole('button', { name: 'Remove root app' }).click();
    const sent = await host.waitForMessages(SetRoots.method, 2);
    assert.deepEqual(
      sent.map((message) => message.params),
      [
        { serverId: 'calc', roots: [...roots, { uri: 'file:///tmp/scratch', name: 'scratch' }] },
        { serverId: 'calc', roots: [] },
      ],
    );
    assertNoPageErrors(host);
  });

  test('an edited server offers to go back to the workspace folders', async () => {
    const host = await openPanel(snapshotOf([connectedServer([], { roots, rootsEdited: true })]), (host) => host.answer(SetRoots, null));
    const item = host.page.locator('.server', { hasText: 'calc' });
    await item.getByText('Roots (1), edited').click();
    await item.getByRole('button', { name: 'Use the workspace folders' }).click();
    const [sent] = await host.waitForMessages(SetRoots.method);
    assert.deepEqual(sent.params, { serverId: 'calc', roots: null });
    assertNoPageErrors(host);
  });

  test('Ping shows the round trip', async () => {
    const host = await openPanel(snapshotOf([connectedServer([])]), (host) => host.answer(PingServer, { roundTripMs: 12.345 }));
    const item = host.page.locator('.server', { hasText: 'calc' });
    await item.getByRole('button', { name: 'Ping' }).click();
    await item.getByRole('status').filter({ hasText: '12.3 ms round trip' }).waitFor();
    assert.deepEqual((await host.waitForMessages(PingServer.method))[0].params, { serverId: 'calc' });
    assertNoPageErrors(host);
  });
});
