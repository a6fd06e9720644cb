// Resources of a 2026-07-28 server (the v2 SDK): the inspector lists them, reads them, and keeps a
// subscriptions/listen stream open so that list changes and resource updates arrive.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import type { Inspector } from '../../src/inspector/inspector';
import type { TimelineEvent } from '../../src/shared/model';
import { inspectorOnSdkServer } from '../fixtures/connectedInspector';

const limit = { timeout: 20_000 };

/** Waits until the timeline has an event `predicate` accepts. */
async function eventuallyOnTimeline(inspector: Inspector, predicate: (event: TimelineEvent) => boolean, what: string): Promise<TimelineEvent> {
  for (let i = 0; i < 150; i++) {
    const found = inspector.timeline.recent().find(predicate);
    if (found) return found;
    await sleep(20);
  }
  throw new Error(`the timeline never showed ${what}`);
}

/** Whether the server has acknowledged subscriptions/listen streams `count` times so far. */
const acknowledgements = (inspector: Inspector) =>
  inspector.timeline.recent().filter((event) => event.kind === 'note' && /acknowledged subscription/.test(event.text)).length;

describe('resources of a stateless server', () => {
  test('listed on connect, read, and their updates arrive through subscriptions/listen', limit, async (t) => {
    const { inspector, server } = await inspectorOnSdkServer(t);
    const [summary] = inspector.servers();
    assert.equal(summary.era, 'stateless');
    assert.deepEqual(summary.resources, [{ uri: 'fixture://status', name: 'status', mimeType: 'application/json' }]);
    assert.equal(summary.prompts, undefined, 'the server offers no prompts, so none are listed');

    const read = await inspector.readResource('modern', 'fixture://status');
    assert.deepEqual(read.contents, [{ uri: 'fixture://status', mimeType: 'application/json', text: '{"ok":true}' }]);
    assert.ok(server.headers.some((headers) => headers['mcp-method'] === 'resources/read' && headers['mcp-name'] === 'fixture://status'));

    // The listen stream is open from the start, for the list changes the server offers.
    await eventuallyOnTimeline(inspector, (event) => event.kind === 'note' && /acknowledged subscription/.test(event.text), 'the first acknowledgment');
    server.toolsChanged();
    await eventuallyOnTimeline(
      inspector,
      (event) => event.kind === 'notification' && event.method === 'notifications/tools/list_changed',
      'notifications/tools/list_changed',
    );

    const before = acknowledgements(inspector);
    await inspector.subscribeResource('modern', 'fixture://status', true);
    assert.deepEqual(inspector.servers()[0].subscriptions, ['fixture://status']);
    const listen = await eventuallyOnTimeline(
      inspector,
      (event) => event.kind === 'request' && event.method === 'subscriptions/listen' && JSON.stringify(event.params).includes('fixture://status'),
      'a subscriptions/listen naming the resource',
    );
    assert.ok(listen);
    for (let i = 0; i < 100 && acknowledgements(inspector) === before; i++) await sleep(20);
    server.resourceUpdated('fixture://status');
    const updated = await eventuallyOnTimeline(
      inspector,
      (event) => event.kind === 'notification' && event.method === 'notifications/resources/updated',
      'notifications/resources/updated',
    );
    assert.deepEqual((updated as { params?: { uri?: string } }).params?.uri, 'fixture://status');
  });
});
