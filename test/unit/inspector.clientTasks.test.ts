// MCP Scope as the receiver of tasks (2025-11-25): server-everything's async sampling and
// elicitation tools ask for a task, poll `tasks/get` and fetch `tasks/result`; the request waits
// for the user in the panel all the while, and an unanswered one ends in a state the tool reports.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Inspector } from '../../src/inspector/inspector';
import type { TimelineEvent } from '../../src/shared/model';
import { useInspectorOnEverything } from '../fixtures/connectedInspector';
import { callEnded, nextPending } from '../fixtures/inspectorWaits';
import { textOf } from '../fixtures/toolResults';

const limit = { timeout: 30_000 };

type ServerRequestEvent = Extract<TimelineEvent, { kind: 'serverRequest' }>;
type ServerResponseEvent = Extract<TimelineEvent, { kind: 'serverResponse' }>;

/** Every server request of `method` since `from` (a sequence number), each with the answer that went back. */
function exchanges(inspector: Inspector, method: string, from: number) {
  const events = inspector.timeline.recent().filter((event) => event.seq > from);
  return events
    .filter((event): event is ServerRequestEvent => event.kind === 'serverRequest' && event.method === method)
    .map((request) => ({
      request,
      response: events.find((event): event is ServerResponseEvent => event.kind === 'serverResponse' && event.requestId === request.requestId),
    }));
}

function lastSeq(inspector: Inspector): number {
  return inspector.timeline.recent().at(-1)?.seq ?? 0;
}

describe('server-everything asks MCP Scope to run sampling and elicitation as tasks', () => {
  const { inspector } = useInspectorOnEverything();

  test('the async tools are offered, because MCP Scope declares that it runs sampling and elicitation as tasks', limit, () => {
    const names = inspector.servers()[0].tools.map((tool) => tool.name);
    for (const tool of ['trigger-sampling-request-async', 'trigger-elicitation-request-async']) {
      assert.ok(names.includes(tool), `${tool} missing from ${names.join(', ')}`);
    }
  });

  test('a task-augmented sampling request gets a task at once, waits for the user, and the user’s reply reaches the tool’s result', limit, async () => {
    const from = lastSeq(inspector);
    const pending = nextPending(inspector);
    const callId = inspector.runTool('everything', 'trigger-sampling-request-async', { prompt: 'Name a river.', maxTokens: 20 });
    const request = await pending;
    assert.equal(request.method, 'sampling/createMessage');
    assert.match(JSON.stringify(request.params.messages), /Name a river\./);

    const [created] = exchanges(inspector, 'sampling/createMessage', from);
    const task = (created?.response?.result as { task?: { taskId: string; status: string; ttl: number } } | undefined)?.task;
    assert.ok(task, `the request was answered with a CreateTaskResult: ${JSON.stringify(created?.response)}`);
    assert.equal(task.status, 'working');
    assert.equal(task.ttl, 300_000, 'the ttl the server asked for');
    assert.equal(request.taskId, task.taskId, 'the request waiting for the user names the task the server got');

    // The server polls while the user thinks; the request keeps waiting in the panel.
    await waitUntil(() => exchanges(inspector, 'tasks/get', from).some(({ response }) => (response?.result as { status?: string } | undefined)?.status === 'working'));
    assert.deepEqual(inspector.snapshot().pendingRequests, [request], 'the request keeps waiting for the user');

    inspector.answerServerRequest(request.id, { result: { role: 'assistant', content: { type: 'text', text: 'The Danube.' }, model: 'a-person' } });
    const call = await callEnded(inspector, callId, 20_000);
    assert.equal(call.state, 'succeeded', JSON.stringify(call.problem));
    assert.match(textOf(call.result), /\[COMPLETED\] Async sampling completed!/);
    assert.match(textOf(call.result), /The Danube\./);
    assert.match(textOf(call.result), /Poll \d+: completed - The user answered\./);

    // The timeline shows the server's task requests with the answers that went back.
    const [result] = exchanges(inspector, 'tasks/result', from);
    assert.ok(result?.response, 'tasks/result and its answer are on the timeline');
    assert.match(JSON.stringify(result.response.result), /The Danube\./);
    assert.deepEqual((result.response.result as { _meta?: unknown })._meta, { 'io.modelcontextprotocol/related-task': { taskId: task.taskId } });
    const statuses = inspector.timeline
      .recent()
      .filter((event) => event.seq > from && event.kind === 'notification' && event.direction === 'sent' && event.method === 'notifications/tasks/status')
      .map((event) => (event as { params?: { status?: string } }).params?.status);
    assert.deepEqual(statuses, ['completed']);
  });

  test('a task-augmented elicitation: the form the user accepted reaches the tool’s result', limit, async () => {
    const pending = nextPending(inspector);
    const callId = inspector.runTool('everything', 'trigger-elicitation-request-async', {});
    const request = await pending;
    assert.equal(request.method, 'elicitation/create');
    inspector.answerServerRequest(request.id, { result: { action: 'accept', content: { name: 'Ada', favoriteColor: 'Green', agreeToTerms: true } } });
    const call = await callEnded(inspector, callId, 20_000);
    assert.equal(call.state, 'succeeded', JSON.stringify(call.problem));
    assert.match(textOf(call.result), /\[COMPLETED\] User provided the requested information!/);
    assert.match(textOf(call.result), /- Name: Ada\n- Favorite Color: Green\n- Agreed to terms: true/);
  });

  test('a declined sampling task fails with the user’s refusal, which the tool reports', limit, async () => {
    const pending = nextPending(inspector);
    const callId = inspector.runTool('everything', 'trigger-sampling-request-async', { prompt: 'no', maxTokens: 5 });
    inspector.answerServerRequest((await pending).id, { refuse: true });
    const call = await callEnded(inspector, callId, 20_000);
    assert.match(textOf(call.result), /\[FAILED\] The user declined the sampling request\./);
  });
});

describe('task-augmented requests the user never answers', () => {
  const { inspector } = useInspectorOnEverything({ serverRequestTimeoutMs: 1500 });

  test('sampling: the task fails when the time to answer runs out, and the tool says why', limit, async () => {
    const callId = inspector.runTool('everything', 'trigger-sampling-request-async', { prompt: 'anyone?', maxTokens: 5 });
    const call = await callEnded(inspector, callId, 20_000);
    assert.match(textOf(call.result), /\[FAILED\] The user did not answer the sampling request within 2 s\./);
    assert.deepEqual(inspector.snapshot().pendingRequests, []);
  });

  test('elicitation: the task ends as the user’s "cancel" when the time runs out', limit, async () => {
    const callId = inspector.runTool('everything', 'trigger-elicitation-request-async', {});
    const call = await callEnded(inspector, callId, 20_000);
    assert.match(textOf(call.result), /\[CANCELLED\] User cancelled the elicitation dialog\./);
    assert.match(textOf(call.result), /completed - The user answered \(cancel\)\./);
  });

  test('ending the session withdraws the task’s request from the panel', limit, async () => {
    const pending = nextPending(inspector);
    const settled = new Promise<string>((resolve) => {
      const remove = inspector.pendingRequests.settled.add((request) => {
        remove();
        resolve(request.reason);
      });
    });
    inspector.runTool('everything', 'trigger-sampling-request-async', { prompt: 'bye', maxTokens: 5 });
    await pending;
    await inspector.disconnect('everything');
    assert.match(await settled, /ended before/);
    assert.deepEqual(inspector.snapshot().pendingRequests, []);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
