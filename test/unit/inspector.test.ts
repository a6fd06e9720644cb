// The inspector: sessions, tool calls and the timeline, against the real server-everything.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Inspector } from '../../src/inspector/inspector';
import { TimelineStore } from '../../src/inspector/timelineStore';
import type { CallRecord, LogLevel, TimelineEvent } from '../../src/shared/model';
import { waitForCall } from '../fixtures/inspectorWaits';
import { freePort } from '../fixtures/processes';
import { type RunningServer, startServerEverything } from '../fixtures/realServers';
import { clientInfo } from '../fixtures/clientHarness';

/** No test may hang the suite: a call that never settles fails its test instead. */
const limit = { timeout: 15_000 };

describe('Inspector with server-everything', () => {
  let server: RunningServer;
  const inspector = new Inspector({ clientInfo });

  before(async () => {
    server = await startServerEverything();
  });

  after(async () => {
    await inspector.dispose();
    await server?.stop();
  });

  test('connect() leaves the server connected with its tools listed', limit, async () => {
    const changes: string[] = [];
    inspector.serversChanged.add((servers) => changes.push(servers[0]?.state ?? 'none'));
    inspector.configure({ servers: [{ name: 'everything', transport: 'http', url: server.url }], requestTimeoutMs: 10_000 });
    assert.equal(inspector.servers()[0].state, 'idle');

    await inspector.connect('everything');
    const [summary] = inspector.servers();
    assert.equal(summary.id, 'everything');
    assert.equal(summary.state, 'connected');
    assert.equal(summary.protocolVersion, '2025-11-25');
    assert.ok(summary.sessionId);
    assert.ok(summary.serverInfo?.name);
    const names = summary.tools.map((tool) => tool.name);
    assert.ok(names.includes('trigger-long-running-operation'), names.join(', '));
    assert.ok(names.includes('get-sum'), names.join(', '));
    assert.deepEqual(changes, ['idle', 'connecting', 'connected']);
  });

  test('runTool() follows a call through its progress to its result, and the timeline ties it all to the call', limit, async () => {
    const updates: CallRecord[] = [];
    const remove = inspector.callUpdated.add((call) => updates.push(call));
    const done = waitForCall(inspector, (call) => call.state !== 'running');
    const callId = inspector.runTool('everything', 'trigger-long-running-operation', { duration: 1, steps: 3 });
    const finished = await done;
    remove();

    assert.equal(finished.id, callId);
    assert.equal(finished.state, 'succeeded', JSON.stringify(finished.problem));
    assert.match(String(finished.result?.content[0]?.text), /Long running operation completed/);
    assert.ok(finished.endedAt! >= finished.startedAt);

    const mine = updates.filter((call) => call.id === callId);
    assert.equal(mine[0].state, 'running');
    assert.deepEqual(
      mine.filter((call) => call.state === 'running' && call.progress).map((call) => [call.progress!.progress, call.progress!.total]),
      [
        [1, 3],
        [2, 3],
        [3, 3],
      ],
    );
    assert.equal(mine.at(-1)!.state, 'succeeded');
    assert.deepEqual(
      inspector.snapshot().calls.find((call) => call.id === callId),
      finished,
    );

    const timeline = inspector.timeline.recent();
    const seqs = timeline.map((event) => event.seq);
    for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] > seqs[i - 1], `seq ${seqs[i]} after ${seqs[i - 1]}`);

    const ofCall = timeline.filter((event) => 'callId' in event && event.callId === callId);
    assert.deepEqual(
      ofCall.map((event) => event.kind),
      ['request', 'progress', 'progress', 'progress', 'response'],
    );
    const [request] = ofCall as Extract<TimelineEvent, { kind: 'request' }>[];
    assert.equal(request.method, 'tools/call');
    assert.equal(request.serverId, 'everything');
    assert.ok(ofCall.every((event) => 'requestId' in event && event.requestId === request.requestId));
  });

  test('setLogLevel() sends logging/setLevel and resolves with the server’s answer; its exchange is on the timeline', limit, async () => {
    const answer = await inspector.setLogLevel('everything', 'warning');
    assert.deepEqual(answer, {});
    const [request, response] = inspector.timeline
      .recent()
      .filter((event) => event.kind !== 'wire')
      .slice(-2);
    assert.equal(request.kind, 'request');
    assert.equal(response.kind, 'response');
    assert.deepEqual(request.kind === 'request' && [request.method, request.params], ['logging/setLevel', { level: 'warning' }]);
    assert.ok(response.kind === 'response' && response.durationMs >= 0 && response.error === undefined);

    // A level the server refuses: its error comes back to the caller.
    await assert.rejects(inspector.setLogLevel('everything', 'loud' as LogLevel), (error: Error) => {
      assert.match(error.message, /The server answered logging\/setLevel with error -32603/);
      assert.match(error.message, /invalid_value/);
      return true;
    });
    await assert.rejects(inspector.setLogLevel('nowhere', 'debug'), /No server named "nowhere" is configured/);
  });

  test('clearing the timeline forgets its events; the numbering goes on', limit, async () => {
    const before = inspector.timeline.recent();
    assert.ok(before.length > 0);
    const lastSeq = before.at(-1)!.seq;
    inspector.timeline.clear();
    assert.deepEqual(inspector.timeline.recent(), []);
    assert.deepEqual(inspector.snapshot().timeline, []);

    await inspector.setLogLevel('everything', 'debug');
    const after = inspector.timeline.recent();
    assert.equal(after[0].seq, lastSeq + 1);
    assert.ok(after.every((event, i) => i === 0 || event.seq === after[i - 1].seq + 1));
    assert.deepEqual(
      after.filter((event) => event.kind !== 'wire').map((event) => event.kind),
      ['request', 'response'],
    );
  });

  test('setLogLevel() on a server that is not connected says so', limit, async () => {
    await inspector.disconnect('everything');
    await assert.rejects(inspector.setLogLevel('everything', 'info'), /Cannot set the log level of everything: it is not connected\. Connect to the server first\./);
  });

  test('a server with nothing listening ends up failed, with the problem on the server and the timeline', limit, async () => {
    const deadUrl = `http://127.0.0.1:${await freePort()}/mcp`;
    const dead = new Inspector({ clientInfo });
    try {
      dead.configure({ servers: [{ name: 'dead', transport: 'http', url: deadUrl }], requestTimeoutMs: 10_000 });
      await dead.connect('dead');
      const [summary] = dead.servers();
      assert.equal(summary.state, 'failed');
      assert.ok(summary.problem, 'the server summary carries the problem');
      assert.match(summary.problem.summary, /refused/);
      assert.ok(summary.problem.summary.includes(deadUrl));
      assert.deepEqual(summary.tools, []);

      const connection = dead.timeline.recent().filter((event) => event.kind === 'connection');
      assert.deepEqual(
        connection.map((event) => event.state),
        ['connecting', 'failed'],
      );
      assert.deepEqual(connection[1].problem, summary.problem);
      assert.equal(connection[1].serverId, 'dead');
    } finally {
      await dead.dispose();
    }
  });
});

describe('TimelineStore', () => {
  test('keeps only the newest events, numbered without gaps', limit, () => {
    const store = new TimelineStore(10);
    const heard: number[] = [];
    store.appended.add((event) => heard.push(event.seq));
    for (let i = 1; i <= 100; i++) {
      store.append({ kind: 'problem', time: i, serverId: 's', problem: { summary: `problem ${i}` } });
    }
    const recent = store.recent();
    assert.equal(recent.length, 10);
    assert.deepEqual(
      recent.map((event) => event.seq),
      [91, 92, 93, 94, 95, 96, 97, 98, 99, 100],
    );
    assert.equal(recent.at(-1)!.seq, 100);
    assert.deepEqual(recent.at(-1), { kind: 'problem', time: 100, serverId: 's', problem: { summary: 'problem 100' }, seq: 100 });
    assert.equal(heard.length, 100);
    assert.equal(heard.at(-1), 100);
  });
});
