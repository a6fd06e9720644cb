// Tool calls that run as tasks, 2025-11-25 era: against server-everything's simulate-research-query
// (a tool whose execution.taskSupport asks for a task), and against a fixture for what it does not
// show (pollInterval, a failed task, status notifications, the call that asks for no task).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ClientEvent, McpClient } from '../../src/mcp/client';
import { CancelledError } from '../../src/mcp/problems';
import { StreamableHttpTransport } from '../../src/mcp/transports/streamableHttp';
import type { TaskState } from '../../src/shared/model';
import { clientInfo, eventsOf, setUp } from '../fixtures/clientHarness';
import { type JsonRpcLike, type MethodHandler, PROTOCOL_VERSION, result, SESSION_ID, sendJson, textResult } from '../fixtures/faultyServer';
import { type RunningServer, startServerEverything } from '../fixtures/realServers';

const limit = { timeout: 20_000 };

describe('tasks with server-everything (2025-11-25)', () => {
  let server: RunningServer;
  let client: McpClient;
  const events: ClientEvent[] = [];

  before(async () => {
    server = await startServerEverything();
    client = new McpClient(new StreamableHttpTransport({ url: server.url }), {
      clientInfo,
      requestTimeoutMs: 10_000,
      onEvent: (event) => events.push(event),
    });
    await client.connect();
  });

  after(async () => {
    await client?.close();
    await server?.stop();
  });

  test('simulate-research-query becomes a task, followed through its stages to the report', limit, async () => {
    const seen: TaskState[] = [];
    const answer = await client.callTool('simulate-research-query', { topic: 'tide pools' }, { onTask: (task) => seen.push(task) });
    const text = (answer.content[0] as { text?: string }).text ?? '';
    assert.match(text, /Research Report: tide pools/);
    const call = eventsOf(events, 'request').find((e) => e.method === 'tools/call' && (e.params as { name?: string }).name === 'simulate-research-query');
    assert.deepEqual((call?.params as { task?: unknown }).task, {}, 'the call asked for a task');
    assert.equal(seen[0]?.status, 'working');
    assert.ok(seen[0]?.taskId, 'the task has an id');
    assert.ok(seen.every((task) => task.taskId === seen[0]!.taskId));
    assert.equal(seen.at(-1)?.status, 'completed', seen.map((t) => `${t.status} ${t.statusMessage ?? ''}`).join(' | '));
    const messages = seen.map((task) => task.statusMessage ?? '');
    assert.ok(messages.some((m) => m.startsWith('Analyzing content')), messages.join(' | '));
    const methods = eventsOf(events, 'request').map((e) => e.method);
    assert.ok(methods.includes('tasks/get'), 'it polled');
    assert.ok(methods.includes('tasks/result'), 'it fetched the result');
    assert.deepEqual(
      eventsOf(events, 'task').map((e) => e.task.status).at(-1),
      'completed',
    );
  });

  test('cancelling the call sends tasks/cancel and ends the task cancelled', limit, async () => {
    const seen: TaskState[] = [];
    const controller = new AbortController();
    const call = client.callTool('simulate-research-query', { topic: 'moss' }, {
      signal: controller.signal,
      onTask: (task) => {
        seen.push(task);
        if (task.statusMessage?.startsWith('Gathering')) controller.abort();
      },
    });
    await assert.rejects(call, (error: unknown) => error instanceof CancelledError && /tasks\/cancel/.test(error.message));
    assert.equal(seen.at(-1)?.status, 'cancelled');
    const cancel = eventsOf(events, 'request').find((e) => e.method === 'tasks/cancel');
    assert.deepEqual(cancel?.params, { taskId: seen[0]!.taskId });
    assert.equal(
      eventsOf(events, 'notification').filter((e) => e.direction === 'sent' && e.method === 'notifications/cancelled').length,
      0,
      'a task is cancelled with tasks/cancel, not notifications/cancelled',
    );
  });
});

/** A 2025 server offering task-augmented tools/call: `slow` may run as a task, `quick` may not. */
function taskServer(handlers: { get(taskId: string, count: number): unknown; result?(): unknown }) {
  let polls = 0;
  const tools = [
    { name: 'slow', inputSchema: { type: 'object' }, execution: { taskSupport: 'optional' } },
    { name: 'quick', inputSchema: { type: 'object' } },
  ];
  return {
    'initialize': (message: { id?: unknown }, res: Parameters<typeof sendJson>[0]) =>
      sendJson(
        res,
        result(message.id, {
          protocolVersion: PROTOCOL_VERSION,
          capabilities: { tools: {}, tasks: { cancel: {}, requests: { tools: { call: {} } } } },
          serverInfo: { name: 'task-fixture', version: '1' },
        }),
        200,
        { 'mcp-session-id': SESSION_ID },
      ),
    'tools/list': (message: { id?: unknown }, res: Parameters<typeof sendJson>[0]) => sendJson(res, result(message.id, { tools })),
    'tools/call': (message: { id?: unknown; params?: Record<string, unknown> }, res: Parameters<typeof sendJson>[0]) =>
      sendJson(
        res,
        result(
          message.id,
          message.params?.task ? { task: task('t-1', 'working', { pollInterval: 200 }) } : textResult(`ran ${String(message.params?.name)} at once`),
        ),
      ),
    'tasks/get': (message: { id?: unknown }, res: Parameters<typeof sendJson>[0]) => sendJson(res, result(message.id, handlers.get('t-1', ++polls))),
    'tasks/result': (message: { id?: unknown }, res: Parameters<typeof sendJson>[0]) =>
      sendJson(res, handlers.result ? { jsonrpc: '2.0', id: message.id, ...(handlers.result() as object) } : result(message.id, textResult('done'))),
  };
}

const task = (taskId: string, status: string, extra: Record<string, unknown> = {}) => ({
  taskId,
  status,
  createdAt: '2026-11-22T08:00:00Z',
  lastUpdatedAt: '2026-11-22T08:00:00Z',
  ttl: 60_000,
  ...extra,
});

describe('tasks against a fixture (2025-11-25)', () => {
  test('polls at the pollInterval the server asks for, and asks for a task only where the tool allows', limit, async (t) => {
    const { client, server, events } = await setUp(t, {
      methods: taskServer({ get: (id, count) => task(id, count < 3 ? 'working' : 'completed', { pollInterval: 200, statusMessage: `poll ${Math.min(count, 3)}` }) }),
    });
    await client.connect();
    const quick = await client.callTool('quick', {});
    assert.equal((quick.content[0] as { text?: string }).text, 'ran quick at once');
    assert.equal((server.posted('tools/call')[0]!.message!.params as { task?: unknown }).task, undefined, 'no task asked for a tool that does not allow one');

    const started = performance.now();
    const slow = await client.callTool('slow', {});
    const elapsed = performance.now() - started;
    assert.equal((slow.content[0] as { text?: string }).text, 'done');
    assert.equal(server.posted('tasks/get').length, 4, 'three polls to completion and one last look after tasks/result');
    assert.ok(elapsed >= 550, `three polls 200 ms apart take at least 600 ms, took ${Math.round(elapsed)}`);
    assert.deepEqual(
      eventsOf(events, 'task').map((e) => `${e.source} ${e.task.status}`),
      ['created working', 'polled working', 'polled working', 'polled completed'],
    );
  });

  test('a task that failed with a JSON-RPC error fails the call with that error', limit, async (t) => {
    const { client } = await setUp(t, {
      methods: taskServer({
        get: (id) => task(id, 'failed', { statusMessage: 'out of quota' }),
        result: () => ({ error: { code: -32603, message: 'out of quota' } }),
      }),
    });
    await client.connect();
    await assert.rejects(client.callTool('slow', {}), /error -32603: out of quota/);
  });

  test('a status notification on the GET stream is taken at once, without waiting for the next poll', limit, async (t) => {
    let push: (() => void) | undefined;
    let notified = false;
    const { client, server } = await setUp(t, {
      methods: taskServer({ get: (id) => task(id, notified ? 'completed' : 'working', { pollInterval: 60_000 }) }),
      onGet: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.flushHeaders();
        push = () => {
          notified = true;
          res.write(`event: message\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/tasks/status', params: task('t-1', 'completed') })}\n\n`);
        };
      },
    });
    await client.connect();
    const seen: string[] = [];
    const answer = await client.callTool('slow', {}, {
      onTask: (state) => {
        seen.push(state.status);
        if (state.status === 'working') setTimeout(() => push?.(), 50);
      },
    });
    assert.equal((answer.content[0] as { text?: string }).text, 'done');
    assert.deepEqual(seen, ['working', 'completed']);
    assert.equal(server.posted('tasks/get').length, 1, 'only the last look: the notification ended a wait of a minute');
  });

  test('progress for the call’s token that arrives after the call became a task reaches the call', limit, async (t) => {
    let push: ((message: unknown) => void) | undefined;
    let polls = 0;
    const { client, server, events } = await setUp(t, {
      methods: taskServer({ get: (id, count) => ((polls = count), task(id, count < 3 ? 'working' : 'completed', { pollInterval: 200 })) }),
      onGet: (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.flushHeaders();
        push = (message) => res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
      },
    });
    await client.connect();
    const reports: unknown[] = [];
    await client.callTool('slow', {}, {
      onProgress: (report) => reports.push(report),
      onTask: (state) => {
        if (state.status !== 'working' || polls > 0) return;
        const token = (server.posted('tools/call')[0]!.message!.params as { _meta?: { progressToken?: unknown } })._meta?.progressToken;
        push?.({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: token, progress: 1, total: 2, message: 'half way' } });
      },
    });
    assert.deepEqual(reports, [{ progress: 1, total: 2, message: 'half way' }]);
    const callId = eventsOf(events, 'request').find((e) => e.method === 'tools/call')?.requestId;
    assert.deepEqual(
      eventsOf(events, 'progress').map((e) => [e.requestId, e.message]),
      [[callId, 'half way']],
      'the progress is tied to the tools/call on the timeline',
    );
  });
});

/** A 2026-07-28 server with the tasks extension: `research` becomes a task that asks for a name on the way. */
function statelessTaskServer(options: { pollIntervalMs: number }) {
  let updated: Record<string, unknown> | undefined;
  let cancelled = false;
  const base = { taskId: 'task-2026', createdAt: '2026-11-22T08:00:00Z', lastUpdatedAt: '2026-11-22T08:00:00Z', ttlMs: null, pollIntervalMs: options.pollIntervalMs };
  let polls = 0;
  const answer = (message: JsonRpcLike, res: Parameters<typeof sendJson>[0], value: Record<string, unknown>) =>
    sendJson(res, result(message.id, { resultType: 'complete', ...value }));
  const methods: Record<string, MethodHandler> = {
    'server/discover': (message, res) =>
      answer(message, res, {
        supportedVersions: ['2026-07-28'],
        capabilities: { tools: {}, extensions: { 'io.modelcontextprotocol/tasks': {} } },
        _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'tasks-2026', version: '1' } },
      }),
    'tools/list': (message, res) => answer(message, res, { tools: [{ name: 'research', inputSchema: { type: 'object' } }] }),
    'tools/call': (message, res) => sendJson(res, result(message.id, { resultType: 'task', ...base, status: 'working' })),
    'tasks/get': (message, res) => {
      polls++;
      if (cancelled) return answer(message, res, { ...base, status: 'cancelled' });
      if (updated) return answer(message, res, { ...base, status: 'completed', result: textResult(`found for ${JSON.stringify(updated)}`) });
      if (polls < 2) return answer(message, res, { ...base, status: 'working', statusMessage: 'reading' });
      return answer(message, res, {
        ...base,
        status: 'input_required',
        statusMessage: 'who asks?',
        inputRequests: { who: { method: 'elicitation/create', params: { message: 'Your name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } } } },
      });
    },
    'tasks/update': (message, res) => {
      updated = (message.params as { inputResponses?: Record<string, unknown> }).inputResponses;
      answer(message, res, {});
    },
    'tasks/cancel': (message, res) => {
      cancelled = true;
      answer(message, res, {});
    },
  };
  return methods;
}

describe('tasks against a 2026-07-28 fixture (the tasks extension)', () => {
  test('a call the server turns into a task is polled, its input answered with tasks/update, its result taken from tasks/get', limit, async (t) => {
    const asked: unknown[] = [];
    const { client, server, events } = await setUp(t, { methods: statelessTaskServer({ pollIntervalMs: 100 }) }, {
      client: {
        serverRequestHandlers: {
          'elicitation/create': async (params) => {
            asked.push(params?.message);
            return { action: 'accept', content: { name: 'Ada' } };
          },
        },
      },
    });
    await client.connect();
    assert.equal(client.era, 'stateless');
    const seen: TaskState[] = [];
    const answer = await client.callTool('research', {}, { onTask: (task) => seen.push(task) });
    assert.equal((answer.content[0] as { text?: string }).text, 'found for {"who":{"action":"accept","content":{"name":"Ada"}}}');
    assert.deepEqual(asked, ['Your name?'], 'the input request was answered once, although polls may repeat it');
    assert.deepEqual(
      seen.map((task) => task.status),
      ['working', 'working', 'input_required', 'completed'],
    );
    assert.equal(seen[0]!.ttlMs, null);
    assert.equal(seen[0]!.pollIntervalMs, 100);
    const call = server.posted('tools/call')[0]!;
    const capabilities = (call.message!.params!._meta as Record<string, { extensions?: Record<string, unknown> }>)['io.modelcontextprotocol/clientCapabilities'];
    assert.deepEqual(capabilities?.extensions?.['io.modelcontextprotocol/tasks'], {}, 'the client declares the tasks extension');
    for (const method of ['tasks/get', 'tasks/update']) {
      const request = server.posted(method)[0]!;
      assert.equal(request.headers['mcp-name'], 'task-2026', `${method} is routed by its task id`);
      assert.equal(request.headers['mcp-method'], method);
    }
    assert.ok(eventsOf(events, 'serverResponse').some((e) => e.method === 'elicitation/create'), 'the answer is on the timeline');
  });

  test('cancelling sends tasks/cancel, which the server only acknowledges', limit, async (t) => {
    const { client, server } = await setUp(t, { methods: statelessTaskServer({ pollIntervalMs: 100 }) });
    await client.connect();
    const controller = new AbortController();
    const call = client.callTool('research', {}, { signal: controller.signal, onTask: (task) => task.statusMessage === 'reading' && controller.abort() });
    await assert.rejects(call, (error: unknown) => error instanceof CancelledError && /acknowledged/.test(error.message));
    assert.equal(server.posted('tasks/cancel').length, 1);
    assert.equal(server.posted('tasks/cancel')[0]!.headers['mcp-name'], 'task-2026');
  });
});
