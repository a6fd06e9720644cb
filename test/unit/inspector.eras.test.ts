// What the inspector shows of the protocol era: the version, the era and why, and a pinned version.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Inspector } from '../../src/inspector/inspector';
import { callEnded } from '../fixtures/inspectorWaits';
import { inspectorOnSdkServer } from '../fixtures/connectedInspector';
import { startServerEverything } from '../fixtures/realServers';
import { clientInfo } from '../fixtures/clientHarness';

const limit = { timeout: 20_000 };

describe('the inspector and protocol eras', () => {
  test('a 2026-07-28 server shows as stateless, with the reason and no session', limit, async (t) => {
    const { inspector } = await inspectorOnSdkServer(t);
    const [summary] = inspector.servers();
    assert.equal(summary.state, 'connected');
    assert.equal(summary.protocolVersion, '2026-07-28');
    assert.equal(summary.era, 'stateless');
    assert.match(summary.eraReason ?? '', /server\/discover answered for 2026-07-28/);
    assert.equal(summary.sessionId, undefined);
    assert.ok(summary.tools.some((tool) => tool.name === 'route'));

    // A call's progress is tied to it on the timeline, and a call that needs input says what is missing.
    const countId = inspector.runTool('modern', 'count', { steps: 2 });
    const counted = await callEnded(inspector, countId);
    assert.equal(counted.state, 'succeeded', JSON.stringify(counted.problem));
    const progress = inspector.snapshot().timeline.filter((event) => event.kind === 'progress');
    assert.deepEqual(
      progress.map((event) => event.kind === 'progress' && event.callId),
      [countId, countId],
    );
    // The inspector declares elicitation, so the server's question waits for the user (test/unit/inspector.answers.test.ts answers it).
    const asked = new Promise((resolve) => inspector.pendingRequests.added.add(resolve));
    const greetId = inspector.runTool('modern', 'greet', {});
    await asked;
    inspector.cancelCall(greetId);
    const greeted = await callEnded(inspector, greetId);
    assert.equal(greeted.state, 'cancelled');
  });

  test('the log level of a 2026-07-28 server goes with every later request, not as logging/setLevel, and outlives a reconnection', limit, async (t) => {
    const { inspector } = await inspectorOnSdkServer(t);
    const logsOfCall = async () => {
      const since = inspector.snapshot().timeline.at(-1)?.seq ?? 0;
      await callEnded(inspector, inspector.runTool('modern', 'chatty', {}));
      return inspector.snapshot().timeline.flatMap((event) => (event.kind === 'log' && event.seq > since ? [event.level] : []));
    };
    assert.deepEqual(await logsOfCall(), [], 'no level asked for, no log messages');

    assert.deepEqual(await inspector.setLogLevel('modern', 'warning'), {});
    const methods = inspector.snapshot().timeline.flatMap((event) => (event.kind === 'request' ? [event.method] : []));
    assert.ok(!methods.includes('logging/setLevel'), `nothing is asked of the server: ${methods.join(', ')}`);
    assert.deepEqual(await logsOfCall(), ['warning']);
    assert.equal(inspector.servers()[0].logLevel, 'warning', 'the panel is told the level chosen');

    await inspector.setLogLevel('modern', 'debug');
    await inspector.reconnect('modern');
    assert.deepEqual(await logsOfCall(), ['debug', 'warning'], 'the level is kept for the new connection');
  });

  test('server-everything (2025-only) falls back to the handshake; a pin to 2026-07-28 fails with a clear reason', limit, async (t) => {
    const server = await startServerEverything();
    const inspector = new Inspector({ clientInfo });
    t.after(async () => {
      await inspector.dispose();
      await server.stop();
    });
    inspector.configure({
      servers: [
        { name: 'auto', transport: 'http', url: server.url },
        { name: 'pinned', transport: 'http', url: server.url, protocolVersion: '2026-07-28' },
      ],
      requestTimeoutMs: 5000,
    });
    await inspector.connect('auto');
    await inspector.connect('pinned');
    const [auto, pinned] = inspector.servers();
    assert.equal(auto.state, 'connected');
    assert.equal(auto.era, 'stateful');
    assert.equal(auto.protocolVersion, '2025-11-25');
    assert.match(auto.eraReason ?? '', /refused the way a 2025-era server refuses it/);
    assert.equal(pinned.state, 'failed');
    assert.match(pinned.problem?.summary ?? '', /refused a 2026-07-28 request the way a 2025-era server does/);
    assert.match(pinned.problem?.advice ?? '', /Pin 2025-11-25, or remove the pin/);
  });
});
