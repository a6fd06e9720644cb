// A tool call that runs as a task, through the inspector, against server-everything's
// simulate-research-query: the call record follows the task's states to its report, the
// clarification the task asks for waits for the user in the panel, and Cancel cancels the task.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Inspector } from '../../src/inspector/inspector';
import type { TimelineEvent } from '../../src/shared/model';
import { useInspectorOnEverything } from '../fixtures/connectedInspector';
import { callEnded, nextPending, waitForCall } from '../fixtures/inspectorWaits';
import { textOf } from '../fixtures/toolResults';

const limit = { timeout: 30_000 };

/** Every state of the call's task the inspector announced, as "status: message". */
function followStates(inspector: Inspector, callId: string): string[] {
  const states: string[] = [];
  inspector.callUpdated.add((call) => {
    if (call.id !== callId || !call.task) return;
    const state = `${call.task.status}: ${call.task.statusMessage ?? ''}`;
    if (states.at(-1) !== state) states.push(state);
  });
  return states;
}

function callEvents(inspector: Inspector, callId: string): TimelineEvent[] {
  return inspector.timeline.recent().filter((event) => 'callId' in event && event.callId === callId);
}

describe('a tool call that runs as a task, through the inspector (server-everything, 2025-11-25)', () => {
  const { inspector } = useInspectorOnEverything();

  test('the task’s states reach the call as they change, and its report is the call’s result', limit, async () => {
    const callId = inspector.runTool('everything', 'simulate-research-query', { topic: 'tide pools' });
    const states = followStates(inspector, callId);
    const call = await callEnded(inspector, callId, 20_000);
    assert.equal(call.state, 'succeeded', JSON.stringify(call.problem));
    assert.match(textOf(call.result), /Research Report: tide pools/);
    assert.equal(call.task?.status, 'completed');
    assert.ok(call.task?.taskId, 'the call knows its task');
    for (const stage of ['Gathering sources', 'Analyzing content', 'Synthesizing findings', 'Generating report']) {
      assert.ok(states.some((state) => state.startsWith(`working: ${stage}`)), `${stage} missing from ${states.join(' | ')}`);
    }
    const methods = callEvents(inspector, callId).flatMap((event) => (event.kind === 'request' ? [event.method] : []));
    assert.ok(methods.includes('tasks/get') && methods.includes('tasks/result'), `the task's polls belong to the call on the timeline: ${methods.join(', ')}`);
    assert.ok(callEvents(inspector, callId).some((event) => event.kind === 'task' && event.task.status === 'completed'), 'the timeline shows the task ending');
  });

  test('a task that needs clarification shows input_required, waits for the user’s answer in the panel, and the answer shapes the report', limit, async () => {
    const pending = nextPending(inspector);
    const callId = inspector.runTool('everything', 'simulate-research-query', { topic: 'python', ambiguous: true });
    const states = followStates(inspector, callId);
    const request = await pending;
    assert.equal(request.method, 'elicitation/create');
    assert.match(states.at(-1) ?? '', /^input_required: Found multiple interpretations for "python"/);
    assert.equal(inspector.snapshot().calls.find((call) => call.id === callId)?.state, 'running');
    inspector.answerServerRequest(request.id, { result: { action: 'accept', content: { interpretation: 'snake' } } });
    const call = await callEnded(inspector, callId, 20_000);
    assert.equal(call.state, 'succeeded', JSON.stringify(call.problem));
    assert.match(textOf(call.result), /snake/i);
  });

  test('Cancel sends tasks/cancel, and the call ends cancelled with its task', limit, async () => {
    const callId = inspector.runTool('everything', 'simulate-research-query', { topic: 'moss' });
    await waitForCall(inspector, (call) => call.id === callId && call.task?.statusMessage?.startsWith('Gathering') === true);
    inspector.cancelCall(callId);
    const call = await callEnded(inspector, callId);
    assert.equal(call.state, 'cancelled');
    assert.match(call.problem?.summary ?? '', /Task .* was cancelled: MCP Scope sent tasks\/cancel and the server acknowledged it\./);
    assert.equal(call.task?.status, 'cancelled');
    const cancel = callEvents(inspector, callId).find((event) => event.kind === 'request' && event.method === 'tasks/cancel');
    assert.deepEqual(cancel && 'params' in cancel ? cancel.params : undefined, { taskId: call.task?.taskId });
  });
});
