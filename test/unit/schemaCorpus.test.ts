// The schema form against tool schemas nobody here wrote: the tools/list answers of real servers
// from the npm registry, captured at test time over stdio by our own client, plus hand-made edge cases. Every
// schema must give a form without throwing; a form filled in by a plain user's choices must give
// arguments that an independent validator (Ajv) accepts, and that come back unchanged through
// the JSON view. Prints how many properties get a real widget and how many a JSON editor.

import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { asObject, childSpec, type Draft, draftFromValue, initialDraft, MAP_ENTRIES } from '../../src/shared/schemaForm/draft';
import { describeRoot, entryKeyProblem, type FieldSpec, takesEntries } from '../../src/shared/schemaForm/fieldSpec';
import { readForm } from '../../src/shared/schemaForm/formValue';
import { rootAt } from '../../src/shared/schemaForm/resolve';
import { connect } from '../../src/mcp/connect';
import type { StdioEndpoint } from '../../src/mcp/endpoint';
import { clientInfo } from '../fixtures/clientHarness';

interface StdioServer extends Omit<StdioEndpoint, 'transport'> {
  /** A name for messages and counts. */
  name: string;
}

interface ListedTool {
  name: string;
  inputSchema: unknown;
}

/** The tools of a stdio server, through MCP Scope's own client; the process ends before it returns. */
async function listToolsOverStdio({ name, ...endpoint }: StdioServer): Promise<ListedTool[]> {
  // Some servers list tools only to clients that can answer the server's requests.
  const capabilities = { roots: {}, sampling: {}, elicitation: {} };
  const { client } = await connect({ transport: 'stdio', ...endpoint }, { clientInfo, capabilities, requestTimeoutMs: 30_000 });
  try {
    return await client.listTools();
  } catch (error) {
    throw new Error(`${name} did not list its tools: ${String(error)}`);
  } finally {
    await client.close();
  }
}

const entry = (pkg: string) => join(dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'index.js');

const scratch = mkdtempSync(join(tmpdir(), 'mcp-scope-corpus-'));
const SERVERS: StdioServer[] = [
  { name: 'server-everything', command: process.execPath, args: [entry('@modelcontextprotocol/server-everything'), 'stdio'] },
  { name: 'server-filesystem', command: process.execPath, args: [entry('@modelcontextprotocol/server-filesystem'), scratch] },
  { name: 'server-memory', command: process.execPath, args: [entry('@modelcontextprotocol/server-memory')], env: { MEMORY_FILE_PATH: join(scratch, 'memory.jsonl') } },
  { name: 'server-sequential-thinking', command: process.execPath, args: [entry('@modelcontextprotocol/server-sequential-thinking')] },
  { name: 'server-github', command: process.execPath, args: [entry('@modelcontextprotocol/server-github')], env: { GITHUB_PERSONAL_ACCESS_TOKEN: 'not-used-by-tools-list' } },
];

/**
 * Schemas made to hurt: every construct the form claims, and some it does not. (Draft 4's boolean
 * exclusiveMinimum is in schemaForm.test.ts: Ajv's 2020 dialect refuses to compile it.)
 */
const EDGE_CASES: ListedTool[] = [
  {
    name: 'edge-recursive-tree',
    inputSchema: {
      type: 'object',
      $defs: { node: { type: 'object', properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } }, required: ['label'] } },
      properties: { tree: { $ref: '#/$defs/node' }, parent: { $ref: '#' } },
      required: ['tree'],
    },
  },
  {
    name: 'edge-numbers',
    inputSchema: {
      type: 'object',
      properties: {
        price: { type: 'number', multipleOf: 0.01, minimum: 0.01, maximum: 1e6 },
        ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        whole: { type: 'integer', minimum: 2, maximum: 9 },
        step: { type: 'number', multipleOf: 0.1 },
      },
      required: ['price', 'ratio', 'whole', 'step'],
    },
  },
  {
    name: 'edge-strings',
    inputSchema: {
      type: 'object',
      properties: {
        day: { type: 'string', format: 'date' },
        at: { type: 'string', format: 'date-time' },
        mail: { type: 'string', format: 'email' },
        link: { type: 'string', format: 'uri' },
        code: { type: 'string', minLength: 3, maxLength: 3 },
      },
      required: ['day', 'at', 'mail', 'link', 'code'],
    },
  },
  {
    name: 'edge-broken-pattern',
    inputSchema: { type: 'object', properties: { broken: { type: 'string', pattern: '(unclosed' } }, required: ['broken'] },
  },
  {
    name: 'edge-choices',
    inputSchema: {
      type: 'object',
      definitions: { unit: { enum: ['c', 'f'], enumNames: ['Celsius', 'Fahrenheit'] } },
      properties: {
        unit: { $ref: '#/definitions/unit' },
        mode: { oneOf: [{ const: 'fast', title: 'Fast' }, { const: 'safe', title: 'Safe' }] },
        level: { type: ['string', 'null'], enum: ['low', 'high', null] },
        note: { anyOf: [{ type: 'string', maxLength: 10 }, { type: 'null' }] },
        target: {
          oneOf: [
            { type: 'object', title: 'By id', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'], additionalProperties: false },
            { type: 'object', title: 'By name', properties: { name: { type: 'string', minLength: 1 } }, required: ['name'], additionalProperties: false },
          ],
        },
        version: { const: 2 },
        either: { type: ['string', 'integer'] },
      },
      required: ['unit', 'mode', 'target', 'version'],
    },
  },
  {
    name: 'edge-containers',
    inputSchema: {
      type: 'object',
      properties: {
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        matrix: { type: 'array', minItems: 2, maxItems: 4, items: { type: 'array', items: { type: 'number' } } },
        merged: { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'boolean' } } }] },
        tuple: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] },
        free: { type: 'object' },
        anything: {},
      },
      required: ['matrix', 'merged'],
    },
  },
  {
    name: 'edge-patterns-and-conditions',
    inputSchema: {
      type: 'object',
      properties: {
        env: { type: 'object', patternProperties: { '^[A-Z_]+$': { type: 'string' }, '^PORT_': { type: 'string', pattern: '^[0-9]+$' } }, additionalProperties: false },
        labels: { type: 'object', properties: { owner: { type: 'string' } }, patternProperties: { '^x-': { type: 'integer', minimum: 0 } } },
        shipping: {
          type: 'object',
          properties: { country: { type: 'string' }, code: { type: 'string' } },
          required: ['country', 'code'],
          if: { properties: { country: { const: 'US' } }, required: ['country'] },
          then: { properties: { code: { pattern: '^[0-9]{5}$' } } },
          else: { properties: { code: { minLength: 1 } } },
          not: { properties: { code: { const: 'none' } }, required: ['code'] },
        },
      },
      required: ['env', 'shipping'],
    },
  },
];

interface Corpus {
  source: string;
  tools: ListedTool[];
}

const corpus: Corpus[] = [];

before(async () => {
  for (const server of SERVERS) corpus.push({ source: server.name, tools: await listToolsOverStdio(server) });
  corpus.push({ source: 'hand-made edge cases', tools: EDGE_CASES });
});

after(() => rmSync(scratch, { recursive: true, force: true }));

/** How many object properties, at any depth, get a real widget and how many a JSON editor. */
function countWidgets(spec: FieldSpec, counts = { widget: 0, json: 0 }, depth = 0): typeof counts {
  if (depth > 6 || spec.recursive) return counts;
  switch (spec.kind) {
    case 'object':
      for (const property of spec.properties) {
        const child = childSpec(spec, property.name);
        counts[child.kind === 'json' ? 'json' : 'widget']++;
        countWidgets(child, counts, depth + 1);
      }
      if (takesEntries(spec)) countWidgets(childSpec(spec, ''), counts, depth + 1);
      break;
    case 'array':
      countWidgets(childSpec(spec, 0), counts, depth + 1);
      break;
    case 'variant':
      spec.variants.forEach((_, index) => countWidgets(childSpec(spec, index), counts, depth + 1));
      break;
  }
  return counts;
}

/** Fills a field the way a user would: for each text field, the first of a few plain answers that the form accepts. */
function fill(spec: FieldSpec, depth = 0): Draft {
  if (spec.nullable && spec.kind !== 'enum' && spec.kind !== 'const') return { isNull: false, value: fill({ ...spec, nullable: false }, depth) };
  const firstAccepted = (candidates: string[]) => candidates.find((text) => Object.keys(readForm(spec, text).errors).length === 0) ?? candidates[0];
  switch (spec.kind) {
    case 'string': {
      const sized = 'abcdefgh'.repeat(Math.ceil((spec.minLength ?? 1) / 8)).slice(0, Math.max(spec.minLength ?? 1, 1));
      return firstAccepted([
        ...(spec.format ? ['2026-11-20', '2026-11-20T09:30:00Z', 'ada@example.com', 'https://example.com/a', '09:30:00Z', '123e4567-e89b-12d3-a456-426614174000'] : []),
        sized, 'owner', '1', 'A1', '/tmp/x', 'a-b',
      ]);
    }
    case 'number':
    case 'integer': {
      const bounds = [spec.minimum, spec.maximum].flatMap((bound) => (bound ? [bound.value, bound.value + 1, bound.value - 1, bound.value + 0.5, bound.value - 0.5] : []));
      return firstAccepted(['1', ...(spec.multipleOf ? [String(spec.multipleOf)] : []), ...bounds.map(String), '0', '0.5']);
    }
    case 'boolean':
      return true;
    case 'enum':
      return JSON.stringify(spec.options[0].value);
    case 'const':
      return null;
    case 'json':
      return firstAccepted(['"text"', '{}', '[]', '1', 'true']);
    case 'object': {
      if (spec.recursive && depth > 0) return null;
      const fields: Record<string, Draft> = {};
      for (const property of spec.properties) {
        const child = childSpec(spec, property.name);
        // Optional recursive levels stay closed, the way the form starts them.
        fields[property.name] = !property.required && (child.recursive || depth > 3) ? initialDraft(child, false) : fill(child, depth + 1);
      }
      // One entry, under the first of a few plain keys the object takes (its patterns may refuse some).
      const key = ['key', 'KEY', 'x-key'].find((candidate) => !entryKeyProblem(spec, candidate));
      if (takesEntries(spec) && key) fields[MAP_ENTRIES] = [[key, fill(childSpec(spec, key), depth + 1)]];
      return fields;
    }
    case 'array': {
      // A list of recursive items stays empty unless it must have some: that is where a user stops.
      const count = childSpec(spec, 0).recursive ? (spec.minItems ?? 0) : Math.max(spec.minItems ?? 1, spec.prefix.length, 1);
      return Array.from({ length: count }, (_, index) => fill(childSpec(spec, index), depth + 1));
    }
    case 'variant':
      return { variant: 0, drafts: { 0: fill(childSpec(spec, 0), depth + 1) } };
  }
}

/** Schemas Ajv refuses to compile (the form still works: it notes the pattern and does not check it). */
const AJV_CANNOT_COMPILE = new Set(['edge-broken-pattern']);

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);

describe('the schema form against real tool schemas', () => {
  test('every server answered tools/list with tools', () => {
    for (const { source, tools } of corpus) assert.ok(tools.length > 0, `${source} listed no tools`);
  });

  test('every tool gets a form, and a filled-in form gives arguments the schema accepts, through the JSON view unchanged', () => {
    const totals = { widget: 0, json: 0, tools: 0 };
    const lines: string[] = [];
    for (const { source, tools } of corpus) {
      const counts = { widget: 0, json: 0 };
      for (const tool of tools) {
        const where = `${source} / ${tool.name}`;
        const spec = describeRoot(rootAt(tool.inputSchema), 'Arguments');
        assert.equal(spec.kind, 'object', `${where}: the root is not a form of fields`);
        assert.doesNotThrow(() => readForm(spec, initialDraft(spec, true)), where);
        countWidgets(spec, counts);

        const filled = fill(spec);
        const reading = readForm(spec, filled);
        assert.deepEqual(reading.errors, {}, `${where}: the filled-in form still has errors`);
        if (AJV_CANNOT_COMPILE.has(tool.name)) {
          assert.throws(() => ajv.compile(tool.inputSchema as object), where);
          assert.match(childSpec(spec, 'broken').notes.join(' '), /not a regular expression/);
        } else {
          const validate = ajv.compile(tool.inputSchema as object);
          assert.ok(validate(reading.value), `${where}: Ajv rejects ${JSON.stringify(reading.value)}: ${ajv.errorsText(validate.errors)}`);
        }

        const back = draftFromValue(spec, reading.value);
        assert.ok(back.ok, `${where}: the JSON view cannot show ${JSON.stringify(reading.value)}: ${back.ok ? '' : back.error}`);
        assert.deepEqual(readForm(spec, back.draft), reading, `${where}: the value changed on its way through the JSON view`);
        assert.ok(asObject(back.draft), where);
      }
      totals.widget += counts.widget;
      totals.json += counts.json;
      totals.tools += tools.length;
      lines.push(`  ${source}: ${tools.length} tools, ${counts.widget} properties with a widget, ${counts.json} with a JSON editor`);
    }
    const share = ((100 * totals.widget) / (totals.widget + totals.json)).toFixed(1);
    console.log(`schema corpus: ${totals.tools} tools; ${totals.widget} properties get a real widget, ${totals.json} a JSON editor (${share}% widgets)\n${lines.join('\n')}`);
    assert.ok(totals.tools >= 40, `only ${totals.tools} tools in the corpus`);
  });
});
