// The stdio transport against the real server-everything and against a fixture server that
// misbehaves: garbage, huge and partial lines, stderr noise, crashes, and a deaf ear to SIGTERM.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { type ClientEvent, McpClient } from '../../src/mcp/client';
import { connect } from '../../src/mcp/connect';
import { ConnectionClosedError, McpScopeError } from '../../src/mcp/problems';
import { STDIO_VERSIONS } from '../../src/mcp/protocol';
import { type StdioOptions, StdioTransport } from '../../src/mcp/transports/stdio';
import type { ProgressReport } from '../../src/shared/model';
import { clientInfo } from '../fixtures/clientHarness';

const limit = { timeout: 15_000 };
const fixture = join(__dirname, '..', 'fixtures', 'stdioServer.mjs');
const everything = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a process runs; a zombie (dead, waiting for a parent such as init to reap it) does not. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // The state follows the command name in parentheses, which may itself hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits a moment for a process to be gone: a signal takes effect asynchronously. */
async function assertGone(pid: number): Promise<void> {
  for (let i = 0; i < 20 && isAlive(pid); i++) await sleep(25);
  assert.equal(isAlive(pid), false, `process ${pid} is still running`);
}

interface Started {
  client: McpClient;
  transport: StdioTransport;
  events: ClientEvent[];
}

/** Starts a stdio server with a client for it; the client is closed when the test ends. */
function setUp(t: TestContext, options: StdioOptions, requestTimeoutMs = 10_000): Started {
  const transport = new StdioTransport(options);
  const events: ClientEvent[] = [];
  const client = new McpClient(transport, {
    clientInfo,
    requestTimeoutMs,
    versions: STDIO_VERSIONS,
    onEvent: (event) => events.push(event),
  });
  t.after(async () => {
    await client.close();
    if (transport.pid !== undefined) await assertGone(transport.pid);
  });
  return { client, transport, events };
}

const fixtureServer = (t: TestContext, flags: string[] = [], options: Partial<StdioOptions> = {}) =>
  setUp(t, { command: process.execPath, args: [fixture, ...flags], ...options });

const stderrLines = (events: ClientEvent[]) => events.flatMap((e) => (e.type === 'stderr' ? [e.line] : []));
const malformed = (events: ClientEvent[]) =>
  events.filter((e): e is Extract<ClientEvent, { type: 'malformed' }> => e.type === 'malformed');

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await sleep(10);
  }
}

describe('stdio with server-everything', () => {
  test('initialize, tools/list, a call with progress, stderr captured, and close ends the process', limit, async (t) => {
    const { client, transport, events } = setUp(t, { command: process.execPath, args: [everything, 'stdio'] });
    const init = await client.connect();
    assert.equal(init.protocolVersion, '2025-11-25');
    assert.ok(init.serverInfo.name.length > 0);
    assert.equal(client.sessionId, undefined);

    const names = (await client.listTools()).map((tool) => tool.name);
    assert.ok(names.includes('trigger-long-running-operation'), names.join(', '));

    const progress: ProgressReport[] = [];
    const answer = await client.callTool(
      'trigger-long-running-operation',
      { duration: 0.3, steps: 3 },
      { onProgress: (report) => progress.push(report) },
    );
    assert.match(String(answer.content[0]?.text), /Long running operation completed/);
    assert.deepEqual(
      progress.map((report) => [report.progress, report.total]),
      [
        [1, 3],
        [2, 3],
        [3, 3],
      ],
    );
    assert.ok(stderrLines(events).some((line) => /Starting default \(STDIO\) server/.test(line)), stderrLines(events).join('\n'));

    const pid = transport.pid!;
    assert.ok(isAlive(pid));
    await client.close();
    assert.equal(isAlive(pid), false, 'the server process is gone once close() resolved');
  });
});

describe('stdio with a misbehaving fixture server', () => {
  test('lines that are not JSON-RPC are reported as themselves, and the call still gets its answer', limit, async (t) => {
    const { client, events } = fixtureServer(t);
    await client.connect();
    const answer = await client.callTool('garbage', {});
    assert.equal(answer.content[0]?.text, 'after the garbage');
    assert.deepEqual(
      malformed(events).map((e) => e.raw),
      ['this is not JSON', '{"jsonrpc":"2.0"}', '[1, 2]'],
    );
    assert.match(malformed(events)[0].reason, /not JSON/);
    assert.match(malformed(events)[1].reason, /not a JSON-RPC message/);
  });

  test('a line over the size limit is one error showing its start; the connection carries on', limit, async (t) => {
    const { client, events } = fixtureServer(t, [], { maxLineBytes: 64 * 1024 });
    await client.connect();
    const answer = await client.callTool('huge', { bytes: 5_000_000 });
    assert.equal(answer.content[0]?.text, 'after the huge line');
    const [overflow, ...more] = malformed(events);
    assert.equal(more.length, 0);
    assert.match(overflow.reason, /longer than the limit of 65536 bytes/);
    assert.ok(overflow.raw.startsWith('xxxx'));
    assert.ok(overflow.raw.length < 1000, `only the start is kept (${overflow.raw.length} chars)`);

    // A large line within the limit is read whole, however the pipe chunks it.
    const big = await client.callTool('huge', { bytes: 60_000, valid: true });
    assert.equal(String(big.content[0]?.text).length, 60_000);
    assert.equal(malformed(events).length, 1);
  });

  test('an answer written a few bytes at a time, multi-byte characters split, CRLF-ended, arrives intact', limit, async (t) => {
    const { client, events } = fixtureServer(t);
    await client.connect();
    const answer = await client.callTool('partial', {});
    assert.equal(answer.content[0]?.text, 'héllo wörld 🌍');
    assert.deepEqual(malformed(events), []);
  });

  test('stderr arrives line by line, split writes joined and CRLF dropped', limit, async (t) => {
    const { client, events } = fixtureServer(t);
    await client.connect();
    await client.callTool('noise', {});
    await waitFor(() => stderrLines(events).includes('noise three'), 'the last stderr line');
    assert.deepEqual(stderrLines(events), ['fixture starting', 'ready on stdio', 'noise one', 'noise two', 'noise three']);
    assert.deepEqual(malformed(events), []);
  });

  test('the process exiting mid-request rejects the request with the exit code and its last stderr', limit, async (t) => {
    const { client, transport, events } = fixtureServer(t);
    await client.connect();
    const pid = transport.pid!;
    const waiting = client.callTool('silent', {});
    const error = await client.callTool('exit', { code: 7 }).then(
      () => assert.fail('the call should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ConnectionClosedError, String(error));
    assert.match(error.problem.summary, /before the server answered tools\/call/);
    assert.match(error.problem.summary, /exited with code 7/);
    assert.match(error.problem.summary, /fatal: giving up with code 7/);
    await assert.rejects(waiting, (e: unknown) => e instanceof ConnectionClosedError && /exited with code 7/.test(e.message));

    const closed = events.filter((e) => e.type === 'closed');
    assert.equal(closed.length, 1);
    assert.ok(closed[0].type === 'closed' && closed[0].problem.summary.includes(`pid ${pid}`));
    await assert.rejects(client.listTools(), /exited with code 7/);
    await assertGone(pid);
  });

  test('a server that ignores SIGTERM and outlives its stdin is killed, and close() waits for it', limit, async (t) => {
    const { client, transport, events } = fixtureServer(t, ['--ignore-sigterm'], { closeGraceMs: 300 });
    await client.connect();
    const pid = transport.pid!;
    const started = performance.now();
    await client.close();
    const took = performance.now() - started;
    assert.equal(isAlive(pid), false);
    assert.ok(took >= 550, `stdin end and SIGTERM each got their grace period (${took.toFixed(0)} ms)`);
    assert.ok(stderrLines(events).includes('ignoring SIGTERM'), stderrLines(events).join('\n'));
    assert.equal(
      events.some((e) => e.type === 'closed'),
      false,
      'an exit MCP Scope asked for is no lost connection',
    );
  });

  test('what the server started itself is ended with it', limit, async (t) => {
    const { client, events } = fixtureServer(t, ['--grandchild']);
    await client.connect();
    await waitFor(() => stderrLines(events).some((line) => line.startsWith('grandchild ')), 'the grandchild pid');
    const grandchild = Number(stderrLines(events).find((line) => line.startsWith('grandchild '))!.split(' ')[1]);
    assert.ok(isAlive(grandchild));
    await client.close();
    await assertGone(grandchild);
  });
});

describe('stdio servers that cannot start', () => {
  const failure = async (options: StdioOptions): Promise<McpScopeError> => {
    const error = await connect({ transport: 'stdio', ...options }, { clientInfo, requestTimeoutMs: 5000 }).then(
      () => assert.fail('connect should fail'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof McpScopeError, String(error));
    return error;
  };

  test('a command that does not exist names the command, the directory and what to check', limit, async () => {
    const cwd = tmpdir();
    const { problem } = await failure({ command: 'mcp-scope-no-such-server', args: ['--stdio'], cwd });
    assert.match(problem.summary, /Could not start mcp-scope-no-such-server --stdio/);
    assert.ok(problem.summary.includes(cwd), problem.summary);
    assert.match(problem.summary, /not found \(ENOENT\)/);
    assert.match(problem.advice!, /PATH/);
  });

  test('a file that is not executable says so (EACCES)', limit, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mcp-scope-'));
    const script = join(dir, 'server.sh');
    writeFileSync(script, '#!/bin/sh\n');
    chmodSync(script, 0o644);
    const { problem } = await failure({ command: script });
    assert.match(problem.summary, /permission denied \(EACCES\)/);
    assert.match(problem.advice!, /chmod \+x/);
  });

  test('a working directory that does not exist is named as the cause', limit, async () => {
    const cwd = join(tmpdir(), 'mcp-scope-no-such-dir');
    const { problem } = await failure({ command: process.execPath, args: [fixture], cwd });
    assert.match(problem.summary, /the working directory does not exist/);
    assert.ok(problem.summary.includes(cwd));
  });
});
