// Past and saved calls: kept per server within a bound, across sessions, and run again.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CallHistory, type HistoryStorage, RESULT_LIMIT, type SavedCallStore } from '../../src/inspector/callHistory';
import { Inspector } from '../../src/inspector/inspector';
import type { CallRecord } from '../../src/shared/model';
import { callEnded } from '../fixtures/inspectorWaits';
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
    history.add(finished('b', 9, { state: 'cancelled', result: undefined }));
    assert.deepEqual(history.pastCalls('a').map((call) => call.arguments), [{ n: 5 }, { n: 4 }, { n: 3 }]);
    assert.deepEqual(history.pastCalls('b').map((call) => call.outcome), ['cancelled', 'tool error', 'failed']);
    assert.equal(history.pastCalls().length, 6);
    assert.equal(history.pastCalls('a')[0].durationMs, 5);
    assert.equal(new Set(history.pastCalls().map((call) => call.id)).size, 6, 'every past call has its own id');
  });

  test('a past call keeps its result or why it failed; a result too large to keep is left out and says how large it was', () => {
    const history = new CallHistory(storage());
    const problem = { summary: 'The server answered 500.' };
    history.add(finished('a', 1, { result: { content: [{ type: 'text', text: 'hi' }] } }));
    history.add(finished('a', 2, { state: 'failed', result: undefined, problem, rpcError: { code: -32603, message: 'boom' } }));
    history.add(finished('a', 3, { result: { content: [{ type: 'text', text: 'x'.repeat(RESULT_LIMIT) }] } }));
    const [big, failed, small] = history.pastCalls('a');
    assert.deepEqual(history.pastCall(small.id)?.result, { content: [{ type: 'text', text: 'hi' }] });
    assert.deepEqual({ problem: failed.problem, rpcError: failed.rpcError }, { problem, rpcError: { code: -32603, message: 'boom' } });
    assert.equal(big.result, undefined);
    assert.equal(big.resultDropped?.limit, RESULT_LIMIT);
    assert.ok((big.resultDropped?.size ?? 0) > RESULT_LIMIT);
    assert.equal(history.pastCall('no-such-id'), undefined);
    assert.ok(history.view().past.every((call) => !('result' in call) && !('problem' in call)), 'the list carries no results');
  });

  test('past calls come back in a new session, junk in storage is ignored; saved calls go to the store, which reports what it read', async () => {
    const kept = storage();
    const first = new CallHistory(kept);
    first.add(finished('a', 1));
    const second = new CallHistory(kept);
    assert.deepEqual(second.pastCalls().map((call) => call.arguments), [{ n: 1 }]);
    assert.equal(second.pastCalls()[0].id, first.pastCalls()[0].id);
    assert.deepEqual(new CallHistory(storage({ past: [{ tool: 1 }, null, { serverId: 'a', tool: 't', arguments: {}, at: 'x' }] })).pastCalls(), []);

    const written: string[] = [];
    const store: SavedCallStore = {
      put: async (call) => void written.push(`put ${call.name}`),
      remove: async (name) => {
        throw new Error(`cannot remove ${name}`);
      },
    };
    const history = new CallHistory(storage(), 50, store);
    let changes = 0;
    history.changed.add(() => changes++);
    await history.saveCall({ name: 'smoke', serverId: 'a', tool: 'echo', arguments: { n: 1 } });
    assert.deepEqual(written, ['put smoke']);
    await assert.rejects(history.removeSaved('smoke'), /cannot remove smoke/);
    history.showSaved({ calls: [{ name: 'smoke', serverId: 'a', tool: 'echo', arguments: { n: 1 } }], file: 'calls.json', problems: [] });
    assert.deepEqual(history.view().saved, { calls: [{ name: 'smoke', serverId: 'a', tool: 'echo', arguments: { n: 1 } }], file: 'calls.json', problems: [] });
    assert.equal(changes, 1);
  });

  test('without a store, saved calls are kept in memory; a name saved twice keeps the newer call', async () => {
    const history = new CallHistory(storage());
    await history.saveCall({ name: 'smoke', serverId: 'a', tool: 'echo', arguments: { n: 1 } });
    await history.saveCall({ name: 'smoke', serverId: 'a', tool: 'echo', arguments: { n: 2 } });
    assert.deepEqual(history.savedCalls(), [{ name: 'smoke', serverId: 'a', tool: 'echo', arguments: { n: 2 } }]);
    await history.removeSaved('smoke');
    assert.deepEqual(history.savedCalls(), []);
  });

  test('the inspector keeps each finished call, and a past call runs again with its arguments', { timeout: 15_000 }, async () => {
    const server = await startToolServer({ tools: [{ name: 'echo', inputSchema: { type: 'object' } }] });
    const kept = storage();
    const inspector = new Inspector({ clientInfo: { name: 'test', version: '0' }, historyStorage: kept });
    try {
      inspector.configure({ servers: [{ name: 'dev', transport: 'http', url: server.url }], requestTimeoutMs: 5000 });
      await inspector.connect('dev');
      await callEnded(inspector, inspector.runTool('dev', 'echo', { text: 'hi' }));
      const [past] = new CallHistory(kept).pastCalls('dev');
      assert.deepEqual({ tool: past.tool, arguments: past.arguments, outcome: past.outcome }, { tool: 'echo', arguments: { text: 'hi' }, outcome: 'succeeded' });
      const again = await callEnded(inspector, inspector.runTool(past.serverId, past.tool, past.arguments));
      assert.deepEqual(again.result?.content, [{ type: 'text', text: 'echo got {"text":"hi"}' }]);
      assert.equal(inspector.history.pastCalls('dev').length, 2);
    } finally {
      await inspector.dispose();
      await server.stop();
    }
  });
});
