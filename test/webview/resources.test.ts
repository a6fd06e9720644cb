// Resources and prompts in real Chromium: the tabs beside Tools, reading a resource (highlighted
// text, images, binary content), open in editor, save, subscribe; a template's form from its URI
// variables with the server's completions; a prompt's argument form and its messages by role; and
// everything a server sends shown as text.
//
// Needs the built bundle: `node scripts/build.mjs`, then `node --import tsx --test test/webview/resources.test.ts`.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  CompleteArgument,
  GetPrompt,
  OpenResource,
  ReadResource,
  SaveResource,
  SelectInPanel,
  ServersChanged,
  SubscribeResource,
  TimelineAppended,
} from '../../src/shared/bridge';
import type { PromptResult, ResourceReadResult, ServerSummary, TimelineEvent } from '../../src/shared/model';
import { eventually, type FakeHost } from './fakeHost';
import { assertNoPageErrors, connectedServer, PNG_1X1, RESULTS, settle, snapshotOf, usePanels } from './panelFixture';

const openPanel = usePanels();

const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

function docsServer(overrides: Partial<ServerSummary> = {}): ServerSummary {
  return connectedServer([{ name: 'echo', inputSchema: { type: 'object' } }], {
    id: 'docs',
    capabilities: { resources: { subscribe: true, listChanged: true }, prompts: {}, completions: {} },
    resources: [
      { uri: 'docs://config.json', name: 'config.json', mimeType: 'application/json', description: 'The settings' },
      { uri: 'docs://logo.png', name: 'logo', mimeType: 'image/png' },
      { uri: 'docs://archive.gz', name: 'archive', mimeType: 'application/gzip' },
    ],
    resourceTemplates: [{ uriTemplate: 'docs://{+base}/users{/id}{?lang}', name: 'user', mimeType: 'text/markdown' }],
    prompts: [
      {
        name: 'team',
        title: 'Team Management',
        description: 'Promote someone.',
        arguments: [
          { name: 'department', description: 'Choose the department.', required: true },
          { name: 'name', required: true },
        ],
      },
    ],
    ...overrides,
  });
}

const READS: Record<string, ResourceReadResult> = {
  'docs://config.json': { contents: [{ uri: 'docs://config.json', mimeType: 'application/json', text: '{\n  "name": "scope",\n  "count": 3,\n  "on": true\n}' }] },
  'docs://logo.png': { contents: [{ uri: 'docs://logo.png', mimeType: 'image/png', blob: PNG_1X1 }] },
  'docs://archive.gz': { contents: [{ uri: 'docs://archive.gz', mimeType: 'application/gzip', blob: Buffer.from('0123456789').toString('base64') }] },
};

async function openDocs(server: ServerSummary = docsServer(), setup?: (host: FakeHost) => void): Promise<FakeHost> {
  const host = await openPanel(snapshotOf([server]), (fake) => {
    fake.answer(ReadResource, ({ uri }) => {
      const read = READS[uri];
      if (!read) throw new Error(`Resource ${uri} not found`);
      return read;
    });
    setup?.(fake);
  });
  return host;
}

describe('resources in the panel', () => {
  test('the Resources tab lists resources and templates; choosing one reads it and shows its JSON highlighted', async () => {
    const host = await openDocs();
    const { page } = host;
    const tabs = page.getByRole('tablist', { name: 'What docs offers' });
    await tabs.waitFor();
    const labels = (await tabs.getByRole('tab').allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    assert.deepEqual(labels, ['Tools 1', 'Resources 4', 'Prompts 1']);
    await tabs.getByRole('tab', { name: /Resources/ }).click();
    await page.getByRole('button', { name: 'config.json' }).click();
    const [read] = await host.waitForMessages(ReadResource.method);
    assert.deepEqual(read.params, { serverId: 'docs', uri: 'docs://config.json' });

    const code = page.locator('.resource-view pre.code-block');
    await code.waitFor();
    assert.equal(await code.innerText(), '{\n  "name": "scope",\n  "count": 3,\n  "on": true\n}');
    assert.equal(await code.getAttribute('data-language'), 'json');
    assert.deepEqual(await code.locator('.tok-key').allInnerTexts(), ['"name"', '"count"', '"on"']);
    const colours = await code.evaluate((element) => ({
      key: getComputedStyle(element.querySelector('.tok-key')!).color,
      string: getComputedStyle(element.querySelector('.tok-string')!).color,
    }));
    assert.notEqual(colours.key, colours.string, 'keys and strings are told apart by colour');

    await page.getByRole('button', { name: 'Open in editor' }).click();
    const [open] = await host.waitForMessages(OpenResource.method);
    assert.deepEqual(open.params, { serverId: 'docs', uri: 'docs://config.json' });
    await page.screenshot({ path: join(RESULTS, 'resources-json.png') });
    assertNoPageErrors(host);
  });

  test('an image resource is shown; other binary content shows its size and can be saved', async () => {
    const host = await openDocs();
    const { page } = host;
    await page.getByRole('tab', { name: /Resources/ }).click();
    await page.getByRole('button', { name: 'logo' }).click();
    const image = page.getByRole('img', { name: /Image docs:\/\/logo\.png, image\/png, 70 bytes/ });
    await eventually(async () => assert.equal(await image.evaluate((img: HTMLImageElement) => img.naturalWidth), 1));

    await page.getByRole('button', { name: 'archive' }).click();
    await page.getByText('Binary content, 10 bytes.').waitFor();
    await page.getByRole('button', { name: 'Save as…' }).click();
    const [save] = await host.waitForMessages(SaveResource.method);
    assert.deepEqual(save.params, { serverId: 'docs', uri: 'docs://archive.gz' });
    assertNoPageErrors(host);
  });

  test('Subscribe asks the host, and the server’s summary shows the subscription', async () => {
    const host = await openDocs(docsServer(), (fake) => fake.answer(SubscribeResource, null));
    const { page } = host;
    await page.getByRole('tab', { name: /Resources/ }).click();
    await page.getByRole('button', { name: 'config.json' }).click();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const [subscribe] = await host.waitForMessages(SubscribeResource.method);
    assert.deepEqual(subscribe.params, { serverId: 'docs', uri: 'docs://config.json', subscribe: true });

    await host.notify(ServersChanged, { servers: [docsServer({ subscriptions: ['docs://config.json'] })] });
    await page.getByRole('button', { name: 'Unsubscribe' }).waitFor();
    await page.getByText('Updates appear in the timeline.').waitFor();
    assertNoPageErrors(host);
  });

  test('a read that fails says why', async () => {
    const host = await openDocs(docsServer({ resources: [{ uri: 'docs://gone', name: 'gone' }] }));
    const { page } = host;
    await page.getByRole('tab', { name: /Resources/ }).click();
    await page.getByRole('button', { name: 'gone' }).click();
    const alert = page.locator('.resource-view [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /Resource docs:\/\/gone not found/);
  });

  test('a template’s form has its URI variables, suggests completions as you type, and reads the URI it gives', async () => {
    const host = await openDocs(docsServer(), (fake) => {
      fake.answer(CompleteArgument, ({ argument }) => ({
        values: ['alice', 'albert', 'bob'].filter((name) => name.startsWith(argument.value)),
        hasMore: true,
        total: 12,
      }));
      fake.answer(ReadResource, ({ uri }) => ({ contents: [{ uri, mimeType: 'text/markdown', text: '# Alice\n**admin**' }] }));
    });
    const { page } = host;
    await page.getByRole('tab', { name: /Resources/ }).click();
    await page.getByRole('button', { name: 'user (template)' }).click();
    const form = page.locator('form.template-form');
    await form.waitFor();
    assert.deepEqual(await form.locator('label').allInnerTexts(), ['base', 'id', 'lang']);

    await page.getByLabel('base', { exact: true }).fill('team/a b');
    await page.getByLabel('id', { exact: true }).pressSequentially('al', { delay: 30 });
    // The debounced request for what was typed last; under load it may come well after the keystrokes.
    const last = await eventually(() => {
      const found = host.requests(CompleteArgument.method).find((message) => JSON.stringify(message.params).includes('"value":"al"'));
      assert.ok(found, 'completion/complete for id "al"');
      return found;
    }, 10_000);
    const asked = host.requests(CompleteArgument.method);
    assert.deepEqual(last.params, {
      serverId: 'docs',
      ref: { type: 'ref/resource', uri: 'docs://{+base}/users{/id}{?lang}' },
      argument: { name: 'id', value: 'al' },
      context: { base: 'team/a b' },
    });
    assert.ok(asked.length <= 3, `typing is debounced: ${asked.length} completion requests`);
    const suggestions = page.getByRole('list', { name: 'Suggestions for id' });
    await eventually(async () => assert.deepEqual(await suggestions.getByRole('button').allInnerTexts(), ['alice', 'albert']), 10_000);
    assert.match(await suggestions.innerText(), /and 10 more/);
    await suggestions.getByRole('button', { name: 'albert' }).click();
    assert.equal(await page.getByLabel('id', { exact: true }).inputValue(), 'albert');
    assert.equal(await suggestions.count(), 0, 'a chosen suggestion puts the others away');
    assert.equal(await form.locator('output').innerText(), 'docs://team/a%20b/users/albert');

    await form.getByRole('button', { name: 'Read' }).click();
    await eventually(() => assert.ok(host.requests(ReadResource.method).some((message) => (message.params as { uri: string }).uri === 'docs://team/a%20b/users/albert')));
    const code = page.locator('.resource-view pre.code-block');
    await code.waitFor();
    assert.deepEqual(await code.locator('.tok-heading').allInnerTexts(), ['# Alice']);
    await page.screenshot({ path: join(RESULTS, 'resources-template.png') });
    assertNoPageErrors(host);
  });

  test('the tabs are keyboard accessible: arrows move between them', async () => {
    const host = await openDocs();
    const { page } = host;
    await page.getByRole('tab', { name: /Tools/ }).focus();
    await page.keyboard.press('ArrowRight');
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'section-tab-resources'));
    assert.equal(await page.getByRole('tab', { name: /Resources/ }).getAttribute('aria-selected'), 'true');
    await page.getByRole('heading', { name: 'Resources of docs' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: 'Prompts of docs' }).waitFor();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: 'Tools of docs' }).waitFor();
  });

  test('a server with tools only shows no tabs', async () => {
    const host = await openPanel(snapshotOf([connectedServer([{ name: 'echo', inputSchema: { type: 'object' } }])]));
    await host.page.getByRole('heading', { name: 'Tools of calc' }).waitFor();
    assert.equal(await host.page.getByRole('tablist').count(), 0);
  });
});

describe('prompts in the panel', () => {
  const result: PromptResult = {
    description: 'A promotion',
    messages: [
      { role: 'user', content: { type: 'text', text: 'Please promote Eve to the head of the Sales team.' } },
      { role: 'assistant', content: { type: 'image', mimeType: 'image/png', data: PNG_1X1 } },
      { role: 'user', content: { type: 'resource', resource: { uri: 'docs://config.json', mimeType: 'application/json', text: '{}' } } },
    ],
  };

  test('the argument form completes with the other arguments as context, insists on required ones, and shows the messages by role', async () => {
    const host = await openDocs(docsServer(), (fake) => {
      fake.answer(CompleteArgument, ({ argument, context }) => ({
        values: argument.name === 'department' ? ['Sales', 'Support'] : context.department === 'Sales' ? ['David', 'Eve', 'Frank'] : [],
      }));
      fake.answer(GetPrompt, result);
    });
    const { page } = host;
    await page.getByRole('tab', { name: /Prompts/ }).click();
    await page.getByRole('button', { name: 'team' }).click();
    await page.getByRole('heading', { name: 'Team Management' }).waitFor();

    await page.getByRole('button', { name: 'Get prompt' }).click();
    await page.getByText('department is required.').waitFor();
    await settle(page);
    assert.equal(host.requests(GetPrompt.method).length, 0, 'nothing is sent while a required argument is empty');

    await page.getByLabel('department', { exact: true }).fill('S');
    await page.getByRole('list', { name: 'Suggestions for department' }).getByRole('button', { name: 'Sales' }).click();
    await page.getByLabel('name', { exact: true }).focus();
    const names = page.getByRole('list', { name: 'Suggestions for name' });
    await names.getByRole('button', { name: 'Eve' }).click();
    const nameRequest = host.requests(CompleteArgument.method).find((message) => (message.params as { argument: { name: string } }).argument.name === 'name');
    assert.deepEqual((nameRequest?.params as { context: unknown }).context, { department: 'Sales' });
    assert.deepEqual((nameRequest?.params as { ref: unknown }).ref, { type: 'ref/prompt', name: 'team' });

    await page.getByRole('button', { name: 'Get prompt' }).click();
    const [get] = await host.waitForMessages(GetPrompt.method);
    assert.deepEqual(get.params, { serverId: 'docs', name: 'team', arguments: { department: 'Sales', name: 'Eve' } });
    const messages = page.getByRole('list', { name: 'Messages' }).locator('.prompt-message');
    await eventually(async () => assert.equal(await messages.count(), 3));
    assert.deepEqual((await messages.locator('.message-role').allInnerTexts()).map((text) => text.trim()), ['User', 'Assistant', 'User']);
    assert.match(await messages.nth(0).innerText(), /Please promote Eve to the head of the Sales team\./);
    assert.equal(await messages.nth(1).locator('img').count(), 1);
    assert.match(await messages.nth(1).locator('figcaption').innerText(), /^Image in the message, image\/png, \d+ bytes$/);
    assert.match(await messages.nth(2).innerText(), /docs:\/\/config\.json/);
    await page.screenshot({ path: join(RESULTS, 'prompts-messages.png') });
    assertNoPageErrors(host);
  });

  test('the tree’s choice of a prompt or template opens it in the panel', async () => {
    const host = await openDocs();
    const { page } = host;
    await host.notify(SelectInPanel, { serverId: 'docs', prompt: 'team' });
    await page.getByRole('heading', { name: 'Team Management' }).waitFor();
    await host.notify(SelectInPanel, { serverId: 'docs', resource: 'docs://{+base}/users{/id}{?lang}' });
    await page.locator('form.template-form').waitFor();
  });
});

describe('resources on the timeline', () => {
  test('a read names its resource, and updates and list changes show with what changed', async () => {
    const host = await openDocs();
    const base = { time: Date.UTC(2026, 10, 20, 9, 30, 0), serverId: 'docs' };
    const events: TimelineEvent[] = [
      { ...base, seq: 1, kind: 'request', requestId: 4, method: 'resources/read', params: { uri: 'docs://config.json' } },
      { ...base, seq: 2, kind: 'notification', direction: 'received', method: 'notifications/resources/updated', params: { uri: 'docs://config.json' } },
      { ...base, seq: 3, kind: 'notification', direction: 'received', method: 'notifications/resources/list_changed' },
    ];
    await host.notify(TimelineAppended, { events });
    const rows = host.page.locator('.timeline .event-row');
    await eventually(async () => assert.equal(await rows.count(), 3));
    const texts = await rows.allInnerTexts();
    assert.match(texts[0], /resources\/read docs:\/\/config\.json #4/);
    assert.match(texts[1], /notifications\/resources\/updated \{"uri":"docs:\/\/config\.json"\}/);
    assert.match(texts[2], /notifications\/resources\/list_changed/);
  });
});

describe('what a server sends is text', () => {
  test('resource names, URIs, MIME types, texts, prompt descriptions and messages never become HTML', async () => {
    const server = docsServer({
      resources: [{ uri: `docs://${XSS}`, name: XSS, mimeType: `text/html"><b>${XSS}` }],
      resourceTemplates: [{ uriTemplate: 'x://{id}', name: XSS, description: XSS }],
      prompts: [{ name: XSS, description: XSS, arguments: [{ name: 'a', description: XSS }] }],
    });
    const host = await openDocs(server, (fake) => {
      fake.answer(ReadResource, ({ uri }) => ({ contents: [{ uri, mimeType: 'text/html', text: `<p>${XSS}</p>` }] }));
      fake.answer(GetPrompt, { description: XSS, messages: [{ role: XSS, content: { type: 'text', text: XSS } }] });
    });
    const { page } = host;
    await page.getByRole('tab', { name: /Resources/ }).click();
    await page.locator('.resource-list button.tool').first().click();
    const code = page.locator('.resource-view pre.code-block');
    await code.waitFor();
    assert.equal(await code.innerText(), `<p>${XSS}</p>`);
    await page.locator('.resource-list button.tool').nth(1).click();
    await page.getByRole('tab', { name: /Prompts/ }).click();
    await page.locator('.prompt-list button.tool').first().click();
    await page.getByRole('button', { name: 'Get prompt' }).click();
    await page.locator('.prompt-message').waitFor();
    assert.match(await page.locator('.prompt-message').innerText(), /<img src=x onerror/);
    await settle(page);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.equal(await page.locator('#app img[src="x"], #app script, #app b').count(), 0, 'no element came from a server’s text');
    assertNoPageErrors(host);
  });
});
