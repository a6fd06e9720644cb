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
  const shape =
    'method' in value
      ? 'id' in value
        ? JsonRpcRequest
        : JsonRpcNotification
      : 'error' in value
        ? JsonRpcError
        : 'result' in value
          ? JsonRpcResult
          : undefined;
  if (!shape) return 'JSON but not a JSON-RPC message: it has no "method", "result" or "error"';
  const parsed = shape.safeParse(value);
  if (!parsed.success) return `not a valid JSON-RPC message: ${describeIssues(parsed.error)}`;
  return parsed.data;
}

/** One line naming each place a value broke its schema. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'the message'}: ${issue.message}`)
    .join('; ');
}
