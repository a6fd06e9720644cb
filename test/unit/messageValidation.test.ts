// Every message the client reads is judged as its zod schema judges it, although the well-formed
// common case is checked by hand for speed: each message (progress parameters, tool result) below,
// and every variant of it with one key removed, changed to an odd value, or added, gets zod's
// verdict and zod's value.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { z } from 'zod';
import { JsonRpcError, JsonRpcNotification, JsonRpcRequest, JsonRpcResult, parseJsonRpcText } from '../../src/mcp/jsonRpc';
import { CallToolResult, parseCallToolResult, parseProgressParams, ProgressParams } from '../../src/mcp/protocol';

const BASES: Record<string, unknown>[] = [
  { jsonrpc: '2.0', id: 7, method: 'roots/list' },
  { jsonrpc: '2.0', id: 'a', method: 'sampling/createMessage', params: { messages: [] } },
  { jsonrpc: '2.0', method: 'notifications/initialized' },
  { jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 3, progress: 1, total: 10 } },
  { jsonrpc: '2.0', id: 3, result: { content: [{ type: 'text', text: 'hi' }] } },
  { jsonrpc: '2.0', id: 'x', result: {} },
  { jsonrpc: '2.0', id: 4, error: { code: -32601, message: 'no such method' } },
  { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error', data: { at: 1 } } },
];

/** Values a sloppy or hostile server might put anywhere, as JSON text (some JSON.parse cannot give any other way). */
const ODD_VALUES = ['null', '[]', '{}', '"2.0"', '"x"', '1', '1.5', '1152921504606846976', '1e400', 'true', '{"__proto__":{"a":1},"b":2}', '{"code":1,"message":"m","extra":1}'];

/** The message as JSON text with `key` set to `value` (JSON text), or removed when `value` is undefined. */
function variant(base: Record<string, unknown>, key: string, value: string | undefined): string {
  const fields = Object.entries(base)
    .filter(([name]) => name !== key)
    .map(([name, field]) => `${JSON.stringify(name)}:${JSON.stringify(field)}`);
  if (value !== undefined) fields.push(`${JSON.stringify(key)}:${value}`);
  return `{${fields.join(',')}}`;
}

function* texts(): Generator<string> {
  for (const base of BASES) {
    yield JSON.stringify(base);
    for (const key of [...Object.keys(base), 'extra', '__proto__']) {
      yield variant(base, key, undefined);
      for (const value of ODD_VALUES) yield variant(base, key, value);
    }
    for (const inner of ['params', 'result', 'error']) {
      if (typeof base[inner] !== 'object' || base[inner] === null) continue;
      for (const key of [...Object.keys(base[inner]), 'extra', '__proto__', 'data']) {
        for (const value of [undefined, ...ODD_VALUES]) yield variant(base, inner, variant(base[inner] as Record<string, unknown>, key, value));
      }
    }
  }
}

/** The schema JSON-RPC's rules pick for a value: the oracle the hand checks must agree with. */
function schemaFor(value: Record<string, unknown>): z.ZodType | undefined {
  if ('method' in value) return 'id' in value ? JsonRpcRequest : JsonRpcNotification;
  if ('error' in value) return JsonRpcError;
  if ('result' in value) return JsonRpcResult;
  return undefined;
}

describe('message validation', () => {
  test('every variant of every kind of message gets the verdict and the value zod gives it', () => {
    let accepted = 0;
    let rejected = 0;
    for (const text of texts()) {
      const value = JSON.parse(text) as Record<string, unknown>;
      const zod = schemaFor(value)?.safeParse(value);
      const ours = parseJsonRpcText(text);
      assert.equal(ours.ok, zod?.success === true, `verdict on ${text}`);
      if (ours.ok) {
        assert.deepEqual(ours.messages, [zod!.data], `value of ${text}`);
        accepted++;
      } else {
        // The reason names what zod found wrong, as before.
        if (zod) assert.match(ours.reason, /^not a valid JSON-RPC message: /, `reason for ${text}`);
        rejected++;
      }
    }
    // The variants cover both sides widely.
    assert.ok(accepted > 40 && rejected > 200, `${accepted} accepted, ${rejected} rejected`);
  });

  const cases: [string, z.ZodType, (value: unknown) => z.ZodSafeParseResult<unknown>, Record<string, unknown>][] = [
    ['progress parameters', ProgressParams, parseProgressParams, { progressToken: 'p', progress: 0.5, total: 1, message: 'half' }],
    ['tool results', CallToolResult, parseCallToolResult, { content: [{ type: 'text', text: 'hi' }, { type: 'image', data: 'AA', mimeType: 'image/png' }], structuredContent: { n: 1 }, isError: false }],
  ];
  for (const [what, schema, parse, base] of cases) {
    test(`${what} get the verdict and the value zod gives them`, () => {
      let checked = 0;
      for (const key of [...Object.keys(base), 'extra', '__proto__']) {
        for (const value of [undefined, ...ODD_VALUES, '[{"type":"text"},{"type":1}]', '[{"type":"text","__proto__":{}}]', '[[]]']) {
          const params = JSON.parse(variant(base, key, value)) as unknown;
          const zod = schema.safeParse(params);
          const ours = parse(params);
          assert.equal(ours.success, zod.success, `verdict on ${variant(base, key, value)}`);
          if (ours.success) assert.deepEqual(ours.data, zod.data, `value of ${variant(base, key, value)}`);
          checked++;
        }
      }
      for (const value of [undefined, null, [], 'p', 3]) assert.equal(parse(value).success, false);
      assert.ok(checked > 50);
    });
  }
});
