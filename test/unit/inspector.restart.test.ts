// The server under debug restarts and forgets its sessions: what the inspector shows, and how the
// user gets going again, against the real server-everything (which answers a stale session with 400).

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Inspector } from '../../src/inspector/inspector';
import type { CallRecord } from '../../src/shared/model';
import { freePort } from '../fixtures/processes';
import { type RunningServer, startServerEverything } from '../fixtures/realServers';

const clientInfo = { name: 'mcp-scope-tests', version: '0.0.0' };

function finished(inspector: Inspector, callId: string): Promise<CallRecord> {
  return new Promise((resolve) => {
    const remove = inspector.callUpdated.add((call) => {
      if (call.id !== callId || call.state === 'running') return;
      remove();
      resolve(call);
    });
  });
}

test('after a server restart, the server shows the session as lost with Reconnect as the advice, and one connect mends it', { timeout: 30_000 }, async () => {
  const port = await freePort();
  let server: RunningServer = await startServerEverything(port);
  const inspector = new Inspector({ clientInfo });
  after(async () => {
    await inspector.dispose();
    await server.stop();
  });
  inspector.configure({ servers: [{ name: 'everything', transport: 'http', url: server.url }], requestTimeoutMs: 10_000 });
  await inspector.connect('everything');
  const oldSession = inspector.servers()[0].sessionId;
  assert.ok(oldSession);

  await server.stop();
  server = await startServerEverything(port);

  // The GET stream reopens on the new server, which refuses the old session: the loss shows at once.
  for (let i = 0; i < 250 && inspector.servers()[0].state !== 'failed'; i++) await new Promise((r) => setTimeout(r, 20));
  const [summary] = inspector.servers();
  assert.equal(summary.state, 'failed');
  assert.match(summary.problem?.summary ?? '', new RegExp(`400 Bad Request\\. It no longer accepts session ${oldSession}`));
  assert.equal(summary.problem?.advice, 'Reconnect to start a new session.');
  const lost = inspector.timeline.recent().find((e) => e.kind === 'connection' && e.state === 'failed');
  assert.ok(lost && lost.kind === 'connection' && /Lost the session/.test(lost.text));
  // Closing the lost session does not DELETE it: the server does not know it.
  const deletes = inspector.timeline.recent().filter((e) => e.kind === 'wire' && e.record.type === 'httpRequest' && e.record.method === 'DELETE');
  assert.deepEqual(deletes, []);

  await inspector.connect('everything');
  assert.equal(inspector.servers()[0].state, 'connected');
  assert.notEqual(inspector.servers()[0].sessionId, oldSession);
  const mended = await finished(inspector, inspector.runTool('everything', 'get-sum', { a: 2, b: 3 }));
  assert.equal(mended.state, 'succeeded');
  assert.match(JSON.stringify(mended.result?.content), /5/);
});
