// The server under debug restarts and forgets its sessions, against the real server-everything
// (which answers a stale session with 400 rather than 404): what the inspector shows, and that it
// gets going again by itself. A proxy switches from the old process to the new one, so the
// inspector meets the restarted server, never a moment of refused connections.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Inspector } from '../../src/inspector/inspector';
import type { TimelineEvent } from '../../src/shared/model';
import { callEnded } from '../fixtures/inspectorWaits';
import { freePort } from '../fixtures/processes';
import { startServerEverything } from '../fixtures/realServers';
import { startSwitchingProxy } from '../fixtures/switchingProxy';
import { clientInfo } from '../fixtures/clientHarness';

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('after a server restart the lost session is told plainly, a new one starts by itself, and calls work again', { timeout: 45_000 }, async () => {
  const firstPort = await freePort();
  const first = await startServerEverything(firstPort);
  const proxy = await startSwitchingProxy(firstPort);
  const inspector = new Inspector({ clientInfo });
  const url = `http://127.0.0.1:${proxy.port}/mcp`;
  inspector.configure({ servers: [{ name: 'everything', transport: 'http', url }], requestTimeoutMs: 10_000 });
  await inspector.connect('everything');
  const oldSession = inspector.servers()[0].sessionId;
  assert.ok(oldSession);

  const restartedPort = await freePort();
  const restarted = await startServerEverything(restartedPort);
  after(async () => {
    await inspector.dispose();
    await proxy.stop();
    await restarted.stop();
  });
  proxy.switchTo(restartedPort);
  await first.stop();

  // The restarted server refuses the old session (400); the timeline says so, with the server's words.
  const lost = await until('the lost session on the timeline', () =>
    inspector.timeline
      .recent()
      .find((e): e is Extract<TimelineEvent, { kind: 'connection' }> => e.kind === 'connection' && e.state === 'failed' && /400 Bad Request/.test(e.problem?.summary ?? '')),
  );
  assert.match(lost.problem!.summary, new RegExp(`It no longer accepts session ${oldSession}`));
  assert.match(lost.text, /reconnecting by itself/);

  const renewed = await until('a new session', () => {
    const [summary] = inspector.servers();
    return summary.state === 'connected' && summary.sessionId !== oldSession ? summary : undefined;
  });
  assert.ok(renewed.sessionId);
  // Closing the lost session does not DELETE it: the server does not know it.
  const deletes = inspector.timeline.recent().filter((e) => e.kind === 'wire' && e.record.type === 'httpRequest' && e.record.method === 'DELETE');
  assert.deepEqual(deletes, []);

  const call = await callEnded(inspector, inspector.runTool('everything', 'get-sum', { a: 2, b: 3 }));
  assert.equal(call.state, 'succeeded');
  assert.match(JSON.stringify(call.result?.content), /5/);
});
