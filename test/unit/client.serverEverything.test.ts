// The client against the real @modelcontextprotocol/server-everything over Streamable HTTP.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ClientEvent, McpClient } from '../../src/mcp/client';
import { ConnectionClosedError } from '../../src/mcp/problems';
import { StreamableHttpTransport } from '../../src/mcp/transports/streamableHttp';
import type { ProgressReport } from '../../src/shared/model';
import { type RunningServer, startServerEverything } from '../fixtures/realServers';
import { clientInfo } from '../fixtures/clientHarness';

/** No test may hang the suite: a call that never settles fails its test instead. */
const limit = { timeout: 15_000 };

describe('McpClient with server-everything', () => {
  let server: RunningServer;
  let client: McpClient;
  const events: ClientEvent[] = [];

  before(async () => {
    server = await startServerEverything();
    client = new McpClient(new StreamableHttpTransport({ url: server.url }), {
      clientInfo,
      requestTimeoutMs: 10_000,
      onEvent: (event) => events.push(event),
    });
  });

  after(async () => {
    await client?.close();
    await server?.stop();
  });

  test('connect() agrees on 2025-11-25 and learns who the server is', limit, async () => {
    const init = await client.connect();
    assert.equal(init.protocolVersion, '2025-11-25');
    assert.equal(typeof init.serverInfo.name, 'string');
    assert.ok(init.serverInfo.name.length > 0);
    assert.equal(typeof init.serverInfo.version, 'string');
    assert.deepEqual(client.server, init);
  });

  test('the session id is kept, and it is visible ASCII', limit, () => {
    const id = client.sessionId;
    assert.ok(id, 'a session id');
    assert.match(id, /^[\x21-\x7e]+$/);
  });

  test('listTools() lists get-sum and trigger-long-running-operation with their schemas', limit, async () => {
    const tools = await client.listTools();
    const names = tools.map((tool) => tool.name);
    assert.ok(names.includes('get-sum'), names.join(', '));
    assert.ok(names.includes('trigger-long-running-operation'), names.join(', '));
    const sum = tools.find((tool) => tool.name === 'get-sum')!;
    assert.equal(sum.inputSchema.type, 'object');
    assert.deepEqual(Object.keys(sum.inputSchema.properties as object).sort(), ['a', 'b']);
  });

  test('callTool(get-sum, {a: 2, b: 3}) answers 5', limit, async () => {
    const answer = await client.callTool('get-sum', { a: 2, b: 3 });
    assert.notEqual(answer.isError, true);
    const text = answer.content.map((block) => (block.type === 'text' ? String(block.text) : '')).join('\n');
    assert.match(text, /\b5\b/);
  });

  test('a long-running operation reports rising progress 1..4 of 4 before its result', limit, async () => {
    const order: string[] = [];
    const reports: ProgressReport[] = [];
    let requestId: string | number | undefined;
    const before = events.length;

    const answer = await client.callTool(
      'trigger-long-running-operation',
      { duration: 1, steps: 4 },
      {
        onSent: (id) => (requestId = id),
        onProgress: (report) => {
          reports.push(report);
          order.push(`progress ${report.progress}`);
        },
      },
    );
    order.push('result');

    assert.match(String(answer.content[0]?.text), /Long running operation completed/);
    assert.deepEqual(
      reports.map((r) => [r.progress, r.total]),
      [
        [1, 4],
        [2, 4],
        [3, 4],
        [4, 4],
      ],
    );
    assert.deepEqual(order, ['progress 1', 'progress 2', 'progress 3', 'progress 4', 'result']);

    // The same progress is on the client's event stream, tied to the request, before its response.
    const mine = events.slice(before).filter((e) => 'requestId' in e && e.requestId === requestId);
    assert.deepEqual(
      mine.map((e) => e.type),
      ['request', 'progress', 'progress', 'progress', 'progress', 'response'],
    );
    const progress = mine.filter((e): e is Extract<ClientEvent, { type: 'progress' }> => e.type === 'progress');
    assert.deepEqual(
      progress.map((e) => e.progress),
      [1, 2, 3, 4],
    );
    assert.ok(progress.every((e) => e.total === 4));
  });

  test('close() ends the session on the server (DELETE), and later requests are refused', limit, async () => {
    const sessionId = client.sessionId!;
    assert.ok(sessionId);
    const problemsBefore = events.filter((e) => e.type === 'problem').length;
    await client.close();

    // The server no longer knows the session.
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'mcp-session-id': sessionId,
        'mcp-protocol-version': '2025-11-25',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'tools/list' }),
    });
    await response.body?.cancel();
    assert.ok([400, 404].includes(response.status), `the server answered ${response.status} for the ended session`);
    // The DELETE was accepted, so there was nothing to complain about.
    assert.equal(events.filter((e) => e.type === 'problem').length, problemsBefore);

    await assert.rejects(client.listTools(), ConnectionClosedError);
  });
});
