// Era selection and the stateless era's edge cases, against a server of our own: 2025-only servers
// and the fallback, UnsupportedProtocolVersionError, the version pin, x-mcp-header marks that break
// the spec, header values that need base64, input_required with request state, lost requests.

import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { describe, test } from 'node:test';
import { ProtocolViolationError } from '../../src/mcp/problems';
import { eventsOf, setUp } from '../fixtures/clientHarness';
import { type JsonRpcLike, type MethodHandler, mcpHandler, openSse, result, sendJson, sseEvent, textResult } from '../fixtures/faultyServer';

const limit = { timeout: 8000 };
const MODERN = '2026-07-28';

const complete = (value: Record<string, unknown>) => ({ resultType: 'complete', ...value });
const discovered = (m: JsonRpcLike, res: ServerResponse) =>
  sendJson(
    res,
    result(m.id, complete({ supportedVersions: [MODERN], capabilities: { tools: {} }, _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'own-2026', version: '1' } } })),
  );
const rpcError = (id: unknown, code: number, message: string, data?: unknown) => ({ jsonrpc: '2.0', id, error: { code, message, ...(data !== undefined && { data }) } });

/** A stateless-era server of our own: server/discover answers for 2026-07-28, the rest as given. */
function stateless(methods: Record<string, MethodHandler>) {
  return mcpHandler({ methods: { 'server/discover': discovered, ...methods } });
}

describe('era selection', () => {
  test('a 2025-only server that answers server/discover with a JSON-RPC error gets the initialize handshake', limit, async (t) => {
    const { server, client, events } = await setUp(t, {});
    await client.connect();
    assert.equal(client.era, 'stateful');
    assert.equal(client.protocolVersion, '2025-11-25');
    assert.deepEqual(
      server.requests.filter((r) => r.method === 'POST').map((r) => r.message?.method),
      ['server/discover', 'initialize', 'notifications/initialized'],
    );
    assert.match(
      eventsOf(events, 'note')[0].text,
      /Speaking protocol 2025-11-25 \(initialize handshake and session\): server\/discover for 2026-07-28 was refused the way a 2025-era server refuses it \(.*-32601/,
    );
    // The probe carried the stateless headers; the handshake does not.
    const [probe] = server.posted('server/discover');
    assert.equal(probe.headers['mcp-protocol-version'], MODERN);
    assert.equal(server.posted('initialize')[0].headers['mcp-protocol-version'], undefined);
  });

  for (const status of [400, 404, 405]) {
    test(`a 2025-only server that answers server/discover with ${status} and no JSON-RPC error gets the handshake`, limit, async (t) => {
      const { client, events } = await setUp(t, {
        methods: {
          'server/discover': (_m, res) => {
            res.writeHead(status, { 'content-type': 'text/plain' }).end('Bad Request: No valid session ID provided');
          },
        },
      });
      await client.connect();
      assert.equal(client.era, 'stateful');
      assert.match(eventsOf(events, 'note')[0].text, new RegExp(`\\(The server answered POST server/discover with ${status} [A-Za-z ]+\\); using the initialize handshake`));
    });
  }

  test('a 2025-only server that answers every unknown method with an empty result gets the handshake', limit, async (t) => {
    const { client, events } = await setUp(t, { methods: { 'server/discover': (m, res) => sendJson(res, result(m.id, {})) } });
    await client.connect();
    assert.equal(client.era, 'stateful');
    assert.match(eventsOf(events, 'note')[0].text, /\(The server answered server\/discover with a result that is not a DiscoverResult \(supportedVersions: .*\)\); using the initialize handshake/);
  });

  test('an UnsupportedProtocolVersionError listing only 2025 versions leads to initialize with the newest of them', limit, async (t) => {
    const { server, client, events } = await setUp(t, {
      methods: {
        'server/discover': (m, res) =>
          sendJson(res, rpcError(m.id, -32022, 'Unsupported protocol version', { supported: ['2025-06-18', '2025-11-25'], requested: MODERN }), 400),
      },
    });
    await client.connect();
    assert.equal(server.posted('initialize')[0].message?.params?.protocolVersion, '2025-11-25');
    assert.match(eventsOf(events, 'note')[0].text, /with the versions it supports: 2025-06-18, 2025-11-25; using the initialize handshake/);
  });

  test('an UnsupportedProtocolVersionError listing nothing MCP Scope speaks fails with both lists', limit, async (t) => {
    const { server, client } = await setUp(t, {
      methods: { 'server/discover': (m, res) => sendJson(res, rpcError(m.id, -32022, 'Unsupported', { supported: ['2099-01-01'], requested: MODERN }), 400) },
    });
    await assert.rejects(client.connect(), /supports protocol versions 2099-01-01, none of which MCP Scope speaks\. MCP Scope speaks 2026-07-28, 2025-11-25/);
    assert.equal(server.posted('initialize').length, 0, 'a stateless-era server is not asked for the handshake');
  });

  test('a HeaderMismatch refusal is a stateless server saying the request was wrong: no fallback', limit, async (t) => {
    const { server, client } = await setUp(t, {
      methods: { 'server/discover': (m, res) => sendJson(res, rpcError(m.id, -32020, 'Header mismatch: Mcp-Method'), 400) },
    });
    await assert.rejects(client.connect(), /error -32020: Header mismatch/);
    assert.equal(server.posted('initialize').length, 0);
  });

  test('a server that is down fails the connection without trying the handshake', limit, async (t) => {
    const { server, client } = await setUp(t, {});
    await server.stop();
    await assert.rejects(client.connect(), /POST server\/discover to .* failed/);
  });
});

describe('a pinned protocol version', () => {
  test('a pinned 2025 version skips discovery and asks for exactly that version', limit, async (t) => {
    const { server, client } = await setUp(t, {
      methods: {
        initialize: (m, res) =>
          sendJson(res, result(m.id, { protocolVersion: '2025-06-18', capabilities: {}, serverInfo: { name: 'x', version: '1' } }), 200, { 'mcp-session-id': 's' }),
      },
    }, { client: { protocolVersion: '2025-06-18' } });
    await client.connect();
    assert.equal(server.posted('server/discover').length, 0);
    assert.equal(server.posted('initialize')[0].message?.params?.protocolVersion, '2025-06-18');
    assert.equal(client.protocolVersion, '2025-06-18');
    assert.match(client.eraReason ?? '', /pinned/);
  });

  test('a pinned 2025 version the server does not choose is an error, not a silent switch', limit, async (t) => {
    const { client } = await setUp(t, {}, { client: { protocolVersion: '2025-06-18' } });
    await assert.rejects(client.connect(), /The server chose protocol version 2025-11-25 instead of the pinned 2025-06-18/);
  });

  test('a pinned 2026-07-28 on a 2025-only server fails clearly, without falling back', limit, async (t) => {
    const { server, client } = await setUp(t, {}, { client: { protocolVersion: MODERN } });
    await assert.rejects(client.connect(), /refused a 2026-07-28 request the way a 2025-era server does.*Pin 2025-11-25, or remove the pin/);
    assert.equal(server.posted('initialize').length, 0);
  });

  test('a pinned version the server does not list names the ones it does', limit, async (t) => {
    const { client } = await setUp(t, {
      methods: { 'server/discover': (m, res) => sendJson(res, rpcError(m.id, -32022, 'Unsupported', { supported: ['2025-11-25'] }), 400) },
    }, { client: { protocolVersion: MODERN } });
    await assert.rejects(client.connect(), /does not support the pinned protocol version 2026-07-28; it supports 2025-11-25/);
  });

  test('a pinned version MCP Scope does not know fails before anything is sent', limit, async (t) => {
    const { server, client } = await setUp(t, {}, { client: { protocolVersion: '2024-11-05' } });
    await assert.rejects(client.connect(), /"2024-11-05", is not one MCP Scope speaks/);
    assert.equal(server.requests.length, 0);
  });
});

describe('x-mcp-header', () => {
  const withSchema = (name: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    name,
    inputSchema: { type: 'object', properties, ...extra },
  });

  test('tools whose marks break the spec are left out with a warning naming the tool and the reason; the rest stay', limit, async (t) => {
    const tools = [
      withSchema('good', { region: { type: 'string', 'x-mcp-header': 'Region' }, nested: { type: 'object', properties: { id: { type: 'integer', 'x-mcp-header': 'Id' } } } }),
      withSchema('a_number', { ratio: { type: 'number', 'x-mcp-header': 'Ratio' } }),
      withSchema('in_items', { list: { type: 'array', items: { type: 'string', 'x-mcp-header': 'Item' } } }),
      withSchema('in_anyof', { v: { anyOf: [{ type: 'string', 'x-mcp-header': 'V' }] } }),
      withSchema('twice', { a: { type: 'string', 'x-mcp-header': 'Key' }, b: { type: 'string', 'x-mcp-header': 'KEY' } }),
      withSchema('spaced', { a: { type: 'string', 'x-mcp-header': 'Bad Name' } }),
      withSchema('empty', { a: { type: 'string', 'x-mcp-header': '' } }),
      withSchema('a_property_named_like_the_mark', { 'x-mcp-header': { type: 'string' } }),
    ];
    const { client, events } = await setUp(t, stateless({ 'tools/list': (m, res) => sendJson(res, result(m.id, complete({ tools }))) }));
    await client.connect();
    const listed = await client.listTools();
    assert.deepEqual(
      listed.map((tool) => tool.name),
      ['good', 'a_property_named_like_the_mark'],
    );
    const reasons = eventsOf(events, 'malformed').map((e) => e.reason);
    assert.equal(reasons.length, 6);
    assert.match(reasons[0], /^tool a_number left out of the list: .*type "number"; only string, integer and boolean/);
    assert.match(reasons[1], /^tool in_items left out.*not on a parameter reachable from the root through "properties" alone/);
    assert.match(reasons[2], /^tool in_anyof left out.*not on a parameter reachable/);
    assert.match(reasons[3], /^tool twice left out.*repeats the header name "Key"/);
    assert.match(reasons[4], /^tool spaced left out.*"Bad Name", which is not an HTTP header name token/);
    assert.match(reasons[5], /^tool empty left out.*not a non-empty string/);
    await assert.rejects(client.callTool('a_number', { ratio: 1 }), /Tool a_number was left out of the list because its x-mcp-header marks break the spec/);
  });

  test('header values: plain ASCII as is; non-ASCII, padded, control characters and the sentinel look in base64; absent and null send nothing', limit, async (t) => {
    const properties = {
      a: { type: 'string', 'x-mcp-header': 'A' },
      b: { type: 'string', 'x-mcp-header': 'B' },
      c: { type: 'string', 'x-mcp-header': 'C' },
      d: { type: 'string', 'x-mcp-header': 'D' },
      e: { type: 'string', 'x-mcp-header': 'E' },
      n: { type: 'integer', 'x-mcp-header': 'N' },
      f: { type: 'boolean', 'x-mcp-header': 'F' },
      z: { type: ['string', 'null'], 'x-mcp-header': 'Z' },
      deep: { type: 'object', properties: { g: { type: 'string', 'x-mcp-header': 'G' } } },
      missing: { type: 'string', 'x-mcp-header': 'Missing' },
    };
    const { server, client } = await setUp(
      t,
      stateless({
        'tools/list': (m, res) => sendJson(res, result(m.id, complete({ tools: [withSchema('wëather', properties)] }))),
        'tools/call': (m, res) => sendJson(res, result(m.id, complete(textResult('ok')))),
      }),
    );
    await client.connect();
    await client.callTool('wëather', {
      a: 'us-west1',
      b: 'Hello, 世界',
      c: ' padded ',
      d: 'line1\nline2',
      e: '=?base64?literal?=',
      n: -7,
      f: false,
      z: null,
      deep: { g: 'in a tab\there' },
    });
    const { headers } = server.posted('tools/call')[0];
    assert.equal(headers['mcp-method'], 'tools/call');
    assert.equal(headers['mcp-name'], `=?base64?${Buffer.from('wëather').toString('base64')}?=`);
    assert.equal(headers['mcp-param-a'], 'us-west1');
    // The spec's own examples.
    assert.equal(headers['mcp-param-b'], '=?base64?SGVsbG8sIOS4lueVjA==?=');
    assert.equal(headers['mcp-param-c'], '=?base64?IHBhZGRlZCA=?=');
    assert.equal(headers['mcp-param-d'], '=?base64?bGluZTEKbGluZTI=?=');
    assert.equal(headers['mcp-param-e'], '=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=');
    assert.equal(headers['mcp-param-n'], '-7');
    assert.equal(headers['mcp-param-f'], 'false');
    assert.equal(headers['mcp-param-g'], 'in a tab\there');
    assert.equal(headers['mcp-param-z'], undefined);
    assert.equal(headers['mcp-param-missing'], undefined);

    await assert.rejects(client.callTool('wëather', { n: 2 ** 53 }), /The argument n is 9007199254740992, which cannot go into the Mcp-Param-N header/);
    assert.equal(server.posted('tools/call').length, 1, 'nothing was sent for it');
  });
});

describe('input_required and lost requests', () => {
  test('requestState is echoed exactly, roots/list is answered, and each retry is a new request', limit, async (t) => {
    const { server, client, events } = await setUp(
      t,
      stateless({
        'resources/read': (m, res) => {
          const round = server.posted('resources/read').length;
          if (round === 1) {
            sendJson(res, result(m.id, { resultType: 'input_required', inputRequests: { where: { method: 'roots/list' } }, requestState: 'opaque-1' }));
          } else if (round === 2) {
            // Load shedding: state only, no requests.
            sendJson(res, result(m.id, { resultType: 'input_required', requestState: 'opaque-2' }));
          } else {
            sendJson(res, result(m.id, complete({ contents: [{ uri: 'file:///a', text: 'A' }] })));
          }
        },
      }),
      { client: { capabilities: { roots: {} }, serverRequestHandlers: { 'roots/list': async () => ({ roots: [{ uri: 'file:///work' }] }) } } },
    );
    await client.connect();
    const read = await client.request('resources/read', { uri: 'file:///a' });
    assert.deepEqual(read.contents, [{ uri: 'file:///a', text: 'A' }]);

    const reads = server.posted('resources/read');
    assert.equal(new Set(reads.map((r) => r.message?.id)).size, 3, 'every retry has its own id');
    assert.equal(reads[0].headers['mcp-name'], 'file:///a');
    assert.equal(reads[0].message?.params?.requestState, undefined);
    assert.deepEqual(reads[1].message?.params?.inputResponses, { where: { roots: [{ uri: 'file:///work' }] } });
    assert.equal(reads[1].message?.params?.requestState, 'opaque-1');
    assert.equal(reads[2].message?.params?.inputResponses, undefined, 'answers belong to the round that asked for them');
    assert.equal(reads[2].message?.params?.requestState, 'opaque-2');
    assert.deepEqual(eventsOf(events, 'serverRequest').map((e) => [e.requestId, e.method]), [['where', 'roots/list']]);
  });

  test('input_required on a method that may not get it, and an unknown resultType, are protocol violations', limit, async (t) => {
    const { client } = await setUp(
      t,
      stateless({
        'tools/list': (m, res) => sendJson(res, result(m.id, { resultType: 'input_required', requestState: 'x' })),
        'prompts/get': (m, res) => sendJson(res, result(m.id, { resultType: 'partial', messages: [] })),
      }),
    );
    await client.connect();
    await assert.rejects(client.listTools(), /answered tools\/list with input_required, which only tools\/call, prompts\/get and resources\/read may get/);
    await assert.rejects(client.request('prompts/get', { name: 'p' }), (error: unknown) => {
      assert.ok(error instanceof ProtocolViolationError);
      assert.match(error.message, /resultType "partial", which MCP Scope does not know/);
      return true;
    });
  });

  test('a request whose stream breaks is lost: it is sent again as a new request, never resumed by GET', limit, async (t) => {
    const { server, client, events } = await setUp(
      t,
      stateless({
        'tools/list': (m, res) => sendJson(res, result(m.id, complete({ tools: [{ name: 'flaky', inputSchema: { type: 'object' } }] }))),
        'tools/call': (m, res) => {
          openSse(res);
          if (server.posted('tools/call').length === 1) {
            // An event id, as a 2025 server would send to make the stream resumable.
            sseEvent(res, { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: m.params?._meta?.progressToken, progress: 1 } }, 'ev-1');
            setTimeout(() => res.socket?.destroy(), 20);
            return;
          }
          sseEvent(res, result(m.id, complete(textResult('second time'))));
          res.end();
        },
      }),
    );
    await client.connect();
    const answer = await client.callTool('flaky', {});
    assert.deepEqual(answer.content, [{ type: 'text', text: 'second time' }]);
    const calls = server.posted('tools/call');
    assert.equal(calls.length, 2);
    assert.notEqual(calls[0].message?.id, calls[1].message?.id);
    assert.equal(server.requests.filter((r) => r.method === 'GET').length, 0, 'no GET: the stateless era has no resumption');
    assert.ok(eventsOf(events, 'note').some((e) => /broke while reading .*Sending tools\/call again as a new request/.test(e.text)));
  });

  test('a request whose stream ends without the response twice fails, saying so', limit, async (t) => {
    const { client } = await setUp(
      t,
      stateless({
        'tools/list': (m, res) => sendJson(res, result(m.id, complete({ tools: [] }))),
        'tools/call': (_m, res) => {
          openSse(res);
          res.end();
        },
      }),
    );
    await client.connect();
    await assert.rejects(client.callTool('gone', {}), /ended its answer to tools\/call \(id \d+\) without sending the response; in the stateless protocol such a request is lost/);
  });

  test('a HeaderMismatch on a call reads the tool list again and retries once with the new marks', limit, async (t) => {
    let listed = 0;
    const { server, client, events } = await setUp(
      t,
      stateless({
        'tools/list': (m, res) => {
          listed++;
          // The server added a mark after the client first read the list.
          const region = listed === 1 ? { type: 'string' } : { type: 'string', 'x-mcp-header': 'Region' };
          sendJson(res, result(m.id, complete({ tools: [{ name: 'sql', inputSchema: { type: 'object', properties: { region } } }] })));
        },
        'tools/call': (m, res, req) => {
          if (req.headers['mcp-param-region'] !== 'eu') sendJson(res, rpcError(m.id, -32020, 'Header mismatch: Mcp-Param-Region is absent'), 400);
          else sendJson(res, result(m.id, complete(textResult('ran in eu'))));
        },
      }),
    );
    await client.connect();
    await client.listTools();
    const answer = await client.callTool('sql', { region: 'eu' });
    assert.deepEqual(answer.content, [{ type: 'text', text: 'ran in eu' }]);
    assert.equal(server.posted('tools/call').length, 2);
    assert.ok(eventsOf(events, 'note').some((e) => /did not match its body; reading the tool list again and retrying once/.test(e.text)));
  });

  test('a HeaderMismatch that quotes a base64-encoded header value is shown decoded', limit, async (t) => {
    let calls = 0;
    const { client, events } = await setUp(
      t,
      stateless({
        'tools/list': (m, res) => sendJson(res, result(m.id, complete({ tools: [{ name: 'grüße', inputSchema: { type: 'object' } }] }))),
        'tools/call': (m, res, req) => {
          if (++calls > 1) return sendJson(res, result(m.id, complete(textResult('ok'))));
          const header = String(req.headers['mcp-name']);
          sendJson(res, { jsonrpc: '2.0', id: m.id, error: { code: -32020, message: 'Header mismatch', data: { mismatch: { header, body: 'the body names another tool' } } } }, 400);
        },
      }),
    );
    await client.connect();
    await client.callTool('grüße', {});
    const note = eventsOf(events, 'note').find((e) => /did not match its body/.test(e.text));
    assert.match(note?.text ?? '', /header "grüße", sent as =\?base64\?Z3LDvMOfZQ==\?=; the body names another tool/);
  });

  test('a request the server sends on a stateless stream is shown as malformed and not answered', limit, async (t) => {
    const { server, client, events } = await setUp(
      t,
      stateless({
        'tools/list': (m, res) => sendJson(res, result(m.id, complete({ tools: [{ name: 'old', inputSchema: { type: 'object' } }] }))),
        'tools/call': (m, res) => {
          openSse(res);
          sseEvent(res, { jsonrpc: '2.0', id: 'srv-1', method: 'roots/list' });
          sseEvent(res, result(m.id, complete(textResult('done'))));
          res.end();
        },
      }),
    );
    await client.connect();
    await client.callTool('old', {});
    assert.match(eventsOf(events, 'malformed')[0]?.reason ?? '', /a roots\/list request from the server, which the stateless protocol does not allow/);
    assert.equal(server.requests.filter((r) => r.message?.id === 'srv-1').length, 0, 'no response was POSTed');
  });
});

describe('log level in the 2025 era', () => {
  test('the client option is set once with logging/setLevel when the server offers logging', limit, async (t) => {
    const { server, client } = await setUp(
      t,
      {
        methods: {
          initialize: (m, res) =>
            sendJson(res, result(m.id, { protocolVersion: '2025-11-25', capabilities: { logging: {} }, serverInfo: { name: 'x', version: '1' } })),
          'logging/setLevel': (m, res) => sendJson(res, result(m.id, {})),
        },
      },
      { client: { logLevel: 'notice' } },
    );
    await client.connect();
    assert.deepEqual(server.posted('logging/setLevel')[0]?.message?.params, { level: 'notice' });
  });
});

describe('subscriptions/listen', () => {
  const ack = (m: JsonRpcLike, notifications: Record<string, unknown>) => ({
    jsonrpc: '2.0',
    method: 'notifications/subscriptions/acknowledged',
    params: { notifications, _meta: { 'io.modelcontextprotocol/subscriptionId': m.id } },
  });

  test('a server that ends the subscription gracefully resolves `ended`, with the updates delivered before it', limit, async (t) => {
    const { server, client, events } = await setUp(
      t,
      stateless({
        'subscriptions/listen': (m, res) => {
          openSse(res);
          sseEvent(res, ack(m, { resourceSubscriptions: ['file:///a'] }));
          sseEvent(res, { jsonrpc: '2.0', method: 'notifications/resources/updated', params: { uri: 'file:///a', _meta: { 'io.modelcontextprotocol/subscriptionId': m.id } } });
          sseEvent(res, result(m.id, { resultType: 'complete', _meta: { 'io.modelcontextprotocol/subscriptionId': m.id } }));
          res.end();
        },
      }),
    );
    await client.connect();
    const subscription = client.listen({ resourceSubscriptions: ['file:///a'] });
    assert.deepEqual(await subscription.acknowledged, { resourceSubscriptions: ['file:///a'] });
    await subscription.ended;
    const [listen] = server.posted('subscriptions/listen');
    assert.equal(listen.headers['mcp-method'], 'subscriptions/listen');
    assert.deepEqual(listen.message?.params?.notifications, { resourceSubscriptions: ['file:///a'] });
    assert.deepEqual(
      eventsOf(events, 'notification').filter((e) => e.method === 'notifications/resources/updated').map((e) => (e.params as { uri: string }).uri),
      ['file:///a'],
    );
    assert.ok(eventsOf(events, 'note').some((e) => /ended the subscriptions\/listen stream \(id \d+\) gracefully/.test(e.text)));
  });

  test('a listen stream that breaks rejects `ended` with the reason and is not sent again', limit, async (t) => {
    const { server, client, events } = await setUp(
      t,
      stateless({
        'subscriptions/listen': (m, res) => {
          openSse(res);
          sseEvent(res, ack(m, { toolsListChanged: true }));
          setTimeout(() => res.socket?.destroy(), 30);
        },
      }),
    );
    await client.connect();
    const subscription = client.listen({ toolsListChanged: true });
    await subscription.acknowledged;
    await assert.rejects(subscription.ended, /broke while reading/);
    assert.equal(server.posted('subscriptions/listen').length, 1);
    assert.match(eventsOf(events, 'problem')[0]?.problem.summary ?? '', /The subscriptions\/listen stream \(id \d+\) ended without the server's final response/);
  });

  test('listening on a 2025-era server is a clear error', limit, async (t) => {
    const { client } = await setUp(t, {});
    await client.connect();
    const subscription = client.listen({ toolsListChanged: true });
    await assert.rejects(subscription.ended, /subscriptions\/listen belongs to the stateless protocol/);
    await assert.rejects(subscription.acknowledged, /belongs to the stateless protocol/);
  });
});

