// The built `mcp-scope` CLI (dist/cli.js) as a user runs it: against the real server-everything,
// against a server of our own that misbehaves on purpose, and with command lines that are wrong.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { type CliRun, ensureCliBuilt, interruptOnceShown, runCli } from '../fixtures/cli';
import {
  type FaultyServer,
  type JsonRpcLike,
  type McpHandlerOptions,
  mcpHandler,
  openSse,
  result,
  SESSION_ID,
  sendJson,
  sseEvent,
  startFaultyServer,
  textResult,
  tool,
} from '../fixtures/faultyServer';
import { freePort } from '../fixtures/processes';
import { type RunningServer, startSdkExample, startServerEverything } from '../fixtures/realServers';

const limit = { timeout: 20_000 };
const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

/** Every line of a --json run, each checked to be one JSON object naming its `type`. */
function jsonLines(run: CliRun): Array<{ type: string; [key: string]: unknown }> {
  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const parsed = JSON.parse(line) as { type?: unknown };
      assert.equal(typeof parsed.type, 'string', `a line without a type: ${line}`);
      return parsed as { type: string };
    });
}

const everythingDir = dirname(require.resolve('@modelcontextprotocol/server-everything/package.json'));
const stdioFixture = join(__dirname, '..', 'fixtures', 'stdioServer.mjs');
const everythingStdio = ['--stdio', '--', process.execPath, join(everythingDir, 'dist', 'index.js'), 'stdio'];

before(() => ensureCliBuilt());

describe('mcp-scope against server-everything', () => {
  let server: RunningServer;

  before(async () => {
    server = await startServerEverything();
  });
  after(async () => {
    await server?.stop();
  });

  test('list prints every tool with its parameters and description', limit, async () => {
    const run = await runCli(['list', server.url]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\d+ tools\n/);
    assert.match(run.stdout, /\n {2}echo\(message\) {2}· Echo Tool\n {6}Echoes back the input string\n/);
    assert.match(run.stdout, /\n {2}get-sum\(a, b\)/);
    assert.match(run.stdout, /trigger-long-running-operation\(duration\?, steps\?\)/);
    assert.match(run.stderr, /Connected to mcp-servers\/everything .* \(protocol 2025-11-25, session [\w-]+\)/);
  });

  test('list --resources --prompts lists those too', limit, async () => {
    const run = await runCli(['list', server.url, '--resources', '--prompts']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\n\d+ resources\n/);
    assert.match(run.stdout, /demo:\/\/resource\/static\/document\/architecture\.md \(text\/markdown\)/);
    assert.match(run.stdout, /\n\d+ prompts\n/);
    assert.match(run.stdout, /args-prompt\(city, state\?\) {2}· Arguments Prompt/);
  });

  test('call prints the text the tool returned', limit, async () => {
    const run = await runCli(['call', server.url, 'echo', '--args', '{"message": "hello from the CLI"}']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'Echo: hello from the CLI\n');
  });

  test('call follows a task to its result and prints each state change', { timeout: 30_000 }, async () => {
    const run = await runCli(['call', server.url, 'simulate-research-query', '--args', '{"topic": "tide pools"}']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /# Research Report: tide pools/);
    const states = run.stderr.split('\n').filter((line) => line.startsWith('task '));
    assert.match(states[0] ?? '', /^task \S+: working/);
    assert.ok(states.some((line) => /: working \(Synthesizing findings\.\.\.\)$/.test(line)), states.join('\n'));
    assert.match(states.at(-1) ?? '', /: completed/);
  });

  test('Ctrl+C while a task runs sends tasks/cancel before the session closes, exit 130', { timeout: 30_000 }, async () => {
    const run = await runCli(['call', server.url, 'simulate-research-query', '--args', '{"topic": "moss"}', '--json'], {
      started: (child) => interruptOnceShown(child, '"type":"task"'),
    });
    assert.equal(run.code, 130, run.stderr);
    const lines = jsonLines(run);
    const taskId = (lines.find((line) => line.type === 'task')?.task as { taskId?: string } | undefined)?.taskId;
    const cancel = lines.find((line) => line.type === 'response' && line.method === 'tasks/cancel');
    assert.ok(cancel && cancel.error === undefined && cancel.failure === undefined, JSON.stringify(cancel));
    assert.equal(
      (lines.find((line) => line.type === 'request' && line.method === 'tasks/cancel')?.params as { taskId?: string } | undefined)?.taskId,
      taskId,
    );
  });

  test('call summarises content that is not text', limit, async () => {
    const run = await runCli(['call', server.url, 'get-tiny-image']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\[image, image\/png, [\d.]+ (KB|bytes)\]/);
  });

  test('progress goes to stderr as lines when it is not a terminal', limit, async () => {
    const run = await runCli(['call', server.url, 'trigger-long-running-operation', '--args', '{"duration": 0.3, "steps": 3}']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /progress 1\/3 \(33%\)\nprogress 2\/3 \(67%\)\nprogress 3\/3 \(100%\)\n/);
    assert.match(run.stdout, /Long running operation completed/);
  });

  test('--json streams every event as a JSON line: progress on the way, the result last', limit, async () => {
    const run = await runCli(['call', server.url, 'trigger-long-running-operation', '--args', '{"duration": 0.3, "steps": 3}', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const lines = jsonLines(run);
    const types = lines.map((line) => line.type).filter((type) => type !== 'wire');
    // The era is found first (server/discover, then the handshake); the call's events follow the connection.
    assert.equal(types[0], 'request');
    assert.ok(types.indexOf('connected') > 0 && types.indexOf('connected') < types.indexOf('progress'), types.join(' '));
    assert.equal(lines.find((line) => line.type === 'connected')?.transport, 'streamable-http');
    const progress = lines.filter((line) => line.type === 'progress');
    assert.deepEqual(
      progress.map((line) => [line.progress, line.total]),
      [[1, 3], [2, 3], [3, 3]],
    );
    // Only the wire records of closing the session (DELETE) come after the result.
    const last = lines.filter((line) => line.type !== 'wire').at(-1)!;
    assert.equal(last.type, 'result');
    assert.equal(last.tool, 'trigger-long-running-operation');
    assert.match(JSON.stringify(last.result), /Long running operation completed/);
    assert.ok(lines.every((line) => typeof line.time === 'number'));
  });

  test('a tool that reports isError exits 1 and shows its message', limit, async () => {
    const run = await runCli(['call', server.url, 'get-sum', '--args', '{"a": "one", "b": 2}']);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /expected number/);
    assert.match(run.stderr, /get-sum reported an error \(isError\)/);
  });

  test('--protocol-version pins the version: 2025-06-18 is spoken, 2026-07-28 is refused by this 2025 server with advice', limit, async () => {
    const pinned = await runCli(['list', server.url, '--protocol-version', '2025-06-18', '--json']);
    assert.equal(pinned.code, 0, pinned.stderr);
    const connected = jsonLines(pinned).find((line) => line.type === 'connected') as { server?: { protocolVersion?: string } } | undefined;
    assert.match(JSON.stringify(connected), /2025-06-18/);

    const refused = await runCli(['list', server.url, '--protocol-version', '2026-07-28']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /refused a 2026-07-28 request the way a 2025-era server does/);
    assert.match(refused.stderr, /Pin 2025-11-25, or remove the pin/);
  });
});

describe('mcp-scope with a stdio server (server-everything) and a legacy HTTP+SSE server', () => {
  test('list --stdio starts the server, lists its tools, shows its stderr on stderr, and ends it', limit, async () => {
    const run = await runCli(['list', ...everythingStdio]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^\d+ tools\n/);
    assert.match(run.stdout, /\n {2}echo\(message\) {2}· Echo Tool\n/);
    assert.match(run.stderr, /server stderr: Starting default \(STDIO\) server\.\.\.\n/);
    assert.match(run.stderr, /Connected to mcp-servers\/everything .* over stdio \(protocol [\d-]+, no session\)/);
  });

  test('call --stdio with --env and --cwd: the server runs where it is told, with the variables given', limit, async () => {
    // A relative script path only resolves if --cwd is honoured.
    const run = await runCli(['call', 'get-env', '--env', 'MCP_SCOPE_PROBE=from the CLI', '--env', 'SECOND=2', '--cwd', everythingDir, '--stdio', '--', process.execPath, 'dist/index.js', 'stdio']);
    assert.equal(run.code, 0, run.stderr);
    const env = JSON.parse(run.stdout) as Record<string, string>;
    assert.equal(env.MCP_SCOPE_PROBE, 'from the CLI');
    assert.equal(env.SECOND, '2');
  });

  test('call --stdio --json: the stdio server\'s stderr as `stderr` lines, its traffic as `wire` stdio records', limit, async () => {
    const run = await runCli(['call', 'echo', '--args', '{"message": "over a pipe"}', '--json', ...everythingStdio]);
    assert.equal(run.code, 0, run.stderr);
    const lines = jsonLines(run);
    assert.ok(lines.some((line) => line.type === 'stderr' && line.line === 'Starting default (STDIO) server...'), run.stdout);
    const stdio = lines.filter((line) => line.type === 'wire').map((line) => line.record as { type: string; stream: string; line: string });
    assert.ok(stdio.some((record) => record.stream === 'stdin' && record.line.includes('"over a pipe"')));
    assert.ok(stdio.some((record) => record.stream === 'stdout' && record.line.includes('Echo: over a pipe')));
    assert.equal(lines.find((line) => line.type === 'connected')?.transport, 'stdio');
    assert.equal(lines.at(-1)?.type, 'result');
  });

  test('a stdio server that dies mid-call: its last stderr line, the closed connection, exit 2', limit, async () => {
    const run = await runCli(['call', 'exit', '--stdio', '--', process.execPath, stdioFixture]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /server stderr: fatal: giving up with code 3\n/);
    assert.match(run.stderr, /connection closed: .*exit(ed)? .*3/);
    const json = await runCli(['call', 'exit', '--json', '--stdio', '--', process.execPath, stdioFixture]);
    const types = jsonLines(json).map((line) => line.type);
    assert.ok(types.includes('closed'), types.join(' '));
    assert.equal(types.at(-1), 'failed');
  });

  test('Ctrl+C during a stdio call: the cancellation goes down the pipe, exit 130', limit, async () => {
    const run = await runCli(['call', 'silent', '--json', '--stdio', '--', process.execPath, stdioFixture], {
      started: (child) => interruptOnceShown(child, '"method":"tools/call"'),
    });
    assert.equal(run.code, 130, run.stderr);
    const lines = jsonLines(run);
    const call = lines.find((line) => line.type === 'request' && line.method === 'tools/call');
    assert.equal(typeof call?.requestId, 'number');
    assert.equal(lines.find((line) => line.type === 'cancelled')?.requestId, call?.requestId);
    const sent = lines.filter((line) => line.type === 'wire').map((line) => line.record as { stream?: string; line?: string });
    const cancellation = sent.find((record) => record.stream === 'stdin' && record.line?.includes('notifications/cancelled'));
    assert.equal((JSON.parse(cancellation?.line ?? '{}') as { params?: { requestId?: unknown } }).params?.requestId, call?.requestId);
  });

  test('--sse goes straight to legacy HTTP+SSE (no Streamable HTTP attempt) and calls a tool there', limit, async (t) => {
    const server = await startSdkExample('simpleSseServer');
    t.after(() => server.stop());
    const run = await runCli(['call', '--sse', `${server.origin}/mcp`, 'start-notification-stream', '--args', '{"interval": 10, "count": 2}', '--wire']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'Completed sending 2 notifications every 10ms\n');
    assert.match(run.stderr, /Connected to .* over legacy HTTP\+SSE \(protocol 2024-11-05/);
    assert.doesNotMatch(run.stderr, /Streamable HTTP refused/);
    // The first exchange is the GET of the event stream, not a POST.
    assert.match(run.stderr, /^wire #1 > GET http:\/\/127\.0\.0\.1:\d+\/mcp /m);
  });

  test('a URL that only speaks legacy HTTP+SSE: the fallback is announced, then it works', limit, async (t) => {
    const server = await startSdkExample('simpleSseServer');
    t.after(() => server.stop());
    const run = await runCli(['list', `${server.origin}/mcp`]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Streamable HTTP refused \(404 Not Found\), using legacy HTTP\+SSE at /);
    assert.match(run.stdout, /start-notification-stream/);
  });
});

describe('mcp-scope against a misbehaving server', () => {
  async function serve(t: TestContext, options: McpHandlerOptions): Promise<FaultyServer> {
    const server = await startFaultyServer(mcpHandler(options));
    t.after(() => server.stop());
    return server;
  }

  /** A server whose tools/call asks roots/list (id `requestId`) and ends with "asked" once MCP Scope answered it. */
  async function serveRootsAsker(t: TestContext, requestId: string | number): Promise<FaultyServer> {
    let rootsAnswered!: () => void;
    const answered = new Promise<void>((resolve) => (rootsAnswered = resolve));
    const handler = mcpHandler({
      methods: {
        'tools/call': (message, res) => {
          openSse(res);
          sseEvent(res, { jsonrpc: '2.0', id: requestId, method: 'roots/list' });
          void answered.then(() => {
            sseEvent(res, result(message.id, textResult('asked')));
            res.end();
          });
        },
      },
    });
    const server = await startFaultyServer((req, body, res) => {
      // The answer comes as a POST of its own, with the request's id and no method.
      const message = req.method === 'POST' ? (JSON.parse(body) as JsonRpcLike) : undefined;
      if (message?.id === requestId && message.method === undefined) rootsAnswered();
      return handler(req, body, res);
    });
    t.after(() => server.stop());
    return server;
  }

  test('an HTML error page on initialize: exit 2, the status and the body start shown', limit, async (t) => {
    const server = await serve(t, {
      methods: {
        initialize: (_message, res) => {
          res.writeHead(502, { 'content-type': 'text/html' });
          res.end('<html><body>Bad Gateway from the proxy</body></html>');
        },
      },
    });
    const run = await runCli(['list', server.url]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /error: The server answered POST initialize with 502 Bad Gateway\./);
    assert.match(run.stderr, /HTTP 502 Bad Gateway, text\/html: <html><body>Bad Gateway from the proxy/);
    assert.equal(run.stdout, '');
  });

  test('--timeout: a call the server never answers fails with exit 2 and says so', limit, async (t) => {
    const server = await serve(t, {
      methods: {
        'tools/call': (_message, res) => openSse(res),
      },
    });
    const run = await runCli(['call', server.url, 'sleepy', '--timeout', '2']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /The server did not answer tools\/call within 2 s\.\n {2}Give it longer with --timeout <seconds>/);
    const cancelled = await server.waitForPost('notifications/cancelled');
    assert.equal(cancelled.message?.params?.requestId, server.posted('tools/call')[0].message?.id);
  });

  test('--header is sent with every request', limit, async (t) => {
    const server = await serve(t, { methods: { 'tools/list': (message, res) => sendJson(res, result(message.id, { tools: [tool('one')] })) } });
    const run = await runCli(['list', server.url, '--header', 'Authorization: Bearer secret-token', '-H', 'X-Team:scope']);
    assert.equal(run.code, 0, run.stderr);
    const posts = server.requests.filter((request) => request.method === 'POST');
    assert.ok(posts.length >= 3);
    for (const request of posts) {
      assert.equal(request.headers.authorization, 'Bearer secret-token');
      assert.equal(request.headers['x-team'], 'scope');
    }
  });

  test('list --resources on a server without the capability says so instead of asking', limit, async (t) => {
    const server = await serve(t, { methods: { 'tools/list': (message, res) => sendJson(res, result(message.id, { tools: [] })) } });
    const run = await runCli(['list', server.url, '--resources']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '0 tools\n\nThe server offers no resources (it does not declare the resources capability).\n');
    assert.deepEqual(server.posted('resources/list'), []);
  });

  test('--json reports logs, protocol errors and problems as their own lines, and the call still ends', limit, async (t) => {
    const server = await serve(t, {
      methods: {
        'tools/call': (message, res) => {
          openSse(res);
          sseEvent(res, { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'warning', logger: 'db', data: 'slow query' } });
          sseEvent(res, '{"this is": not json');
          sseEvent(res, result(message.id, textResult('done anyway')));
          res.end();
        },
      },
      // Closing waits for the DELETE, so its failure is always reported (a GET's could race the exit).
      onDelete: (_req, res) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('cannot end sessions today');
      },
    });
    const run = await runCli(['call', server.url, 'noisy', '--json']);
    assert.equal(run.code, 0, run.stderr);
    const lines = jsonLines(run);
    const log = lines.find((line) => line.type === 'log');
    assert.deepEqual({ level: log?.level, logger: log?.logger, data: log?.data }, { level: 'warning', logger: 'db', data: 'slow query' });
    const protocolError = lines.find((line) => line.type === 'protocolError');
    assert.equal(protocolError?.raw, '{"this is": not json');
    assert.equal(typeof protocolError?.reason, 'string');
    const types = lines.map((line) => line.type);
    assert.ok(types.indexOf('result') > types.indexOf('protocolError'), 'the call ends with its result after the bad message');
    assert.equal(lines.at(-1)?.type, 'problem');
    assert.match(JSON.stringify(lines.at(-1)), /the DELETE that ends session fixture-session-1 with 500/);
  });

  test('the same events in the default output go to stderr, the result text to stdout', limit, async (t) => {
    const server = await serve(t, {
      methods: {
        'tools/call': (message, res) => {
          openSse(res);
          sseEvent(res, { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: { step: 'warming up' } } });
          sseEvent(res, 'not json at all');
          sseEvent(res, result(message.id, textResult('done')));
          res.end();
        },
      },
    });
    const run = await runCli(['call', server.url, 'noisy']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'done\n');
    assert.match(run.stderr, /\[info\] \{"step":"warming up"\}\n/);
    assert.match(run.stderr, /protocol error: .*\n {2}received: not json at all\n/);
  });

  test('--json: the server\'s request and MCP Scope\'s answer as lines; wire records with secrets redacted', limit, async (t) => {
    const server = await serveRootsAsker(t, 'roots-1');
    const run = await runCli([
      'call', server.url, 'curious', '--json',
      '--header', 'Authorization: Bearer top-secret', '--header', 'X-Api-Key: key-123', '--header', 'X-Team: scope',
      '--secret-header', 'x-api-key',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const lines = jsonLines(run);
    const asked = lines.find((line) => line.type === 'serverRequest');
    assert.deepEqual({ requestId: asked?.requestId, method: asked?.method }, { requestId: 'roots-1', method: 'roots/list' });
    const answered = lines.find((line) => line.type === 'serverResponse');
    assert.equal(answered?.method, 'roots/list');
    assert.equal((answered?.error as { code?: number } | undefined)?.code, -32601);
    const requests = lines.filter((line) => line.type === 'wire').map((line) => line.record as { type: string; headers?: Record<string, string> });
    const posts = requests.filter((record) => record.type === 'httpRequest');
    assert.ok(posts.length >= 4);
    for (const post of posts) {
      assert.equal(post.headers?.authorization, '[redacted]');
      assert.equal(post.headers?.['x-api-key'], '[redacted]');
      assert.equal(post.headers?.['x-team'], 'scope');
    }
    assert.doesNotMatch(run.stdout, /top-secret|key-123/);
    assert.ok(requests.some((record) => record.type === 'httpResponse'));
    assert.ok(requests.some((record) => record.type === 'sseEvent'));
  });

  test('the default output tells of the server\'s request and the answer on stderr; --wire adds one line per record', limit, async (t) => {
    const server = await serveRootsAsker(t, 7);
    const run = await runCli(['call', server.url, 'curious', '--wire', '-H', 'Authorization: Bearer top-secret']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'asked\n');
    assert.match(run.stderr, /server asks: roots\/list \(id 7\)\n/);
    assert.match(run.stderr, /answered the server's roots\/list \(id 7\) with error -32601: MCP Scope does not handle roots\/list requests\n/);
    assert.match(run.stderr, /wire #2 > POST http:\/\/127\.0\.0\.1:\d+\/mcp \[.*authorization: \[redacted\].*\] \{"jsonrpc":"2\.0","id":2,"method":"initialize"/);
    assert.match(run.stderr, /wire #1 < 200 OK, application\/json \([\d.]+ ms\)\n/);
    assert.match(run.stderr, /wire #\d+ < sse \(event message\) \{"jsonrpc":"2\.0","id":7,"method":"roots\/list"\}/);
    assert.doesNotMatch(run.stderr, /top-secret/);
  });

  test('Ctrl+C while connecting gives up, says so and exits 130', limit, async (t) => {
    const server = await serve(t, { methods: { initialize: () => undefined } });
    const run = await runCli(['list', server.url], {
      started: (child) => void server.waitForPost('initialize').then(() => child.kill('SIGINT')),
    });
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /^Cancelled: closing the session\.\n$/);
  });

  test('Ctrl+C cancels the running call, ends the session with DELETE and exits 130', limit, async (t) => {
    let progressSent!: () => void;
    const progressed = new Promise<void>((resolve) => (progressSent = resolve));
    const server = await serve(t, {
      methods: {
        'tools/call': (message, res) => {
          openSse(res);
          const token = message.params?._meta?.progressToken;
          sseEvent(res, { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: token, progress: 1, total: 10 } });
          progressSent();
        },
      },
    });
    const run = await runCli(['call', server.url, 'forever'], {
      started: (child) => {
        // Interrupt once the call is really running: its first progress has reached the CLI.
        child.stderr?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('progress 1/10')) void progressed.then(() => child.kill('SIGINT'));
        });
      },
    });
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /Cancelled: told the server to stop request \d+; closing the session\./);
    const call = server.posted('tools/call')[0];
    const cancelled = server.posted('notifications/cancelled')[0];
    assert.equal(cancelled?.message?.params?.requestId, call.message?.id);
    const deleted = server.requests.filter((request) => request.method === 'DELETE');
    assert.equal(deleted.length, 1);
    assert.equal(deleted[0].headers['mcp-session-id'], SESSION_ID);
    assert.ok(server.requests.indexOf(cancelled) < server.requests.indexOf(deleted[0]), 'the cancellation goes before the DELETE');
  });
});

describe('mcp-scope with a wrong command line or an unreachable server', () => {
  test('a refused connection: exit 2 and a message that says nothing listens there', limit, async () => {
    const url = `http://127.0.0.1:${await freePort()}/mcp`;
    const run = await runCli(['call', url, 'echo']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`POST server/discover to ${url.replace(/[./]/g, '\\$&')} failed: the connection was refused: nothing is listening there \\(ECONNREFUSED\\)`));
    assert.match(run.stderr, /Check that the server is running/);
  });

  test('--args that is not JSON is a usage error: the reason, an example, the usage, exit 2', limit, async () => {
    const run = await runCli(['call', 'http://127.0.0.1:9/mcp', 'echo', '--args', '{message: hi}']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^mcp-scope: --args is not valid JSON \(.+\): write an object, e\.g\. --args '\{"message": "hi"\}'\.\n/);
    assert.match(run.stderr, /\nUsage:\n {2}mcp-scope list <server>/);
    assert.equal(run.stdout, '');
  });

  test('--args that is JSON but not an object is a usage error too', limit, async () => {
    const run = await runCli(['call', 'http://127.0.0.1:9/mcp', 'echo', '--args', '[1, 2]']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--args must be a JSON object of the tool's arguments/);
  });

  test('every other mistake names itself and shows the usage', limit, async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /Say what to do: list, call or conformance\./],
      [['lsit', 'http://127.0.0.1:9/mcp'], /Unknown command "lsit"/],
      [['list'], /list needs the server: its URL \(e\.g\. http:\/\/127\.0\.0\.1:3000\/mcp\), --sse <url> or --stdio -- <command>\./],
      [['list', '127.0.0.1:3000'], /"127\.0\.0\.1:3000" is not an http:\/\/ or https:\/\/ URL|is not a URL/],
      [['list', 'not a url'], /"not a url" is not a URL/],
      [['call', 'http://127.0.0.1:9/mcp'], /call needs the name of the tool/],
      [['call', 'http://127.0.0.1:9/mcp', 'echo', 'extra'], /"extra" is one argument too many/],
      [['list', 'http://127.0.0.1:9/mcp', '--timeout', '0'], /--timeout "0" is not a positive number of seconds/],
      [['list', 'http://127.0.0.1:9/mcp', '--timeout'], /Option '--timeout <value>' argument missing/],
      [['list', 'http://127.0.0.1:9/mcp', '--header', 'no colon'], /--header "no colon" is not "Name: value"/],
      [['list', 'http://127.0.0.1:9/mcp', '--protocol-version', '2023-01-01'], /--protocol-version 2023-01-01 is not one MCP Scope speaks/],
      [['list', 'http://127.0.0.1:9/mcp', '--frobnicate'], /Unknown option '--frobnicate'/],
      [['list', '--stdio'], /--stdio needs the server's command line after --/],
      [['list', '--', 'node', 'server.js'], /"-- node server\.js" is a server command line, which needs --stdio/],
      [['list', '--sse', 'http://127.0.0.1:9/sse', '--stdio', '--', 'node'], /not both --sse and --stdio/],
      [['list', 'http://127.0.0.1:9/mcp', '--env', 'A=1'], /--env and --cwd belong to a stdio server/],
      [['list', '--env', 'no-equals', '--stdio', '--', 'node'], /--env "no-equals" is not NAME=value/],
      [['list', '-H', 'A: b', '--stdio', '--', 'node'], /--header is for HTTP servers/],
      [['call', '--stdio', '--', 'node', 'server.js'], /call needs the name of the tool \(list shows the names\)/],
      [['call', 'echo', 'extra', '--sse', 'http://127.0.0.1:9/sse'], /call takes --sse and one tool name; "extra" is one argument too many/],
      [['list', 'http://127.0.0.1:9/mcp', '--secret-header', 'bad name'], /--secret-header "bad name" is not a header name/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      assert.equal(run.code, 2, `mcp-scope ${args.join(' ')}`);
      assert.match(run.stderr, message, `mcp-scope ${args.join(' ')}`);
      assert.match(run.stderr, /\nUsage:\n/, `mcp-scope ${args.join(' ')}`);
    }
  });

  test('--help prints the usage and --version the version, both exit 0', limit, async () => {
    const help = await runCli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage:\n {2}mcp-scope list <server>/);
    const shown = await runCli(['--version']);
    assert.equal(shown.code, 0);
    assert.equal(shown.stdout, `${version}\n`);
  });
});
