// The client's side of tasks the server asks it to run: what server-everything never sends
// (tasks/list, tasks/cancel, unknown ids, undeclared kinds) against the receiver on its own.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RpcError } from '../../src/mcp/problems';
import { type ReceivedTask, ReceivedTasks } from '../../src/mcp/receivedTasks';

const declared = { list: {}, cancel: {}, requests: { sampling: { createMessage: {} }, elicitation: { create: {} } } };
const sampling = { task: { ttl: 60_000 }, messages: [], maxTokens: 5 };

/** Work that waits until the test answers it or its signal aborts. */
function userAnswer() {
  let answer: (result: Record<string, unknown>) => void = () => undefined;
  let heardAbort: unknown;
  const work = (signal: AbortSignal) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      answer = resolve;
      signal.addEventListener('abort', () => {
        heardAbort = signal.reason;
        reject(signal.reason);
      });
    });
  return { work, answer: (result: Record<string, unknown>) => answer(result), heardAbort: () => heardAbort };
}

function call(tasks: ReceivedTasks, method: string, params?: Record<string, unknown>) {
  const handler = tasks.handlerFor(method);
  assert.ok(handler, `${method} is served`);
  return handler(params);
}

describe('the tasks a server asks MCP Scope to run', () => {
  test('only declared kinds with a task param become tasks', () => {
    const tasks = new ReceivedTasks(declared, () => undefined);
    assert.equal(tasks.accepts('sampling/createMessage', sampling), true);
    assert.equal(tasks.accepts('sampling/createMessage', { messages: [] }), false, 'no task param: answered as usual');
    assert.equal(tasks.accepts('roots/list', { task: {} }), false);
    const onlySampling = new ReceivedTasks({ requests: { sampling: { createMessage: {} } } }, () => undefined);
    assert.equal(onlySampling.accepts('elicitation/create', { task: {} }), false, 'elicitation was not declared');
    assert.equal(onlySampling.handlerFor('tasks/list'), undefined, 'tasks/list was not declared');
    assert.equal(onlySampling.handlerFor('tasks/cancel'), undefined, 'tasks/cancel was not declared');
    assert.equal(new ReceivedTasks(undefined, () => undefined).handlerFor('tasks/get'), undefined, 'no tasks capability, no tasks/get');
  });

  test('tasks/list lists every task; tasks/cancel cancels a working one, its request stops waiting, and tasks/result says it was cancelled', async () => {
    const heard: ReceivedTask[] = [];
    const tasks = new ReceivedTasks(declared, (task) => heard.push(task));
    const user = userAnswer();
    const { task } = tasks.start('sampling/createMessage', sampling, user.work) as { task: ReceivedTask };
    assert.deepEqual(
      (await call(tasks, 'tasks/list')).tasks,
      [task],
    );
    const cancelled = await call(tasks, 'tasks/cancel', { taskId: task.taskId });
    assert.equal(cancelled.status, 'cancelled');
    assert.match(String(user.heardAbort()), /tasks\/cancel/);
    await assert.rejects(call(tasks, 'tasks/result', { taskId: task.taskId }), (error: RpcError) => error.error.code === -32603 && /cancelled/.test(error.error.message));
    assert.deepEqual(
      heard.map((notified) => notified.status),
      ['cancelled'],
      'one status notification, and the late failure of the work does not change a cancelled task',
    );
    await assert.rejects(call(tasks, 'tasks/cancel', { taskId: task.taskId }), (error: RpcError) => error.error.code === -32602 && /already cancelled/.test(error.error.message));
  });

  test('an unknown task id and a cursor never handed out are -32602 errors that say what is wrong', async () => {
    const tasks = new ReceivedTasks(declared, () => undefined);
    await assert.rejects(call(tasks, 'tasks/get', { taskId: 'nope' }), (error: RpcError) => error.error.code === -32602 && /No task nope here/.test(error.error.message));
    await assert.rejects(call(tasks, 'tasks/result', {}), (error: RpcError) => error.error.code === -32602 && /string taskId/.test(error.error.message));
    await assert.rejects(call(tasks, 'tasks/list', { cursor: 'x' }), (error: RpcError) => error.error.code === -32602 && /cursor/.test(error.error.message));
  });

  test('tasks/result blocks until the user answers, then carries the answer tied to its task', async () => {
    const tasks = new ReceivedTasks(declared, () => undefined);
    const user = userAnswer();
    const { task } = tasks.start('sampling/createMessage', sampling, user.work) as { task: ReceivedTask };
    let settled = false;
    const result = call(tasks, 'tasks/result', { taskId: task.taskId }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(settled, false, 'tasks/result waits while the task is working');
    user.answer({ role: 'assistant', content: { type: 'text', text: 'hi' }, model: 'm' });
    assert.deepEqual(await result, {
      role: 'assistant',
      content: { type: 'text', text: 'hi' },
      model: 'm',
      _meta: { 'io.modelcontextprotocol/related-task': { taskId: task.taskId } },
    });
    assert.equal((await call(tasks, 'tasks/get', { taskId: task.taskId })).status, 'completed');
  });

  test('ending the session withdraws the work of every task still running', () => {
    const tasks = new ReceivedTasks(declared, () => undefined);
    const user = userAnswer();
    tasks.start('elicitation/create', { task: {}, message: 'm', requestedSchema: { type: 'object', properties: {} } }, user.work);
    tasks.endAll('The session ended before the task was answered.');
    assert.match(String(user.heardAbort()), /session ended/);
  });
});
