// How fast the panel's timeline is, in real Chromium with the built dist/webview.js and the webview
// tests' fake host: the time from the last of 10,000 progress and 10,000 log events reaching the
// extension host's batcher (all at once) until all of them are on screen, the longest main-thread
// task meanwhile, and the JS heap with 100,000 events. Prints each number against its goal; not a
// pass/fail test.
//
// `npm run bench:panel` (builds the production bundle first). With BENCH_TRACE=<file> the traced stream's
// Chromium trace is saved there, to open in DevTools' Performance panel.

import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { GetSnapshot, TimelineAppended } from '../src/shared/bridge';
import { APPEND_BATCH_LIMIT, APPEND_INTERVAL_MS, AppendBatches } from '../src/inspector/appendBatches';
import { TimelineStore } from '../src/inspector/timelineStore';
import { TIMELINE_LIMIT, type TimelineEvent } from '../src/shared/model';
import { FakeHost, launchChromium, PanelServer } from '../test/webview/fakeHost';

const GOALS = { onScreenMs: 1000, longestTaskMs: 50, heapMB: 100 };

/** The stream: requests whose progress comes interleaved with log messages, as a busy server sends them. */
const REQUESTS = 100;
const PROGRESS_PER_REQUEST = 100;
const LOGS = REQUESTS * PROGRESS_PER_REQUEST;
const HEAP_EVENTS = TIMELINE_LIMIT;

/** The stream's events as JSON text, put in the page before the stream starts. */
interface BenchWindow {
  __benchEvents: string[];
}

interface StreamResult {
  /** From the last event reaching the extension host's batcher until the last row and the full row count are drawn. */
  fromHostMs: number;
  /** From the last post reaching the page's message handler until the same moment. */
  fromPageMs: number;
  /** The longest task the longtask observer reported (it reports tasks over 50 ms only). */
  longestTaskMs: number;
  longTasks: number;
  /** The longest time between two animation frames, which also sees tasks under 50 ms. */
  longestFrameGapMs: number;
  /** From the first post reaching the page until the last did. */
  streamMs: number;
  posts: number;
  rows: number;
  /** What the first request's bar shows at the end. */
  firstBar: string | null;
}

/** What the timeline shows once the server has connected, as the Inspector records a connect: the stream comes after it. */
function connectionEvents(): TimelineEvent[] {
  const time = Date.now();
  const serverId = 'bench';
  const initialize = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'mcp-scope', version: '0.0.0' } };
  return [
    { seq: 1, time, serverId, kind: 'connection', state: 'connecting', text: 'http://127.0.0.1:1/mcp' },
    { seq: 2, time, serverId, kind: 'request', requestId: 0, method: 'initialize', params: initialize },
    { seq: 3, time, serverId, kind: 'response', requestId: 0, method: 'initialize', durationMs: 12, result: { ...initialize, serverInfo: { name: 'bench', version: '1.0.0' } } },
    { seq: 4, time, serverId, kind: 'notification', direction: 'sent', method: 'notifications/initialized' },
    { seq: 5, time, serverId, kind: 'connection', state: 'connected', text: 'bench 1.0.0, protocol 2025-11-25' },
    { seq: 6, time, serverId, kind: 'request', requestId: 1, method: 'tools/list' },
    { seq: 7, time, serverId, kind: 'response', requestId: 1, method: 'tools/list', durationMs: 3, result: { tools: [] } },
  ];
}

/** The rows of the connection's events and the stream: a request's progress and response join its row. */
function expectedRows(connected: TimelineEvent[]): number {
  return connected.filter((event) => event.kind !== 'response').length + REQUESTS + LOGS;
}

/** The stream after `connected`: requests whose progress comes interleaved with log messages, as a busy server sends them. */
function streamEvents(connected: TimelineEvent[]): TimelineEvent[] {
  const time = Date.now();
  const events: TimelineEvent[] = [];
  let seq = connected.length;
  const firstId = connected.length;
  for (let request = firstId; request < firstId + REQUESTS; request++) {
    events.push({ seq: ++seq, time, serverId: 'bench', kind: 'request', requestId: request, method: 'tools/call', params: { name: 'long-op', arguments: { step: request } } });
  }
  for (let step = 1; step <= PROGRESS_PER_REQUEST; step++) {
    for (let request = firstId; request < firstId + REQUESTS; request++) {
      const message = `step ${step} of ${PROGRESS_PER_REQUEST}`;
      events.push({ seq: ++seq, time, serverId: 'bench', kind: 'progress', requestId: request, progress: step, total: PROGRESS_PER_REQUEST, message });
      const level = (['info', 'warning', 'debug', 'error'] as const)[seq % 4];
      events.push({ seq: ++seq, time, serverId: 'bench', kind: 'log', level, logger: `worker-${request}`, data: { step, request, note: `simulated log line ${seq}` } });
    }
  }
  return events;
}

/**
 * The page's side, as source text (tsx would add helpers the page lacks to a function): watches the
 * posts arrive and the frames go by until the last event's row and the final row count are drawn.
 * `window.__benchStream` settles then with what it saw; times are the page's and the wall clock's.
 */
const WATCH_STREAM_IN_PAGE = `({ lastSeq, expectedRows }) => {
  const tasks = [];
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push(entry.duration); });
  observer.observe({ type: 'longtask' });
  let first = 0;
  let arrived = 0;
  let posts = 0;
  // Capture: this listener runs before the app's own.
  window.addEventListener('message', (event) => {
    const posted = event.data && event.data.params && event.data.params.events;
    if (!posted || !posted.length) return;
    posts++;
    first ||= performance.now();
    if (posted[posted.length - 1].seq === lastSeq) arrived = performance.now();
  }, { capture: true });

  let previous = performance.now();
  let longestGap = 0;
  window.__benchStream = new Promise((resolve) => {
    const frame = (now) => {
      // Frames before the stream began are not its gaps.
      if (first) longestGap = Math.max(longestGap, now - previous);
      previous = now;
      const grid = document.querySelector('[role="grid"]');
      if (arrived && grid && grid.getAttribute('aria-rowcount') === String(expectedRows) && document.querySelector('[role="row"][data-seq="' + lastSeq + '"]')) {
        const done = performance.now();
        const doneWallMs = Date.now();
        setTimeout(() => {
          observer.disconnect();
          resolve({
            doneWallMs,
            fromPageMs: done - arrived,
            longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
            longTasks: tasks.length,
            longestFrameGapMs: longestGap,
            streamMs: arrived - first,
            posts,
            rows: Number(grid.getAttribute('aria-rowcount')),
          });
        }, 200);
        return;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}`;

/** Scrolls back to the first request (which stops following) and reads what its bar shows. */
const FIRST_BAR_IN_PAGE = `async (seq) => {
  document.querySelector('[role="grid"]').scrollTop = 0;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const bar = document.querySelector('[role="row"][data-seq="' + seq + '"] progress');
  return bar && bar.getAttribute('value') + ' / ' + bar.getAttribute('max');
}`;

/** Posts `count` events of a realistic mix in one notification and waits until they are drawn. */
const FILL_IN_PAGE = `async ({ method, count, time }) => {
  const events = [];
  for (let seq = 1; seq <= count; seq++) {
    const request = Math.floor(seq / 100);
    switch (seq % 10) {
      case 0: events.push({ seq, time, serverId: 'bench', kind: 'request', requestId: seq, method: 'tools/call', params: { name: 'echo', arguments: { message: 'hello ' + seq } } }); break;
      case 1: events.push({ seq, time, serverId: 'bench', kind: 'response', requestId: seq - 1, method: 'tools/call', durationMs: 12.5, result: { content: [{ type: 'text', text: 'Echo: hello ' + (seq - 1) }] } }); break;
      case 2: case 3: case 4: events.push({ seq, time, serverId: 'bench', kind: 'progress', requestId: 'p' + request, progress: seq % 100, total: 100, message: 'working on ' + seq }); break;
      case 5: events.push({ seq, time, serverId: 'bench', kind: 'notification', direction: 'received', method: 'notifications/resources/updated', params: { uri: 'file:///data/' + seq } }); break;
      default: events.push({ seq, time, serverId: 'bench', kind: 'log', level: 'info', logger: 'bench', data: { line: seq, message: 'a log line of ordinary length, number ' + seq } });
    }
  }
  const started = performance.now();
  window.postMessage({ type: 'notification', method, params: { events } }, '*');
  await new Promise((resolve) => {
    const frame = () => {
      const grid = document.querySelector('[role="grid"]');
      if (grid && grid.getAttribute('aria-busy') === 'false' && document.querySelector('[role="row"][data-seq="' + count + '"]')) resolve();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  const drawnMs = performance.now() - started;
  return { drawnMs, rows: Number(document.querySelector('[role="grid"]').getAttribute('aria-rowcount')) };
}`;

/** The text filter over every event, the first time (nothing cached yet), until every row is filtered. */
const FILTER_IN_PAGE = `async ({ text, rows }) => {
  const tasks = [];
  const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) tasks.push(entry.duration); });
  observer.observe({ type: 'longtask' });
  const started = performance.now();
  const input = document.querySelector('input[type="search"]');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  let firstRowsMs;
  await new Promise((resolve) => {
    const frame = () => {
      const grid = document.querySelector('[role="grid"]');
      const shown = Number(grid.getAttribute('aria-rowcount'));
      if (firstRowsMs === undefined && shown > 0 && shown < rows) firstRowsMs = performance.now() - started;
      // The text matches a few rows only: fewer rows, and none waiting, means the filter is done.
      if (shown < rows && grid.getAttribute('aria-busy') === 'false') resolve();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  observer.disconnect();
  return {
    filterMs: performance.now() - started,
    firstRowsMs,
    filteredRows: Number(document.querySelector('[role="grid"]').getAttribute('aria-rowcount')),
    longestTaskMs: tasks.length ? Math.max(...tasks) : 0,
    longTasks: tasks.length,
  };
}`;

interface FilterResult {
  /** From the typed text until every row is filtered, with the typing pause. */
  filterMs: number;
  /** From the typed text until the first matching row is drawn. */
  firstRowsMs: number;
  filteredRows: number;
  longestTaskMs: number;
  longTasks: number;
}

async function openPanel(browser: Browser, server: PanelServer, timeline: TimelineEvent[] = []): Promise<FakeHost> {
  const host = await FakeHost.create(browser, server, { viewport: { width: 1280, height: 800 } });
  host.answer(GetSnapshot, {
    servers: [{ id: 'bench', address: 'http://127.0.0.1:1/mcp', state: 'connected', tools: [] }],
    timeline,
    calls: [],
  });
  await host.open();
  await host.waitForMessages(GetSnapshot.method);
  return host;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  /** The thread's CPU time in the event, in microseconds. */
  tdur?: number;
  args?: { name?: string };
}

/** The longest task of the page's main thread in wall time and in the thread's own CPU time, from a Chromium trace. */
function longestTasks(trace: Buffer): { wallMs: number; cpuMs: number } {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set(
    events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain').map((event) => `${event.pid}/${event.tid}`),
  );
  const tasks = events.filter((event) => event.name === 'RunTask' && main.has(`${event.pid}/${event.tid}`));
  return {
    wallMs: Math.max(0, ...tasks.map((task) => (task.dur ?? 0) / 1000)),
    cpuMs: Math.max(0, ...tasks.map((task) => (task.tdur ?? 0) / 1000)),
  };
}

/**
 * How long the machine is left alone before a measure: the page's own start-up and the tracer's
 * keep the cores busy for a while, and the stream comes to a panel that has been open for a while.
 */
const SETTLE_MS = 300;

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

async function startTracing(browser: Browser, host: FakeHost): Promise<void> {
  await browser.startTracing(host.page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await settle();
}

/**
 * The events reach the extension host's batcher (`AppendBatches`, as in the bridge) all at once, the
 * worst case; it posts them into the page as VS Code would, a batch per interval. With `traced`, the
 * run is traced, which slows the page and the machine: its times are not the panel's own.
 */
async function measureStream(browser: Browser, server: PanelServer, traced: boolean): Promise<StreamResult & { trace?: Buffer }> {
  const connected = connectionEvents();
  const host = await openPanel(browser, server, connected);
  const failedPosts: unknown[] = [];
  const events = streamEvents(connected);
  // The page holds every event of the stream as JSON text before the stream starts; a post names
  // the batch's range, and the page parses the batch and posts it to the panel in a task of its own,
  // as VS Code's webview frame does with a message from the workbench. Carrying the text itself
  // through the DevTools protocol would cost the page's main thread more than the panel's own work
  // (6.5 ms of CPU a batch in a trace), in tasks that run ahead of the page's others and its frames.
  const firstSeq = events[0].seq;
  const post = (batch: TimelineEvent[]) =>
    host.page
      .evaluate(
        ([method, from, to]) =>
          void setTimeout(() => {
            const texts = (window as unknown as BenchWindow).__benchEvents.slice(from, to);
            window.postMessage({ type: 'notification', method, params: { events: JSON.parse(`[${texts.join(',')}]`) as unknown } }, '*');
          }),
        [TimelineAppended.method, batch[0].seq - firstSeq, batch[batch.length - 1].seq - firstSeq + 1] as const,
      )
      .catch((error: unknown) => failedPosts.push(error));
  const batches = new AppendBatches((events) => void post(events));
  try {
    await host.page.evaluate((texts) => void ((window as unknown as BenchWindow).__benchEvents = texts), events.map((event) => JSON.stringify(event)));
    await host.page.evaluate(`(${WATCH_STREAM_IN_PAGE})(${JSON.stringify({ lastSeq: events[events.length - 1].seq, expectedRows: expectedRows(connected) })})`);
    if (traced) await startTracing(browser, host);
    else await settle();
    for (const event of events) batches.add(event);
    const reachedHostMs = Date.now();
    const result = (await host.page.evaluate('window.__benchStream')) as Omit<StreamResult, 'fromHostMs' | 'firstBar'> & { doneWallMs: number };
    const trace = traced ? await browser.stopTracing() : undefined;
    if (failedPosts.length) throw new Error(`posting into the page failed: ${String(failedPosts[0])}`);
    const firstBar = (await host.page.evaluate(`(${FIRST_BAR_IN_PAGE})(${events[0].seq})`)) as string | null;
    return { ...result, fromHostMs: result.doneWallMs - reachedHostMs, firstBar, trace };
  } finally {
    batches.dispose();
    if (host.pageErrors.length) console.error(`page errors: ${host.pageErrors.join('; ')}`);
    await host.close();
  }
}

async function measureHeap(browser: Browser, server: PanelServer) {
  const host = await openPanel(browser, server);
  try {
    const cdp = await host.context.newCDPSession(host.page);
    const usedHeap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const empty = await usedHeap();
    const filled = (await host.page.evaluate(
      `(${FILL_IN_PAGE})(${JSON.stringify({ method: TimelineAppended.method, count: HEAP_EVENTS, time: Date.now() })})`,
    )) as { drawnMs: number; rows: number };
    const full = await usedHeap();
    await startTracing(browser, host);
    const filter = (await host.page.evaluate(`(${FILTER_IN_PAGE})(${JSON.stringify({ text: 'number 4242', rows: filled.rows })})`)) as FilterResult;
    return { empty, full, ...filled, filter: { ...filter, traced: longestTasks(await browser.stopTracing()) } };
  } finally {
    if (host.pageErrors.length) console.error(`page errors: ${host.pageErrors.join('; ')}`);
    await host.close();
  }
}

/** The extension host's store with the same mix of events, measured in this process (needs --expose-gc). */
function measureHostStore(): { bytes: number } | undefined {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return undefined;
  collect();
  const before = process.memoryUsage().heapUsed;
  const store = new TimelineStore(HEAP_EVENTS);
  const time = Date.now();
  for (let seq = 1; seq <= HEAP_EVENTS; seq++) {
    const serverId = 'bench';
    if (seq % 10 === 0) store.append({ kind: 'request', time, serverId, requestId: seq, method: 'tools/call', params: { name: 'echo', arguments: { message: `hello ${seq}` } } });
    else if (seq % 10 === 1) store.append({ kind: 'response', time, serverId, requestId: seq - 1, method: 'tools/call', durationMs: 12.5, result: { content: [{ type: 'text', text: `Echo: hello ${seq - 1}` }] } });
    else if (seq % 10 <= 4) store.append({ kind: 'progress', time, serverId, requestId: `p${Math.floor(seq / 100)}`, progress: seq % 100, total: 100, message: `working on ${seq}` });
    else if (seq % 10 === 5) store.append({ kind: 'notification', time, serverId, direction: 'received', method: 'notifications/resources/updated', params: { uri: `file:///data/${seq}` } });
    else store.append({ kind: 'log', time, serverId, level: 'info', logger: 'bench', data: { line: seq, message: `a log line of ordinary length, number ${seq}` } });
  }
  collect();
  const bytes = process.memoryUsage().heapUsed - before;
  if (store.recent().length !== HEAP_EVENTS) throw new Error('the store did not keep every event');
  return { bytes };
}

function line(label: string, value: string, goal: string, ratio?: number): string {
  const ratioText = ratio === undefined ? '' : `${ratio.toFixed(2)} × goal${ratio <= 1 ? '' : '  (over)'}`;
  return `  ${label.padEnd(52)} ${value.padStart(10)}   ${goal.padEnd(14)} ${ratioText}`;
}

async function main(): Promise<void> {
  const server = await PanelServer.start();
  const browser = await launchChromium();
  try {
    const bundle = readFileSync(join(__dirname, '..', 'dist', 'webview.js'));
    console.log(
      `MCP Scope panel benchmark: Chromium ${browser.version()}, dist/webview.js ${(gzipSync(bundle).length / 1024).toFixed(1)} KB gzipped`,
    );
    // Other work on the machine stretches every time below; the load says how much there was.
    console.log(`${availableParallelism()} CPUs, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);

    const stream = await measureStream(browser, server, false);
    // The tracer slows what it watches: the task's CPU time comes from a second run, traced.
    const { trace } = await measureStream(browser, server, true);
    if (process.env.BENCH_TRACE) writeFileSync(process.env.BENCH_TRACE, trace!);
    const traced = longestTasks(trace!);
    console.log(
      `\n${LOGS} progress and ${LOGS} log events (${REQUESTS} requests) reach the extension host at once; it posts at most ${APPEND_BATCH_LIMIT} per ${APPEND_INTERVAL_MS} ms (${stream.posts} posts over ${stream.streamMs.toFixed(0)} ms):`,
    );
    console.log(line('on screen after the last reached the host', `${stream.fromHostMs.toFixed(0)} ms`, `< ${GOALS.onScreenMs} ms`, stream.fromHostMs / GOALS.onScreenMs));
    console.log(line('  of which after the last post reached the page', `${stream.fromPageMs.toFixed(0)} ms`, ''));
    console.log(
      line(
        'longest main-thread task (longtask observer)',
        stream.longTasks ? `${stream.longestTaskMs.toFixed(0)} ms` : 'none',
        `<= ${GOALS.longestTaskMs} ms`,
        stream.longTasks ? stream.longestTaskMs / GOALS.longestTaskMs : undefined,
      ),
    );
    console.log(line('tasks over 50 ms', String(stream.longTasks), '0'));
    console.log(
      line('the longest task’s own CPU time (a second run, traced)', `${traced.cpuMs.toFixed(0)} ms`, `<= ${GOALS.longestTaskMs} ms`, traced.cpuMs / GOALS.longestTaskMs),
    );
    console.log(line('longest gap between frames (sees shorter tasks too)', `${stream.longestFrameGapMs.toFixed(0)} ms`, `<= ${GOALS.longestTaskMs} ms`, stream.longestFrameGapMs / GOALS.longestTaskMs));
    console.log(line('rows (a request, its progress and answer in one)', String(stream.rows), String(expectedRows(connectionEvents()))));
    console.log(line('first request’s bar at the end', String(stream.firstBar), `${PROGRESS_PER_REQUEST} / ${PROGRESS_PER_REQUEST}`));

    const heap = await measureHeap(browser, server);
    const mb = (bytes: number) => bytes / 1024 / 1024;
    console.log(`\n${HEAP_EVENTS} events of a mixed workload (requests, responses, progress, notifications, logs) in one append:`);
    console.log(line('JS heap after GC', `${mb(heap.full).toFixed(1)} MB`, `< ${GOALS.heapMB} MB`, mb(heap.full) / GOALS.heapMB));
    console.log(line('  of which the events (heap with none: ' + `${mb(heap.empty).toFixed(1)} MB)`, `${mb(heap.full - heap.empty).toFixed(1)} MB`, ''));
    console.log(line('drawn after the append was posted', `${heap.drawnMs.toFixed(0)} ms`, ''));
    console.log(line('rows', String(heap.rows), ''));
    const { filter } = heap;
    console.log(`\nthe text filter over those ${heap.rows} rows, the first time (no event's text known yet):`);
    console.log(line(`every row filtered, with the typing pause (${filter.filteredRows} rows)`, `${filter.filterMs.toFixed(0)} ms`, ''));
    console.log(line('the first matching rows on screen', `${filter.firstRowsMs.toFixed(0)} ms`, ''));
    console.log(
      line(
        'longest main-thread task (longtask observer)',
        filter.longTasks ? `${filter.longestTaskMs.toFixed(0)} ms` : 'none',
        `<= ${GOALS.longestTaskMs} ms`,
        filter.longTasks ? filter.longestTaskMs / GOALS.longestTaskMs : undefined,
      ),
    );
    console.log(line('tasks over 50 ms', String(filter.longTasks), '0'));
    console.log(
      line('longest task in the main thread’s own CPU time (trace)', `${filter.traced.cpuMs.toFixed(0)} ms`, `<= ${GOALS.longestTaskMs} ms`, filter.traced.cpuMs / GOALS.longestTaskMs),
    );
    console.log(line('longest task in wall time (trace)', `${filter.traced.wallMs.toFixed(0)} ms`, `<= ${GOALS.longestTaskMs} ms`, filter.traced.wallMs / GOALS.longestTaskMs));
    const hostStore = measureHostStore();
    console.log(
      line(
        'the extension host’s TimelineStore with the same events',
        hostStore ? `${mb(hostStore.bytes).toFixed(1)} MB` : 'run with node --expose-gc',
        '',
      ),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
