// The timeline in real headless Chromium against a fake extension host: a virtualized list that
// keeps 100,000 events with a handful of rows in the DOM, requests paired with their progress and
// responses, log levels, the details with the events' JSON, filters, following and pausing,
// keyboard navigation, clear, export, the log level, jumping between a call and its events, and
// every server string shown as text.
//
// Needs the built bundle: `node scripts/build.mjs`, then `node --import tsx --test test/webview/timeline.test.ts`.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import {
  ClearTimeline,
  ExportTimeline,
  GetSnapshot,
  SetLogLevel,
  TimelineAppended,
  TimelineCleared,
} from '../../src/shared/bridge';
import type { CallRecord, NewTimelineEvent, ServerSummary, TimelineEvent } from '../../src/shared/model';
import { eventually, type FakeHost } from './fakeHost';
import { RESULTS, usePanels } from './panelFixture';
import { DARK_THEME } from './themes';

const T0 = Date.UTC(2026, 10, 20, 9, 30, 0);

function server(id: string): ServerSummary {
  return {
    id,
    address: `http://127.0.0.1:3001/${id}`,
    state: 'connected',
    protocolVersion: '2025-11-25',
    serverInfo: { name: id, version: '1.0.0' },
    tools: [{ name: 'get-sum', inputSchema: { type: 'object', properties: {} } }],
  };
}

/** Numbers events from 1 (or `from`), one second apart. */
function numbered(events: NewTimelineEvent[], from = 1): TimelineEvent[] {
  return events.map((event, index) => ({ ...event, seq: from + index }) as TimelineEvent);
}

function log(level: 'debug' | 'info' | 'warning' | 'error', data: unknown, serverId = 'calc', logger?: string): NewTimelineEvent {
  return { kind: 'log', time: T0, serverId, level, data, ...(logger !== undefined && { logger }) };
}

/** `count` info messages `line 1`, `line 2`, … numbered from 1. */
function lines(count: number): TimelineEvent[] {
  return numbered(Array.from({ length: count }, (_, index) => log('info', `line ${index + 1}`)));
}

const openPanel = usePanels();

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Timeline events' });
}

function rows(page: Page): Locator {
  return grid(page).getByRole('row');
}

/** The row showing the event with this sequence number. */
function row(page: Page, seq: number): Locator {
  return grid(page).locator(`[role="row"][data-seq="${seq}"]`);
}

function assertClean(host: FakeHost): void {
  assert.deepEqual(host.pageErrors, [], 'the page logged errors or CSP violations');
}

/** Sequence numbers of the rows in the DOM, top to bottom. */
function seqsInDom(page: Page): Promise<number[]> {
  return rows(page).evaluateAll((elements) => elements.map((element) => Number(element.getAttribute('data-seq'))));
}

/** Whether the row is inside the grid's visible area. */
function inView(page: Page, seq: number): Promise<boolean> {
  return page.evaluate((seq) => {
    const viewport = document.querySelector('[role="grid"]')!.getBoundingClientRect();
    const element = document.querySelector(`[role="row"][data-seq="${seq}"]`);
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return box.top >= viewport.top - 1 && box.bottom <= viewport.bottom + 1;
  }, seq);
}

function scrollGridTo(page: Page, top: number): Promise<void> {
  return page.evaluate((top) => {
    document.querySelector('[role="grid"]')!.scrollTop = top;
  }, top);
}

function settle(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 150))));
}

describe('the timeline', () => {
  test('keeps 100,000 events with only the rows in view in the DOM, and scrolling shows the right ones', async () => {
    const host = await openPanel({ servers: [server('calc')], timeline: [], calls: [] });
    const { page } = host;
    // Made in the page and posted as the host would: Playwright's own serialization of 100,000 objects is too slow.
    const appendLogs = (from: number, count: number) =>
      page.evaluate(
        ({ method, time, from, count }) => {
          const events = Array.from({ length: count }, (_, index) => ({
            seq: from + index,
            time,
            serverId: 'calc',
            kind: 'log',
            level: 'info',
            data: `message ${from + index}`,
          }));
          window.postMessage({ type: 'notification', method, params: { events } }, '*');
        },
        { method: TimelineAppended.method, time: T0, from, count },
      );
    await appendLogs(1, 100_000);
    await row(page, 100_000).waitFor();

    assert.equal(await grid(page).getAttribute('aria-rowcount'), '100000');
    await page.getByText('100000 events', { exact: true }).waitFor();
    const drawn = await rows(page).count();
    assert.ok(drawn > 5 && drawn < 80, `${drawn} rows in the DOM`);
    assert.ok(await inView(page, 100_000), 'the newest event is in view: the list follows the tail');
    assert.equal(await row(page, 100_000).getAttribute('aria-rowindex'), '100000');

    // Half way down: the rows there, and nothing from the end.
    const rowHeight = await row(page, 100_000).evaluate((element) => (element as HTMLElement).offsetHeight);
    await scrollGridTo(page, 50_000 * rowHeight);
    await row(page, 50_001).waitFor();
    assert.ok(await inView(page, 50_001), 'row 50,001 is at the top of the view');
    assert.match(await row(page, 50_001).innerText(), /message 50001/);
    assert.equal(await row(page, 50_001).getAttribute('aria-rowindex'), '50001');
    const seqs = await seqsInDom(page);
    assert.ok(seqs.length < 80, `${seqs.length} rows in the DOM`);
    assert.ok(seqs.every((seq) => seq > 49_900 && seq < 50_100), `rows ${seqs[0]}…${seqs.at(-1)}`);
    assert.deepEqual(seqs, seqs.map((_, index) => seqs[0] + index), 'the rows are in order, without holes');

    // The top.
    await scrollGridTo(page, 0);
    await row(page, 1).waitFor();
    assert.ok(await inView(page, 1));
    assert.equal(await row(page, 100_000).count(), 0);

    // Past the limit the oldest rows go; a paused view stays on the rows it shows.
    await scrollGridTo(page, 60_000 * rowHeight);
    await row(page, 60_001).waitFor();
    await appendLogs(100_001, 25_001);
    await page.getByRole('button', { name: 'Jump to latest (25001 new)' }).waitFor();
    await eventually(async () => assert.equal(await grid(page).getAttribute('aria-rowcount'), '100000'));
    await settle(page);
    assert.ok(await inView(page, 60_001), 'row 60,001 is still in view after 25,001 rows went from the top');
    assert.equal(await row(page, 60_001).getAttribute('aria-rowindex'), String(60_001 - 25_001));
    assertClean(host);
  });

  test('a request that failed ends its row with the reason; a refused era probe is shown as a probe, not an error', async () => {
    const http = { status: 400, statusText: 'Bad Request', contentType: 'application/json', bodyStart: '{}' };
    const events = numbered([
      { kind: 'request', time: T0, serverId: 'calc', requestId: 1, method: 'server/discover' },
      { kind: 'response', time: T0 + 5, serverId: 'calc', requestId: 1, method: 'server/discover', durationMs: 5, failure: { summary: 'The server answered POST server/discover with 400 Bad Request.', http }, probe: true },
      { kind: 'request', time: T0 + 10, serverId: 'calc', requestId: 2, method: 'tools/call', params: { name: 'slow' } },
      { kind: 'response', time: T0 + 1010, serverId: 'calc', requestId: 2, method: 'tools/call', durationMs: 1000, failure: { summary: 'The server did not answer tools/call within 1 s.' } },
    ]);
    const host = await openPanel({ servers: [server('calc')], timeline: events, calls: [] });
    const { page } = host;
    const probe = row(page, 1);
    await probe.waitFor();
    assert.match(await probe.innerText(), /refused \(400 Bad Request\)/);
    assert.equal(await probe.locator('.event-error').count(), 0, 'a probe’s refusal is not painted as an error');
    const failed = row(page, 3);
    assert.doesNotMatch(await failed.innerText(), /pending/);
    assert.match(await failed.locator('.event-error').innerText(), /failed/);
    assertClean(host);
  });

  test('the details of a running request follow its progress and its answer as they arrive', async () => {
    const host = await openPanel({
      servers: [server('calc')],
      timeline: numbered([{ kind: 'request', time: T0, serverId: 'calc', requestId: 9, method: 'tools/call', params: { name: 'long-op' } }]),
      calls: [],
    });
    const { page } = host;
    await row(page, 1).click();
    const details = page.getByRole('region', { name: 'Event details' });
    // One event shows as itself, more as a list.
    const kinds = async () => [JSON.parse(await details.getByLabel('JSON of the events').innerText()) as TimelineEvent | TimelineEvent[]].flat().map((event) => event.kind);
    assert.deepEqual(await kinds(), ['request']);
    await host.notify(TimelineAppended, { events: numbered([{ kind: 'progress', time: T0 + 100, serverId: 'calc', requestId: 9, progress: 1, total: 2 }], 2) });
    await eventually(async () => assert.deepEqual(await kinds(), ['request', 'progress']));
    await host.notify(TimelineAppended, {
      events: numbered([{ kind: 'response', time: T0 + 500, serverId: 'calc', requestId: 9, method: 'tools/call', durationMs: 500, result: { content: [] } }], 3),
    });
    await details.getByText('after 500 ms').waitFor();
    assert.deepEqual(await kinds(), ['request', 'progress', 'response']);
    assertClean(host);
  });

  test('a request, its progress and its response share one row: the bar rises, then the duration shows', async () => {
    const events = numbered([
      { kind: 'request', time: T0, serverId: 'calc', requestId: 7, method: 'tools/call', params: { name: 'long-op' }, callId: 'call-1' },
    ]);
    const host = await openPanel({ servers: [server('calc')], timeline: events, calls: [] });
    const { page } = host;
    const request = row(page, 1);
    await request.waitFor();
    assert.match(await request.innerText(), /tools\/call long-op #7/);
    assert.match(await request.innerText(), /pending/);

    const bar = request.getByRole('progressbar', { name: 'Progress of request 7' });
    await host.notify(TimelineAppended, {
      events: numbered([{ kind: 'progress', time: T0 + 100, serverId: 'calc', requestId: 7, progress: 1, total: 4, message: 'step one' }], 2),
    });
    await eventually(async () => assert.equal(await bar.getAttribute('value'), '1'));
    assert.equal(await bar.getAttribute('max'), '4');
    await request.getByText('1 / 4 · step one').waitFor();

    await host.notify(TimelineAppended, {
      events: numbered([{ kind: 'progress', time: T0 + 200, serverId: 'calc', requestId: 7, progress: 3, total: 4, message: 'step three' }], 3),
    });
    await eventually(async () => assert.equal(await bar.getAttribute('value'), '3'));
    await request.getByText('3 / 4 · step three').waitFor();
    assert.equal(await rows(page).count(), 1, 'progress joins its request’s row');

    // Another request's progress without a total: an indeterminate bar.
    await host.notify(TimelineAppended, {
      events: numbered(
        [
          { kind: 'request', time: T0 + 250, serverId: 'calc', requestId: 8, method: 'tools/call', params: { name: 'wait' } },
          { kind: 'progress', time: T0 + 260, serverId: 'calc', requestId: 8, progress: 5, message: 'still waiting' },
        ],
        4,
      ),
    });
    const indeterminate = row(page, 4).getByRole('progressbar', { name: 'Progress of request 8' });
    await indeterminate.waitFor();
    assert.equal(await indeterminate.getAttribute('value'), null, 'no value: indeterminate');
    await row(page, 4).getByText('5 · still waiting').waitFor();

    await host.notify(TimelineAppended, {
      events: numbered(
        [
          { kind: 'response', time: T0 + 1234, serverId: 'calc', requestId: 7, method: 'tools/call', durationMs: 1234, result: { content: [] }, callId: 'call-1' },
          { kind: 'response', time: T0 + 1300, serverId: 'calc', requestId: 8, method: 'tools/call', durationMs: 42, error: { code: -32603, message: 'it broke' } },
        ],
        6,
      ),
    });
    await request.getByText('1.23 s').waitFor();
    assert.equal(await bar.count(), 0, 'the bar goes when the answer comes');
    await row(page, 4).getByText('42 ms').waitFor();
    await row(page, 4).getByText('-32603 it broke').waitFor();
    assert.equal(await rows(page).count(), 2, 'responses join their requests’ rows');

    // The details show the whole exchange.
    await request.click();
    const details = page.getByRole('region', { name: 'Event details' });
    await details.waitFor();
    await details.getByText('after 1.23 s').waitFor();
    const json = JSON.parse(await details.getByLabel('JSON of the events').innerText()) as TimelineEvent[];
    assert.deepEqual(
      json.map((event) => [event.kind, event.seq]),
      [
        ['request', 1],
        ['progress', 2],
        ['progress', 3],
        ['response', 6],
      ],
    );
    await page.screenshot({ path: join(RESULTS, 'timeline.png') });
    assertClean(host);
  });

  test('log levels have their own colours, and a row expands into its event’s JSON', async () => {
    const events = numbered([
      log('debug', 'quiet'),
      log('info', 'normal', 'calc', 'storage'),
      log('warning', 'disk almost full', 'calc', 'storage'),
      log('error', { code: 'EIO', path: '/tmp/x' }, 'calc', 'storage'),
    ]);
    const host = await openPanel({ servers: [server('calc')], timeline: events, calls: [] });
    const { page } = host;
    await row(page, 4).waitFor();

    const colourOf = (seq: number) => row(page, seq).locator('.log-level').evaluate((element) => getComputedStyle(element).color);
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;
    assert.equal(await colourOf(3), rgb(DARK_THEME['--vscode-editorWarning-foreground']));
    assert.equal(await colourOf(4), rgb(DARK_THEME['--vscode-errorForeground']));
    assert.equal(await colourOf(2), rgb(DARK_THEME['--vscode-charts-blue']));
    assert.equal(await colourOf(1), rgb(DARK_THEME['--vscode-descriptionForeground']));
    assert.match(await row(page, 4).innerText(), /error\s+storage\s+\{"code":"EIO","path":"\/tmp\/x"\}/);

    await row(page, 4).click();
    assert.equal(await row(page, 4).getAttribute('aria-expanded'), 'true');
    const details = page.getByRole('region', { name: 'Event details' });
    assert.deepEqual(JSON.parse(await details.getByLabel('JSON of the events').innerText()), events[3]);
    await details.getByRole('button', { name: 'Close the details' }).click();
    assert.equal(await details.count(), 0);
    assertClean(host);
  });

  test('filters by kind, log level, server and text', async () => {
    const events = numbered([
      { kind: 'connection', time: T0, serverId: 'calc', state: 'connected', text: 'Connected to calc' },
      { kind: 'request', time: T0, serverId: 'calc', requestId: 1, method: 'tools/list' },
      log('debug', 'calc debug line'),
      log('warning', 'calc warning line'),
      log('error', 'files error line', 'files'),
      { kind: 'notification', time: T0, serverId: 'files', direction: 'received', method: 'notifications/tools/list_changed' },
      { kind: 'protocolError', time: T0, serverId: 'files', raw: '{not json', reason: 'The body is not JSON.' },
    ]);
    const host = await openPanel({ servers: [server('calc'), server('files')], timeline: events, calls: [] });
    const { page } = host;
    await row(page, 7).waitFor();
    const shown = async () => (await seqsInDom(page)).join(',');
    assert.equal(await shown(), '1,2,3,4,5,6,7');

    const filters = page.getByRole('group', { name: 'Filter the timeline' });
    await filters.getByRole('button', { name: 'Logs' }).click();
    assert.equal(await filters.getByRole('button', { name: 'Logs' }).getAttribute('aria-pressed'), 'false');
    await eventually(async () => assert.equal(await shown(), '1,2,6,7'));
    await filters.getByRole('button', { name: 'Requests', exact: true }).click();
    await filters.getByRole('button', { name: 'Connections' }).click();
    await eventually(async () => assert.equal(await shown(), '6,7'));
    await page.getByText('2 rows shown · 7 events').waitFor();
    for (const name of ['Logs', 'Requests', 'Connections']) await filters.getByRole('button', { name, exact: true }).click();
    await eventually(async () => assert.equal(await shown(), '1,2,3,4,5,6,7'));

    await filters.getByLabel('Lowest log level shown').selectOption('warning');
    await eventually(async () => assert.equal(await shown(), '1,2,4,5,6,7'));
    await filters.getByLabel('Server shown').selectOption('files');
    await eventually(async () => assert.equal(await shown(), '5,6,7'));
    await filters.getByLabel('Server shown').selectOption('');
    await filters.getByLabel('Lowest log level shown').selectOption('debug');
    await filters.getByLabel('Filter by text').fill('LINE');
    await eventually(async () => assert.equal(await shown(), '3,4,5'));
    await filters.getByLabel('Filter by text').fill('not json');
    await eventually(async () => assert.equal(await shown(), '7'));

    // New events obey the filter too.
    await host.notify(TimelineAppended, { events: numbered([log('info', 'no match'), log('info', 'also not json')], 8) });
    await eventually(async () => assert.equal(await shown(), '7,9'));
    assertClean(host);
  });

  test('the filter box given the same text again does not filter again: the rows stay put instead of refilling from the first', async () => {
    const host = await openPanel({ servers: [server('calc')], timeline: lines(60_000), calls: [] });
    const { page } = host;
    const notBusy = () => eventually(async () => assert.equal(await grid(page).getAttribute('aria-busy'), 'false'), 20_000);
    await row(page, 60_000).waitFor({ timeout: 20_000 });
    await notBusy();
    const text = page.getByLabel('Filter by text');
    await text.fill('line 4');
    await row(page, 49_999).waitFor({ timeout: 20_000 });
    await notBusy();

    // Whether the list goes busy (filtering again) at any moment after the same text is typed.
    await grid(page).evaluate((element) => {
      const flags = window as { busySeen?: boolean };
      flags.busySeen = false;
      new MutationObserver(() => {
        if (element.getAttribute('aria-busy') === 'true') flags.busySeen = true;
      }).observe(element, { attributes: true, attributeFilter: ['aria-busy'] });
    });
    await text.fill('line 4');
    await page.waitForTimeout(600);
    assert.equal(await page.evaluate(() => (window as { busySeen?: boolean }).busySeen), false, 'the same filter ran again');
    assert.ok(await inView(page, 49_999), 'the view stays on the newest matching row');
    assertClean(host);
  });

  test('a new filter over a big timeline shows the newest matching rows at once while it works back through the older ones', async () => {
    const host = await openPanel({ servers: [server('calc')], timeline: lines(60_000), calls: [] });
    const { page } = host;
    await row(page, 60_000).waitFor({ timeout: 20_000 });
    await eventually(async () => assert.equal(await grid(page).getAttribute('aria-busy'), 'false'), 20_000);

    // Every frame until the filter is done: whether it was busy, and the last row in view.
    const frames = grid(page).evaluate(
      (element) =>
        new Promise<{ busy: boolean; last: number | undefined }[]>((done) => {
          const seen: { busy: boolean; last: number | undefined }[] = [];
          // (A member, not a named function: the test's compiler would wrap a name in a helper the page lacks.)
          const frame: { look?: () => void } = {};
          frame.look = () => {
            const bottom = element.getBoundingClientRect().bottom;
            const inView = [...element.querySelectorAll('[role="row"]')].filter((row) => row.getBoundingClientRect().top < bottom);
            const busy = element.getAttribute('aria-busy') === 'true';
            seen.push({ busy, last: inView.length ? Number(inView.at(-1)!.getAttribute('data-seq')) : undefined });
            // Until the filter has been busy and is done (or for about five seconds, if it never was busy).
            if (busy || (!seen.some((each) => each.busy) && seen.length < 300)) requestAnimationFrame(frame.look!);
            else done(seen);
          };
          requestAnimationFrame(frame.look);
        }),
    );
    await page.getByLabel('Filter by text').fill('line 4');
    const seen = await frames;
    const busyWithRows = seen.filter((frame) => frame.busy && frame.last !== undefined);
    assert.ok(busyWithRows.length > 0, `the filter was done within a frame (${seen.length} frames): nothing to judge`);
    assert.deepEqual(
      busyWithRows.map((frame) => frame.last),
      busyWithRows.map(() => 49_999),
      'while the filter worked, the last row in view was the newest matching one',
    );
    assert.equal(seen.at(-1)!.last, 49_999);
    await eventually(async () => assert.ok(await inView(page, 49_999)));
    assertClean(host);
  });

  test('scrolling up pauses; new events are counted; Jump to latest follows again', async () => {
    const events = lines(300);
    const host = await openPanel({ servers: [server('calc')], timeline: events, calls: [] });
    const { page } = host;
    await row(page, 300).waitFor();
    assert.ok(await inView(page, 300));
    assert.equal(await page.getByRole('button', { name: /Jump to latest/ }).count(), 0);

    await scrollGridTo(page, 0);
    await page.getByRole('button', { name: 'Jump to latest' }).waitFor();
    await page.getByRole('button', { name: 'Follow' }).waitFor();
    await host.notify(TimelineAppended, { events: numbered(Array.from({ length: 5 }, (_, index) => log('info', `new ${index}`)), 301) });
    await page.getByRole('button', { name: 'Jump to latest (5 new)' }).waitFor();
    assert.ok(await inView(page, 1), 'the view stays where the user scrolled');
    assert.equal(await row(page, 305).count(), 0);

    await page.getByRole('button', { name: 'Jump to latest (5 new)' }).click();
    await row(page, 305).waitFor();
    await eventually(async () => assert.ok(await inView(page, 305)));
    assert.equal(await page.getByRole('button', { name: /Jump to latest/ }).count(), 0);
    await host.notify(TimelineAppended, { events: numbered([log('info', 'and on')], 306) });
    await eventually(async () => assert.ok(await inView(page, 306), 'following again'));

    // The Pause button pauses without scrolling.
    await page.getByRole('button', { name: 'Pause' }).click();
    await host.notify(TimelineAppended, { events: numbered([log('info', 'after pause')], 307) });
    await page.getByRole('button', { name: 'Jump to latest (1 new)' }).waitFor();
    assert.ok(!(await inView(page, 307)));
    assertClean(host);
  });

  test('the keyboard moves the selection, Enter opens the details, Escape closes them', async () => {
    const events = lines(50);
    const host = await openPanel({ servers: [server('calc')], timeline: events, calls: [] });
    const { page } = host;
    await row(page, 50).waitFor();
    const selected = async () => Number(await grid(page).locator('[aria-selected="true"]').getAttribute('data-seq'));

    await grid(page).focus();
    await page.keyboard.press('End');
    assert.equal(await selected(), 50);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await selected(), 48);
    assert.equal(await grid(page).getAttribute('aria-activedescendant'), 'event-48');
    await page.keyboard.press('ArrowDown');
    assert.equal(await selected(), 49);
    await page.keyboard.press('Home');
    assert.equal(await selected(), 1);
    await eventually(async () => assert.ok(await inView(page, 1), 'the selection is scrolled into view'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const details = page.getByRole('region', { name: 'Event details' });
    await details.waitFor();
    assert.deepEqual(JSON.parse(await details.getByLabel('JSON of the events').innerText()), events[1]);
    assert.equal(await row(page, 2).getAttribute('aria-expanded'), 'true');
    // The details follow the selection.
    await page.keyboard.press('ArrowDown');
    assert.deepEqual(JSON.parse(await details.getByLabel('JSON of the events').innerText()), events[2]);
    await page.keyboard.press('Escape');
    assert.equal(await details.count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'grid', 'the focus stays on the list');
    assertClean(host);
  });

  test('Clear asks the host to forget, then shows the host’s new snapshot; later appends continue', async () => {
    const servers = [server('calc')];
    let cleared = false;
    const host = await openPanel(() => ({
      servers,
      timeline: cleared ? [] : numbered([log('info', 'before clear'), log('info', 'also before')]),
      calls: [],
    }));
    const { page } = host;
    await row(page, 2).waitFor();

    const snapshotsBefore = host.requests(GetSnapshot.method).length;
    // The host clears when the command arrives, before the snapshot asked after it.
    const clearing = host.waitForMessages(ClearTimeline.method).then(() => (cleared = true));
    await page.getByRole('button', { name: 'Clear the timeline' }).click();
    await clearing;
    await host.waitForMessages(GetSnapshot.method, snapshotsBefore + 1);
    const order = host.received.map((message) => message.method);
    assert.ok(order.lastIndexOf(GetSnapshot.method) > order.indexOf(ClearTimeline.method), 'the new snapshot is asked for after the clear');
    await page.getByText('Requests, progress, logs and errors appear here as they happen.').waitFor();
    assert.equal(await page.getByText('before clear').count(), 0);

    // The host goes on numbering where it was.
    await host.notify(TimelineAppended, { events: numbered([log('info', 'after clear')], 3) });
    await row(page, 3).waitFor();
    assert.equal(await rows(page).count(), 1);
    await host.notify(TimelineAppended, { events: numbered([log('info', 'and more')], 4) });
    await row(page, 4).waitFor();
    assert.equal(host.requests(GetSnapshot.method).length, snapshotsBefore + 1, 'no gap was seen after the clear');
    assertClean(host);
  });

  test('a clear made elsewhere (another panel, the command palette) empties this panel too, from a new snapshot', async () => {
    let cleared = false;
    const host = await openPanel(() => ({
      servers: [server('calc')],
      timeline: cleared ? [] : numbered([log('info', 'before clear'), log('info', 'also before')]),
      calls: [],
    }));
    const { page } = host;
    await row(page, 2).waitFor();
    const snapshotsBefore = host.requests(GetSnapshot.method).length;

    cleared = true;
    await host.notify(TimelineCleared, {});
    await host.waitForMessages(GetSnapshot.method, snapshotsBefore + 1);
    await page.getByText('Requests, progress, logs and errors appear here as they happen.').waitFor();
    assert.equal(await page.getByText('before clear').count(), 0);
    assert.equal(host.requests(ClearTimeline.method).length, 0, 'the panel does not clear again what the host cleared');
    assertClean(host);
  });

  test('Export sends the ExportTimeline command; the log level control sends logging/setLevel and shows the answer or the error', async () => {
    let fail = false;
    const host = await openPanel({ servers: [server('calc')], timeline: [], calls: [] }, (host) =>
      host.answer(SetLogLevel, ({ level }) => {
        if (fail) throw new Error('The server answered logging/setLevel with error -32601: Method not found');
        return level === 'warning' ? {} : { note: `now ${level}` };
      }),
    );
    const { page } = host;

    await page.getByRole('button', { name: 'Export the timeline as JSON' }).click();
    const [exported] = await host.waitForMessages(ExportTimeline.method);
    assert.deepEqual(exported, { type: 'command', method: 'timeline/export', params: {} });

    const level = page.getByLabel('Log level of calc');
    await page.locator('.log-level-control').getByText('sent once with logging/setLevel').waitFor();
    await level.selectOption('warning');
    const [set] = await host.waitForMessages(SetLogLevel.method);
    assert.deepEqual(set.params, { serverId: 'calc', level: 'warning' });
    const status = page.locator('.log-level-control').getByRole('status');
    await eventually(async () => assert.equal(await status.innerText(), 'calc answered {}'));
    await level.selectOption('debug');
    await eventually(async () => assert.equal(await status.innerText(), 'calc answered {"note":"now debug"}'));

    fail = true;
    await level.selectOption('error');
    await eventually(async () => assert.equal(await status.innerText(), 'The server answered logging/setLevel with error -32601: Method not found'));
    assertClean(host);
  });

  test('the log level control shows the level chosen for each server, as the host keeps it, also after a failed change', async () => {
    const host = await openPanel(
      { servers: [{ ...server('calc'), logLevel: 'error' }, server('files')], timeline: [], calls: [] },
      (host) =>
        host.answer(SetLogLevel, () => {
          throw new Error('The server answered logging/setLevel with error -32601: Method not found');
        }),
    );
    const { page } = host;
    const servers = page.getByRole('region', { name: 'Servers' });
    await eventually(async () => assert.equal(await page.getByLabel('Log level of calc').inputValue(), 'error'));
    await servers.getByRole('button', { name: 'files connected' }).click();
    await eventually(async () => assert.equal(await page.getByLabel('Log level of files').inputValue(), ''), 5000);
    await servers.getByRole('button', { name: 'calc connected' }).click();
    await page.getByLabel('Log level of calc').selectOption('debug');
    await page.locator('.log-level-control').getByRole('status').getByText('Method not found').waitFor();
    assert.equal(await page.getByLabel('Log level of calc').inputValue(), 'error', 'the level in force, not the one refused');
    assertClean(host);
  });

  test('for a 2026-07-28 server the log level control says the level goes with every request, not logging/setLevel', async () => {
    const host = await openPanel({ servers: [{ ...server('modern'), protocolVersion: '2026-07-28', era: 'stateless' }], timeline: [], calls: [] }, (host) =>
      host.answer(SetLogLevel, () => ({})),
    );
    const { page } = host;
    const level = page.getByLabel('Log level of modern');
    await page.locator('.log-level-control').getByText('sent with every request (2026-07-28)').waitFor();
    await level.selectOption('notice');
    const [set] = await host.waitForMessages(SetLogLevel.method);
    assert.deepEqual(set.params, { serverId: 'modern', level: 'notice' });
    const status = page.locator('.log-level-control').getByRole('status');
    await eventually(async () => assert.equal(await status.innerText(), 'Every request to modern now asks for notice and above.'));
    assertClean(host);
  });

  test('from a call’s result to its events, and back', async () => {
    const call: CallRecord = {
      id: 'call-3',
      serverId: 'calc',
      tool: 'get-sum',
      arguments: {},
      state: 'succeeded',
      startedAt: T0,
      endedAt: T0 + 5,
      result: { content: [{ type: 'text', text: 'done' }] },
    };
    const events = numbered([
      { kind: 'request', time: T0, serverId: 'calc', requestId: 1, method: 'tools/call', params: { name: 'other' }, callId: 'call-2' },
      { kind: 'request', time: T0, serverId: 'calc', requestId: 2, method: 'tools/call', params: { name: 'get-sum' }, callId: 'call-3' },
      log('info', 'in between'),
      { kind: 'response', time: T0 + 5, serverId: 'calc', requestId: 2, method: 'tools/call', durationMs: 5, result: {}, callId: 'call-3' },
    ]);
    const host = await openPanel({ servers: [server('calc')], timeline: events, calls: [call] });
    const { page } = host;
    await page.getByText('Choose a tool to call it.').waitFor();

    // From an event to its call.
    await row(page, 2).click();
    await page.getByRole('region', { name: 'Event details' }).getByRole('button', { name: 'Show the call' }).click();
    await page.getByRole('heading', { name: 'get-sum' }).waitFor();
    await page.getByText('done', { exact: true }).waitFor();

    // From the call to its events.
    await page.getByRole('button', { name: 'Show its events in the timeline' }).click();
    await eventually(async () => assert.deepEqual(await seqsInDom(page), [2]));
    assert.equal(await grid(page).locator('[aria-selected="true"]').getAttribute('data-seq'), '2');
    const chip = page.getByRole('button', { name: 'Show every call, not only call-3' });
    await chip.click();
    await eventually(async () => assert.deepEqual(await seqsInDom(page), [1, 2, 3]));
    assertClean(host);
  });

  test('every string a server sends is shown as text: nothing runs, nothing is injected', async () => {
    const img = '<img src=x onerror="window.pwned=(window.pwned||0)+1">';
    const script = '<script>window.pwned=(window.pwned||0)+1</script>';
    const events = numbered([
      { kind: 'connection', time: T0, serverId: img, state: 'failed', text: script, problem: { summary: img, advice: script, http: { status: 500, statusText: img, contentType: script, bodyStart: img } } },
      { kind: 'request', time: T0, serverId: 'calc', requestId: img, method: img, params: { name: script } },
      { kind: 'progress', time: T0, serverId: 'calc', requestId: img, progress: 1, total: 2, message: img },
      { kind: 'response', time: T0, serverId: 'calc', requestId: script, method: script, durationMs: 1, error: { code: 1, message: img, data: script } },
      { kind: 'notification', time: T0, serverId: 'calc', direction: 'received', method: img, params: { x: script } },
      log('error', img, 'calc', script),
      log('info', { html: script }, 'calc', img),
      { kind: 'protocolError', time: T0, serverId: 'calc', raw: `${script}${img}`, reason: img },
      { kind: 'problem', time: T0, serverId: 'calc', problem: { summary: script, advice: img } },
    ]);
    const host = await openPanel({ servers: [server('calc')], timeline: events, calls: [] });
    const { page } = host;
    await row(page, 9).waitFor();
    assert.match(await row(page, 2).innerText(), /<img src=x onerror=/);
    assert.match(await row(page, 6).innerText(), /<script>window\.pwned/);
    assert.match(await row(page, 8).innerText(), /<script>window\.pwned=\(window\.pwned\|\|0\)\+1<\/script><img/);

    // Open every row's details, the place with the most text.
    for (const seq of [1, 2, 4, 5, 6, 7, 8, 9]) {
      await row(page, seq).click();
      await page.getByRole('region', { name: 'Event details' }).waitFor();
    }
    await row(page, 8).click();
    await page.getByRole('region', { name: 'Event details' }).locator('pre.raw').getByText(`${script}${img}`, { exact: true }).waitFor();
    await settle(page);
    assert.equal(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned), undefined, 'a payload ran');
    assert.equal(await page.locator('#app img, #app script, #app iframe').count(), 0, 'an element was injected');
    assertClean(host);
  });
});
