// The stateless era (2026-07-28) against a real server of that era: the v2 TypeScript SDK.

import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { type ClientEvent, McpClient, type McpClientOptions } from '../../src/mcp/client';
import { CancelledError } from '../../src/mcp/problems';
import { StreamableHttpTransport } from '../../src/mcp/transports/streamableHttp';
import { WireRecorder } from '../../src/mcp/wire';
import type { WireRecord } from '../../src/shared/model';
import { clientInfo, eventsOf, sleep } from '../fixtures/clientHarness';
import { type SdkServer, startSdkServer } from '../fixtures/sdkServer2026';

const limit = { timeout: 15_000 };

interface Connected {
  server: SdkServer;
  client: McpClient;
  events: ClientEvent[];
  wire: WireRecord[];
}

async function connect(t: TestContext, options: Partial<McpClientOptions> = {}): Promise<Connected> {
  const server = await startSdkServer();
  const events: ClientEvent[] = [];
  const wire: WireRecord[] = [];
  const transport = new StreamableHttpTransport({ url: server.url, recorder: new WireRecorder((record) => wire.push(record)) });
  const client = new McpClient(transport, { clientInfo, requestTimeoutMs: 5000, onEvent: (event) => events.push(event), ...options });
  t.after(async () => {
    await client.close();
    await server.stop();
  });
  await client.connect();
  return { server, client, events, wire };
}

/** The HTTP requests the client sent, with their parsed bodies. */
function sent(wire: WireRecord[]) {
  return wire
    .filter((r): r is Extract<WireRecord, { type: 'httpRequest' }> => r.type === 'httpRequest')
    .map((r) => ({ ...r, message: r.body ? (JSON.parse(r.body) as { id?: number; method?: string; params?: Record<string, unknown> }) : undefined }));
}

describe('a 2026-07-28 server (the v2 SDK)', () => {
  test('the client picks the stateless era by server/discover and says so; no session, no GET, no DELETE', limit, async (t) => {
    const { client, events, wire } = await connect(t);
    assert.equal(client.era, 'stateless');
    assert.equal(client.protocolVersion, '2026-07-28');
    assert.equal(client.server?.serverInfo.name, 'sdk-2026-fixture');
    assert.equal(client.sessionId, undefined);
    assert.match(eventsOf(events, 'note')[0]?.text ?? '', /Speaking protocol 2026-07-28 \(stateless, no session\): server\/discover answered for 2026-07-28; it supports 2026-07-28/);

    await client.callTool('echo', { text: 'hi' });
    await client.close();
    const requests = sent(wire);
    assert.deepEqual(
      requests.map((r) => `${r.method} ${r.message?.method ?? ''}`.trim()),
      ['POST server/discover', 'POST tools/list', 'POST tools/call'],
      'the tool list is read before the first call, for its x-mcp-header marks; nothing else goes out',
    );
    for (const request of requests) {
      assert.equal(request.headers['mcp-protocol-version'], '2026-07-28');
      assert.equal(request.headers['mcp-method'], request.message?.method);
      assert.equal(request.headers['mcp-session-id'], undefined);
      assert.deepEqual(request.message?.params?._meta, {
        'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientInfo': clientInfo,
        // MCP Scope follows tasks, and says so with the tasks extension.
        'io.modelcontextprotocol/clientCapabilities': { extensions: { 'io.modelcontextprotocol/tasks': {} } },
        ...(request.message?.method === 'tools/call' && { progressToken: request.message.id }),
      });
    }
    assert.equal(requests[2].headers['mcp-name'], 'echo');
  });

  test('a tool call gets its result, and its progress arrives as events', limit, async (t) => {
    const { client, events } = await connect(t);
    const reports: number[] = [];
    const result = await client.callTool('count', { steps: 3 }, { onProgress: (p) => reports.push(p.progress) });
    assert.deepEqual(result.content, [{ type: 'text', text: 'counted to 3' }]);
    assert.deepEqual(reports, [1, 2, 3]);
    assert.deepEqual(
      eventsOf(events, 'progress').map((e) => e.message),
      ['step 1', 'step 2', 'step 3'],
    );
  });

  test('log messages come only for requests that ask for them, at the level asked', limit, async (t) => {
    const { client, events, wire } = await connect(t);
    await client.callTool('chatty', {});
    assert.deepEqual(eventsOf(events, 'log'), [], 'no logLevel, no notifications/message');

    await client.callTool('chatty', {}, { logLevel: 'warning' });
    assert.deepEqual(eventsOf(events, 'log'), [{ type: 'log', level: 'warning', logger: 'chatty', data: 'something to note' }]);
    const last = sent(wire).at(-1);
    assert.equal((last?.message?.params?._meta as Record<string, unknown>)['io.modelcontextprotocol/logLevel'], 'warning');
  });

  test('the client option sets the log level of every request', limit, async (t) => {
    const { client, events } = await connect(t, { logLevel: 'debug' });
    await client.callTool('chatty', {});
    assert.deepEqual(
      eventsOf(events, 'log').map((e) => e.level),
      ['debug', 'warning'],
    );
  });

  test('input_required is answered by the elicitation handler and the call sent again with inputResponses', limit, async (t) => {
    const { client, events, wire } = await connect(t, {
      capabilities: { elicitation: {} },
      serverRequestHandlers: { 'elicitation/create': async () => ({ action: 'accept', content: { name: 'Ada' } }) },
    });
    const result = await client.callTool('greet', {});
    assert.deepEqual(result.content, [{ type: 'text', text: 'hello Ada' }]);

    const [asked] = eventsOf(events, 'serverRequest');
    assert.equal(asked.method, 'elicitation/create');
    assert.equal(asked.requestId, 'name');
    assert.equal((asked.params as { message: string }).message, 'Who is there?');
    assert.deepEqual(eventsOf(events, 'serverResponse')[0].result, { action: 'accept', content: { name: 'Ada' } });

    const calls = sent(wire).filter((r) => r.message?.method === 'tools/call');
    assert.equal(calls.length, 2);
    assert.notEqual(calls[0].message?.id, calls[1].message?.id, 'the retry is a new request');
    assert.equal(calls[0].message?.params?.inputResponses, undefined);
    assert.deepEqual(calls[1].message?.params?.inputResponses, { name: { action: 'accept', content: { name: 'Ada' } } });
  });

  test('a client that does not declare elicitation is told so by the server (-32021)', limit, async (t) => {
    const { client } = await connect(t);
    await assert.rejects(client.callTool('greet', {}), /error -32021: .*elicitation\/create.*capabilit/);
  });

  test('input_required without a handler fails the call, naming what the server asked for', limit, async (t) => {
    const { client, events } = await connect(t, { capabilities: { elicitation: {} } });
    await assert.rejects(client.callTool('greet', {}), /The server needs input to finish tools\/call: it asked for elicitation\/create \("name"\), which MCP Scope has no handler for/);
    assert.equal(eventsOf(events, 'serverRequest')[0]?.method, 'elicitation/create');
  });

  test('a parameter marked x-mcp-header travels in Mcp-Param-<name>, as is or base64 when not plain ASCII', limit, async (t) => {
    const { client, wire } = await connect(t);
    const plain = await client.callTool('route', { region: 'eu-west1' });
    assert.deepEqual(plain.content, [{ type: 'text', text: 'eu-west1 via eu-west1' }]);

    // The SDK server checks the decoded header against the body, so success proves the encoding.
    const zurich = await client.callTool('route', { region: 'Zürich' });
    assert.equal(zurich.isError, undefined);
    const header = sent(wire).at(-1)?.headers['mcp-param-region'];
    assert.equal(header, `=?base64?${Buffer.from('Zürich').toString('base64')}?=`);
  });

  test('cancelling closes the request stream: the server stops, and no notifications/cancelled is sent', limit, async (t) => {
    const { client, server, events } = await connect(t);
    const controller = new AbortController();
    const call = client.callTool('wait', {}, { signal: controller.signal });
    await sleep(200);
    controller.abort();
    await assert.rejects(call, CancelledError);
    await server.waitCancelled;
    assert.ok(!server.headers.some((h) => h['mcp-method'] === 'notifications/cancelled'));
    assert.ok(eventsOf(events, 'note').some((e) => /Closed the stream of tools\/call \(id \d+\), which tells the server to stop/.test(e.text)));
  });

  test('subscriptions/listen delivers list changes as events until closed', limit, async (t) => {
    const { client, server, events } = await connect(t);
    const subscription = client.listen({ toolsListChanged: true, promptsListChanged: true });
    const agreed = await subscription.acknowledged;
    assert.deepEqual(agreed, { toolsListChanged: true });
    assert.ok(eventsOf(events, 'note').some((e) => /acknowledged subscription \d+, without promptsListChanged/.test(e.text)));

    server.toolsChanged();
    for (let i = 0; i < 50 && !eventsOf(events, 'notification').some((e) => e.method === 'notifications/tools/list_changed'); i++) await sleep(20);
    assert.ok(eventsOf(events, 'notification').some((e) => e.direction === 'received' && e.method === 'notifications/tools/list_changed'));

    subscription.close();
    await subscription.ended;
  });
});
