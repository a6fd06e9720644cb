// The HTTP headers the stateless era (2026-07-28) mirrors from a request's body, so that proxies
// can route without reading it: Mcp-Method, Mcp-Name, and Mcp-Param-<name> for tool parameters
// the server marked with `x-mcp-header`; values that are not plain header text go as
// `=?base64?…?=`.

import type { JsonRpcRequest } from './jsonRpc';
import { McpScopeError } from './problems';

/** A tool parameter mirrored into a header: where its value sits in the arguments, and the header's name part. */
export interface HeaderParam {
  /** The chain of `properties` keys from the schema's root to the parameter. */
  path: string[];
  /** The `x-mcp-header` value; the header is `Mcp-Param-<name>`. */
  name: string;
}

/** The outcome of reading a tool's `x-mcp-header` marks: the parameters to mirror, or why the tool must be left out. */
export type HeaderParamsOutcome = { ok: true; params: HeaderParam[] } | { ok: false; reason: string };

const MARK = 'x-mcp-header';
/** RFC 9110 field-name token characters (`1*tchar`). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE_TYPES = new Set(['string', 'integer', 'boolean']);
/** Keys whose values are instance data, not schemas: an `x-mcp-header` inside them is no mark. */
const DATA_KEYWORDS = new Set(['const', 'enum', 'default', 'examples']);
/** Text a header can carry as it is: visible ASCII, with spaces and tabs only inside. */
const PLAIN_HEADER_TEXT = /^(?:[\x21-\x7e](?:[\x20-\x7e\t]*[\x21-\x7e])?)?$/;

/** The methods whose `Mcp-Name` header mirrors a body field, and which field. */
const NAME_FIELDS: Record<string, string> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
  // The tasks extension routes every request about a task by its id.
  'tasks/get': 'taskId',
  'tasks/update': 'taskId',
  'tasks/cancel': 'taskId',
};

/**
 * Reads a tool's `x-mcp-header` marks and checks them against the spec's constraints: a token,
 * unique (any case), on a string, integer or boolean parameter reachable from the root through
 * `properties` alone.
 */
export function headerParamsOf(inputSchema: Record<string, unknown>): HeaderParamsOutcome {
  const params: HeaderParam[] = [];
  const problems: string[] = [];
  const seen = new Map<string, string>();

  const visit = (node: unknown, path: string[], reachable: boolean, where: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, path, false, `${where}[${index}]`));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Record<string, unknown>;
    if (MARK in schema) {
      const problem = markProblem(schema, path, reachable, where, seen);
      if (problem) problems.push(problem);
      else params.push({ path, name: schema[MARK] as string });
    }
    for (const [key, value] of Object.entries(schema)) {
      if (key === MARK || DATA_KEYWORDS.has(key)) continue;
      if (key === 'properties' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const [property, child] of Object.entries(value)) visit(child, [...path, property], reachable, `${where}.properties.${property}`);
      } else {
        visit(value, path, false, `${where}.${key}`);
      }
    }
  };
  visit(inputSchema, [], true, 'inputSchema');
  return problems.length ? { ok: false, reason: problems.join('; ') } : { ok: true, params };
}

function markProblem(
  schema: Record<string, unknown>,
  path: string[],
  reachable: boolean,
  where: string,
  seen: Map<string, string>,
): string | undefined {
  const name = schema[MARK];
  const at = `the x-mcp-header at ${where}`;
  if (typeof name !== 'string' || name === '') return `${at} is ${JSON.stringify(name)}, not a non-empty string`;
  if (!TOKEN.test(name)) return `${at} is ${JSON.stringify(name)}, which is not an HTTP header name token`;
  if (!reachable || path.length === 0) {
    return `${at} is not on a parameter reachable from the root through "properties" alone (not inside items, oneOf, anyOf, allOf, not, if/then/else or $ref)`;
  }
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((type) => type !== 'null');
  if (types.length !== 1 || !PRIMITIVE_TYPES.has(types[0] as string)) {
    return `${at} marks a parameter of type ${JSON.stringify(schema.type ?? '(none)')}; only string, integer and boolean parameters may be mirrored`;
  }
  const other = seen.get(name.toLowerCase());
  if (other !== undefined) return `${at} repeats the header name ${JSON.stringify(other)} (header names are compared ignoring case)`;
  seen.set(name.toLowerCase(), name);
  return undefined;
}

const SENTINEL_START = '=?base64?';
const SENTINEL_END = '?=';

/** A value as header text: as it is when plain, else (and when it looks like the sentinel) `=?base64?…?=` of its UTF-8. */
export function encodeHeaderValue(value: string): string {
  const looksEncoded = value.startsWith(SENTINEL_START) && value.endsWith(SENTINEL_END);
  if (PLAIN_HEADER_TEXT.test(value) && !looksEncoded) return value;
  return `${SENTINEL_START}${Buffer.from(value, 'utf8').toString('base64')}${SENTINEL_END}`;
}

/**
 * A header value as text: the UTF-8 inside `=?base64?…?=` when it has that form (a server quotes
 * the headers it received this way, e.g. in a HeaderMismatch error), else the value itself;
 * undefined when the sentinel holds no valid base64.
 */
export function decodeHeaderValue(value: string): string | undefined {
  if (!(value.startsWith(SENTINEL_START) && value.endsWith(SENTINEL_END) && value.length >= SENTINEL_START.length + SENTINEL_END.length)) return value;
  const encoded = value.slice(SENTINEL_START.length, -SENTINEL_END.length);
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(encoded)) return undefined;
  return Buffer.from(encoded, 'base64').toString('utf8');
}

/**
 * The headers a stateless-era request carries besides MCP-Protocol-Version: `Mcp-Method`,
 * `Mcp-Name` where the method has one, and `Mcp-Param-<name>` for each marked tool parameter
 * present in the arguments (an absent or null value sends no header). Throws for an integer
 * outside the range a header may carry.
 */
export function mirroredHeaders(request: JsonRpcRequest, toolParams: readonly HeaderParam[] = []): Record<string, string> {
  const headers: Record<string, string> = { 'mcp-method': request.method };
  const nameField = NAME_FIELDS[request.method];
  const name = nameField !== undefined ? request.params?.[nameField] : undefined;
  if (typeof name === 'string') headers['mcp-name'] = encodeHeaderValue(name);
  const args = request.params?.arguments;
  for (const param of toolParams) {
    const value = valueAt(args, param.path);
    const header = `mcp-param-${param.name.toLowerCase()}`;
    if (typeof value === 'string') headers[header] = encodeHeaderValue(value);
    else if (typeof value === 'boolean') headers[header] = String(value);
    else if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new McpScopeError({
          summary: `The argument ${param.path.join('.')} is ${value}, which cannot go into the Mcp-Param-${param.name} header: only integers between -(2^53-1) and 2^53-1 can.`,
          advice: 'Give the parameter a whole number in that range.',
        });
      }
      headers[header] = String(value);
    }
  }
  return headers;
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
