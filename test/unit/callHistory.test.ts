// Past and saved calls: kept per server within a bound, across sessions, and run again.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CallHistory, type HistoryStorage } from '../../src/inspector/callHistory';
import { Inspector } from '../../src/inspector/inspector';
import type { CallRecord } from '../../src/shared/model';
import { startToolServer } from '../fixtures/toolServer';

function storage(initial?: unknown): HistoryStorage & { data: unknown } {
  const kept = { data: initial, load: () => kept.data, save: (data: unknown) => void (kept.data = structuredClone(data)) };
  return kept;
}

const finished = (serverId: string, n: number, extra: Partial<CallRecord> = {}): CallRecord => ({
  id: `call-${n}`,
  serverId,
  tool: 'echo',
  arguments: { n },
  state: 'succeeded',
  startedAt: 1000 * n,
  endedAt: 1000 * n + 5,
  result: { content: [] },
  ...extra,
});

describe('call history', () => {
  test('keeps the newest calls of each server within the bound, newest first, and tells the outcomes apart', () => {
    const history = new CallHistory(storage(), 3);
    for (let n = 1; n <= 5; n++) history.add(finished('a', n));
    history.add(finished('b', 6, { state: 'failed', result: undefined }));
    history.add(finished('b', 7, { result: { content: [], isError: true } }));
    history.add(finished('b', 8, { state: 'running', endedAt: undefined }));
    assert.deepEqual(history.pastCalls('a').map((call) => call.arguments), [{ n: 5 }, { n: 4 }, { n: 3 }]);
    assert.deepEqual(history.pastCalls('b').map((call) => call.outcome), ['tool error', 'failed']);
    assert.equal(history.pastCalls().length, 5);
    assert.equal(history.pastCalls('a')[0].durationMs, 5);
  });

  test('past and saved calls come back in a new session; a name saved twice keeps the newer call; junk in storage is ignored', () => {
    const kept = storage();
    const first = new CallHistory(kept);
    first.add(finished('a', 1));
    first.saveCall({ name: 'smoke', serverId: 'a', tool: 'echo', arguments: { n: 1 } });
    first.saveCall({ name: 'smoke', serverId: 'a', tool: 'echo', arguments: { n: 2 } });
    const second = new CallHistory(kept);
    assert.deepEqual(second.pastCalls().map((call) => call.arguments), [{ n: 1 }]);
    assert.deepEqual(second.savedCalls(), [{ name: 'smoke', serverId: 'a', tool: 'echo', arguments: { n: 2 } }]);
    second.removeSaved('smoke');
    assert.deepEqual(new CallHistory(kept).savedCalls(), []);
    assert.deepEqual(new CallHistory(storage({ past: [{ tool: 1 }, null], saved: 'x' })).pastCalls(), []);
  });

  test('the inspector keeps each finished call, and a past call runs again with its arguments', { timeout: 15_000 }, async () => {
    const server = await startToolServer({ tools: [{ name: 'echo', inputSchema: { type: 'object' } }] });
    const kept = storage();
    const inspector = new Inspector({ clientInfo: { name: 'test', version: '0' }, historyStorage: kept });
    const done = () =>
      new Promise<CallRecord>((resolve) => {
        const remove = inspector.callUpdated.add((call) => {
          if (call.state === 'running') return;
          remove();
          resolve(call);
        });
      });
    try {
      inspector.configure({ servers: [{ name: 'dev', transport: 'http', url: server.url }], requestTimeoutMs: 5000 });
      await inspector.connect('dev');
      const ended = done();
      inspector.runTool('dev', 'echo', { text: 'hi' });
      await ended;
      const [past] = new CallHistory(kept).pastCalls('dev');
      assert.deepEqual({ tool: past.tool, arguments: past.arguments, outcome: past.outcome }, { tool: 'echo', arguments: { text: 'hi' }, outcome: 'succeeded' });
      const again = done();
      inspector.runTool(past.serverId, past.tool, past.arguments);
      assert.deepEqual((await again).result?.content, [{ type: 'text', text: 'echo got {"text":"hi"}' }]);
      assert.equal(inspector.history.pastCalls('dev').length, 2);
    } finally {
      await inspector.dispose();
      await server.stop();
    }
  });
});
