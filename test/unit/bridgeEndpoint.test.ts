// The host's end of the bridge with a fake webview and a real inspector (no servers): parameters
// are checked, the timeline's clear drops the appends gathered before it, export hands over the
// events.

import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type * as vscode from 'vscode';
import { APPEND_BATCH_LIMIT, APPEND_INTERVAL_MS } from '../../src/inspector/appendBatches';
import { Inspector } from '../../src/inspector/inspector';
import {
  ClearTimeline,
  CompleteArgument,
  DeleteSavedCall,
  ExportTimeline,
  GetHistory,
  GetPastCall,
  GetPrompt,
  GetSnapshot,
  HistoryChanged,
  type HostMessage,
  SaveCall,
  ReadResource,
  SetLogLevel,
  TimelineAppended,
  TimelineCleared,
  type WebviewMessage,
} from '../../src/shared/bridge';
import type { HistoryView } from '../../src/shared/history';
import type { Snapshot, TimelineEvent } from '../../src/shared/model';
import { connectBridge } from '../../src/vscode/bridgeEndpoint';
import { clientInfo } from '../fixtures/clientHarness';

/** A webview as the endpoint sees it: what the panel posts is kept, and the test posts as the panel would. */
class FakeWebview {
  readonly posted: HostMessage[] = [];
  private listener: ((message: unknown) => unknown) | undefined;

  postMessage(message: HostMessage): Thenable<boolean> {
    this.posted.push(message);
    return Promise.resolve(true);
  }

  onDidReceiveMessage(listener: (message: unknown) => unknown): vscode.Disposable {
    this.listener = listener;
    return { dispose: () => (this.listener = undefined) };
  }

  /** Sends a message from the panel and waits until the endpoint has handled it. */
  async send(message: WebviewMessage): Promise<void> {
    await this.listener?.(message);
  }

  /** The answer to the request with this id. */
  response(id: number): HostMessage | undefined {
    return this.posted.find((message) => message.type === 'response' && message.id === id);
  }

  appended(): TimelineEvent[] {
    return this.posted.flatMap((message) =>
      message.type === 'notification' && message.method === TimelineAppended.method ? (message.params as { events: TimelineEvent[] }).events : [],
    );
  }
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));
const disposables: vscode.Disposable[] = [];
afterEach(() => disposables.splice(0).forEach((disposable) => disposable.dispose()));

function setUp() {
  const inspector = new Inspector({ clientInfo });
  inspector.configure({ servers: [], requestTimeoutMs: 1000 });
  const webview = new FakeWebview();
  const exported: TimelineEvent[][] = [];
  disposables.push(
    connectBridge(webview as unknown as vscode.Webview, inspector, { addServer: () => undefined, connect: (serverId) => inspector.connect(serverId), openLink: () => undefined, copyText: () => undefined, exportTimeline: (events) => exported.push(events) }),
  );
  const problem = (text: string) => inspector.timeline.append({ kind: 'problem', time: 0, serverId: 's', problem: { summary: text } });
  return { inspector, webview, exported, problem };
}

describe('the bridge endpoint', () => {
  test('SetLogLevel checks its parameters and passes the inspector’s failure on', async () => {
    const { webview } = setUp();
    await webview.send({ type: 'request', id: 1, method: SetLogLevel.method, params: { serverId: 'calc', level: 'loud' } });
    const invalid = webview.response(1);
    assert.ok(invalid && 'error' in invalid, JSON.stringify(invalid));
    assert.match(invalid.error, /^Invalid parameters for logging\/setLevel: /);
    assert.match(invalid.error, /level/);

    await webview.send({ type: 'request', id: 2, method: SetLogLevel.method, params: { serverId: 'calc', level: 'error' } });
    assert.deepEqual(webview.response(2), { type: 'response', id: 2, error: 'No server named "calc" is configured.' });
  });

  test('ClearTimeline forgets the events, also those gathered for the next append; numbering goes on', async () => {
    const { webview, problem } = setUp();
    problem('one');
    await wait(50);
    assert.deepEqual(webview.appended().map((event) => event.seq), [1]);

    // Appended, not posted yet, when the clear arrives.
    problem('two');
    problem('three');
    await webview.send({ type: 'command', method: ClearTimeline.method, params: {} });
    await webview.send({ type: 'request', id: 1, method: GetSnapshot.method, params: {} });
    const answer = webview.response(1);
    assert.ok(answer && 'result' in answer);
    assert.deepEqual((answer.result as Snapshot).timeline, []);
    await wait(50);
    assert.deepEqual(webview.appended().map((event) => event.seq), [1], 'events from before the clear were posted after it');

    problem('four');
    await wait(50);
    assert.deepEqual(webview.appended().map((event) => event.seq), [1, 4]);
  });

  test('a long timeline’s snapshot carries its oldest events; the rest follow as appends of bounded size, then the live ones, without a gap', async () => {
    const { webview, problem } = setUp();
    const total = APPEND_BATCH_LIMIT * 2 + 30;
    for (let index = 0; index < total; index++) problem(`event ${index}`);
    await webview.send({ type: 'request', id: 1, method: GetSnapshot.method, params: {} });
    const answer = webview.response(1);
    assert.ok(answer && 'result' in answer);
    const first = (answer.result as Snapshot).timeline.map((event) => event.seq);
    assert.deepEqual(first, Array.from({ length: APPEND_BATCH_LIMIT }, (_, index) => index + 1));
    const before = webview.appended().length;
    problem('live');
    // Timers run late on a loaded machine: wait for the last event rather than a fixed time.
    for (const started = Date.now(); webview.appended().at(-1)?.seq !== total + 1 && Date.now() - started < 5000; ) await wait(APPEND_INTERVAL_MS);
    for (const message of webview.posted.slice(webview.posted.indexOf(answer))) {
      if (message.type === 'notification' && message.method === TimelineAppended.method) {
        assert.ok((message.params as { events: TimelineEvent[] }).events.length <= APPEND_BATCH_LIMIT);
      }
    }
    const after = webview.appended().slice(before).map((event) => event.seq);
    assert.deepEqual(after, Array.from({ length: total + 1 - APPEND_BATCH_LIMIT }, (_, index) => APPEND_BATCH_LIMIT + index + 1));
  });

  test('a clear from elsewhere (another panel, the command palette) is told to this panel, and its pending appends are dropped', async () => {
    const { inspector, webview, problem } = setUp();
    const cleared = () => webview.posted.filter((message) => message.type === 'notification' && message.method === TimelineCleared.method).length;
    problem('one');
    await wait(50);
    problem('two');
    inspector.timeline.clear();
    assert.equal(cleared(), 1);
    await wait(50);
    assert.deepEqual(webview.appended().map((event) => event.seq), [1], 'an event from before the clear was posted after it');
  });

  test('ExportTimeline hands every event of the timeline to the export', async () => {
    const { webview, exported, problem } = setUp();
    problem('one');
    problem('two');
    await webview.send({ type: 'command', method: ExportTimeline.method, params: {} });
    assert.deepEqual(
      exported.map((events) => events.map((event) => event.seq)),
      [[1, 2]],
    );
  });

  test('history: a saved call is announced with the new history, a nameless one is refused, a forgotten past call says so', async () => {
    const { webview } = setUp();
    const call = { name: 'smoke', serverId: 'calc', tool: 'add', arguments: { a: 1 } };
    await webview.send({ type: 'request', id: 1, method: SaveCall.method, params: call });
    assert.deepEqual(webview.response(1), { type: 'response', id: 1, result: null });
    const announced = webview.posted.filter((message) => message.type === 'notification' && message.method === HistoryChanged.method);
    assert.deepEqual(announced.map((message) => (message.type === 'notification' && (message.params as { history: HistoryView }).history.saved.calls)), [[call]]);

    await webview.send({ type: 'request', id: 2, method: SaveCall.method, params: { ...call, name: '  ' } });
    const refused = webview.response(2);
    assert.ok(refused && 'error' in refused && refused.error.startsWith('Invalid parameters for history/save: '), JSON.stringify(refused));

    await webview.send({ type: 'request', id: 3, method: GetPastCall.method, params: { id: 'gone' } });
    assert.deepEqual(webview.response(3), { type: 'response', id: 3, error: 'History no longer keeps this call: it keeps the newest calls of each server only.' });

    await webview.send({ type: 'request', id: 4, method: DeleteSavedCall.method, params: { name: 'smoke' } });
    await webview.send({ type: 'request', id: 5, method: GetHistory.method, params: {} });
    assert.deepEqual(webview.response(5), { type: 'response', id: 5, result: { past: [], saved: { calls: [], problems: [] } } });
  });

  test('resource, prompt and completion requests check their parameters before they reach a server', async () => {
    const { webview } = setUp();
    await webview.send({ type: 'request', id: 1, method: CompleteArgument.method, params: { serverId: 's', ref: { type: 'ref/tool', name: 'x' }, argument: { name: 'a', value: '' }, context: {} } });
    assert.match(String((webview.response(1) as { error?: string }).error), /^Invalid parameters for completion\/complete: .*ref/s);
    await webview.send({ type: 'request', id: 2, method: GetPrompt.method, params: { serverId: 's', name: 'p', arguments: { count: 3 } } });
    assert.match(String((webview.response(2) as { error?: string }).error), /^Invalid parameters for prompt\/get: /);
    await webview.send({ type: 'request', id: 3, method: ReadResource.method, params: { serverId: 'nowhere', uri: 'docs://a' } });
    assert.equal((webview.response(3) as { error?: string }).error, 'No server named "nowhere" is configured.');
  });
});
