// Call history in real Chromium: the past and saved calls of the selected server, a past call's
// arguments and result, Run again, Edit in form, Save… and Delete, the keyboard, the saved-calls
// file's problems, and markup in tool names and arguments staying text.
//
// Needs the built bundle: `node scripts/build.mjs`, then `node --import tsx --test test/webview/history.test.ts`.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { CallUpdated, DeleteSavedCall, GetHistory, GetPastCall, HistoryChanged, RunTool, SaveCall, ServersChanged } from '../../src/shared/bridge';
import type { HistoryView, PastCall, SavedCall } from '../../src/shared/history';
import type { ToolSummary } from '../../src/shared/model';
import { eventually, type FakeHost } from './fakeHost';
import { assertNoPageErrors, connectedServer, RESULTS, settle, snapshotOf, usePanels } from './panelFixture';

const openPanel = usePanels();

const getSum: ToolSummary = {
  name: 'get-sum',
  description: 'Adds two numbers',
  inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
};
const echo: ToolSummary = { name: 'echo', inputSchema: { type: 'object', properties: { message: { type: 'string' } } } };
const calc = connectedServer([getSum, echo]);
const other = connectedServer([echo], { id: 'other', address: 'http://127.0.0.1:3002/mcp' });

const T0 = Date.now() - 60_000;
const sumCall: PastCall = {
  id: 'p-2',
  serverId: 'calc',
  tool: 'get-sum',
  arguments: { a: 2, b: 3 },
  at: T0 + 2000,
  durationMs: 42,
  outcome: 'succeeded',
  result: { content: [{ type: 'text', text: 'The sum of 2 and 3 is 5.' }] },
};
const failedEcho: PastCall = {
  id: 'p-1',
  serverId: 'calc',
  tool: 'echo',
  arguments: { message: 'hello' },
  at: T0,
  durationMs: 1500,
  outcome: 'failed',
  problem: { summary: 'tools/call timed out after 1.5 s.' },
};
const otherCall: PastCall = { id: 'p-3', serverId: 'other', tool: 'echo', arguments: { message: 'elsewhere' }, at: T0 + 3000, durationMs: 7, outcome: 'succeeded' };
const PAST = [otherCall, sumCall, failedEcho];

function historyOf(past: PastCall[], saved: SavedCall[] = [], extra: Partial<HistoryView['saved']> = {}): HistoryView {
  return {
    past: past.map(({ id, serverId, tool, arguments: args, at, durationMs, outcome }) => ({ id, serverId, tool, arguments: args, at, durationMs, outcome })),
    saved: { calls: saved, file: '.vscode/mcp-scope.calls.json', problems: [], ...extra },
  };
}

/** Opens the panel on `calc` with this history; past calls are answered from `past`. */
async function openWithHistory(history: HistoryView, setup?: (host: FakeHost) => void) {
  const host = await openPanel(snapshotOf([calc, other]), (fake) => {
    fake.answer(GetHistory, history);
    fake.answer(GetPastCall, ({ id }) => {
      const call = PAST.find((past) => past.id === id);
      if (!call) throw new Error('History no longer keeps this call: it keeps the newest calls of each server only.');
      return call;
    });
    setup?.(fake);
  });
  await host.waitForMessages(GetHistory.method);
  return host;
}

const historyList = (page: Page) => page.getByRole('region', { name: 'History of calc' });
const pastCallView = (page: Page) => page.locator('.past-call');

describe('call history', () => {
  test('lists the selected server’s calls newest first with outcome, time, duration and arguments; choosing one shows its arguments and result', async () => {
    const host = await openWithHistory(historyOf(PAST));
    const { page } = host;
    const rows = historyList(page).getByRole('button', { name: /^Past call: / });
    await eventually(async () => assert.equal(await rows.count(), 2));
    const texts = await rows.allInnerTexts();
    assert.match(texts[0], /get-sum/);
    assert.match(texts[0], /42 ms/);
    assert.match(texts[0], /a: 2, b: 3/);
    assert.match(texts[1], /echo/);
    assert.match(texts[1], /1\.50 s/);
    assert.match(texts[1], /message: "hello"/);
    assert.doesNotMatch(texts.join(), /elsewhere/, 'another server’s call is not listed');
    assert.match((await rows.nth(1).getAttribute('aria-label')) ?? '', /^Past call: echo, failed, /);

    await rows.first().click();
    const view = pastCallView(page);
    await view.getByRole('heading', { name: 'Past call of get-sum' }).waitFor();
    await view.getByRole('group', { name: 'Arguments' }).getByText('3').waitFor();
    await view.getByRole('region', { name: 'Result' }).getByText('The sum of 2 and 3 is 5.').waitFor();
    assert.equal(await page.locator('.tool-form').count(), 0, 'the tool form makes room for the past call');
    await page.screenshot({ path: join(RESULTS, 'history-past-call.png') });

    await rows.nth(1).click();
    await view.getByRole('heading', { name: 'Past call of echo' }).waitFor();
    await view.getByRole('region', { name: 'Failed' }).getByText('tools/call timed out after 1.5 s.').waitFor();

    // The other server has its own history.
    await page.getByRole('button', { name: /^other\b/ }).click();
    await page.getByRole('region', { name: 'History of other' }).getByRole('button', { name: /^Past call: echo/ }).waitFor();
    assert.equal(await view.count(), 0, 'choosing another server closes the call');
    assertNoPageErrors(host);
  });

  test('is used from the keyboard: one tab stop, arrows move, Enter opens, Escape closes the save form', async () => {
    const host = await openWithHistory(historyOf(PAST));
    const { page } = host;
    const rows = historyList(page).getByRole('button', { name: /^Past call: / });
    await rows.first().waitFor();
    assert.deepEqual(await rows.evaluateAll((buttons) => buttons.map((button) => (button as HTMLElement).tabIndex)), [0, -1]);
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')?.startsWith('Past call: echo')), true);
    await page.keyboard.press('Enter');
    await pastCallView(page).getByRole('heading', { name: 'Past call of echo' }).waitFor();
    assert.equal(await rows.nth(1).getAttribute('aria-pressed'), 'true');

    await pastCallView(page).getByRole('button', { name: 'Save…' }).press('Enter');
    const name = page.getByLabel('Name', { exact: true });
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'save-call-name'));
    assert.equal(await name.inputValue(), 'echo');
    await page.keyboard.press('Escape');
    assert.equal(await name.count(), 0);
    await pastCallView(page).getByRole('button', { name: 'Close the call' }).press('Enter');
    assert.equal(await pastCallView(page).count(), 0);
    assertNoPageErrors(host);
  });

  test('Run again sends the same arguments and shows the new call under the tool’s form; Edit in form fills the tool’s own draft', async () => {
    const host = await openWithHistory(historyOf(PAST), (fake) => fake.answer(RunTool, { callId: 'call-9' }));
    const { page } = host;
    const rows = historyList(page).getByRole('button', { name: /^Past call: / });
    await rows.first().click();
    await pastCallView(page).getByRole('button', { name: 'Run again' }).click();
    const [run] = await host.waitForMessages(RunTool.method);
    assert.deepEqual((run as { params: unknown }).params, { serverId: 'calc', tool: 'get-sum', arguments: { a: 2, b: 3 } });
    await page.getByRole('heading', { name: 'get-sum', level: 2 }).waitFor();
    await host.notify(CallUpdated, {
      call: { id: 'call-9', serverId: 'calc', tool: 'get-sum', arguments: { a: 2, b: 3 }, state: 'succeeded', startedAt: Date.now(), endedAt: Date.now() + 5, result: { content: [{ type: 'text', text: 'The sum of 2 and 3 is 5.' }] } },
    });
    await page.getByRole('region', { name: 'Result' }).getByText('The sum of 2 and 3 is 5.').waitFor();
    assert.equal(await pastCallView(page).count(), 0);

    // Edit in form: echo's draft gets the past arguments, get-sum's draft is left alone.
    await page.getByLabel('a', { exact: true }).fill('10');
    await rows.nth(1).click();
    await pastCallView(page).getByRole('button', { name: 'Edit in form' }).click();
    await page.getByRole('heading', { name: 'echo', level: 2 }).waitFor();
    assert.equal(await page.getByLabel('message', { exact: true }).inputValue(), 'hello');
    await page.getByRole('button', { name: 'get-sum', exact: true }).click();
    assert.equal(await page.getByLabel('a', { exact: true }).inputValue(), '10');
    assert.equal(host.requests(RunTool.method).length, 1, 'Edit in form runs nothing');
    assertNoPageErrors(host);
  });

  test('a call whose server is not connected, or whose arguments the form cannot show, says why instead of doing nothing', async () => {
    const odd: PastCall = { ...sumCall, id: 'p-9', arguments: { a: 'two', b: 3 } };
    PAST.push(odd);
    try {
      const host = await openWithHistory(historyOf([odd, ...PAST]));
      const { page } = host;
      await historyList(page).getByRole('button', { name: /^Past call: get-sum/ }).first().click();
      await pastCallView(page).getByRole('button', { name: 'Edit in form' }).click();
      const alert = pastCallView(page).getByRole('alert');
      await alert.waitFor();
      assert.equal((await alert.innerText()).trim(), 'The form cannot show these arguments: a: expected a number, got "two". Run again sends them as they are.');

      await host.notify(ServersChanged, { servers: [{ ...calc, state: 'closed', tools: [] }, other] });
      await pastCallView(page).getByRole('button', { name: 'Run again' }).click();
      await pastCallView(page).getByRole('alert').getByText('Connect to calc first: its tools are known only while it is connected.').waitFor();
      await settle(page);
      assert.equal(host.requests(RunTool.method).length, 0);
      assertNoPageErrors(host);
    } finally {
      PAST.pop();
    }
  });

  test('Save… names a call and shows it as saved; a refused save says why; Delete removes a saved call', async () => {
    const saved: SavedCall = { name: 'smoke test', serverId: 'calc', tool: 'get-sum', arguments: { a: 2, b: 3 } };
    let refuse = false;
    const host = await openWithHistory(historyOf(PAST), (fake) => {
      fake.answer(SaveCall, async (call) => {
        if (refuse) throw new Error('MCP Scope did not change .vscode/mcp-scope.calls.json: it cannot be read as JSON: CommaExpected at line 4, column 5.');
        await fake.notify(HistoryChanged, { history: historyOf(PAST, [call]) });
        return null;
      });
      fake.answer(DeleteSavedCall, async () => {
        await fake.notify(HistoryChanged, { history: historyOf(PAST) });
        return null;
      });
    });
    const { page } = host;
    await historyList(page).getByRole('button', { name: /^Past call: get-sum/ }).click();
    await pastCallView(page).getByRole('button', { name: 'Save…' }).click();
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('smoke test');
    await page.getByText(/written to \.vscode\/mcp-scope\.calls\.json, which your team can commit/).waitFor();
    await name.press('Enter');
    const [request] = await host.waitForMessages(SaveCall.method);
    assert.deepEqual((request as { params: unknown }).params, saved);
    await pastCallView(page).getByRole('heading', { name: 'Saved call “smoke test”' }).waitFor();
    await pastCallView(page).getByRole('status').getByText('Saved as “smoke test” in .vscode/mcp-scope.calls.json.').waitFor();
    await historyList(page).getByRole('button', { name: 'Saved call: smoke test (get-sum)', pressed: true }).waitFor();
    await page.screenshot({ path: join(RESULTS, 'history-saved-call.png') });

    refuse = true;
    await pastCallView(page).getByRole('button', { name: 'Save as…' }).click();
    await page.getByText('A saved call has this name: saving replaces it.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await pastCallView(page).getByRole('alert').getByText(/CommaExpected at line 4, column 5/).waitFor();
    assert.equal(await name.count(), 1, 'the form stays open to try again');

    await pastCallView(page).getByRole('button', { name: 'Delete' }).click();
    const [deletion] = await host.waitForMessages(DeleteSavedCall.method);
    assert.deepEqual((deletion as { params: unknown }).params, { name: 'smoke test' });
    await eventually(async () => assert.equal(await pastCallView(page).count(), 0));
    assert.equal(await historyList(page).getByRole('button', { name: /^Saved call: / }).count(), 0);
    assertNoPageErrors(host);
  });

  test('a saved call runs again; problems of the saved-calls file are shown, naming the file and the line', async () => {
    const saved: SavedCall = { name: 'echo hi', serverId: 'calc', tool: 'echo', arguments: { message: 'hi' } };
    const problem = { summary: '.vscode/mcp-scope.calls.json, line 7: the saved call "x" names no "tool", so MCP Scope left it out.', advice: 'Correct it in the file.' };
    const host = await openWithHistory(historyOf(PAST, [saved], { problems: [problem] }), (fake) => fake.answer(RunTool, { callId: 'call-5' }));
    const { page } = host;
    await historyList(page).getByRole('alert').getByText(problem.summary).waitFor();
    await historyList(page).getByRole('button', { name: 'Saved call: echo hi (echo)' }).click();
    await pastCallView(page).getByRole('group', { name: 'Arguments' }).getByText('"hi"').waitFor();
    await pastCallView(page).getByRole('button', { name: 'Run again' }).click();
    const [run] = await host.waitForMessages(RunTool.method);
    assert.deepEqual((run as { params: unknown }).params, { serverId: 'calc', tool: 'echo', arguments: { message: 'hi' } });
    assertNoPageErrors(host);
  });

  test('markup in tool names, arguments and saved-call names stays text', async () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    const hostileTool: ToolSummary = { name: payload, inputSchema: { type: 'object', properties: { [payload]: { type: 'string' } } } };
    const hostile: PastCall = { id: 'p-x', serverId: 'calc', tool: payload, arguments: { [payload]: `<script>window.__pwned=1</script>` }, at: T0, durationMs: 1, outcome: 'tool error', result: { isError: true, content: [{ type: 'text', text: payload }] } };
    PAST.push(hostile);
    try {
      const host = await openPanel(snapshotOf([{ ...calc, tools: [hostileTool] }]), (fake) => {
        fake.answer(GetHistory, historyOf([hostile], [{ name: payload, serverId: 'calc', tool: payload, arguments: hostile.arguments }]));
        fake.answer(GetPastCall, hostile);
      });
      const { page } = host;
      await historyList(page).getByRole('button', { name: /^Past call: / }).click();
      await pastCallView(page).getByRole('heading', { name: `Past call of ${payload}` }).waitFor();
      await pastCallView(page).getByRole('button', { name: 'Edit in form' }).click();
      assert.equal(await page.locator('.tool-form').getByLabel(payload, { exact: true }).inputValue(), '<script>window.__pwned=1</script>');
      await historyList(page).getByRole('button', { name: /^Saved call: / }).click();
      await settle(page);
      const text = await page.locator('#app').innerText();
      assert.ok(text.includes(payload) && text.includes('<script>window.__pwned=1</script>'), 'the markup is shown as text');
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), undefined, 'a payload ran');
      assert.equal(await page.locator('#app img, #app script').count(), 0, 'markup was injected');
      assertNoPageErrors(host);
    } finally {
      PAST.pop();
    }
  });
});
