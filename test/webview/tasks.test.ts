// A call that became a task, in real Chromium: its id, state and status message in the call view,
// updated live as the host reports them, Cancel while it runs, its result when done, and each
// state change as a row of the timeline.
//
// Needs the built bundle: `node scripts/build.mjs`, then `node --import tsx --test test/webview/tasks.test.ts`.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CallUpdated, CancelCall, TimelineAppended } from '../../src/shared/bridge';
import type { CallRecord, TaskState, ToolSummary } from '../../src/shared/model';
import { assertNoPageErrors, connectedServer, RESULTS, settle, snapshotOf, usePanels } from './panelFixture';

const openPanel = usePanels();

const research: ToolSummary = { name: 'simulate-research-query', inputSchema: { type: 'object', properties: { topic: { type: 'string' } } } };
const task: TaskState = { taskId: 'task-9f2c', status: 'working', statusMessage: 'Gathering sources...', ttlMs: 300_000, pollIntervalMs: 1000 };

describe('a call that became a task', () => {
  test('shows the task live: id, state, status message, Cancel, then its result', async () => {
    const running: CallRecord = { id: 'call-3', serverId: 'calc', tool: research.name, arguments: { topic: 'moss' }, state: 'running', startedAt: Date.now(), task };
    const host = await openPanel(snapshotOf([connectedServer([research])], [running]), (fake) => fake.answer(CancelCall, null), {
      uiState: { version: 1, serverId: 'calc', tool: research.name, drafts: {} },
    });
    const { page } = host;
    const taskBox = page.getByRole('status', { name: 'Task' });
    await taskBox.waitFor();
    const text = await taskBox.innerText();
    assert.match(text, /Task working Gathering sources\.\.\./);
    assert.match(text, /Task id\s+task-9f2c/);
    assert.match(text, /Poll interval\s+1000 ms/);
    assert.match(text, /Kept for\s+300 s from its creation/);

    await host.notify(CallUpdated, { call: { ...running, task: { ...task, status: 'input_required', statusMessage: 'Which moss?' } } });
    await taskBox.getByText('input required').waitFor();
    assert.match(await taskBox.innerText(), /Which moss\?/);

    await page.locator('section.call').getByRole('button', { name: 'Cancel' }).click();
    const [cancel] = await host.waitForMessages(CancelCall.method);
    assert.deepEqual(cancel.params, { callId: 'call-3' });

    await host.notify(CallUpdated, {
      call: {
        ...running,
        state: 'succeeded',
        endedAt: running.startedAt + 4200,
        task: { ...task, status: 'completed', statusMessage: 'Generating report...' },
        result: { content: [{ type: 'text', text: '# Research Report: moss' }] },
      },
    });
    await page.getByRole('heading', { name: 'Result' }).waitFor();
    assert.match(await taskBox.innerText(), /Task completed/);
    assert.equal(await page.locator('section.call pre.text-block').innerText(), '# Research Report: moss');
    await page.screenshot({ path: join(RESULTS, 'task-completed.png') });
    assertNoPageErrors(host);
  });

  test('progress reported while the call runs as a task shows in the call view, next to the task', async () => {
    const running: CallRecord = { id: 'call-4', serverId: 'calc', tool: research.name, arguments: { topic: 'moss' }, state: 'running', startedAt: Date.now(), task };
    const host = await openPanel(snapshotOf([connectedServer([research])], [running]), undefined, {
      uiState: { version: 1, serverId: 'calc', tool: research.name, drafts: {} },
    });
    const { page } = host;
    await page.getByRole('status', { name: 'Task' }).waitFor();
    await host.notify(CallUpdated, { call: { ...running, progress: { progress: 3, total: 4, message: 'Synthesizing' } } });
    const bar = page.locator('section.call').getByRole('progressbar', { name: `Progress of ${research.name}` });
    await bar.waitFor();
    assert.equal(await bar.evaluate((progress: HTMLProgressElement) => progress.value), 3);
    assert.match(await page.locator('section.call').innerText(), /Synthesizing/);
    assert.match(await page.getByRole('status', { name: 'Task' }).innerText(), /Task working/, 'the task stays shown with its progress');
    assertNoPageErrors(host);
  });

  test('each state change is a row of the timeline, with where it was learned', async () => {
    const host = await openPanel(snapshotOf([connectedServer([research])]));
    const { page } = host;
    const base = { time: Date.now(), serverId: 'calc', requestId: 4, callId: 'call-3' };
    await host.notify(TimelineAppended, {
      events: [
        { seq: 1, ...base, kind: 'task', source: 'created', task },
        { seq: 2, ...base, kind: 'task', source: 'polled', task: { ...task, status: 'input_required', statusMessage: 'Which moss?' } },
        { seq: 3, ...base, kind: 'task', source: 'notified', task: { ...task, status: 'failed', statusMessage: '<b>quota</b>' } },
      ],
    });
    await settle(page);
    const rows = page.locator('[role="row"][data-kind="task"]');
    await rows.nth(2).waitFor();
    const texts = await rows.allInnerTexts();
    assert.match(texts[0]!, /task working task-9f2c Gathering sources\.\.\. \(the call became a task\)/);
    assert.match(texts[1]!, /input_required .*Which moss\? \(tasks\/get\)/);
    assert.match(texts[2]!, /failed .*<b>quota<\/b> \(status notification\)/, 'a status message is text, never markup');
    assertNoPageErrors(host);
  });
});
