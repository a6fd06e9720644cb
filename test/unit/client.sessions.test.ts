// Streams and sessions over time, against a server of our own: streams the server closes and the
// client resumes, sessions that end, limits, the server's own requests, and the wire recorder.

import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { describe, test } from 'node:test';
import { McpScopeError, RequestTimeoutError, RpcError, SessionEndedError } from '../../src/mcp/problems';
import { eventsOf, setUp, sleep } from '../fixtures/clientHarness';
import { mcpHandler, openSse, result, SESSION_ID, sendJson, sseEvent, textResult } from '../fixtures/faultyServer';

const limit = { timeout: 8000 };

/** Writes `retry:` on its own, the way a server asks the client to wait before reconnecting. */
const sseRetry = (res: ServerResponse, ms: number) => res.write(`retry: ${ms}\n\n`);

describe('streams the server closes', () => {
  test('a POST stream closed after the priming event is resumed by GET with Last-Event-ID after `retry`', limit, async (t) => {
    let resumedWith: string | undefined;
    let closedAt = 0;
    let resumedAt = 0;
    let callId: unknown;
    const { server, client, events } = await setUp(t, {
      methods: {
        'tools/call': (m, res) => {
          callId = m.id;
          openSse(res);
          sseEvent(res, '', 'call-0');
          sseRetry(res, 300);
          closedAt = performance.now();
          res.end();
        },
      },
      onGet: (req, res) => {
        resumedWith = req.headers['last-event-id'] as string | undefined;
        if (resumedWith === undefined) {
          res.writeHead(405).end();
          return;
        }
        resumedAt = performance.now();
        openSse(res);
        sseEvent(res, result(callId, textResult('after the pause')), 'call-1');
        res.end();
      },
    });
    await client.connect();
    const answer = await client.callTool('slow', {});
    assert.deepEqual(answer.content, [{ type: 'text', text: 'after the pause' }]);
    assert.equal(resumedWith, 'call-0');
    assert.ok(resumedAt - closedAt >= 280, `resumed after ${(resumedAt - closedAt).toFixed(0)} ms, before the 300 ms retry`);
    const resume = server.requests.find((r) => r.method === 'GET' && r.headers['last-event-id']);
    assert.equal(resume?.headers['mcp-session-id'], SESSION_ID);
    assert.match(eventsOf(events, 'note')[1]?.text ?? '', /closed the answer to tools\/call before the response; resuming it from event call-0 in 300 ms/);
  });

  test('a POST stream cut mid-way after an event with an id is resumed, and nothing is delivered twice', limit, async (t) => {
    let callId: unknown;
    const { client, events } = await setUp(t, {
      methods: {
        'tools/call': (m, res) => {
          callId = m.id;
          openSse(res);
          sseRetry(res, 50);
          sseEvent(res, { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'one' } }, 'e1');
          // The connection breaks without the stream being ended.
          setTimeout(() => res.socket?.destroy(), 20);
        },
      },
      onGet: (req, res) => {
        if (req.headers['last-event-id'] !== 'e1') {
          res.writeHead(405).end();
          return;
        }
        openSse(res);
        sseEvent(res, { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'two' } }, 'e2');
        sseEvent(res, result(callId, textResult('whole')), 'e3');
        res.end();
      },
    });
    await client.connect();
    const answer = await client.callTool('cut', {});
    assert.deepEqual(answer.content, [{ type: 'text', text: 'whole' }]);
    assert.deepEqual(
      eventsOf(events, 'log').map((e) => e.data),
      ['one', 'two'],
    );
  });

  test('resumptions that bring nothing: the call fails after a few tries, saying why', limit, async (t) => {
    const { server, client } = await setUp(
      t,
      {
        methods: {
          'tools/call': (_m, res) => {
            openSse(res);
            sseEvent(res, '', 'only-0');
            sseRetry(res, 10);
            res.end();
          },
        },
        onGet: (_req, res) => {
          openSse(res);
          res.end();
        },
      },
      { transport: { maxEmptyResumptions: 3 } },
    );
    await client.connect();
    await assert.rejects(client.callTool('lost', {}), /Resuming the answer to tools\/call brought no event 3 times in a row/);
    assert.equal(server.requests.filter((r) => r.method === 'GET' && r.headers['last-event-id'] === 'only-0').length, 3);
  });

  test('the GET stream closed by the server is reopened after `retry` from its last event, and keeps delivering', limit, async (t) => {
    let opened = 0;
    const lastIds: (string | undefined)[] = [];
    const { client, events } = await setUp(t, {
      onGet: (req, res) => {
        opened++;
        lastIds.push(req.headers['last-event-id'] as string | undefined);
        openSse(res);
        if (opened === 1) {
          sseRetry(res, 50);
          sseEvent(res, { jsonrpc: '2.0', method: 'notifications/tools/list_changed' }, 'g1');
          res.end();
        } else if (opened === 2) {
          sseEvent(res, { jsonrpc: '2.0', method: 'notifications/message', params: { level: 'notice', data: 'still here' } }, 'g2');
        }
      },
    });
    await client.connect();
    for (let i = 0; i < 100 && eventsOf(events, 'log').length === 0; i++) await sleep(20);
    assert.deepEqual(lastIds, [undefined, 'g1']);
    assert.equal(eventsOf(events, 'log')[0]?.data, 'still here');
    assert.ok(eventsOf(events, 'notification').some((e) => e.method === 'notifications/tools/list_changed'));
    assert.match(eventsOf(events, 'note')[1]?.text ?? '', /closed the event stream \(GET\); reopening it in 50 ms from event g1/);
  });
});

describe('sessions that end', () => {
  test('a 404 for the session starts a new session without the old id and sends the request again in it', limit, async (t) => {
    let sessions = 0;
    let current = '';
    const { server, client, events } = await setUp(t, (req, body, res) => {
      const message = body ? (JSON.parse(body) as { id?: number; method?: string }) : {};
      if (req.method === 'GET') return void res.writeHead(405).end();
      if (req.method === 'DELETE') return void res.writeHead(200).end();
      if (message.method === 'initialize') {
        current = `session-${++sessions}`;
        sendJson(res, result(message.id, { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'forgetful', version: '1' } }), 200, {
          'mcp-session-id': current,
        });
        return;
      }
      if (req.headers['mcp-session-id'] !== current) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such session');
        return;
      }
      if (message.id === undefined) return void res.writeHead(202).end();
      sendJson(res, result(message.id, textResult(`in ${current}`)));
    });
    await client.connect();
    assert.equal(client.sessionId, 'session-1');
    current = 'session-gone'; // the server restarted and forgot every session

    const answer = await client.callTool('after-restart', {});
    assert.deepEqual(answer.content, [{ type: 'text', text: 'in session-2' }]);
    assert.equal(client.sessionId, 'session-2');
    const inits = server.posted('initialize');
    assert.equal(inits.length, 2);
    assert.equal(inits[1].headers['mcp-session-id'], undefined, 'the new initialize carries no session id');
    assert.deepEqual(eventsOf(events, 'sessionRenewed'), [{ type: 'sessionRenewed', sessionId: 'session-2' }]);
    const notes = eventsOf(events, 'note').map((e) => e.text);
    assert.ok(notes.some((text) => /404 Not Found\. Session session-1 has ended on the server\. Starting a new session\./.test(text)), notes.join('\n'));
  });

  test('a 400 that names the session (as server-everything answers): the session is lost, with a clear message and Reconnect as the advice', limit, async (t) => {
    let forgot = false;
    const { client, events } = await setUp(t, {
      methods: {
        'tools/call': (m, res) => {
          if (forgot) {
            sendJson(res, { jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null }, 400);
          } else {
            sendJson(res, result(m.id, textResult('ok')));
          }
        },
      },
    });
    await client.connect();
    await client.callTool('first', {});
    forgot = true;
    await assert.rejects(client.callTool('second', {}), (error: unknown) => {
      assert.ok(error instanceof SessionEndedError && !error.renewable, String(error));
      assert.match(error.problem.summary, /400 Bad Request\. It no longer accepts session fixture-session-1/);
      assert.equal(error.problem.advice, 'Reconnect to start a new session.');
      assert.match(error.problem.http?.bodyStart ?? '', /No valid session ID/);
      return true;
    });
    assert.equal(eventsOf(events, 'sessionLost').length, 1);
  });
});

describe('limits', () => {
  test('a request that keeps reporting progress still ends at the maximum total time', limit, async (t) => {
    const { client, events } = await setUp(
      t,
      {
        methods: {
          'tools/call': async (m, res) => {
            openSse(res);
            for (let i = 1; !res.destroyed && i < 100; i++) {
              sseEvent(res, { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: m.params?._meta?.progressToken, progress: i } });
              await sleep(50);
            }
          },
        },
      },
    );
    await client.connect();
    const started = performance.now();
    await assert.rejects(client.callTool('forever', {}, { timeoutMs: 200, maxTotalTimeoutMs: 600 }), (error: unknown) => {
      assert.ok(error instanceof RequestTimeoutError, String(error));
      assert.match(error.message, /did not finish within 0\.6 s in all, although the server kept reporting progress/);
      return true;
    });
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 580 && elapsed < 1500, `ended after ${elapsed.toFixed(0)} ms`);
    // The request's row ends with the reason, not "pending".
    const ended = eventsOf(events, 'response').find((e) => e.method === 'tools/call');
    assert.match(ended?.failure?.summary ?? '', /did not finish within 0\.6 s in all/);
  });

  test('a message over the size limit fails its call with a clear error, and the client stays usable', limit, async (t) => {
    let calls = 0;
    const { client } = await setUp(
      t,
      {
        methods: {
          'tools/call': (m, res) => {
            calls++;
            const text = calls === 1 ? 'x'.repeat(5000) : 'small';
            if (calls === 1) {
              openSse(res);
              sseEvent(res, result(m.id, textResult(text)));
              res.end();
            } else {
              sendJson(res, result(m.id, textResult(text)));
            }
          },
        },
      },
      { transport: { maxMessageSize: 1000 } },
    );
    await client.connect();
    await assert.rejects(client.callTool('huge', {}), (error: unknown) => {
      assert.ok(error instanceof McpScopeError);
      assert.match(error.message, /more than 1000 characters in one message of the answer to tools\/call/);
      return true;
    });
    const answer = await client.callTool('small', {});
    assert.deepEqual(answer.content, [{ type: 'text', text: 'small' }]);
  });
});

describe("the server's own requests", () => {
  test('close() waits for the POST that carries an answer to the server, so the answer is not cut off', limit, async (t) => {
    let answerArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (answerArrived = resolve));
    let answerCompleted = false;
    const handler = mcpHandler({
      methods: {
        'tools/call': (_m, res) => {
          openSse(res);
          sseEvent(res, { jsonrpc: '2.0', id: 'r1', method: 'roots/list' });
        },
      },
    });
    const { client } = await setUp(
      t,
      (req, body, res) => {
        const message = body ? (JSON.parse(body) as { id?: unknown; method?: string }) : undefined;
        if (!message || message.method !== undefined || message.id !== 'r1') return handler(req, body, res);
        answerArrived();
        // A slow 202: the answer is in, the exchange is not over yet.
        setTimeout(() => {
          answerCompleted = !res.destroyed;
          res.writeHead(202).end();
        }, 300);
      },
      { client: { serverRequestHandlers: { 'roots/list': async () => ({ roots: [] }) } } },
    );
    await client.connect();
    void client.callTool('asks', {}).catch(() => undefined);
    await arrived;
    await client.close();
    assert.ok(answerCompleted, 'the answer POST was still open when the server finished answering it');
  });

  test('a registered handler answers, an unknown method gets -32601, and a refusal is sent as its JSON-RPC error', limit, async (t) => {
    const answers = new Map<unknown, unknown>();
    const { server, client, events } = await setUp(
      t,
      {
        methods: {
          'tools/call': async (m, res) => {
            openSse(res);
            sseEvent(res, { jsonrpc: '2.0', id: 'r1', method: 'roots/list' });
            sseEvent(res, { jsonrpc: '2.0', id: 'r2', method: 'sampling/createMessage', params: {} });
            sseEvent(res, { jsonrpc: '2.0', id: 'r3', method: 'elicitation/create', params: { message: 'name?' } });
            for (let i = 0; i < 100 && answers.size < 3; i++) await sleep(10);
            sseEvent(res, result(m.id, textResult('asked')));
            res.end();
          },
        },
      },
      {
        client: {
          capabilities: { roots: {}, elicitation: {} },
          serverRequestHandlers: {
            'roots/list': async () => ({ roots: [{ uri: 'file:///work', name: 'work' }] }),
            'elicitation/create': async () => {
              throw new RpcError('elicitation/create', { code: -32002, message: 'the user is away' });
            },
          },
        },
      },
    );
    const recordAnswers = setInterval(() => {
      for (const r of server.requests) if (r.message && r.message.method === undefined && r.message.id !== undefined && r.message.id !== null) answers.set(r.message.id, r.message);
    }, 5);
    t.after(() => clearInterval(recordAnswers));

    await client.connect();
    assert.deepEqual(server.posted('initialize')[0].message?.params?.capabilities, { roots: {}, elicitation: {} });
    await client.callTool('ask', {});
    assert.deepEqual(answers.get('r1'), { jsonrpc: '2.0', id: 'r1', result: { roots: [{ uri: 'file:///work', name: 'work' }] } });
    assert.deepEqual((answers.get('r2') as { error: { code: number } }).error.code, -32601);
    assert.deepEqual(answers.get('r3'), { jsonrpc: '2.0', id: 'r3', error: { code: -32002, message: 'the user is away' } });
    assert.deepEqual(
      eventsOf(events, 'serverRequest').map((e) => e.method),
      ['roots/list', 'sampling/createMessage', 'elicitation/create'],
    );
    // Each answer is sent when its handler is done, so they may come in any order.
    assert.deepEqual(
      eventsOf(events, 'serverResponse')
        .map((e) => [e.requestId, e.error?.code ?? 'result'])
        .sort(),
      [
        ['r1', 'result'],
        ['r2', -32601],
        ['r3', -32002],
      ],
    );
  });
});

describe('the wire recorder', () => {
  test('records each exchange before parsing: headers with secrets redacted, status, every SSE event, timings, the end', limit, async (t) => {
    const { client, wire } = await setUp(
      t,
      {
        methods: {
          'tools/call': (m, res) => {
            openSse(res);
            sseEvent(res, '', 'p0');
            sseEvent(res, 'not json at all', 'p1');
            sseEvent(res, result(m.id, textResult('done')), 'p2');
            res.end();
          },
        },
      },
      { transport: { headers: { authorization: 'Bearer s3cret', 'x-api-key': 'k3y', 'x-trace': 'visible' } } },
    );
    await client.connect();
    await client.callTool('traced', { a: 1 });

    const request = wire.find((r) => r.type === 'httpRequest' && r.body?.includes('tools/call'));
    assert.ok(request && request.type === 'httpRequest');
    assert.equal(request.method, 'POST');
    assert.equal(request.headers.authorization, '[redacted]');
    assert.equal(request.headers['x-trace'], 'visible');
    assert.equal(request.headers['mcp-session-id'], SESSION_ID);
    assert.deepEqual(JSON.parse(request.body!).params.arguments, { a: 1 });
    assert.ok(!JSON.stringify(wire).includes('s3cret'), 'the token never reaches the record');

    // The call resolves with the response; the stream's end is read just after.
    for (let i = 0; i < 50 && !wire.some((r) => r.type === 'httpEnd' && r.exchange === request.exchange); i++) await sleep(10);
    const rest = wire.filter((r) => 'exchange' in r && r.exchange === request.exchange).map((r) => r.type);
    assert.deepEqual(rest, ['httpRequest', 'httpResponse', 'sseEvent', 'sseEvent', 'sseEvent', 'httpEnd']);
    const events = wire.filter((r) => r.type === 'sseEvent' && r.exchange === request.exchange);
    assert.deepEqual(
      events.map((e) => (e.type === 'sseEvent' ? [e.id, e.data.slice(0, 15)] : [])),
      [
        ['p0', ''],
        ['p1', 'not json at all'],
        ['p2', '{"jsonrpc":"2.0'],
      ],
    );
    const end = wire.find((r) => r.type === 'httpEnd' && r.exchange === request.exchange);
    assert.ok(end && end.type === 'httpEnd' && end.elapsedMs >= 0 && end.error === undefined);
  });

  test('headers the user marks secret are redacted too', limit, async (t) => {
    const { WireRecorder } = await import('../../src/mcp/wire');
    const records: unknown[] = [];
    const recorder = new WireRecorder((r) => records.push(r), ['X-Api-Key']);
    recorder.httpRequest('POST', 'http://127.0.0.1/mcp', { 'x-api-key': 'k3y', cookie: 'a=b', accept: 'text/event-stream' });
    assert.deepEqual((records[0] as { headers: unknown }).headers, { accept: 'text/event-stream', cookie: '[redacted]', 'x-api-key': '[redacted]' });
    t.diagnostic('redaction is by header name, whatever its case');
  });
});
