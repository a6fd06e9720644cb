// The built `mcp-scope` CLI (dist/cli.js) as a user runs it: against the real server-everything,
// against a server of our own that misbehaves on purpose, and with command lines that are wrong.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { type CliRun, ensureCliBuilt, runCli } from '../fixtures/cli';
import {
  type FaultyServer,
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
import { type RunningServer, startServerEverything } from '../fixtures/realServers';

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
    const types = lines.map((line) => line.type);
    // The era is found first (server/discover, then the handshake); the call's events follow the connection.
    assert.equal(types[0], 'request');
    assert.ok(types.indexOf('connected') > 0 && types.indexOf('connected') < types.indexOf('progress'), types.join(' '));
    const progress = lines.filter((line) => line.type === 'progress');
    assert.deepEqual(
      progress.map((line) => [line.progress, line.total]),
      [[1, 3], [2, 3], [3, 3]],
    );
    const last = lines.at(-1)!;
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
});

describe('mcp-scope against a misbehaving server', () => {
  async function serve(t: TestContext, options: McpHandlerOptions): Promise<FaultyServer> {
    const server = await startFaultyServer(mcpHandler(options));
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
    assert.match(run.stderr, /\nUsage:\n {2}mcp-scope list <url>/);
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
      [['list'], /list needs the server's URL/],
      [['list', '127.0.0.1:3000'], /"127\.0\.0\.1:3000" is not an http:\/\/ or https:\/\/ URL|is not a URL/],
      [['list', 'not a url'], /"not a url" is not a URL/],
      [['call', 'http://127.0.0.1:9/mcp'], /call needs the name of the tool/],
      [['call', 'http://127.0.0.1:9/mcp', 'echo', 'extra'], /"extra" is one argument too many/],
      [['list', 'http://127.0.0.1:9/mcp', '--timeout', '0'], /--timeout "0" is not a positive number of seconds/],
      [['list', 'http://127.0.0.1:9/mcp', '--timeout'], /Option '--timeout <value>' argument missing/],
      [['list', 'http://127.0.0.1:9/mcp', '--header', 'no colon'], /--header "no colon" is not "Name: value"/],
      [['list', 'http://127.0.0.1:9/mcp', '--protocol-version', '2024-11-05'], /--protocol-version 2024-11-05 is not one MCP Scope speaks/],
      [['list', 'http://127.0.0.1:9/mcp', '--frobnicate'], /Unknown option '--frobnicate'/],
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
    assert.match(help.stdout, /^Usage:\n {2}mcp-scope list <url>/);
    const shown = await runCli(['--version']);
    assert.equal(shown.code, 0);
    assert.equal(shown.stdout, `${version}\n`);
  });
});
