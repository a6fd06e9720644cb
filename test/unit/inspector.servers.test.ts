// What the panel's server bar, tool list and results need from the inspector: capabilities and
// instructions, reconnect, cancel, JSON-RPC errors, and the tools/list_changed mark, against the
// real server-everything and, for list changes, a fixture server of our own.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Inspector } from '../../src/inspector/inspector';
import { mcpHandler, openSse, result, sendJson, sseEvent, startFaultyServer, textResult, tool } from '../fixtures/faultyServer';
import { waitForCall, waitForServer } from '../fixtures/inspectorWaits';
import { type RunningServer, startServerEverything } from '../fixtures/realServers';
import { clientInfo } from '../fixtures/clientHarness';

/** No test may hang the suite: a call that never settles fails its test instead. */
const limit = { timeout: 15_000 };

describe('Inspector for the panel, with server-everything', () => {
  let server: RunningServer;
  const inspector = new Inspector({ clientInfo });

  before(async () => {
    server = await startServerEverything();
    inspector.configure({ servers: [{ name: 'everything', transport: 'http', url: server.url }], requestTimeoutMs: 10_000 });
    await inspector.connect('everything');
  });

  after(async () => {
    await inspector.dispose();
    await server?.stop();
  });

  test('the summary carries the capabilities, instructions, title and tool details from the server', limit, () => {
    const [summary] = inspector.servers();
    assert.equal(summary.state, 'connected');
    assert.equal(summary.serverInfo?.title, 'Everything Reference Server');
    assert.deepEqual(summary.capabilities?.tools, { listChanged: true });
    assert.deepEqual(summary.capabilities?.logging, {});
    assert.ok(summary.instructions && summary.instructions.length > 20, `instructions: ${summary.instructions}`);
    assert.equal(summary.toolsChanged, undefined);

    const echo = summary.tools.find((t) => t.name === 'echo');
    assert.deepEqual(echo?.annotations, { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false });
    const structured = summary.tools.find((t) => t.name === 'get-structured-content');
    assert.equal(structured?.outputSchema?.type, 'object');
    // The summary crosses the bridge: it must survive JSON.
    assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
  });

  test('reconnect() ends the session and starts a new one', limit, async () => {
    const before = inspector.servers()[0].sessionId;
    const states: string[] = [];
    const remove = inspector.serversChanged.add((servers) => states.push(servers[0].state));
    await inspector.reconnect('everything');
    remove();
    const [summary] = inspector.servers();
    assert.equal(summary.state, 'connected');
    assert.ok(summary.sessionId);
    assert.notEqual(summary.sessionId, before, 'the session id is new');
    assert.deepEqual(states, ['closed', 'connecting', 'connected']);
  });

  test('cancelCall() stops a running call: it ends cancelled and the server is told', limit, async () => {
    const started = waitForCall(inspector, (call) => call.state === 'running' && call.progress !== undefined);
    const ended = waitForCall(inspector, (call) => call.state !== 'running');
    const callId = inspector.runTool('everything', 'trigger-long-running-operation', { duration: 10, steps: 10 });
    await started;
    inspector.cancelCall(callId);
    const call = await ended;
    assert.equal(call.id, callId);
    assert.equal(call.state, 'cancelled');
    assert.match(call.problem?.summary ?? '', /cancelled/);
    assert.ok(call.endedAt! - call.startedAt < 5000, 'it ended long before the 10 s operation would have');

    const request = inspector.timeline.recent().find((e) => e.kind === 'request' && e.callId === callId);
    assert.ok(request && request.kind === 'request');
    const cancelled = inspector.timeline
      .recent()
      .find((e) => e.kind === 'notification' && e.method === 'notifications/cancelled' && e.direction === 'sent');
    assert.ok(cancelled && cancelled.kind === 'notification', 'notifications/cancelled is on the timeline');
    assert.equal((cancelled.params as { requestId: unknown }).requestId, request.requestId);

    // Cancelling a call that has ended changes nothing.
    inspector.cancelCall(callId);
    assert.equal(inspector.snapshot().calls.find((c) => c.id === callId)?.state, 'cancelled');
  });

  test('an unknown tool comes back as a result marked isError, not as a failed call', limit, async () => {
    const ended = waitForCall(inspector, (call) => call.state !== 'running');
    inspector.runTool('everything', 'no-such-tool', {});
    const call = await ended;
    assert.equal(call.state, 'succeeded');
    assert.equal(call.result?.isError, true);
    assert.match(String(call.result?.content[0]?.text), /no-such-tool/);
  });
});

describe('Inspector for the panel, with a server whose tools change', () => {
  test('tools/list_changed marks the server, the tools are listed again by themselves, and the mark clears', limit, async (t) => {
    let tools = [tool('alpha')];
    const fixture = await startFaultyServer(
      mcpHandler({
        methods: {
          'tools/list': (message, res) => sendJson(res, result(message.id, { tools })),
          // Adding a tool answers on an SSE stream that first says the list changed.
          'tools/call': (message, res) => {
            tools = [...tools, { ...tool('beta'), icons: [{ src: 'data:image/png;base64,AAAA', mimeType: 'image/png' }, { nope: 1 }] } as never];
            openSse(res);
            sseEvent(res, { jsonrpc: '2.0', method: 'notifications/tools/list_changed' });
            sseEvent(res, result(message.id, textResult('added beta')));
            res.end();
          },
        },
      }),
    );
    const inspector = new Inspector({ clientInfo });
    t.after(async () => {
      await inspector.dispose();
      await fixture.stop();
    });
    inspector.configure({ servers: [{ name: 'changing', transport: 'http', url: fixture.url }], requestTimeoutMs: 5000 });
    await inspector.connect('changing');
    assert.deepEqual(inspector.servers()[0].tools.map((x) => x.name), ['alpha']);

    const marked = waitForServer(inspector, (s) => s.toolsChanged === true);
    const relisted = waitForServer(inspector, (s) => s.tools.length === 2);
    inspector.runTool('changing', 'alpha', {});
    assert.deepEqual((await marked).tools.map((x) => x.name), ['alpha'], 'marked while the old list is still shown');
    const [after] = [await relisted];
    assert.equal(after.toolsChanged, undefined);
    assert.deepEqual(after.tools.map((x) => x.name), ['alpha', 'beta']);
    assert.deepEqual(after.tools[1].icons, [{ src: 'data:image/png;base64,AAAA', mimeType: 'image/png' }], 'an icon without src is left out');
    assert.equal(fixture.posted('tools/list').length, 2);
    const diff = inspector.timeline.recent().find((event) => event.kind === 'toolsChanged');
    assert.ok(diff && diff.kind === 'toolsChanged' && /beta/.test(diff.text), 'the timeline tells what changed');

    // Listing again by hand works too.
    await inspector.listTools('changing');
    assert.equal(fixture.posted('tools/list').length, 3);
  });

  test('a call answered with a JSON-RPC error fails with the error’s code, message and data', limit, async (t) => {
    const fixture = await startFaultyServer(
      mcpHandler({
        methods: {
          'tools/list': (message, res) => sendJson(res, result(message.id, { tools: [tool('strict')] })),
          'tools/call': (message, res) =>
            sendJson(res, { jsonrpc: '2.0', id: message.id, error: { code: -32602, message: 'Invalid params', data: { field: 'x' } } }),
        },
      }),
    );
    const inspector = new Inspector({ clientInfo });
    t.after(async () => {
      await inspector.dispose();
      await fixture.stop();
    });
    inspector.configure({ servers: [{ name: 'strict', transport: 'http', url: fixture.url }], requestTimeoutMs: 5000 });
    await inspector.connect('strict');
    const ended = waitForCall(inspector, (call) => call.state !== 'running');
    inspector.runTool('strict', 'strict', {});
    const call = await ended;
    assert.equal(call.state, 'failed');
    assert.deepEqual(call.rpcError, { code: -32602, message: 'Invalid params', data: { field: 'x' } });
    assert.match(call.problem?.summary ?? '', /error -32602: Invalid params/);
  });

  test('listTools() on a server that is not connected says so', limit, async () => {
    const inspector = new Inspector({ clientInfo });
    inspector.configure({ servers: [{ name: 'idle', transport: 'http', url: 'http://127.0.0.1:9/mcp' }], requestTimeoutMs: 1000 });
    await assert.rejects(inspector.listTools('idle'), /Cannot list the tools of idle: it is not connected/);
  });
});
