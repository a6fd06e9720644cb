// A server stopped at a breakpoint is not a hung one: while the caller holds the time limits, a
// call waits past its timeout and its whole deadline, and once released it waits a full timeout
// again before it gives up.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RequestTimeoutError } from '../../src/mcp/problems';
import { setUp, sleep } from '../fixtures/clientHarness';
import { openSse, result, sseEvent, textResult } from '../fixtures/faultyServer';

const limit = { timeout: 10_000 };

test('a held call outlives its timeout and its deadline, and the answer that comes after the release is its result', limit, async (t) => {
  let goOn: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (goOn = resolve));
  const { server, client } = await setUp(t, {
    methods: {
      'tools/call': async (m, res) => {
        openSse(res);
        await released;
        sseEvent(res, result(m.id, textResult('went on')));
        res.end();
      },
    },
  });
  await client.connect();
  client.holdTimeouts(true);
  const started = performance.now();
  const call = client.callTool('paused', {}, { timeoutMs: 500, maxTotalTimeoutMs: 600 });
  await server.waitForPost('tools/call', 5000);
  await sleep(1500);
  client.holdTimeouts(false);
  goOn();
  const answer = await call;
  assert.ok(performance.now() - started >= 1500, 'the call waited for the server');
  assert.deepEqual(answer.content, [{ type: 'text', text: 'went on' }]);
});

test('released, a held call that gets no answer times out one timeout later, with the usual error', limit, async (t) => {
  const { client } = await setUp(t, { methods: { 'tools/call': (_m, res) => openSse(res) } });
  await client.connect();
  client.holdTimeouts(true);
  const outcome = client.callTool('hang', {}, { timeoutMs: 500 }).then(
    () => 'answered',
    (error: unknown) => error,
  );
  await sleep(1000);
  const released = performance.now();
  client.holdTimeouts(false);
  const error = await outcome;
  assert.ok(error instanceof RequestTimeoutError, String(error));
  const waited = performance.now() - released;
  assert.ok(waited >= 450 && waited < 3000, `gave up ${waited.toFixed(0)} ms after the release`);
});
