// The debugging loop: a server that goes away and comes back is reconnected to by itself, with
// backoff, and the timeline says what changed in its tools.

import assert from 'node:assert/strict';
import { describe, type TestContext, test } from 'node:test';
import { Inspector } from '../../src/inspector/inspector';
import { describeToolChange, diffTools } from '../../src/inspector/toolDiff';
import type { ServerSummary, TimelineEvent, ToolSummary } from '../../src/shared/model';
import { freePort } from '../fixtures/processes';
import { startServerEverything } from '../fixtures/realServers';
import { startToolServer } from '../fixtures/toolServer';
import { clientInfo } from '../fixtures/clientHarness';

const fast = { heartbeatMs: 200, firstDelayMs: 100, maxDelayMs: 400 };

function waitForServer(inspector: Inspector, predicate: (server: ServerSummary) => boolean, timeoutMs = 15_000): Promise<ServerSummary> {
  return new Promise((resolve, reject) => {
    const now = inspector.servers().find(predicate);
    if (now) return resolve(now);
    const timer = setTimeout(() => {
      remove();
      reject(new Error(`no matching server state within ${timeoutMs} ms; now ${JSON.stringify(inspector.servers().map((s) => [s.state, s.reconnect]))}`));
    }, timeoutMs);
    const remove = inspector.serversChanged.add((servers) => {
      const found = servers.find(predicate);
      if (!found) return;
      clearTimeout(timer);
      remove();
      resolve(found);
    });
  });
}

/**
 * A tool server with `tools`, and a fast-reconnecting Inspector connected to it as "dev" that keeps
 * the timeline's events; both are stopped when the test ends.
 */
async function devInspector(t: TestContext, tools: ToolSummary[]) {
  const dev = {
    server: await startToolServer({ tools }),
    inspector: new Inspector({ clientInfo, reconnect: fast }),
    events: [] as TimelineEvent[],
    /** Starts the server again on its port, with these tools. */
    async restart(tools: ToolSummary[]) {
      dev.server = await startToolServer({ port: dev.server.port, tools });
    },
  };
  dev.inspector.timeline.appended.add((event) => dev.events.push(event));
  t.after(async () => {
    await dev.inspector.dispose();
    await dev.server.stop();
  });
  dev.inspector.configure({ servers: [{ name: 'dev', transport: 'http', url: dev.server.url }], requestTimeoutMs: 5000 });
  await dev.inspector.connect('dev');
  return dev;
}

const tool = (name: string, description: string, properties: Record<string, unknown> = {}, required: string[] = []): ToolSummary => ({
  name,
  description,
  inputSchema: { type: 'object', properties, required },
});

describe('tool list differences', () => {
  test('added, removed, and changed tools with the paths that changed and their values', () => {
    const before = [tool('echo', 'Echoes', { text: { type: 'string' } }, ['text']), tool('old', 'Gone soon')];
    const after = [tool('echo', 'Echoes back', { text: { type: 'string' }, times: { type: 'integer' } }, ['text', 'times']), tool('new', 'Fresh')];
    const change = diffTools(before, after);
    assert.deepEqual(change, {
      added: ['new'],
      removed: ['old'],
      changed: [
        {
          name: 'echo',
          changes: [
            { path: 'description', before: 'Echoes', after: 'Echoes back' },
            { path: 'inputSchema.properties.times', after: { type: 'integer' } },
            { path: 'inputSchema.required', before: ['text'], after: ['text', 'times'] },
          ],
        },
      ],
    });
    assert.equal(
      describeToolChange(change),
      '1 tool added (new); 1 tool removed (old); 1 tool changed (echo: description, inputSchema.properties.times, inputSchema.required)',
    );
    assert.equal(describeToolChange(diffTools(before, before)), 'the tools are unchanged');
  });
});

describe('reconnecting by itself', () => {
  test('server-everything stopped and started again on the same port: lost, retried with backoff, reconnected, tools unchanged', { timeout: 60_000 }, async () => {
    const port = await freePort();
    let server = await startServerEverything(port);
    const inspector = new Inspector({ clientInfo, reconnect: fast });
    const events: TimelineEvent[] = [];
    inspector.timeline.appended.add((event) => events.push(event));
    try {
      inspector.configure({ servers: [{ name: 'everything', transport: 'http', url: server.url }], requestTimeoutMs: 5000 });
      await inspector.connect('everything');
      const first = inspector.servers()[0];
      assert.equal(first.state, 'connected');

      await server.stop();
      const lost = await waitForServer(inspector, (s) => s.state === 'failed' && s.reconnect !== undefined);
      assert.ok(lost.problem, 'the reason the connection was lost is shown');
      assert.ok(lost.reconnect!.at > Date.now() - 1000, 'the next try has a time, for a countdown');
      const later = await waitForServer(inspector, (s) => (s.reconnect?.attempt ?? 0) >= 3);
      assert.ok(later.reconnect!.at - Date.now() <= fast.maxDelayMs, 'the wait between tries is capped');

      server = await startServerEverything(port);
      const back = await waitForServer(inspector, (s) => s.state === 'connected');
      assert.equal(back.tools.length, first.tools.length);
      assert.notEqual(back.sessionId, first.sessionId, 'a new session was started');
      assert.equal(back.reconnect, undefined);
      const texts = events.filter((e) => e.kind === 'connection').map((e) => (e as { text: string }).text);
      assert.ok(texts.some((text) => /^Lost the connection to .*; reconnecting by itself$/.test(text)), texts.join('\n'));
      assert.ok(texts.some((text) => /^Reconnected to /.test(text)), texts.join('\n'));
      assert.equal(events.filter((e) => e.kind === 'toolsChanged').length, 0, 'the same tools are no change');
      assert.equal(events.filter((e) => e.kind === 'request' && e.method === 'ping').length, 0, 'heartbeat pings stay off the timeline');
    } finally {
      await inspector.dispose();
      await server.stop();
    }
  });

  for (const heartbeatFirst of [false, true]) test(`the debugger ends the program for good${heartbeatFirst ? ' after the heartbeat found the server gone' : ''}: reconnecting stops with the reason, and the next debug session of it connects again`, { timeout: 30_000 }, async (t) => {
    const dev = await devInspector(t, [tool('echo', 'Echoes')]);
    const { inspector, events } = dev;
    let debugging = true;
    await dev.server.stop();
    if (heartbeatFirst) await waitForServer(inspector, (s) => s.state === 'failed' && s.reconnect !== undefined);
    debugging = false;
    inspector.programEnded('dev', 'The debugger ended dev (launch dev)', () => debugging);
    const closed = await waitForServer(inspector, (s) => s.state === 'closed');
    assert.equal(closed.reconnect, undefined, 'no next try is scheduled');
    const tries = () => events.filter((e) => e.kind === 'connection' && e.state === 'connecting').length;
    const triesWhenClosed = tries();
    await new Promise((resolve) => setTimeout(resolve, fast.maxDelayMs * 3));
    assert.equal(tries(), triesWhenClosed, 'it does not try again while no debug session runs the program');
    const texts = events.filter((e) => e.kind === 'connection').map((e) => (e as { text: string }).text);
    assert.match(texts.at(-1)!, /^The debugger ended dev \(launch dev\), and no debug session of it runs: stopped reconnecting to .*Start and Connect/);

    await dev.restart([tool('echo', 'Echoes')]);
    debugging = true;
    inspector.programStarted('dev');
    await waitForServer(inspector, (s) => s.state === 'connected');
  });

  test('a server disconnected by the user stays closed when a debug session of its program starts', { timeout: 15_000 }, async (t) => {
    const { inspector } = await devInspector(t, [tool('echo', 'Echoes')]);
    await inspector.disconnect('dev');
    inspector.programStarted('dev');
    await new Promise((resolve) => setTimeout(resolve, fast.firstDelayMs * 3));
    assert.equal(inspector.servers()[0].state, 'closed');
  });

  test('a restarted server with other tools: the timeline tells what was added, removed and changed', { timeout: 30_000 }, async (t) => {
    const dev = await devInspector(t, [tool('echo', 'Echoes'), tool('old', 'Gone soon')]);
    const { inspector, events } = dev;
    await dev.server.stop();
    await waitForServer(inspector, (s) => s.state === 'failed');
    await dev.restart([tool('echo', 'Echoes back'), tool('new', 'Fresh')]);
    const back = await waitForServer(inspector, (s) => s.state === 'connected');
    assert.deepEqual(back.tools.map((each) => each.name), ['echo', 'new']);
    const changes = events.filter((e) => e.kind === 'toolsChanged');
    assert.equal(changes.length, 1);
    assert.deepEqual(changes[0], {
      ...changes[0],
      text: 'Tools changed: 1 tool added (new); 1 tool removed (old); 1 tool changed (echo: description)',
      added: ['new'],
      removed: ['old'],
      changed: [{ name: 'echo', changes: [{ path: 'description', before: 'Echoes', after: 'Echoes back' }] }],
    });
  });

  test('Disconnect while reconnecting stops the tries', { timeout: 20_000 }, async (t) => {
    const { inspector, server } = await devInspector(t, [tool('echo', 'Echoes')]);
    await server.stop();
    await waitForServer(inspector, (s) => s.reconnect !== undefined);
    await inspector.disconnect('dev');
    assert.equal(inspector.servers()[0].state, 'closed');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(inspector.servers()[0].state, 'closed', 'no try after Disconnect');
    assert.equal(inspector.servers()[0].reconnect, undefined);
  });

  test('connect with keepTrying (a server being started): refused, retried with backoff, connected once it listens', { timeout: 20_000 }, async () => {
    const port = await freePort();
    const inspector = new Inspector({ clientInfo, reconnect: fast });
    let server: Awaited<ReturnType<typeof startToolServer>> | undefined;
    try {
      inspector.configure({ servers: [{ name: 'starting', transport: 'http', url: `http://127.0.0.1:${port}/mcp` }], requestTimeoutMs: 5000 });
      await inspector.connect('starting', { keepTrying: true });
      const waiting = inspector.servers()[0];
      assert.equal(waiting.state, 'failed');
      assert.ok(waiting.reconnect, 'a retry is scheduled');
      server = await startToolServer({ port, tools: [tool('echo', 'Echoes')] });
      const connected = await waitForServer(inspector, (summary) => summary.state === 'connected');
      assert.deepEqual(connected.tools.map((t) => t.name), ['echo']);

      await inspector.disconnect('starting');
      await server.stop();
      await inspector.connect('starting');
      assert.equal(inspector.servers()[0].state, 'failed');
      assert.equal(inspector.servers()[0].reconnect, undefined, 'a plain connect does not keep trying');
    } finally {
      await inspector.dispose();
      await server?.stop();
    }
  });

  test('a held server is listed but never connected to', async () => {
    const server = await startToolServer({ tools: [] });
    const inspector = new Inspector({ clientInfo });
    try {
      const held = { summary: 'This workspace is not trusted.' };
      inspector.configure({ servers: [{ name: 'ws', transport: 'http', url: server.url, held }], requestTimeoutMs: 5000 });
      await inspector.connect('ws');
      assert.deepEqual(inspector.servers()[0].problem, held);
      assert.equal(server.headers.length, 0, 'no request reached the server');
    } finally {
      await inspector.dispose();
      await server.stop();
    }
  });
});

describe('per-server settings', () => {
  test('a pinned protocol version the server does not speak: connecting fails and says which version to pin', { timeout: 15_000 }, async () => {
    const server = await startToolServer({ tools: [] });
    const inspector = new Inspector({ clientInfo });
    try {
      inspector.configure({ servers: [{ name: 'dev', transport: 'http', url: server.url, protocolVersion: '2026-07-28' }], requestTimeoutMs: 5000 });
      await inspector.connect('dev');
      const [summary] = inspector.servers();
      assert.equal(summary.state, 'failed');
      assert.match(summary.problem?.summary ?? '', /refused a 2026-07-28 request the way a 2025-era server does/);
      assert.match(summary.problem?.advice ?? '', /Pin 2025-11-25, or remove the pin/);
    } finally {
      await inspector.dispose();
      await server.stop();
    }
  });
});
