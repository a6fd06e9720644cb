// The inspector with stdio and legacy HTTP+SSE servers: the transport used, stderr and lost
// connections on the timeline, and no process left behind.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { Inspector } from '../../src/inspector/inspector';
import type { ServerConfig } from '../../src/inspector/serverSession';
import type { TimelineEvent } from '../../src/shared/model';
import { callEnded } from '../fixtures/inspectorWaits';
import { startSdkExample } from '../fixtures/realServers';
import { clientInfo } from '../fixtures/clientHarness';

const limit = { timeout: 20_000 };
const everything = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');
const fixture = join(__dirname, '..', 'fixtures', 'stdioServer.mjs');

function inspectorWith(t: TestContext, server: ServerConfig): Inspector {
  const inspector = new Inspector({ clientInfo });
  inspector.configure({ servers: [server], requestTimeoutMs: 10_000 });
  t.after(() => inspector.dispose());
  return inspector;
}

/** The command lines of this process's children, by pid. */
function children(): Map<number, string> {
  const found = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) !== process.pid || state === 'Z') continue;
      found.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

const childRunning = (part: string) => [...children().values()].some((command) => command.includes(part));

const ofKind = <K extends TimelineEvent['kind']>(inspector: Inspector, kind: K) =>
  inspector.timeline.recent().filter((e): e is Extract<TimelineEvent, { kind: K }> => e.kind === kind);

describe('Inspector with stdio servers', () => {
  test('server-everything over stdio: connected, its stderr on the timeline, and disconnect ends the process', limit, async (t) => {
    const inspector = inspectorWith(t, { name: 'everything', transport: 'stdio', command: process.execPath, args: [everything, 'stdio'] });
    await inspector.connect('everything');
    const [summary] = inspector.servers();
    assert.equal(summary.state, 'connected', JSON.stringify(summary.problem));
    assert.equal(summary.transport, 'stdio');
    assert.equal(summary.protocolVersion, '2025-11-25');
    assert.equal(summary.sessionId, undefined);
    assert.equal(summary.address, `${process.execPath} ${everything} stdio`);
    assert.ok(summary.tools.some((tool) => tool.name === 'get-sum'));
    assert.match(ofKind(inspector, 'connection').at(-1)!.text, /over stdio: protocol 2025-11-25, no session id/);

    const stderr = ofKind(inspector, 'stderr');
    assert.ok(
      stderr.some((e) => e.serverId === 'everything' && /Starting default \(STDIO\) server/.test(e.line)),
      JSON.stringify(stderr),
    );

    const call = await callEnded(inspector, inspector.runTool('everything', 'get-sum', { a: 2, b: 3 }));
    assert.equal(call.state, 'succeeded', JSON.stringify(call.problem));
    assert.match(String(call.result?.content[0]?.text), /5/);

    assert.ok(childRunning(everything));
    await inspector.disconnect('everything');
    assert.equal(inspector.servers()[0].state, 'closed');
    assert.equal(childRunning(everything), false, 'the server process is gone after disconnect');
  });

  test('a server that crashes mid-call fails the call and the session, with its exit code and stderr', limit, async (t) => {
    const inspector = inspectorWith(t, { name: 'crashy', transport: 'stdio', command: process.execPath, args: [fixture] });
    await inspector.connect('crashy');
    assert.equal(inspector.servers()[0].state, 'connected');

    const call = await callEnded(inspector, inspector.runTool('crashy', 'exit', { code: 5 }));
    assert.equal(call.state, 'failed');
    assert.match(call.problem!.summary, /exited with code 5/);

    const [summary] = inspector.servers();
    assert.equal(summary.state, 'failed');
    assert.match(summary.problem!.summary, /exited with code 5\. Its last stderr lines: .*"fatal: giving up with code 5"/);
    assert.deepEqual(summary.tools, []);
    const lost = ofKind(inspector, 'connection').at(-1)!;
    assert.equal(lost.state, 'failed');
    assert.match(lost.text, /Lost the connection to/);
    assert.ok(ofKind(inspector, 'stderr').some((e) => e.line === 'fatal: giving up with code 5'));
    assert.equal(childRunning(fixture), false);
  });

  test('disconnecting while the server has not answered initialize gives up and ends the process', limit, async (t) => {
    const mute = 'setInterval(() => undefined, 1000) /* mute-server */';
    const inspector = inspectorWith(t, { name: 'mute', transport: 'stdio', command: process.execPath, args: ['-e', mute] });
    const connecting = inspector.connect('mute');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(inspector.servers()[0].state, 'connecting');
    assert.ok(childRunning('mute-server'));
    await inspector.disconnect('mute');
    await connecting;
    assert.equal(inspector.servers()[0].state, 'closed');
    assert.deepEqual(
      ofKind(inspector, 'connection').map((e) => e.state),
      ['connecting', 'closed'],
    );
    assert.equal(childRunning('mute-server'), false);
  });
});

describe('Inspector with a legacy HTTP+SSE server', () => {
  test('an `http` server that only speaks legacy HTTP+SSE: the fallback on the timeline, the transport in the summary', limit, async (t) => {
    const server = await startSdkExample('simpleSseServer');
    t.after(() => server.stop());
    const url = `${server.origin}/mcp`;
    const inspector = inspectorWith(t, { name: 'legacy', transport: 'http', url });
    await inspector.connect('legacy');
    const [summary] = inspector.servers();
    assert.equal(summary.state, 'connected', JSON.stringify(summary.problem));
    assert.equal(summary.transport, 'legacy-sse');
    assert.equal(summary.protocolVersion, '2024-11-05');
    assert.deepEqual(
      summary.tools.map((tool) => tool.name),
      ['start-notification-stream'],
    );
    assert.deepEqual(
      ofKind(inspector, 'connection').map((e) => [e.state, e.text.replace(/\d+ tools/, 'N tools')]),
      [
        ['connecting', `Connecting to ${url}`],
        ['connecting', `Streamable HTTP refused (404 Not Found), using legacy HTTP+SSE at ${url}`],
        ['connected', 'Connected to simple-sse-server 1.0.0 over legacy HTTP+SSE: protocol 2024-11-05, no session id, N tools'],
      ],
    );
  });
});
