// JSON-RPC 2.0 messages as MCP uses them, validated with zod so that nothing a server sends is
// trusted before it is checked.

import { z } from 'zod';

const RequestId = z.union([z.string(), z.number().int()]);
export type RequestId = z.infer<typeof RequestId>;

const Params = z.record(z.string(), z.unknown());

export const JsonRpcRequest = z.object({
  jsonrpc: z.literal('2.0'),
  id: RequestId,
  method: z.string(),
  params: Params.optional(),
});

export const JsonRpcNotification = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.string(),
  params: Params.optional(),
});

export const JsonRpcResult = z.object({
  jsonrpc: z.literal('2.0'),
  id: RequestId,
  result: z.record(z.string(), z.unknown()),
});

export const JsonRpcErrorObject = z.object({
  code: z.number().int(),
  message: z.string(),
  data: z.unknown().optional(),
});

export const JsonRpcError = z.object({
  jsonrpc: z.literal('2.0'),
  // A server that could not read the request's id answers with null.
  id: RequestId.nullable(),
  error: JsonRpcErrorObject,
});

export type JsonRpcRequest = z.infer<typeof JsonRpcRequest>;
export type JsonRpcNotification = z.infer<typeof JsonRpcNotification>;
export type JsonRpcResult = z.infer<typeof JsonRpcResult>;
export type JsonRpcError = z.infer<typeof JsonRpcError>;
export type JsonRpcMessage = JsonRpcRequest | JsonRpcNotification | JsonRpcResult | JsonRpcError;

export const isRequest = (m: JsonRpcMessage): m is JsonRpcRequest => 'method' in m && 'id' in m;
export const isNotification = (m: JsonRpcMessage): m is JsonRpcNotification => 'method' in m && !('id' in m);
export const isResponse = (m: JsonRpcMessage): m is JsonRpcResult | JsonRpcError => 'result' in m || 'error' in m;

/** The outcome of reading one piece of text a server sent: the messages in it, or why not. */
export type ParsedText = { ok: true; messages: JsonRpcMessage[] } | { ok: false; reason: string };

/** Reads the text of one message (or a JSON array of them, which 2025-03-26 servers may send). */
export function parseJsonRpcText(text: string): ParsedText {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) return { ok: false, reason: 'an empty JSON array, with no message in it' };
  const messages: JsonRpcMessage[] = [];
  for (const item of items) {
    const message = classify(item);
    if (typeof message === 'string') return { ok: false, reason: message };
    messages.push(message);
  }
  return { ok: true, messages };
}

function classify(value: unknown): JsonRpcMessage | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `JSON but not a JSON-RPC message (a ${value === null ? 'null' : Array.isArray(value) ? 'nested array' : typeof value})`;
  }
  const message = value as Record<string, unknown>;
  const kind =
    'method' in message ? ('id' in message ? KINDS.request : KINDS.notification) : 'error' in message ? KINDS.error : 'result' in message ? KINDS.result : undefined;
  if (!kind) return 'JSON but not a JSON-RPC message: it has no "method", "result" or "error"';
  if (kind.isWellFormed(message)) return message as JsonRpcMessage;
  const parsed = kind.schema.safeParse(message);
  if (!parsed.success) return `not a valid JSON-RPC message: ${describeIssues(parsed.error)}`;
  return parsed.data;
}

// The well-formed common case, checked by hand: a server may send thousands of messages a second,
// and zod's parse (which copies every object) was nearly half the client's cost per progress
// notification.
// Each check accepts only values its zod schema accepts unchanged: exactly the schema's keys, of
// the schema's types. Anything else, an extra key included, goes through zod, which strips,
// copies and explains, so the verdict on every message is zod's.

/** A JSON object that z.record(z.string(), z.unknown()) returns as it is (it drops an own `__proto__` key). */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Object.hasOwn(value, '__proto__');
}

/** A value of z.number().int(): zod's integers are the safe ones. */
const isId = (value: unknown): boolean => typeof value === 'string' || Number.isSafeInteger(value);

/** How many own keys an object has, without building their list. */
function keyCount(value: object): number {
  let count = 0;
  for (const key in value) if (Object.hasOwn(value, key)) count++;
  return count;
}

function isWellFormedNotification(m: Record<string, unknown>): boolean {
  return m.jsonrpc === '2.0' && typeof m.method === 'string' && (m.params === undefined ? keyCount(m) === 2 : isPlainRecord(m.params) && keyCount(m) === 3);
}

function isWellFormedRequest(m: Record<string, unknown>): boolean {
  return (
    m.jsonrpc === '2.0' &&
    isId(m.id) &&
    typeof m.method === 'string' &&
    (m.params === undefined ? keyCount(m) === 3 : isPlainRecord(m.params) && keyCount(m) === 4)
  );
}

function isWellFormedResult(m: Record<string, unknown>): boolean {
  return m.jsonrpc === '2.0' && isId(m.id) && isPlainRecord(m.result) && keyCount(m) === 3;
}

function isWellFormedError(m: Record<string, unknown>): boolean {
  const error = m.error;
  if (m.jsonrpc !== '2.0' || !(m.id === null || isId(m.id)) || keyCount(m) !== 3) return false;
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return false;
  const { code, message } = error as Record<string, unknown>;
  return Number.isSafeInteger(code) && typeof message === 'string' && keyCount(error) === ('data' in error ? 3 : 2);
}

/** Each kind of message: its schema, and the hand check of its well-formed common case. */
const KINDS = {
  request: { schema: JsonRpcRequest, isWellFormed: isWellFormedRequest },
  notification: { schema: JsonRpcNotification, isWellFormed: isWellFormedNotification },
  result: { schema: JsonRpcResult, isWellFormed: isWellFormedResult },
  error: { schema: JsonRpcError, isWellFormed: isWellFormedError },
};

/** One line naming each place a value broke its schema. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'the message'}: ${issue.message}`)
    .join('; ');
}
