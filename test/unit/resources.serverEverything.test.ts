// Resources, resource templates, prompts and completion against the real server-everything: the
// client's calls, and the inspector listing them on connect, reading, and following subscriptions.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { McpClient } from '../../src/mcp/client';
import { StreamableHttpTransport } from '../../src/mcp/transports/streamableHttp';
import type { TimelineEvent } from '../../src/shared/model';
import { type RunningServer, startServerEverything } from '../fixtures/realServers';
import { useInspectorOnEverything } from '../fixtures/connectedInspector';
import { waitForCall, waitForServer } from '../fixtures/inspectorWaits';
import { clientInfo } from '../fixtures/clientHarness';

const limit = { timeout: 20_000 };

describe('resources and prompts of server-everything, through the client', () => {
  let server: RunningServer;
  let client: McpClient;

  before(async () => {
    server = await startServerEverything();
    client = new McpClient(new StreamableHttpTransport({ url: server.url }), { clientInfo, requestTimeoutMs: 10_000 });
    await client.connect();
  });

  after(async () => {
    await client?.close();
    await server?.stop();
  });

  test('resources/list has the static documents with their MIME types, and they read as text', limit, async () => {
    const resources = await client.listResources();
    const markdown = resources.find((resource) => resource.mimeType === 'text/markdown');
    assert.ok(markdown, JSON.stringify(resources.map((resource) => resource.uri)));
    const read = await client.readResource(markdown.uri);
    assert.equal(read.contents[0].uri, markdown.uri);
    assert.equal(read.contents[0].mimeType, 'text/markdown');
    assert.match(String(read.contents[0].text), /#/);
  });

  test('resources/templates/list has the dynamic text and blob templates; a blob reads as base64', limit, async () => {
    const templates = await client.listResourceTemplates();
    const uris = templates.map((template) => template.uriTemplate);
    assert.ok(uris.includes('demo://resource/dynamic/text/{resourceId}'), uris.join(', '));
    assert.ok(uris.includes('demo://resource/dynamic/blob/{resourceId}'), uris.join(', '));
    const blob = await client.readResource('demo://resource/dynamic/blob/7');
    assert.match(Buffer.from(String(blob.contents[0].blob), 'base64').toString(), /^Resource 7: This is a base64 blob/);
  });

  test('completion/complete narrows completable-prompt’s second argument by the first', limit, async () => {
    const departments = await client.complete({ type: 'ref/prompt', name: 'completable-prompt' }, { name: 'department', value: 'S' });
    assert.deepEqual(departments.values, ['Sales', 'Support']);
    const names = await client.complete({ type: 'ref/prompt', name: 'completable-prompt' }, { name: 'name', value: '' }, { department: 'Sales' });
    assert.deepEqual(names.values, ['David', 'Eve', 'Frank']);
  });

  test('prompts/get renders the completable prompt with its arguments', limit, async () => {
    const prompts = await client.listPrompts();
    const prompt = prompts.find((candidate) => candidate.name === 'completable-prompt');
    assert.deepEqual(prompt?.arguments?.map((arg) => arg.name), ['department', 'name']);
    const result = await client.getPrompt('completable-prompt', { department: 'Sales', name: 'Eve' });
    assert.equal(result.messages[0].role, 'user');
    assert.equal(result.messages[0].content.text, 'Please promote Eve to the head of the Sales team.');
  });

  test('reading a resource that does not exist fails with the server’s error', limit, async () => {
    await assert.rejects(client.readResource('demo://resource/nowhere'), /nowhere|not found|Resource/i);
  });
});

describe('resources and prompts of server-everything, through the inspector', () => {
  const events: TimelineEvent[] = [];
  const { inspector } = useInspectorOnEverything({ prepare: (inspector) => void inspector.timeline.appended.add((event) => events.push(event)) });

  test('connecting lists the resources, templates and prompts in the server’s summary', limit, () => {
    const [summary] = inspector.servers();
    assert.equal(summary.state, 'connected');
    assert.ok((summary.resources ?? []).some((resource) => resource.uri.startsWith('demo://resource/static/document/')));
    assert.ok((summary.resourceTemplates ?? []).some((template) => template.uriTemplate === 'demo://resource/dynamic/text/{resourceId}'));
    assert.ok((summary.prompts ?? []).some((prompt) => prompt.name === 'completable-prompt'));
  });

  test('reading a templated resource shows the request and its answer on the timeline', limit, async () => {
    const read = await inspector.readResource('everything', 'demo://resource/dynamic/text/3');
    assert.match(String(read.contents[0].text), /^Resource 3: This is a plaintext resource/);
    const response = events.find((event) => event.kind === 'response' && event.method === 'resources/read');
    assert.ok(response, 'resources/read is on the timeline');
  });

  test('a subscription brings notifications/resources/updated to the timeline, and unsubscribing is kept in the summary', limit, async () => {
    const uri = 'demo://resource/dynamic/text/1';
    await inspector.subscribeResource('everything', uri, true);
    assert.deepEqual(inspector.servers()[0].subscriptions, [uri]);
    const done = waitForCall(inspector, (call) => call.state !== 'running');
    inspector.runTool('everything', 'toggle-subscriber-updates', {});
    await done;
    const updated = await new Promise<TimelineEvent>((resolve) => {
      const check = (event: TimelineEvent) => {
        if (event.kind === 'notification' && event.method === 'notifications/resources/updated') {
          remove();
          resolve(event);
        }
      };
      const remove = inspector.timeline.appended.add(check);
    });
    assert.deepEqual((updated as { params?: unknown }).params, { uri });
    await inspector.subscribeResource('everything', uri, false);
    assert.equal(inspector.servers()[0].subscriptions, undefined);
  });

  test('a resource the server adds (gzip-file-as-resource) is listed again after resources/list_changed', limit, async () => {
    const before = inspector.servers()[0].resources?.length ?? 0;
    const done = waitForCall(inspector, (call) => call.tool === 'gzip-file-as-resource' && call.state !== 'running');
    inspector.runTool('everything', 'gzip-file-as-resource', { name: 'scope-test.txt.gz', data: 'data:text/plain;base64,aGVsbG8=', outputType: 'resourceLink' });
    const call = await done;
    assert.equal(call.state, 'succeeded', JSON.stringify(call.problem ?? call.result));
    const listed = await waitForServer(inspector, (summary) => (summary.resources?.length ?? 0) > before);
    assert.equal(listed.resources?.length, before + 1);
    assert.ok(events.some((event) => event.kind === 'notification' && event.method === 'notifications/resources/list_changed'));
  });
});
