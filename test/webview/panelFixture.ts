// What the servers, results and safety tests share: one browser and one file server per file, a
// fresh page per test, and a connected server to show.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { GetSnapshot } from '../../src/shared/bridge';
import type { CallRecord, ServerSummary, Snapshot, TimelineEvent, ToolSummary } from '../../src/shared/model';
import { FakeHost, launchChromium, type OpenOptions, PanelServer } from './fakeHost';

export const RESULTS = join(__dirname, '..', '..', 'test-results', 'webview');

/** A 1×1 PNG, as a server would send it. */
export const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export function snapshotOf(servers: ServerSummary[], calls: CallRecord[] = [], timeline: TimelineEvent[] = []): Snapshot {
  return { servers, timeline, calls };
}

export function connectedServer(tools: ToolSummary[], overrides: Partial<ServerSummary> = {}): ServerSummary {
  return {
    id: 'calc',
    address: 'http://127.0.0.1:3001/mcp',
    state: 'connected',
    protocolVersion: '2025-11-25',
    sessionId: 'session-1',
    serverInfo: { name: 'calc-server', version: '1.0.0' },
    tools,
    ...overrides,
  };
}

/** Opens panels for the tests of one file: registers the browser's setup and teardown (and makes RESULTS), returns `openPanel`. */
export function usePanels() {
  let browser: Browser;
  let server: PanelServer;
  let opened: FakeHost[] = [];
  before(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = await PanelServer.start();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    const hosts = opened;
    opened = [];
    await Promise.all(hosts.map((host) => host.close()));
  });

  /** Opens the panel with a fake host that answers GetSnapshot with `snapshot`; `setup` registers more answers first. */
  return async function openPanel(snapshot: Snapshot | (() => Snapshot), setup?: (host: FakeHost) => void, options?: OpenOptions): Promise<FakeHost> {
    const host = await FakeHost.create(browser, server, options);
    opened.push(host);
    host.answer(GetSnapshot, snapshot);
    setup?.(host);
    await host.open();
    await host.waitForMessages(GetSnapshot.method);
    return host;
  };
}

/** Lets the page settle, so that a message it should NOT send has had its chance to be sent. */
export function settle(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 150))));
}

export function assertNoPageErrors(host: FakeHost): void {
  assert.deepEqual(host.pageErrors, [], 'the page logged errors');
}
