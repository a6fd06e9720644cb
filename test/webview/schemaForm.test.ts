// The schema form in real headless Chromium against the built bundle and a fake host: nested
// objects, lists (add, remove, reorder), a oneOf picker, nullable fields, maps, recursive levels,
// the JSON view in step with the form, messages as you type, Run held back with its reason, and
// drafts that stay with their tool. Every control is found by its accessible name.
//
// Needs the built bundle: `node scripts/build.mjs`, then `node --import tsx --test test/webview/schemaForm.test.ts`.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { RunTool } from '../../src/shared/bridge';
import type { ServerSummary, ToolSummary } from '../../src/shared/model';
import { eventually, type FakeHost, type OpenOptions } from './fakeHost';
import { RESULTS, usePanels } from './panelFixture';


const createOrder: ToolSummary = {
  name: 'create-order',
  description: 'Places an order.',
  inputSchema: {
    type: 'object',
    $defs: {
      address: {
        type: 'object',
        properties: { street: { type: 'string', title: 'Street' }, zip: { type: 'string', title: 'ZIP', pattern: '^\\d{5}$', description: 'Five digits' } },
        required: ['street'],
      },
    },
    properties: {
      customer: {
        type: 'object',
        title: 'Customer',
        properties: { name: { type: 'string', title: 'Name', minLength: 2 }, address: { $ref: '#/$defs/address', title: 'Address' } },
        required: ['name', 'address'],
      },
      lines: {
        type: 'array',
        title: 'Lines',
        minItems: 1,
        items: { type: 'object', properties: { sku: { type: 'string', title: 'SKU' }, price: { type: 'number', title: 'Price', multipleOf: 0.01 } }, required: ['sku', 'price'] },
      },
      payment: {
        title: 'Payment',
        oneOf: [
          { type: 'object', title: 'Card', properties: { method: { const: 'card' }, number: { type: 'string', title: 'Card number' } }, required: ['method', 'number'] },
          { type: 'object', title: 'Invoice', properties: { method: { const: 'invoice' }, days: { type: 'integer', title: 'Days', minimum: 1 } }, required: ['method', 'days'] },
        ],
      },
      note: { type: ['string', 'null'], title: 'Note' },
      tags: { type: 'object', title: 'Tags', additionalProperties: { type: 'string' } },
    },
    required: ['customer', 'lines', 'payment'],
  },
};

/** Same field names as create-order's customer, to show that drafts never cross between tools. */
const updateCustomer: ToolSummary = {
  name: 'update-customer',
  inputSchema: {
    type: 'object',
    properties: { customer: { type: 'object', title: 'Customer', properties: { name: { type: 'string', title: 'Name' } }, required: ['name'] } },
    required: ['customer'],
  },
};

const tree: ToolSummary = {
  name: 'plant-tree',
  inputSchema: {
    type: 'object',
    $defs: { node: { type: 'object', properties: { label: { type: 'string', title: 'Label' }, child: { $ref: '#/$defs/node', title: 'Child' } }, required: ['label'] } },
    properties: { root: { $ref: '#/$defs/node', title: 'Root' } },
    required: ['root'],
  },
};

/** Booleans: optional without a default (three states), required, and with a default (both plain boxes). */
const deploy: ToolSummary = {
  name: 'deploy',
  inputSchema: {
    type: 'object',
    properties: {
      dryRun: { type: 'boolean', title: 'Dry run', description: 'Left out unless chosen' },
      force: { type: 'boolean', title: 'Force' },
      notify: { type: 'boolean', title: 'Notify', default: true },
    },
    required: ['force'],
  },
};

/** Tuples: 2020-12's prefixItems with more items after, and draft 7's items list that takes nothing more. */
const plot: ToolSummary = {
  name: 'plot',
  inputSchema: {
    type: 'object',
    properties: {
      point: { type: 'array', title: 'Point', prefixItems: [{ type: 'number', title: 'Latitude' }, { type: 'number', title: 'Longitude' }], items: { type: 'string' } },
      range: { type: 'array', title: 'Range', items: [{ type: 'integer' }, { type: 'integer' }], additionalItems: false },
    },
    required: ['point', 'range'],
  },
};

/** Keys that follow patterns (patternProperties), and an address whose postal code depends on its country (if/then/else). */
const ship: ToolSummary = {
  name: 'ship',
  inputSchema: {
    type: 'object',
    properties: {
      env: { type: 'object', title: 'Environment', patternProperties: { '^[A-Z_]+$': { type: 'string' }, '^PORT_': { type: 'string', pattern: '^[0-9]+$' } }, additionalProperties: false },
      address: {
        type: 'object',
        title: 'Address',
        properties: { country: { type: 'string', title: 'Country' }, code: { type: 'string', title: 'Postal code' } },
        required: ['country', 'code'],
        if: { properties: { country: { const: 'US' } } },
        then: { properties: { code: { pattern: '^[0-9]{5}$' } } },
        else: { properties: { code: { maxLength: 8 } } },
      },
    },
    required: ['env', 'address'],
  },
};

function server(tools: ToolSummary[]): ServerSummary {
  return { id: 'shop', address: 'http://127.0.0.1:3001/mcp', state: 'connected', protocolVersion: '2025-06-18', tools };
}

const openPanel = usePanels();

async function openTool(tools: ToolSummary[], name: string, options?: OpenOptions): Promise<FakeHost> {
  let calls = 0;
  const host = await openPanel({ servers: [server(tools)], timeline: [], calls: [] }, (opening) => opening.answer(RunTool, () => ({ callId: `call-${++calls}` })), options);
  await host.page.getByRole('navigation', { name: 'Servers and tools' }).getByRole('button', { name, exact: true }).click();
  await host.page.getByRole('heading', { name, exact: true }).waitFor();
  return host;
}

const form = (page: Page) => page.locator('form.tool-form');
const group = (scope: Page | Locator, name: string) => scope.getByRole('group', { name, exact: true });
const runButton = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });
const blockedReason = (page: Page) => page.locator('#run-blocked');

/** The message shown for a control, found through its aria-describedby. */
async function messageOf(control: Locator): Promise<string | undefined> {
  const ids = (await control.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const errorId = ids.find((id) => id.endsWith('-error'));
  return errorId ? control.page().locator(`[id="${errorId}"]`).innerText() : undefined;
}

async function runArguments(host: FakeHost, count: number): Promise<unknown> {
  const runs = await host.waitForMessages(RunTool.method, count);
  const last = runs[count - 1];
  return last.type === 'request' ? (last.params as { arguments: unknown }).arguments : undefined;
}

function assertNoPageErrors(host: FakeHost): void {
  assert.deepEqual(host.pageErrors, [], 'the page logged errors or CSP violations');
}

describe('the schema form', () => {
  test('fills nested objects, a list (add, reorder, remove), a oneOf picker, a nullable field and a map, and sends them', async () => {
    const host = await openTool([createOrder, updateCustomer], 'create-order');
    const { page } = host;
    const customer = group(page, 'Customer');
    await customer.getByLabel('Name', { exact: true }).fill('Ada');
    const address = group(customer, 'Address');
    await address.getByLabel('Street', { exact: true }).fill('Main St 1');
    await address.getByLabel('ZIP', { exact: true }).fill('12345');

    // The list starts with its one required item; add two more, by mouse and by keyboard.
    const lines = group(page, 'Lines');
    await group(lines, 'Item 1').getByLabel('SKU', { exact: true }).fill('A');
    await group(lines, 'Item 1').getByLabel('Price', { exact: true }).fill('0.10');
    await lines.getByRole('button', { name: 'Add item', exact: true }).click();
    await group(lines, 'Item 2').getByLabel('SKU', { exact: true }).fill('B');
    await group(lines, 'Item 2').getByLabel('Price', { exact: true }).fill('2');
    await lines.getByRole('button', { name: 'Add item', exact: true }).focus();
    await page.keyboard.press('Enter');
    await group(lines, 'Item 3').getByLabel('SKU', { exact: true }).fill('C');
    await group(lines, 'Item 3').getByLabel('Price', { exact: true }).fill('3.5');
    // Reorder: C up to second place, then drop A.
    await lines.getByRole('button', { name: 'Move item 3 up', exact: true }).click();
    assert.equal(await group(lines, 'Item 2').getByLabel('SKU', { exact: true }).inputValue(), 'C');
    await lines.getByRole('button', { name: 'Remove item 1', exact: true }).click();
    assert.equal(await group(lines, 'Item 1').getByLabel('SKU', { exact: true }).inputValue(), 'C');
    assert.equal(await group(lines, 'Item 3').count(), 0);

    // The picker: Card first, then Invoice with its own fields.
    const payment = group(page, 'Payment');
    const picker = payment.getByRole('combobox', { name: 'Payment variant' });
    assert.deepEqual(await picker.locator('option').allInnerTexts(), ['Card', 'Invoice']);
    await payment.getByLabel('Card number', { exact: true }).fill('4111');
    await picker.selectOption({ label: 'Invoice' });
    assert.equal(await payment.getByLabel('Card number', { exact: true }).count(), 0);
    await payment.getByLabel('Days', { exact: true }).fill('30');

    // Nullable: null is a checkbox beside the field, which it disables.
    await page.getByLabel('Note', { exact: true }).fill('leave at the door');
    await page.getByRole('checkbox', { name: 'Note: null' }).check();
    assert.ok(await page.getByLabel('Note', { exact: true }).isDisabled());

    // The map: an optional object, added, with one entry.
    const tags = group(page, 'Tags');
    await tags.getByRole('button', { name: 'Add Tags', exact: true }).click();
    await tags.getByRole('button', { name: 'Add entry', exact: true }).click();
    await tags.getByLabel('Key 1', { exact: true }).fill('channel');
    await tags.getByLabel('channel', { exact: true }).fill('web');

    assert.equal(await blockedReason(page).count(), 0, 'nothing holds Run back');
    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 1), {
      customer: { name: 'Ada', address: { street: 'Main St 1', zip: '12345' } },
      lines: [
        { sku: 'C', price: 3.5 },
        { sku: 'B', price: 2 },
      ],
      payment: { method: 'invoice', days: 30 },
      note: null,
      tags: { channel: 'web' },
    });
    // Back to Card: its number was kept while Invoice was chosen.
    await picker.selectOption({ label: 'Card' });
    assert.equal(await payment.getByLabel('Card number', { exact: true }).inputValue(), '4111');

    await page.screenshot({ path: join(RESULTS, 'schema-form.png'), fullPage: true });

    // Reset brings the tool's form back to how it started.
    await form(page).getByRole('button', { name: 'Reset', exact: true }).click();
    assert.equal(await group(page, 'Customer').getByLabel('Name', { exact: true }).inputValue(), '');
    assert.equal(await group(lines, 'Item 2').count(), 0);
    assert.equal(await page.getByRole('checkbox', { name: 'Note: null' }).isChecked(), false);
    assertNoPageErrors(host);
  });

  test('messages appear as you type, tied to their fields; Run is held back with the reason shown', async () => {
    const host = await openTool([createOrder], 'create-order');
    const { page } = host;
    assert.equal(await runButton(page).count(), 1);
    const reason = blockedReason(page);
    await reason.waitFor();
    assert.match(await reason.innerText(), /Not sent until this is fixed: Name is required\./);
    // Nothing is marked invalid before the user has been at it.
    assert.equal(await form(page).locator('[aria-invalid="true"]').count(), 0);

    const zip = group(page, 'Address').getByLabel('ZIP', { exact: true });
    await zip.fill('12');
    assert.equal(await zip.getAttribute('aria-invalid'), 'true');
    assert.equal(await messageOf(zip), 'ZIP must match the pattern ^\\d{5}$.');
    assert.ok((await zip.getAttribute('aria-describedby'))?.includes('-help'), 'the description stays tied to the field');
    const price = group(group(page, 'Lines'), 'Item 1').getByLabel('Price', { exact: true });
    await price.fill('1.005');
    assert.equal(await messageOf(price), 'Price must be a multiple of 0.01.');
    await price.fill('1.50');
    assert.equal(await price.getAttribute('aria-invalid'), null);
    assert.equal(await price.inputValue(), '1.50', 'the decimal stays as typed');

    // Run sends nothing, shows every message, and puts the focus on the first field in error.
    await runButton(page).click();
    await eventually(async () => assert.ok((await form(page).getByRole('alert').count()) >= 4));
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')), 'true');
    assert.equal(host.requests(RunTool.method).length, 0, 'Run sent arguments that are not valid');
    assert.equal(await messageOf(group(page, 'Customer').getByLabel('Name', { exact: true })), 'Name is required.');
    assertNoPageErrors(host);
  });

  test('the JSON view shows the form’s value, edits flow back into the form, and bad JSON keeps the draft', async () => {
    const host = await openTool([createOrder], 'create-order');
    const { page } = host;
    await group(page, 'Customer').getByLabel('Name', { exact: true }).fill('Ada');
    await group(page, 'Address').getByLabel('Street', { exact: true }).fill('Elm 2');

    const toggle = page.getByRole('button', { name: 'Edit as JSON', exact: true });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    const json = page.getByLabel('Arguments as JSON', { exact: true });
    const shown = JSON.parse(await json.inputValue()) as Record<string, unknown>;
    assert.deepEqual(shown.customer, { name: 'Ada', address: { street: 'Elm 2' } });
    assert.deepEqual(shown.payment, { method: 'card' });

    const value = {
      customer: { name: 'Grace', address: { street: 'Oak 3', zip: '54321' } },
      lines: [{ sku: 'X', price: 9.99 }],
      payment: { method: 'invoice', days: 14 },
      note: null,
    };
    await json.fill(JSON.stringify(value, null, 2));
    assert.equal(await blockedReason(page).count(), 0);
    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 1), value);

    // Text that is not JSON: an error here, Run held back, and the form keeps the last good values.
    await json.fill('{ "customer": ');
    assert.equal(await json.getAttribute('aria-invalid'), 'true');
    assert.match((await messageOf(json)) ?? '', /The JSON is not valid/);
    assert.match(await blockedReason(page).innerText(), /The JSON is not valid/);
    await runButton(page).click();
    assert.equal(host.requests(RunTool.method).length, 1);
    // JSON that does not fit the form is reported the same way.
    await json.fill('{ "customer": { "name": 5 } }');
    assert.match((await messageOf(json)) ?? '', /does not fit the form: Name: expected text/);

    await toggle.click();
    assert.equal(await group(page, 'Customer').getByLabel('Name', { exact: true }).inputValue(), 'Grace');
    assert.equal(await group(page, 'Payment').getByLabel('Days', { exact: true }).inputValue(), '14');
    assert.ok(await page.getByRole('checkbox', { name: 'Note: null' }).isChecked());
    assert.equal(await blockedReason(page).count(), 0, 'leaving the JSON view drops its unsent text');
    assertNoPageErrors(host);
  });

  test('each tool keeps its own draft, saved as UI state version 2; version 1 state keeps only the selection', async () => {
    const host = await openTool([createOrder, updateCustomer], 'create-order');
    const { page } = host;
    const tool = (name: string) => page.getByRole('navigation', { name: 'Servers and tools' }).getByRole('button', { name, exact: true });
    await group(page, 'Customer').getByLabel('Name', { exact: true }).fill('Ada');
    await tool('update-customer').click();
    await page.getByRole('heading', { name: 'update-customer' }).waitFor();
    const name = group(page, 'Customer').getByLabel('Name', { exact: true });
    assert.equal(await name.inputValue(), '', 'create-order’s value leaked into update-customer');
    await name.fill('Bob');
    await tool('create-order').click();
    await page.getByRole('heading', { name: 'create-order' }).waitFor();
    assert.equal(await group(page, 'Customer').getByLabel('Name', { exact: true }).inputValue(), 'Ada');

    const saved = (await host.uiState()) as { version: number; drafts: Record<string, { customer: { name: string } }> };
    assert.equal(saved.version, 2);
    assert.equal(saved.drafts['shop/create-order'].customer.name, 'Ada');
    assert.equal(saved.drafts['shop/update-customer'].customer.name, 'Bob');

    const reloaded = await openTool([createOrder, updateCustomer], 'update-customer', { uiState: saved });
    assert.equal(await group(reloaded.page, 'Customer').getByLabel('Name', { exact: true }).inputValue(), 'Bob');

    const fromV1 = await openPanel({ servers: [server([createOrder])], timeline: [], calls: [] }, undefined, {
      uiState: { version: 1, serverId: 'shop', tool: 'create-order', drafts: { 'shop/create-order': { customer: '{"name": 3}' } } },
    });
    await fromV1.page.getByRole('heading', { name: 'create-order' }).waitFor();
    assert.equal(await group(fromV1.page, 'Customer').getByLabel('Name', { exact: true }).inputValue(), '');
    assertNoPageErrors(host);
    assertNoPageErrors(reloaded);
    assertNoPageErrors(fromV1);
  });

  test('a recursive schema opens one level per click, never by itself', async () => {
    const host = await openTool([tree], 'plant-tree');
    const { page } = host;
    const root = group(page, 'Root');
    await root.getByLabel('Label', { exact: true }).fill('trunk');
    assert.equal(await page.getByRole('group', { name: 'Child' }).count(), 1, 'one closed level is shown');
    await root.getByRole('button', { name: 'Add Child', exact: true }).click();
    const child = group(root, 'Child');
    await child.getByLabel('Label', { exact: true }).fill('branch');
    assert.equal(await child.getByRole('button', { name: 'Add Child', exact: true }).count(), 1, 'the next level waits for its own click');
    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 1), { root: { label: 'trunk', child: { label: 'branch' } } });
    await root.getByRole('button', { name: 'Leave out Child', exact: true }).click();
    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 2), { root: { label: 'trunk' } });
    assertNoPageErrors(host);
  });

  test('an optional boolean without a default is left out until chosen, then sent as true or false; JSON round-trips all three', async () => {
    const host = await openTool([deploy], 'deploy');
    const { page } = host;
    const dryRun = page.getByRole('combobox', { name: 'Dry run', exact: true });
    assert.deepEqual(await dryRun.locator('option').allInnerTexts(), ['(not set)', 'true', 'false']);
    assert.equal(await page.getByRole('checkbox', { name: 'Force', exact: true }).isChecked(), false, 'a required boolean stays a box');
    assert.equal(await page.getByRole('checkbox', { name: 'Notify', exact: true }).isChecked(), true, 'a boolean with a default stays a box');

    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 1), { force: false, notify: true }, 'not set: the key is absent');
    await dryRun.selectOption({ label: 'true' });
    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 2), { dryRun: true, force: false, notify: true });
    // By keyboard: from true one step down is false.
    await dryRun.focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await dryRun.inputValue(), 'false');
    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 3), { dryRun: false, force: false, notify: true });

    // The JSON view shows and takes each state; leaving the key out brings back "not set".
    const toggle = page.getByRole('button', { name: 'Edit as JSON', exact: true });
    await toggle.click();
    const json = page.getByLabel('Arguments as JSON', { exact: true });
    assert.deepEqual(JSON.parse(await json.inputValue()), { dryRun: false, force: false, notify: true });
    await json.fill('{ "force": true, "notify": false }');
    await toggle.click();
    assert.equal(await dryRun.inputValue(), '', 'a key left out in JSON is "not set" in the form');
    assert.equal(await page.getByRole('checkbox', { name: 'Force', exact: true }).isChecked(), true);
    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 4), { force: true, notify: false });
    await toggle.click();
    await json.fill('{ "dryRun": true, "force": false, "notify": true }');
    await toggle.click();
    assert.equal(await dryRun.inputValue(), 'true');
    await dryRun.selectOption({ label: '(not set)' });
    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 5), { force: false, notify: true });
    assertNoPageErrors(host);
  });

  test('a tuple gets a widget per position, keeps positions in place, and adds the rest as a list', async () => {
    const host = await openTool([plot], 'plot');
    const { page } = host;
    const point = group(page, 'Point');
    const range = group(page, 'Range');
    assert.equal(await page.getByLabel('Point', { exact: true }).count(), 0, 'no JSON editor for the tuple');
    await point.getByLabel('Latitude', { exact: true }).fill('52.52');
    await point.getByLabel('Longitude', { exact: true }).fill('north');
    assert.equal(await messageOf(point.getByLabel('Longitude', { exact: true })), 'Longitude must be a number.');
    await point.getByLabel('Longitude', { exact: true }).fill('13.40');
    // Positions do not move; only the last may go, to send fewer.
    assert.equal(await point.getByRole('button', { name: 'Move item 1 down', exact: true }).count(), 0);
    assert.equal(await point.getByRole('button', { name: 'Remove item 1', exact: true }).count(), 0);
    await point.getByRole('button', { name: 'Add item', exact: true }).click();
    await point.getByLabel('Item 3', { exact: true }).fill('Berlin');
    await point.getByRole('button', { name: 'Add item', exact: true }).click();
    await point.getByLabel('Item 4', { exact: true }).fill('Mitte');
    await point.getByRole('button', { name: 'Move item 4 up', exact: true }).click();
    assert.equal(await point.getByRole('button', { name: 'Move item 3 up', exact: true }).isDisabled(), true, 'the rest cannot move into a position');

    await range.getByLabel('Item 1', { exact: true }).fill('1');
    await range.getByLabel('Item 2', { exact: true }).fill('10');
    assert.ok(await range.getByRole('button', { name: 'Add item', exact: true }).isDisabled(), 'additionalItems: false takes nothing after the positions');

    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 1), { point: [52.52, 13.4, 'Mitte', 'Berlin'], range: [1, 10] });
    await range.getByRole('button', { name: 'Remove item 2', exact: true }).click();
    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 2), { point: [52.52, 13.4, 'Mitte', 'Berlin'], range: [1] });

    // The JSON view fills the positions back.
    const toggle = page.getByRole('button', { name: 'Edit as JSON', exact: true });
    await toggle.click();
    await page.getByLabel('Arguments as JSON', { exact: true }).fill('{ "point": [-33.9, 18.4], "range": [2, 3] }');
    await toggle.click();
    assert.equal(await point.getByLabel('Longitude', { exact: true }).inputValue(), '18.4');
    assert.equal(await point.getByLabel('Item 3', { exact: true }).count(), 0);
    assert.equal(await range.getByLabel('Item 2', { exact: true }).inputValue(), '3');
    assertNoPageErrors(host);
  });

  test('keys that follow patterns get the key/value editor; an if/then rule shows its message at the field it is about', async () => {
    const host = await openTool([ship], 'ship');
    const { page } = host;
    const env = group(page, 'Environment');
    assert.equal(await env.locator('textarea').count(), 0, 'patternProperties got a JSON editor');
    await env.getByRole('button', { name: 'Add entry', exact: true }).click();
    const key = env.getByLabel('Key 1', { exact: true });
    await key.fill('home');
    assert.equal(await key.getAttribute('aria-invalid'), 'true');
    assert.equal(await messageOf(key), 'Environment: the key "home" must match one of the patterns ^[A-Z_]+$, ^PORT_.');
    await key.fill('PORT_HTTP');
    assert.equal(await key.getAttribute('aria-invalid'), null);
    // The value takes the schemas of the patterns its key matches.
    const port = env.getByLabel('PORT_HTTP', { exact: true });
    await port.fill('eighty');
    assert.equal(await messageOf(port), 'PORT_HTTP must match the pattern ^[0-9]+$.');
    await port.fill('8080');

    const address = group(page, 'Address');
    await address.getByLabel('Country', { exact: true }).fill('US');
    const code = address.getByLabel('Postal code', { exact: true });
    await code.fill('SW1A');
    await eventually(async () =>
      assert.equal(await messageOf(code), `Postal code must match the pattern ^[0-9]{5}$ (asked by the schema's "then", as the value matches its "if").`),
    );
    await runButton(page).click();
    assert.equal(host.requests(RunTool.method).length, 0, 'Run sent a postal code the if/then forbids');
    await address.getByLabel('Country', { exact: true }).fill('GB');
    await eventually(async () => assert.equal(await code.getAttribute('aria-invalid'), null));
    await runButton(page).click();
    assert.deepEqual(await runArguments(host, 1), { env: { PORT_HTTP: '8080' }, address: { country: 'GB', code: 'SW1A' } });
    assertNoPageErrors(host);
  });

  test('every control in the form has an accessible name', async () => {
    const host = await openTool([createOrder], 'create-order');
    const { page } = host;
    await group(page, 'Tags').getByRole('button', { name: 'Add Tags', exact: true }).click();
    await group(page, 'Tags').getByRole('button', { name: 'Add entry', exact: true }).click();
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('form.tool-form :is(input, select, textarea, button)')]
        .filter((element) => {
          const labelled = (element as HTMLInputElement).labels?.length || element.getAttribute('aria-label') || element.getAttribute('aria-labelledby');
          return !labelled && !(element.tagName === 'BUTTON' && element.textContent?.trim());
        })
        .map((element) => element.outerHTML),
    );
    assert.deepEqual(unnamed, []);
    assertNoPageErrors(host);
  });
});
