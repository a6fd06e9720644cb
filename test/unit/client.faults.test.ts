// The client against a server of our own that misbehaves on purpose: each test picks the fault.

import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { describe, test } from 'node:test';
import { type ClientEvent, McpClient } from '../../src/mcp/client';
import { ConnectionClosedError, HttpStatusError, McpScopeError, RequestTimeoutError } from '../../src/mcp/problems';
import { StreamableHttpTransport } from '../../src/mcp/transports/streamableHttp';
import { clientInfo, eventsOf, setUp, sleep } from '../fixtures/clientHarness';
import {
  openSse,
  PROTOCOL_VERSION,
  result,
  SESSION_ID,
  sendJson,
  sseEvent,
  textResult,
  tool,
} from '../fixtures/faultyServer';
import { freePort } from '../fixtures/processes';

/** No test may hang the suite: a call that never settles fails its test instead. */
const limit = { timeout: 5000 };
const malformed = (events: ClientEvent[]) => eventsOf(events, 'malformed');
const problems = (events: ClientEvent[]) => eventsOf(events, 'problem');

/** Answers tools/call with the text of the tool's name, as JSON. */
const echoCall = (message: { id?: unknown; params?: Record<string, unknown> }, res: ServerResponse) =>
  sendJson(res, result(message.id, textResult(`called ${String(message.params?.name)}`)));

describe('McpClient against a fault-injecting server', () => {
  test('JSON answers work end to end, and later requests carry the session and protocol version', limit, async (t) => {
    const { server, client } = await setUp(t, {
      methods: {
        'tools/list': (m, res) => sendJson(res, result(m.id, { tools: [tool('alpha'), tool('beta')] })),
        'tools/call': echoCall,
      },
    });

    const init = await client.connect();
    assert.equal(init.protocolVersion, PROTOCOL_VERSION);
    assert.equal(init.serverInfo.name, 'faulty-fixture');
    assert.equal(client.sessionId, SESSION_ID);

    const tools = await client.listTools();
    assert.deepEqual(
      tools.map((x) => x.name),
      ['alpha', 'beta'],
    );
    const called = await client.callTool('beta', { x: 1 });
    assert.deepEqual(called.content, [{ type: 'text', text: 'called beta' }]);

    // The request bodies the server saw are the calls we made.
    const [call] = server.posted('tools/call');
    assert.equal(call.message?.params?.name, 'beta');
    assert.deepEqual(call.message?.params?.arguments, { x: 1 });

    // The 2026 probe first, refused by this 2025-era fixture; then the handshake.
    const posts = server.requests.filter((r) => r.method === 'POST');
    assert.deepEqual(
      posts.slice(0, 2).map((p) => p.message?.method),
      ['server/discover', 'initialize'],
    );
    assert.equal(posts[1].headers['mcp-session-id'], undefined, 'initialize must not carry a session id');
    for (const post of posts.slice(2)) {
      assert.equal(post.headers['mcp-session-id'], SESSION_ID, `${post.message?.method} lacks the session id`);
      assert.match(String(post.headers.accept), /application\/json/);
      assert.match(String(post.headers.accept), /text\/event-stream/);
    }
    for (const post of posts.filter((p) => p.message?.method?.startsWith('tools/'))) {
      assert.equal(post.headers['mcp-protocol-version'], PROTOCOL_VERSION, `${post.message?.method} lacks MCP-Protocol-Version`);
    }
    // The optional GET stream is asked for within the session too (the fixture answers 405: none).
    const get = server.requests.find((r) => r.method === 'GET');
    assert.ok(get, 'the client asked for the GET stream');
    assert.equal(get.headers['mcp-session-id'], SESSION_ID);
    assert.equal(get.headers['mcp-protocol-version'], PROTOCOL_VERSION);
    assert.match(String(get.headers.accept), /text\/event-stream/);
  });

  test(
    'notifications/initialized carries MCP-Protocol-Version like every POST after initialize',
    limit,
    async (t) => {
      const { server, client } = await setUp(t, {});
      await client.connect();
      const [initialized] = server.posted('notifications/initialized');
      assert.equal(initialized.headers['mcp-session-id'], SESSION_ID);
      assert.equal(initialized.headers['mcp-protocol-version'], PROTOCOL_VERSION);
    },
  );

  test('a 500 with an HTML page: connect() rejects and shows the status, content type and the page', limit, async (t) => {
    const page = '<!doctype html><html><body><h1>Internal Server Error</h1><p>upstream exploded</p></body></html>';
    const { client } = await setUp(t, (_req, _body, res) => {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    });
    await assert.rejects(client.connect(), (error: unknown) => {
      assert.ok(error instanceof McpScopeError, `not a McpScopeError: ${String(error)}`);
      assert.ok(error instanceof HttpStatusError);
      const http = error.problem.http;
      assert.ok(http, 'the problem carries the HTTP answer');
      assert.equal(http.status, 500);
      assert.match(http.contentType ?? '', /^text\/html/);
      assert.ok(http.bodyStart.includes('<h1>Internal Server Error</h1>'), http.bodyStart);
      assert.match(error.problem.summary, /500/);
      return true;
    });
  });

  test('connection refused: the problem names the URL and says the connection was refused', limit, async () => {
    const url = `http://127.0.0.1:${await freePort()}/mcp`;
    const client = new McpClient(new StreamableHttpTransport({ url }), { clientInfo, requestTimeoutMs: 5000 });
    try {
      await assert.rejects(client.connect(), (error: unknown) => {
        assert.ok(error instanceof McpScopeError, `not a McpScopeError: ${String(error)}`);
        assert.ok(error.problem.summary.includes(url), error.problem.summary);
        assert.match(error.problem.summary, /refused/);
        assert.ok(error.problem.advice, 'there is advice on what to do');
        return true;
      });
    } finally {
      await client.close();
    }
  });

  test('SSE in single-byte chunks with CRLF, a comment and a priming event still delivers the response', limit, async (t) => {
    const text = 'sum is 5 ✓ — naïve';
    const { client, events } = await setUp(t, {
      methods: {
        'tools/call': async (m, res) => {
          openSse(res);
          const stream =
            ': keep-alive comment\r\n\r\n' +
            'id: prime-0\r\ndata: \r\n\r\n' +
            `id: ev-1\r\nevent: message\r\ndata: ${JSON.stringify(result(m.id, textResult(text)))}\r\n\r\n`;
          // Byte by byte, so multi-byte characters and CRLF pairs are split across chunks.
          for (const byte of Buffer.from(stream, 'utf8')) {
            res.write(Buffer.from([byte]));
            await sleep(1);
          }
          res.end();
        },
      },
    });
    await client.connect();
    const answer = await client.callTool('split', {});
    assert.deepEqual(answer.content, [{ type: 'text', text }]);
    // Neither the comment nor the priming event is mistaken for a broken message.
    assert.deepEqual(malformed(events), []);
  });

  test('an SSE event with invalid JSON is reported as malformed, with its raw text, and the call still succeeds', limit, async (t) => {
    const { client, events } = await setUp(t, {
      methods: {
        'tools/call': (m, res) => {
          openSse(res);
          sseEvent(res, '{"jsonrpc":"2.0","method":"notifications/progress", oops');
          sseEvent(res, result(m.id, textResult('fine')));
          res.end();
        },
      },
    });
    await client.connect();
    const answer = await client.callTool('x', {});
    assert.deepEqual(answer.content, [{ type: 'text', text: 'fine' }]);
    const [bad, ...more] = malformed(events);
    assert.equal(more.length, 0);
    assert.equal(bad.raw, '{"jsonrpc":"2.0","method":"notifications/progress", oops');
    assert.match(bad.reason, /not JSON/);
  });

  test('a response with an unknown id is reported as malformed and does not break the client', limit, async (t) => {
    let calls = 0;
    const { client, events } = await setUp(t, {
      methods: {
        'tools/call': (m, res) => {
          calls++;
          openSse(res);
          if (calls === 1) sseEvent(res, result(4242, textResult('for nobody')));
          sseEvent(res, result(m.id, textResult(`answer ${calls}`)));
          res.end();
        },
      },
    });
    await client.connect();
    const first = await client.callTool('x', {});
    assert.deepEqual(first.content, [{ type: 'text', text: 'answer 1' }]);
    const [stray] = malformed(events);
    assert.ok(stray, 'a malformed event for the stray response');
    assert.match(stray.raw, /for nobody/);
    assert.match(stray.reason, /4242/);
    // The client carries on.
    const second = await client.callTool('x', {});
    assert.deepEqual(second.content, [{ type: 'text', text: 'answer 2' }]);
    assert.equal(malformed(events).length, 1);
  });

  test('a server that never answers: the call times out and the server is told to cancel it', limit, async (t) => {
    const { server, client } = await setUp(
      t,
      {
        methods: {
          // Headers, then silence.
          'tools/call': (_m, res) => openSse(res),
        },
      },
      { requestTimeoutMs: 300 },
    );
    await client.connect();
    let requestId: number | string | undefined;
    const started = performance.now();
    await assert.rejects(
      client.callTool('hang', {}, { onSent: (id) => (requestId = id) }),
      (error: unknown) => {
        assert.ok(error instanceof RequestTimeoutError, `not a RequestTimeoutError: ${String(error)}`);
        assert.match(error.message, /did not answer tools\/call within 0\.3 s/);
        // The client is VS Code-free: its own advice names no setting (callers add theirs, see the next test).
        assert.doesNotMatch(error.problem.advice ?? '', /mcpScope|setting/);
        return true;
      },
    );
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 280 && elapsed < 1000, `gave up after ${elapsed.toFixed(0)} ms`);
    const cancelled = await server.waitForPost('notifications/cancelled', 1000);
    assert.equal(cancelled.message?.params?.requestId, requestId);
    assert.equal(cancelled.headers['mcp-session-id'], SESSION_ID);
  });

  test('a caller words the timeout advice in its own terms', limit, async (t) => {
    const { client } = await setUp(t, { methods: { 'tools/call': (_m, res) => openSse(res) } }, { client: { timeoutAdvice: 'Use --timeout.' } });
    await client.connect();
    await assert.rejects(client.callTool('hang', {}, { timeoutMs: 200 }), (error: unknown) => error instanceof RequestTimeoutError && error.problem.advice === 'Use --timeout.');
  });

  test('closing while a call waits ends its stream at once, and the wire shows the exchange aborted by the client', limit, async (t) => {
    let streamClosed: () => void = () => undefined;
    const closedOnServer = new Promise<void>((resolve) => (streamClosed = resolve));
    const { server, client, wire } = await setUp(t, {
      methods: {
        'tools/call': (_m, res) => {
          openSse(res);
          res.on('close', () => streamClosed());
        },
      },
    });
    await client.connect();
    const call = assert.rejects(client.callTool('hang', {}), ConnectionClosedError);
    await server.waitForPost('tools/call', 1000);
    const started = performance.now();
    await client.close();
    await call;
    await closedOnServer;
    assert.ok(performance.now() - started < 1000, 'the stream was cut, not left to a timeout');
    const request = wire.find((r) => r.type === 'httpRequest' && r.body?.includes('"tools/call"'));
    const end = wire.find((r) => r.type === 'httpEnd' && request?.type === 'httpRequest' && r.exchange === request.exchange);
    assert.equal(end?.type === 'httpEnd' && end.error, 'aborted by the client', JSON.stringify(end));
  });

  test('progress restarts the timeout: 1 s of progress every 200 ms beats a 400 ms timeout', limit, async (t) => {
    const { client } = await setUp(
      t,
      {
        methods: {
          'tools/call': async (m, res) => {
            openSse(res);
            const progressToken = m.params?._meta?.progressToken;
            for (let step = 1; step <= 5; step++) {
              await sleep(200);
              sseEvent(res, { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken, progress: step, total: 5 } });
            }
            sseEvent(res, result(m.id, textResult('slow but alive')));
            res.end();
          },
        },
      },
      { requestTimeoutMs: 400 },
    );
    await client.connect();
    const seen: number[] = [];
    const started = performance.now();
    const answer = await client.callTool('slow', {}, { onProgress: (p) => seen.push(p.progress) });
    assert.ok(performance.now() - started >= 900, 'the call really took longer than the timeout');
    assert.deepEqual(answer.content, [{ type: 'text', text: 'slow but alive' }]);
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
  });

  test('progress only restarts the wait: a server that goes quiet after one progress still times out', limit, async (t) => {
    const { client } = await setUp(
      t,
      {
        methods: {
          'tools/call': async (m, res) => {
            openSse(res);
            await sleep(150);
            sseEvent(res, { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: m.params?._meta?.progressToken, progress: 1 } });
          },
        },
      },
      { requestTimeoutMs: 300 },
    );
    await client.connect();
    const seen: number[] = [];
    const started = performance.now();
    await assert.rejects(client.callTool('stalls', {}, { onProgress: (p) => seen.push(p.progress) }), RequestTimeoutError);
    const elapsed = performance.now() - started;
    assert.deepEqual(seen, [1]);
    assert.ok(elapsed >= 430 && elapsed < 1000, `gave up after ${elapsed.toFixed(0)} ms, not 300 ms after the progress`);
  });

  test('calls waiting together each time out at their own time, a shorter one sent later first', limit, async (t) => {
    const { client } = await setUp(t, { methods: { 'tools/call': (_m, res) => openSse(res) } });
    await client.connect();
    const started = performance.now();
    const endedAfter = (call: Promise<unknown>) =>
      assert.rejects(call, RequestTimeoutError).then(() => performance.now() - started);
    const long = endedAfter(client.callTool('long', {}, { timeoutMs: 900 }));
    await sleep(100);
    const short = endedAfter(client.callTool('short', {}, { timeoutMs: 200 }));
    const [longMs, shortMs] = await Promise.all([long, short]);
    assert.ok(shortMs >= 280 && shortMs < 700, `the 200 ms call sent at 100 ms gave up after ${shortMs.toFixed(0)} ms`);
    assert.ok(longMs >= 880 && longMs < 1600, `the 900 ms call gave up after ${longMs.toFixed(0)} ms`);
  });

  test('tools/list follows nextCursor to the last page and leaves out a tool without inputSchema', limit, async (t) => {
    const pages: Record<string, { tools: unknown[]; nextCursor?: string }> = {
      '': { tools: [tool('one'), tool('two')], nextCursor: 'page-2' },
      'page-2': { tools: [tool('three'), { name: 'broken', description: 'no inputSchema' }], nextCursor: 'page-3' },
      'page-3': { tools: [tool('four')] },
    };
    const { server, client, events } = await setUp(t, {
      methods: {
        'tools/list': (m, res) => sendJson(res, result(m.id, pages[String(m.params?.cursor ?? '')])),
      },
    });
    await client.connect();
    const tools = await client.listTools();
    assert.deepEqual(
      tools.map((x) => x.name),
      ['one', 'two', 'three', 'four'],
    );
    assert.deepEqual(
      server.posted('tools/list').map((r) => r.message?.params?.cursor),
      [undefined, 'page-2', 'page-3'],
    );
    const [leftOut, ...more] = malformed(events);
    assert.equal(more.length, 0);
    assert.match(leftOut.raw, /"broken"/);
    assert.match(leftOut.reason, /inputSchema/);
  });

  test('a stream cut before the response: the call fails at once, saying the answer broke off', limit, async (t) => {
    const { client } = await setUp(t, {
      methods: {
        'tools/call': async (m, res) => {
          openSse(res);
          sseEvent(res, { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: m.params?._meta?.progressToken, progress: 1 } });
          await sleep(50);
          res.destroy();
        },
      },
    });
    await client.connect();
    const started = performance.now();
    await assert.rejects(client.callTool('cut', {}), (error: unknown) => {
      assert.ok(error instanceof McpScopeError, `not a McpScopeError: ${String(error)}`);
      assert.ok(!(error instanceof RequestTimeoutError), 'it must not wait for the timeout');
      assert.match(error.message, /connection broke|without sending the response/);
      return true;
    });
    assert.ok(performance.now() - started < 2000);
  });

  test('a stream that ends cleanly without the response: the call fails saying so', limit, async (t) => {
    const { client } = await setUp(t, {
      methods: {
        'tools/call': (_m, res) => {
          openSse(res);
          sseEvent(res, { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'bye' } });
          res.end();
        },
      },
    });
    await client.connect();
    await assert.rejects(client.callTool('ends', {}), (error: unknown) => {
      assert.ok(error instanceof McpScopeError);
      assert.match(error.message, /ended its answer to tools\/call \(id \d+\) without sending the response/);
      return true;
    });
  });

  test('close() sends DELETE with the session id, and a 405 to it is not a problem', limit, async (t) => {
    const { server, client, events } = await setUp(t, {
      onDelete: (_req, res) => res.writeHead(405, { allow: 'GET, POST' }).end(),
    });
    await client.connect();
    await client.close();
    const deletes = server.requests.filter((r) => r.method === 'DELETE');
    assert.equal(deletes.length, 1);
    assert.equal(deletes[0].headers['mcp-session-id'], SESSION_ID);
    assert.deepEqual(problems(events), []);
    await assert.rejects(client.callTool('late', {}), ConnectionClosedError);
  });

  test('a DELETE answered with 500 is reported as a problem naming the session', limit, async (t) => {
    const { client, events } = await setUp(t, {
      onDelete: (_req, res) => res.writeHead(500).end('nope'),
    });
    await client.connect();
    await client.close();
    const [problem, ...more] = problems(events);
    assert.equal(more.length, 0);
    assert.ok(problem.problem.summary.includes(SESSION_ID), problem.problem.summary);
    assert.match(problem.problem.summary, /500/);
  });
});

describe('SSE the way real servers write it, odd corners included', () => {
  test('a BOM, lone CR line ends, data over several lines and an event without data: the response arrives, nothing is malformed', limit, async (t) => {
    const { client, events } = await setUp(t, {
      methods: {
        'tools/call': (m, res) => {
          openSse(res);
          const json = JSON.stringify(result(m.id, textResult('whole')));
          // The JSON split over two data lines is joined with a newline, which JSON allows between tokens.
          const [head, tail] = [json.slice(0, json.indexOf(',') + 1), json.slice(json.indexOf(',') + 1)];
          res.write(`\uFEFFevent: ping\r\r: comment\rid: 1\rdata: ${head}\rdata: ${tail}\r\r`);
          res.end();
        },
      },
    });
    await client.connect();
    const answer = await client.callTool('odd', {});
    assert.deepEqual(answer.content, [{ type: 'text', text: 'whole' }]);
    assert.deepEqual(malformed(events), []);
  });

  test('the same response twice: the first answers the call, the second is reported as malformed', limit, async (t) => {
    const { client, events } = await setUp(t, {
      methods: {
        'tools/call': (m, res) => {
          openSse(res);
          sseEvent(res, result(m.id, textResult('first')));
          sseEvent(res, result(m.id, textResult('again')));
          res.end();
        },
      },
    });
    await client.connect();
    const answer = await client.callTool('twice', {});
    assert.deepEqual(answer.content, [{ type: 'text', text: 'first' }]);
    // The second arrives after the call settled, on the same stream.
    for (let i = 0; i < 50 && malformed(events).length === 0; i++) await sleep(10);
    const [again] = malformed(events);
    assert.match(again?.raw ?? '', /again/);
    assert.match(again?.reason ?? '', /not waiting for an answer/);
  });

  test('a slow drip, one byte every few milliseconds, still delivers progress and the response', limit, async (t) => {
    const { client } = await setUp(t, {
      methods: {
        'tools/call': async (m, res) => {
          openSse(res);
          const progress = { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: m.params?._meta?.progressToken, progress: 1, total: 2 } };
          const text = `data: ${JSON.stringify(progress)}\n\ndata: ${JSON.stringify(result(m.id, textResult('dripped')))}\n\n`;
          for (const char of text) {
            res.write(char);
            await sleep(2);
          }
          res.end();
        },
      },
    });
    await client.connect();
    const reports: number[] = [];
    const answer = await client.callTool('drip', {}, { onProgress: (report) => reports.push(report.progress) });
    assert.deepEqual(answer.content, [{ type: 'text', text: 'dripped' }]);
    assert.deepEqual(reports, [1]);
  });
});

describe('answers that are not what they claim', () => {
  test('valid JSON that is not JSON-RPC is reported as malformed with its text, and the call still gets its answer', limit, async (t) => {
    const { client, events } = await setUp(t, {
      methods: {
        'tools/call': (m, res) => {
          openSse(res);
          sseEvent(res, { hello: 'world' });
          sseEvent(res, [1, 2, 3]);
          sseEvent(res, result(m.id, textResult('fine')));
          res.end();
        },
      },
    });
    await client.connect();
    const answer = await client.callTool('x', {});
    assert.deepEqual(answer.content, [{ type: 'text', text: 'fine' }]);
    const raws = malformed(events).map((e) => e.raw);
    assert.deepEqual(raws, ['{"hello":"world"}', '[1,2,3]']);
    assert.ok(malformed(events).every((e) => e.reason.length > 0));
  });

  test('a request answered with text/html and status 200: the call fails naming the content type and showing the page', limit, async (t) => {
    const { client } = await setUp(t, {
      methods: {
        'tools/call': (_m, res) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<html><body>Login required</body></html>');
        },
      },
    });
    await client.connect();
    await assert.rejects(client.callTool('x', {}), (error: unknown) => {
      assert.ok(error instanceof McpScopeError);
      assert.match(error.problem.summary, /content type text\/html; charset=utf-8, which is neither application\/json nor text\/event-stream/);
      assert.match(error.problem.http?.bodyStart ?? '', /Login required/);
      return true;
    });
    // The client is still usable.
    await assert.rejects(client.callTool('x', {}), McpScopeError);
  });

  test('a 429 with an HTML body on a call: the status and the page are shown, and the next call still goes out', limit, async (t) => {
    let calls = 0;
    const { client } = await setUp(t, {
      methods: {
        'tools/call': (m, res) => {
          calls++;
          if (calls === 1) {
            res.writeHead(429, { 'content-type': 'text/html' });
            res.end('<h1>Too many requests</h1>');
          } else {
            sendJson(res, result(m.id, textResult('later')));
          }
        },
      },
    });
    await client.connect();
    await assert.rejects(client.callTool('x', {}), (error: unknown) => {
      assert.ok(error instanceof HttpStatusError);
      assert.equal(error.status, 429);
      assert.match(error.problem.http?.bodyStart ?? '', /Too many requests/);
      return true;
    });
    assert.deepEqual((await client.callTool('x', {})).content, [{ type: 'text', text: 'later' }]);
  });
});

test('the era probe: server/discover refused by a 2025 server is marked as a probe; the handshake after it is not', limit, async (t) => {
  const { client, events } = await setUp(t, {});
  await client.connect();
  const responses = eventsOf(events, 'response');
  const discover = responses.find((e) => e.method === 'server/discover');
  assert.equal(discover?.probe, true);
  assert.ok(discover?.error ?? discover?.failure, 'the refusal is kept');
  assert.equal(responses.find((e) => e.method === 'initialize')?.probe, undefined);
});
