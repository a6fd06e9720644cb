// The client against the SDK's own example servers, each a different kind of real server: JSON
// answers, stateless, resumable with an event store (and 404 for a session it no longer knows), and
// one that closes its streams mid-call on purpose.

import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { type ClientEvent, McpClient } from '../../src/mcp/client';
import { StreamableHttpTransport } from '../../src/mcp/transports/streamableHttp';
import { WireRecorder } from '../../src/mcp/wire';
import type { WireRecord } from '../../src/shared/model';
import { clientInfo, eventsOf } from '../fixtures/clientHarness';
import { freePort } from '../fixtures/processes';
import { type RunningServer, type SdkExample, startSdkExample } from '../fixtures/realServers';

const limit = { timeout: 30_000 };

interface Session {
  server: RunningServer;
  client: McpClient;
  events: ClientEvent[];
  wire: WireRecord[];
}

async function connectTo(t: TestContext, example: SdkExample, port?: number): Promise<Session> {
  const server = await startSdkExample(example, port);
  const events: ClientEvent[] = [];
  const wire: WireRecord[] = [];
  const client = new McpClient(new StreamableHttpTransport({ url: server.url, recorder: new WireRecorder((r) => wire.push(r)) }), {
    clientInfo,
    requestTimeoutMs: 15_000,
    onEvent: (event) => events.push(event),
  });
  t.after(async () => {
    await client.close();
    await session.server.stop();
  });
  const session = { server, client, events, wire };
  await client.connect();
  return session;
}

const textOf = (result: { content: { type: string; text?: unknown }[] }) =>
  result.content.map((block) => (block.type === 'text' ? String(block.text) : `[${block.type}]`)).join('\n');

describe('McpClient with the SDK example servers', () => {
  test('JSON answers (jsonResponseStreamableHttp): tools listed and called, no GET stream, no problems', limit, async (t) => {
    const { client, events, wire } = await connectTo(t, 'jsonResponseStreamableHttp');
    const tools = await client.listTools();
    assert.ok(tools.some((tool) => tool.name === 'greet'), tools.map((tool) => tool.name).join(', '));
    const answer = await client.callTool('greet', { name: 'Ada' });
    assert.match(textOf(answer), /Ada/);
    const answers = wire.filter((r) => r.type === 'httpResponse' && r.headers['content-type']?.startsWith('application/json'));
    assert.ok(answers.length >= 2, 'the server answered with application/json');
    assert.deepEqual(eventsOf(events, 'problem'), []);
    assert.deepEqual(eventsOf(events, 'malformed'), []);
  });

  test('stateless (simpleStatelessStreamableHttp): no session id, calls still work', limit, async (t) => {
    const { client, events } = await connectTo(t, 'simpleStatelessStreamableHttp');
    assert.equal(client.sessionId, undefined);
    const tools = await client.listTools();
    assert.ok(tools.length > 0);
    const answer = await client.callTool(tools[0].name, tools[0].name === 'greet' ? { name: 'Ada' } : {});
    assert.ok(answer.content.length > 0);
    assert.deepEqual(eventsOf(events, 'malformed'), []);
  });

  test('server-closed streams (ssePollingExample): the call survives the server closing its stream and gets every log and the result', limit, async (t) => {
    const { client, events, wire } = await connectTo(t, 'ssePollingExample');
    const answer = await client.callTool('long-task', {});
    assert.equal(textOf(answer), 'Long task completed successfully!');
    const logs = eventsOf(events, 'log').map((e) => String(e.data));
    assert.deepEqual(
      logs.map((text) => text.match(/\d+%/)?.[0]),
      ['25%', '50%', '75%', '100%'],
      logs.join('\n'),
    );
    const resumed = wire.find((r) => r.type === 'httpRequest' && r.method === 'GET' && r.headers['last-event-id'] !== undefined);
    assert.ok(resumed, 'the client resumed by GET with Last-Event-ID');
    assert.ok(eventsOf(events, 'note').some((e) => /resuming it from event/.test(e.text)));
  });

  test('a restarted server (simpleStreamableHttp) answers the old session with 404: the client starts a new one and the call goes through', limit, async (t) => {
    const port = await freePort();
    const session = await connectTo(t, 'simpleStreamableHttp', port);
    const { client, events } = session;
    const before = client.sessionId;
    assert.ok(before);
    await session.server.stop();
    session.server = await startSdkExample('simpleStreamableHttp', port);

    const answer = await client.callTool('greet', { name: 'again' });
    assert.match(textOf(answer), /again/);
    assert.ok(client.sessionId && client.sessionId !== before, 'a new session id');
    assert.equal(eventsOf(events, 'sessionRenewed').length, 1);
  });
});
