// Answering the server through the inspector: sampling, elicitation (form and URL) and roots
// against the real server-everything, the MRTR path against a 2026-07-28 server, the timeout that
// refuses for the user, withdrawn requests, and the Ping button's round trip.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { Inspector } from '../../src/inspector/inspector';
import type { SettledServerRequest, TimelineEvent } from '../../src/shared/model';
import { initialDraft } from '../../src/shared/schemaForm/draft';
import { describeRoot } from '../../src/shared/schemaForm/fieldSpec';
import { readForm } from '../../src/shared/schemaForm/formValue';
import { rootAt } from '../../src/shared/schemaForm/resolve';
import { clientInfo } from '../fixtures/clientHarness';
import { inspectorOnSdkServer, useInspectorOnEverything } from '../fixtures/connectedInspector';
import { callEnded, nextPending } from '../fixtures/inspectorWaits';
import { textOf } from '../fixtures/toolResults';

const limit = { timeout: 20_000 };

/** Resolves with how the next pending request ended. */
function nextSettled(inspector: Inspector): Promise<SettledServerRequest> {
  return new Promise((resolve) => {
    const remove = inspector.pendingRequests.settled.add((settled) => {
      remove();
      resolve(settled);
    });
  });
}

/** The server request and the answer that went back, as the timeline shows them. */
function exchangeOnTimeline(inspector: Inspector, method: string) {
  const events = inspector.timeline.recent();
  const request = events.findLast((event): event is Extract<TimelineEvent, { kind: 'serverRequest' }> => event.kind === 'serverRequest' && event.method === method);
  const response = events.findLast(
    (event): event is Extract<TimelineEvent, { kind: 'serverResponse' }> => event.kind === 'serverResponse' && event.requestId === request?.requestId,
  );
  return { request, response };
}

describe('answering server-everything from the inspector', () => {
  const everything = useInspectorOnEverything({
    prepare: (inspector) => inspector.setDefaultRoots([{ uri: 'file:///work/project', name: 'project' }]),
  });
  const { inspector } = everything;

  test('the server offers its sampling, elicitation and roots tools, because MCP Scope declares those capabilities', limit, () => {
    const names = inspector.servers()[0].tools.map((tool) => tool.name);
    for (const tool of ['trigger-sampling-request', 'trigger-elicitation-request', 'trigger-url-elicitation', 'get-roots-list']) {
      assert.ok(names.includes(tool), `${tool} missing from ${names.join(', ')}`);
    }
  });

  test('a sampling request waits for the user; the reply the user wrote reaches the tool’s result and the timeline', limit, async () => {
    const pending = nextPending(inspector);
    const callId = inspector.runTool('everything', 'trigger-sampling-request', { prompt: 'What is the capital of France?', maxTokens: 50 });
    const request = await pending;
    assert.equal(request.method, 'sampling/createMessage');
    assert.equal(request.serverId, 'everything');
    assert.equal(request.params.systemPrompt, 'You are a helpful test server.');
    assert.equal(request.params.maxTokens, 50);
    assert.match(JSON.stringify(request.params.messages), /What is the capital of France\?/);
    assert.ok(request.deadline - request.receivedAt >= 299_000, 'the default timeout is 300 s');
    assert.deepEqual(inspector.snapshot().pendingRequests, [request]);
    assert.equal(inspector.snapshot().calls.find((call) => call.id === callId)?.state, 'running', 'nothing goes back before the user answers');

    const reply = { role: 'assistant', content: { type: 'text', text: 'Paris, of course.' }, model: 'a-person', stopReason: 'endTurn' };
    const settled = nextSettled(inspector);
    inspector.answerServerRequest(request.id, { result: reply });
    assert.deepEqual(await settled, { id: request.id, serverId: 'everything', method: 'sampling/createMessage', reason: 'Answered.', answered: true });
    assert.deepEqual(inspector.snapshot().pendingRequests, []);

    const call = await callEnded(inspector, callId);
    assert.equal(call.state, 'succeeded', JSON.stringify(call.problem));
    assert.match(textOf(call.result), /Paris, of course\./);
    assert.match(textOf(call.result), /"model": "a-person"/);
    const { request: asked, response } = exchangeOnTimeline(inspector, 'sampling/createMessage');
    assert.ok(asked, 'the server request is on the timeline');
    assert.deepEqual(response?.result, reply, 'the timeline shows the answer that went back');
  });

  test('declining a sampling request sends the spec’s "user rejected" error (-1)', limit, async () => {
    const pending = nextPending(inspector);
    const callId = inspector.runTool('everything', 'trigger-sampling-request', { prompt: 'no', maxTokens: 10 });
    inspector.answerServerRequest((await pending).id, { refuse: true });
    const call = await callEnded(inspector, callId);
    assert.match(JSON.stringify(call), /declined the sampling request/);
    assert.deepEqual(exchangeOnTimeline(inspector, 'sampling/createMessage').response?.error, { code: -1, message: 'The user declined the sampling request.' });
  });

  test('an answer that does not fit is refused with a reason, and the request keeps waiting', limit, async () => {
    const pending = nextPending(inspector);
    const callId = inspector.runTool('everything', 'trigger-sampling-request', { prompt: 'again', maxTokens: 10 });
    const request = await pending;
    assert.throws(
      () => inspector.answerServerRequest(request.id, { result: { role: 'robot', content: { type: 'text', text: 'x' }, model: '' } }),
      /That answer to sampling\/createMessage does not have the shape MCP requires, so it was not sent: role: .*model: /,
    );
    assert.equal(inspector.snapshot().pendingRequests?.length, 1);
    inspector.answerServerRequest(request.id, { result: { role: 'assistant', content: { type: 'text', text: 'fine' }, model: 'm' } });
    assert.equal((await callEnded(inspector, callId)).state, 'succeeded');
    assert.throws(() => inspector.answerServerRequest(request.id, { refuse: true }), /no longer waiting for an answer/);
  });

  test('an elicitation form accepted with its defaults returns them to the tool', limit, async () => {
    const pending = nextPending(inspector);
    const callId = inspector.runTool('everything', 'trigger-elicitation-request', {});
    const request = await pending;
    assert.equal(request.method, 'elicitation/create');
    assert.equal(request.params.message, 'Please provide inputs for the following fields:');

    // What the panel's form holds when it opens: the schema's defaults; the user types only the required name.
    const spec = describeRoot(rootAt(request.params.requestedSchema as Record<string, unknown>), 'Requested information');
    const opened = readForm(spec, initialDraft(spec, true));
    assert.deepEqual(Object.keys(opened.errors), ['/name'], 'only the name, required and without a default, keeps the form from being sent');
    const content = { ...(opened.value as Record<string, unknown>), name: 'Ada Lovelace' };
    inspector.answerServerRequest(request.id, { result: { action: 'accept', content } });

    const call = await callEnded(inspector, callId);
    const text = textOf(call.result);
    assert.match(text, /User provided the requested information/);
    assert.match(text, /- Name: Ada Lovelace/);
    assert.match(text, /- Favorite Integer: 42/);
    assert.match(text, /- Favorite Number: 3.14/);
    assert.match(text, /"firstLine": "It was a dark and stormy night\."/);
    assert.match(text, /"untitledMultipleSelectEnum": \[\s*"Guitar"\s*\]/);
    assert.deepEqual(exchangeOnTimeline(inspector, 'elicitation/create').response?.result, { action: 'accept', content });
  });

  test('a URL elicitation shows its URL; accepting tells the server the user went there', limit, async () => {
    const pending = nextPending(inspector);
    const callId = inspector.runTool('everything', 'trigger-url-elicitation', { url: 'https://example.com/connect?x=1', message: 'Connect your account.' });
    const request = await pending;
    assert.equal(request.params.mode, 'url');
    assert.equal(request.params.url, 'https://example.com/connect?x=1');
    assert.equal(request.params.message, 'Connect your account.');
    inspector.answerServerRequest(request.id, { result: { action: 'accept' } });
    assert.match(textOf((await callEnded(inspector, callId)).result), /User completed the URL elicitation flow/);

    const declined = nextPending(inspector);
    const second = inspector.runTool('everything', 'trigger-url-elicitation', { url: 'https://example.com/other' });
    inspector.answerServerRequest((await declined).id, { result: { action: 'decline' } });
    assert.match(textOf((await callEnded(inspector, second)).result), /User declined to open the URL/);
  });

  test('roots/list gets the workspace folders, then the roots edited for the server, who is told they changed', limit, async () => {
    const first = await callEnded(inspector, inspector.runTool('everything', 'get-roots-list', {}));
    assert.match(textOf(first.result), /Current MCP Roots \(1 total\)[\s\S]*project\s+URI: file:\/\/\/work\/project/);
    assert.deepEqual(inspector.servers()[0].roots, [{ uri: 'file:///work/project', name: 'project' }]);

    await inspector.setRoots('everything', [
      { uri: 'file:///work/project', name: 'project' },
      { uri: 'file:///tmp/scratch', name: 'scratch' },
    ]);
    assert.equal(inspector.servers()[0].rootsEdited, true);
    assert.ok(
      inspector.timeline.recent().some((event) => event.kind === 'notification' && event.direction === 'sent' && event.method === 'notifications/roots/list_changed'),
    );
    // The server asks for the roots again when told; its tool shows what it knows.
    let text = '';
    for (let i = 0; i < 40 && !/scratch/.test(text); i++) {
      text = textOf((await callEnded(inspector, inspector.runTool('everything', 'get-roots-list', {}))).result);
      if (!/scratch/.test(text)) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.match(text, /Current MCP Roots \(2 total\)[\s\S]*URI: file:\/\/\/tmp\/scratch/);

    await inspector.setRoots('everything', null);
    assert.equal(inspector.servers()[0].rootsEdited, undefined);
    assert.deepEqual(inspector.servers()[0].roots, [{ uri: 'file:///work/project', name: 'project' }]);
  });

  test('the roots set for a server are kept for the next session of MCP Scope, where the server gets them; what was stored wrongly is ignored', limit, async () => {
    let stored: unknown = { everything: [{ uri: 'https://not-a-root.example' }], other: 'not a list' };
    const storage = { load: () => stored, save: (roots: unknown) => (stored = roots) };
    const config = { servers: [{ name: 'everything', transport: 'http' as const, url: everything.url }], requestTimeoutMs: 10_000 };
    const first = new Inspector({ clientInfo, rootsStorage: storage });
    first.configure(config);
    assert.equal(first.servers()[0].rootsEdited, undefined, 'a stored root that is not a file:// URI is not used');

    const kept = [{ uri: 'file:///tmp/kept', name: 'kept' }];
    await first.setRoots('everything', kept);
    assert.deepEqual(stored, { everything: kept });
    await first.dispose();

    const next = new Inspector({ clientInfo, rootsStorage: storage });
    after(() => next.dispose());
    next.configure(config);
    assert.deepEqual(next.servers()[0].roots, kept);
    assert.equal(next.servers()[0].rootsEdited, true);
    await next.connect('everything');
    const listed = await callEnded(next, next.runTool('everything', 'get-roots-list', {}));
    assert.match(textOf(listed.result), /Current MCP Roots \(1 total\)[\s\S]*URI: file:\/\/\/tmp\/kept/);

    await next.setRoots('everything', null);
    assert.deepEqual(stored, {});
  });

  test('ping measures the round trip, and the ping shows on the timeline', limit, async () => {
    const roundTripMs = await inspector.ping('everything');
    assert.ok(roundTripMs >= 0 && roundTripMs < 5000, String(roundTripMs));
    const events = inspector.timeline.recent().filter((event) => event.kind === 'request' || event.kind === 'response');
    assert.deepEqual(
      events.slice(-2).map((event) => `${event.kind} ${'method' in event ? event.method : ''}`),
      ['request ping', 'response ping'],
    );
  });

  test('a pending request whose session ends leaves the panel, saying so', limit, async () => {
    const pending = nextPending(inspector);
    const callId = inspector.runTool('everything', 'trigger-sampling-request', { prompt: 'later', maxTokens: 10 });
    const request = await pending;
    const settled = nextSettled(inspector);
    const ended = callEnded(inspector, callId);
    await inspector.disconnect('everything');
    assert.deepEqual(await settled, {
      id: request.id,
      serverId: 'everything',
      method: 'sampling/createMessage',
      reason: 'The session ended before the request was answered.',
      answered: false,
    });
    assert.deepEqual(inspector.snapshot().pendingRequests, []);
    assert.equal((await ended).state, 'failed');
  });
});

describe('the timeout answers for the user', () => {
  const everything = useInspectorOnEverything({ serverRequestTimeoutMs: 1000 });
  const { inspector } = everything;

  test('an unanswered sampling request is refused after the timeout', limit, async () => {
    const settled = nextSettled(inspector);
    const callId = inspector.runTool('everything', 'trigger-sampling-request', { prompt: 'anyone?', maxTokens: 10 });
    assert.equal((await settled).reason, 'No answer within 1 s: refused for you.');
    const call = await callEnded(inspector, callId);
    assert.match(JSON.stringify(call), /did not answer the sampling request within 1 s/);
    assert.deepEqual(exchangeOnTimeline(inspector, 'sampling/createMessage').response?.error?.code, -1);
  });

  test('an unanswered elicitation is cancelled after the timeout', limit, async () => {
    const settled = nextSettled(inspector);
    const callId = inspector.runTool('everything', 'trigger-elicitation-request', {});
    assert.equal((await settled).reason, 'No answer within 1 s: cancelled for you.');
    assert.match(textOf((await callEnded(inspector, callId)).result), /User cancelled the elicitation dialog/);
  });

  test('a user who takes longer than the request timeout still gets the call’s result: waiting for them is not the server hanging', limit, async () => {
    const slow = new Inspector({ clientInfo });
    try {
      slow.configure({ servers: [{ name: 'everything', transport: 'http', url: everything.url }], requestTimeoutMs: 1000 });
      await slow.connect('everything');
      const pending = nextPending(slow);
      const callId = slow.runTool('everything', 'trigger-sampling-request', { prompt: 'take your time', maxTokens: 10 });
      const request = await pending;
      await new Promise((resolve) => setTimeout(resolve, 2500));
      slow.answerServerRequest(request.id, { result: { role: 'assistant', content: { type: 'text', text: 'done thinking' }, model: 'm' } });
      const call = await callEnded(slow, callId);
      assert.equal(call.state, 'succeeded', JSON.stringify(call.problem));
      assert.match(textOf(call.result), /done thinking/);
    } finally {
      await slow.dispose();
    }
  });
});

describe('a 2026-07-28 server asks with input_required (MRTR)', () => {
  test('the elicitation waits in the panel; the answer goes into the retried call, which completes', limit, async (t) => {
    const { inspector } = await inspectorOnSdkServer(t);
    assert.equal(inspector.servers()[0].era, 'stateless');

    const pending = nextPending(inspector);
    const callId = inspector.runTool('modern', 'greet', {});
    const request = await pending;
    assert.equal(request.method, 'elicitation/create');
    assert.equal(request.requestId, 'name');
    assert.equal(request.params.message, 'Who is there?');
    inspector.answerServerRequest(request.id, { result: { action: 'accept', content: { name: 'Ada' } } });
    const call = await callEnded(inspector, callId);
    assert.equal(call.state, 'succeeded', JSON.stringify(call.problem));
    assert.equal(textOf(call.result), 'hello Ada');
    assert.deepEqual(exchangeOnTimeline(inspector, 'elicitation/create').response?.result, { action: 'accept', content: { name: 'Ada' } });

    // Cancelling the call takes its question out of the panel.
    const again = nextPending(inspector);
    const cancelled = inspector.runTool('modern', 'greet', {});
    const second = await again;
    const settled = nextSettled(inspector);
    inspector.cancelCall(cancelled);
    assert.deepEqual(await settled, { id: second.id, serverId: 'modern', method: 'elicitation/create', reason: 'The call that asked for it was cancelled.', answered: false });
    assert.equal((await callEnded(inspector, cancelled)).state, 'cancelled');
  });
});
