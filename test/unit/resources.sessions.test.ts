// A 2025-era server that forgets its sessions (a restart): the inspector's resource subscriptions
// are made again in the new session, so that updates keep coming.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Inspector } from '../../src/inspector/inspector';
import { result, sendJson, startFaultyServer } from '../fixtures/faultyServer';
import { clientInfo } from '../fixtures/clientHarness';

test('a renewed session subscribes again to the resources subscribed before', { timeout: 15_000 }, async (t) => {
  let sessions = 0;
  let current = '';
  const server = await startFaultyServer((req, body, res) => {
    const message = body ? (JSON.parse(body) as { id?: number; method?: string }) : {};
    if (req.method === 'GET') return void res.writeHead(405).end();
    if (req.method === 'DELETE') return void res.writeHead(200).end();
    if (message.method === 'server/discover') return void res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown method');
    if (message.method === 'initialize') {
      current = `session-${++sessions}`;
      const capabilities = { tools: {}, resources: { subscribe: true } };
      sendJson(res, result(message.id, { protocolVersion: '2025-11-25', capabilities, serverInfo: { name: 'forgetful', version: '1' } }), 200, {
        'mcp-session-id': current,
      });
      return;
    }
    if (req.headers['mcp-session-id'] !== current) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('no such session');
    if (message.id === undefined) return void res.writeHead(202).end();
    const answers: Record<string, unknown> = {
      'tools/list': { tools: [] },
      'resources/list': { resources: [{ uri: 'mem://status', name: 'status', mimeType: 'text/plain' }] },
      'resources/templates/list': { resourceTemplates: [] },
      'resources/read': { contents: [{ uri: 'mem://status', mimeType: 'text/plain', text: `read in ${current}` }] },
      'resources/subscribe': {},
      ping: {},
    };
    sendJson(res, result(message.id, answers[message.method ?? ''] ?? {}));
  });
  const inspector = new Inspector({ clientInfo, reconnect: { heartbeatMs: 60_000 } });
  t.after(async () => {
    await inspector.dispose();
    await server.stop();
  });
  inspector.configure({ servers: [{ name: 'forgetful', transport: 'http', url: server.url }], requestTimeoutMs: 5000 });
  await inspector.connect('forgetful');
  await inspector.subscribeResource('forgetful', 'mem://status', true);
  assert.deepEqual(server.posted('resources/subscribe').map((request) => request.headers['mcp-session-id']), ['session-1']);

  current = 'session-gone';
  const read = await inspector.readResource('forgetful', 'mem://status');
  assert.equal(read.contents[0].text, 'read in session-2');
  for (let i = 0; i < 100 && server.posted('resources/subscribe').length < 2; i++) await new Promise((done) => setTimeout(done, 20));
  const subscribes = server.posted('resources/subscribe');
  assert.deepEqual(subscribes.map((request) => request.headers['mcp-session-id']), ['session-1', 'session-2']);
  assert.deepEqual(subscribes[1].message?.params, { uri: 'mem://status' });
  assert.deepEqual(inspector.servers()[0].subscriptions, ['mem://status']);
});
