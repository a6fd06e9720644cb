// The legacy HTTP+SSE transport (2024-11-05): against the SDK's example servers, directly and by
// the fallback from Streamable HTTP, and against a fixture that misbehaves.

import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { type ClientEvent, McpClient } from '../../src/mcp/client';
import { connect, type Connection } from '../../src/mcp/connect';
import type { ServerEndpoint } from '../../src/mcp/endpoint';
import { ConnectionClosedError, McpScopeError, ProtocolViolationError } from '../../src/mcp/problems';
import { LEGACY_SSE_VERSIONS } from '../../src/mcp/protocol';
import { LegacySseTransport } from '../../src/mcp/transports/legacySse';
import { type FaultyServer, sseEvent, startFaultyServer, textResult } from '../fixtures/faultyServer';
import { LEGACY_SERVER_INFO, legacyHandler, type LegacyHandlerOptions } from '../fixtures/legacyServer';
import { type RunningServer, startSdkExample } from '../fixtures/realServers';
import { clientInfo } from '../fixtures/clientHarness';

const limit = { timeout: 15_000 };

interface Connected extends Connection {
  events: ClientEvent[];
  fallbacks: string[];
}

/** Connects by `connect()`, as the inspector does; the client is closed when the test ends. */
async function connectTo(t: TestContext, endpoint: ServerEndpoint): Promise<Connected> {
  const events: ClientEvent[] = [];
  const fallbacks: string[] = [];
  const connection = await connect(endpoint, {
    clientInfo,
    requestTimeoutMs: 5000,
    onEvent: (event) => events.push(event),
    onFallback: (notice) => fallbacks.push(notice),
  });
  t.after(() => connection.client.close());
  return { ...connection, events, fallbacks };
}

async function fixture(t: TestContext, options: LegacyHandlerOptions = {}): Promise<FaultyServer> {
  const server = await startFaultyServer(legacyHandler(options));
  t.after(() => server.stop());
  return server;
}

async function failure(promise: Promise<unknown>): Promise<McpScopeError> {
  const error = await promise.then(
    () => assert.fail('it should fail'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof McpScopeError, String(error));
  return error;
}

describe('legacy HTTP+SSE with the SDK example that serves both transports', () => {
  let server: RunningServer;
  before(async () => {
    server = await startSdkExample('sseAndStreamableHttpCompatibleServer');
  });
  after(() => server?.stop());

  test('`sse` connects to /sse, negotiates 2024-11-05, lists tools and calls one with its log messages', limit, async (t) => {
    const { client, transport, initialized, events, fallbacks } = await connectTo(t, { transport: 'sse', url: `${server.origin}/sse` });
    assert.equal(transport, 'legacy-sse');
    assert.equal(initialized.protocolVersion, '2024-11-05');
    assert.equal(initialized.serverInfo.name, 'backwards-compatible-server');
    assert.deepEqual(fallbacks, []);

    const names = (await client.listTools()).map((tool) => tool.name);
    assert.ok(names.includes('start-notification-stream'), names.join(', '));
    const answer = await client.callTool('start-notification-stream', { interval: 10, count: 3 });
    assert.match(String(answer.content[0]?.text), /Started sending periodic notifications/);
    const logs = events.flatMap((e) => (e.type === 'log' ? [String(e.data)] : []));
    assert.equal(logs.length, 3, logs.join('\n'));
    assert.match(logs[0], /Periodic notification #1/);
    assert.deepEqual(
      events.filter((e) => e.type === 'malformed' || e.type === 'problem' || e.type === 'closed'),
      [],
    );
  });

  test('`http` at /mcp speaks Streamable HTTP there, without falling back', limit, async (t) => {
    const { transport, initialized, fallbacks } = await connectTo(t, { transport: 'http', url: `${server.origin}/mcp` });
    assert.equal(transport, 'streamable-http');
    assert.equal(initialized.protocolVersion, '2025-11-25');
    assert.deepEqual(fallbacks, []);
  });
});

describe('legacy HTTP+SSE with the SDK example that serves only it', () => {
  let server: RunningServer;
  before(async () => {
    server = await startSdkExample('simpleSseServer');
  });
  after(() => server?.stop());

  test('`http` falls back when the initialize POST gets 404, says so, and works over legacy', limit, async (t) => {
    const url = `${server.origin}/mcp`;
    const { client, transport, initialized, fallbacks } = await connectTo(t, { transport: 'http', url });
    assert.deepEqual(fallbacks, [`Streamable HTTP refused (404 Not Found), using legacy HTTP+SSE at ${url}`]);
    assert.equal(transport, 'legacy-sse');
    assert.equal(initialized.protocolVersion, '2024-11-05');
    const answer = await client.callTool('start-notification-stream', { interval: 10, count: 2 });
    assert.equal(answer.content[0]?.text, 'Completed sending 2 notifications every 10ms');
  });
});

describe('legacy HTTP+SSE with a misbehaving fixture', () => {
  test('`http` falls back when the initialize POST gets 405', limit, async (t) => {
    const server = await fixture(t);
    const { transport, initialized, fallbacks } = await connectTo(t, { transport: 'http', url: server.url });
    assert.deepEqual(fallbacks, [`Streamable HTTP refused (405 Method Not Allowed), using legacy HTTP+SSE at ${server.url}`]);
    assert.equal(transport, 'legacy-sse');
    assert.deepEqual(initialized.serverInfo, LEGACY_SERVER_INFO);
    assert.deepEqual(
      server.requests.map((r) => `${r.method} ${r.message?.method ?? ''}`.trim()),
      ['POST server/discover', 'POST initialize', 'GET', 'POST initialize', 'POST notifications/initialized'],
    );
  });

  test('when the fallback fails too, the error tells both stories', limit, async (t) => {
    const server = await startFaultyServer((_req, _body, res) => {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>');
    });
    t.after(() => server.stop());
    const { problem } = await failure(connect({ transport: 'http', url: server.url }, { clientInfo }));
    assert.match(problem.summary, /Neither transport worked at .*: Streamable HTTP was refused \(404 Not Found\), and legacy HTTP\+SSE failed: .*GET of the event stream.* 404/);
    assert.equal(problem.http?.bodyStart, '<h1>Not here</h1>');
  });

  test('an endpoint on another origin is refused, and nothing is posted there', limit, async (t) => {
    const elsewhere = await fixture(t);
    const server = await fixture(t, { endpoint: `${new URL(elsewhere.url).origin}/messages` });
    const error = await failure(connect({ transport: 'sse', url: server.url }, { clientInfo }));
    assert.ok(error instanceof ProtocolViolationError);
    assert.match(error.problem.summary, /another origin than its event stream/);
    assert.ok(error.problem.summary.includes(new URL(elsewhere.url).origin));
    assert.deepEqual(elsewhere.requests, []);
    assert.deepEqual(server.posted('initialize'), []);
  });

  test('a stream that never names its endpoint fails after the timeout, with what to check', limit, async (t) => {
    const server = await fixture(t, { endpoint: null });
    const client = new McpClient(new LegacySseTransport({ url: server.url, endpointTimeoutMs: 300 }), {
      clientInfo,
      versions: LEGACY_SSE_VERSIONS,
    });
    t.after(() => client.close());
    const { problem } = await failure(client.connect());
    assert.match(problem.summary, /sent no endpoint event within 0.3 s/);
    assert.match(problem.advice!, /\/sse/);
  });

  test('the stream ending rejects every waiting request with the reason, and the next fails at once', limit, async (t) => {
    const server = await fixture(t, {
      methods: {
        'tools/call': (message, stream) => {
          if (message.params?.name === 'hang') return;
          sseEvent(stream, { jsonrpc: '2.0', id: message.id, result: textResult('bye') });
          setTimeout(() => stream.end(), 50);
        },
      },
    });
    const { client, events } = await connectTo(t, { transport: 'sse', url: server.url });
    const hanging = client.callTool('hang', {});
    const answer = await client.callTool('cut', {});
    assert.equal(answer.content[0]?.text, 'bye');
    const error = await failure(hanging);
    assert.ok(error instanceof ConnectionClosedError);
    assert.match(error.problem.summary, /before the server answered tools\/call: The server closed the event stream/);
    assert.equal(events.filter((e) => e.type === 'closed').length, 1);
    const next = await failure(client.listTools());
    assert.ok(next instanceof ConnectionClosedError);
    assert.equal(server.posted('tools/list').length, 0, 'nothing is sent on a connection that ended');
  });

  test('messages of an unknown event type are shown, not dropped', limit, async (t) => {
    const server = await fixture(t, {
      methods: {
        'tools/call': (message, stream) => {
          stream.write('event: surprise\ndata: {"hello":1}\n\n');
          sseEvent(stream, { jsonrpc: '2.0', id: message.id, result: textResult('ok') });
        },
      },
    });
    const { client, events } = await connectTo(t, { transport: 'sse', url: server.url });
    await client.callTool('x', {});
    const malformed = events.filter((e) => e.type === 'malformed');
    assert.deepEqual(malformed, [
      { type: 'malformed', raw: '{"hello":1}', reason: 'an SSE event of type "surprise", which the legacy HTTP+SSE transport does not use' },
    ]);
  });
});
