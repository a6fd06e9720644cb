// Export Timeline as HAR and Copy Call as curl, built from what real servers were sent and answered:
// the HAR describes each exchange with its timings, the curl command sends the call again, and
// neither carries a secret.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { Inspector } from '../../src/inspector/inspector';
import type { TimelineEvent, WireRecord } from '../../src/shared/model';
import { curlCommandOf } from '../../src/vscode/curlCommand';
import { harOf } from '../../src/vscode/harExport';
import { callEnded } from '../fixtures/inspectorWaits';
import { type RunningServer, startServerEverything } from '../fixtures/realServers';
import { startToolServer, type ToolServer } from '../fixtures/toolServer';
import { clientInfo } from '../fixtures/clientHarness';

const limit = { timeout: 20_000 };
const creator = { name: 'MCP Scope', version: '0.0.0' };
const SECRETS = { Authorization: 'Bearer s3cret-token', 'X-Api-Key': 'k-123-secret' };

type HttpRequestRecord = Extract<WireRecord, { type: 'httpRequest' }>;

function requestsOf(events: TimelineEvent[]): { serverId: string; record: HttpRequestRecord }[] {
  return events.flatMap((event) =>
    event.kind === 'wire' && event.record.type === 'httpRequest' ? [{ serverId: event.serverId, record: event.record }] : [],
  );
}

describe('wire exports', () => {
  let tools: ToolServer;
  let everything: RunningServer;
  const inspector = new Inspector({ clientInfo });

  before(async () => {
    tools = await startToolServer({ name: 'tools', tools: [{ name: 'echo', description: 'Echoes', inputSchema: { type: 'object' } }] });
    everything = await startServerEverything();
    inspector.configure({
      servers: [
        { name: 'tools', transport: 'http', url: tools.url, headers: SECRETS },
        { name: 'everything', transport: 'http', url: everything.url },
      ],
      requestTimeoutMs: 10_000,
    });
    await inspector.connect('tools');
    await inspector.connect('everything');
    await callEnded(inspector, inspector.runTool('tools', 'echo', { text: "it's here" }));
    await callEnded(inspector, inspector.runTool('everything', 'echo', { message: 'over SSE' }));
  });

  after(async () => {
    await inspector.dispose();
    await tools?.stop();
    await everything?.stop();
  });

  test('the HAR has one page per server and every exchange with its request, response, body and timings', limit, () => {
    const har = harOf(inspector.timeline.recent(), creator);
    assert.equal(har.log.version, '1.2');
    assert.deepEqual(
      har.log.pages.map((page) => page.id),
      ['tools', 'everything'],
    );
    assert.equal(har.log.entries.length, requestsOf(inspector.timeline.recent()).length);

    const call = har.log.entries.find((entry) => entry.pageref === 'tools' && entry.request.postData?.text.includes('"tools/call"'));
    assert.ok(call, 'the tool call is in the HAR');
    assert.equal(call.request.method, 'POST');
    assert.equal(call.request.url, tools.url);
    assert.equal(call.request.postData?.mimeType, 'application/json');
    assert.equal(call.response.status, 200);
    assert.equal(call.response.content.mimeType, 'application/json');
    assert.match(call.response.content.text, /echo got \{\\"text\\":\\"it's here\\"\}/);
    assert.equal(call.time, call.timings.wait + call.timings.receive);
    assert.ok(call.timings.wait > 0 && Date.parse(call.startedDateTime) > 0);

    const sse = har.log.entries.find((entry) => entry.pageref === 'everything' && entry.request.postData?.text.includes('"tools/call"'));
    assert.ok(sse, 'the SSE call is in the HAR');
    assert.equal(sse.response.content.mimeType, 'text/event-stream');
    assert.match(sse.response.content.text, /^data: \{.*Echo: over SSE.*\}$/m, 'the event stream is written as it came');
    assert.equal(sse.comment, undefined, 'the call ended');
  });

  test('the HAR carries no secret header value', limit, () => {
    const text = JSON.stringify(harOf(inspector.timeline.recent(), creator));
    for (const secret of Object.values(SECRETS)) assert.ok(!text.includes(secret.split(' ').pop()!), `${secret} leaked`);
    const call = harOf(inspector.timeline.recent(), creator).log.entries.find((entry) => entry.pageref === 'tools')!;
    const names = call.request.headers.map((header) => header.name.toLowerCase());
    assert.ok(names.includes('authorization') && names.includes('x-api-key'), 'the secret headers are listed, redacted');
  });

  test('an exchange cut off before its answer says so, with status 0', limit, () => {
    const events: TimelineEvent[] = [
      { seq: 1, time: Date.UTC(2026, 10, 22), serverId: 's', kind: 'wire', record: { type: 'httpRequest', exchange: 1, method: 'POST', url: 'http://127.0.0.1:9/mcp', headers: {}, body: '{}' } },
      { seq: 2, time: Date.UTC(2026, 10, 22), serverId: 's', kind: 'wire', record: { type: 'httpEnd', exchange: 1, elapsedMs: 3.5, error: 'connect ECONNREFUSED 127.0.0.1:9' } },
      { seq: 3, time: Date.UTC(2026, 10, 22), serverId: 's', kind: 'wire', record: { type: 'httpRequest', exchange: 1, method: 'GET', url: 'http://127.0.0.1:9/mcp?api_key=abc', headers: {} } },
    ];
    const [refused, open] = harOf(events, creator).log.entries;
    assert.equal(refused.response.status, 0);
    assert.equal(refused.comment, 'Ended early: connect ECONNREFUSED 127.0.0.1:9');
    assert.equal(refused.time, 3.5);
    assert.equal(open.request.method, 'GET', 'an exchange number used again by a new connection is a new entry');
    assert.equal(open.comment, 'Still open when the timeline was exported.');
    assert.deepEqual(open.request.queryString, [{ name: 'api_key', value: 'redacted' }]);
  });

  test('Copy Call as curl: the command names secret headers as variables and sends the same call again', limit, async () => {
    const request = requestsOf(inspector.timeline.recent()).find(
      ({ serverId, record }) => serverId === 'tools' && record.body?.includes('"tools/call"'),
    )!.record;
    const curl = curlCommandOf(request);
    for (const secret of Object.values(SECRETS)) assert.ok(!curl.text.includes(secret.split(' ').pop()!), `${secret} leaked`);
    assert.deepEqual(curl.variables, ['MCP_SCOPE_AUTHORIZATION', 'MCP_SCOPE_X_API_KEY', 'MCP_SCOPE_MCP_SESSION_ID']);
    assert.match(curl.text, /-H "authorization: \$MCP_SCOPE_AUTHORIZATION"/i);
    assert.match(curl.text, /--data-raw '.*it'\\''s here.*'$/);

    const sessionId = inspector.servers().find((server) => server.id === 'tools')!.sessionId!;
    const before = tools.headers.length;
    const { stdout } = await promisify(execFile)('sh', ['-c', curl.text], {
      env: { PATH: process.env.PATH, MCP_SCOPE_AUTHORIZATION: SECRETS.Authorization, MCP_SCOPE_X_API_KEY: SECRETS['X-Api-Key'], MCP_SCOPE_MCP_SESSION_ID: sessionId },
    });
    assert.match(stdout, /echo got \{\\"text\\":\\"it's here\\"\}/);
    const sent = tools.headers[before];
    assert.equal(sent.authorization, SECRETS.Authorization);
    assert.equal(sent['x-api-key'], SECRETS['X-Api-Key']);
    assert.equal(sent['mcp-session-id'], sessionId);
    assert.equal(tools.methods.at(-1), 'tools/call');
  });
});
