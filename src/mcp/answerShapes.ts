// What a client sends back when a server asks something of it: the results of
// `sampling/createMessage`, `elicitation/create` and `roots/list`, checked before they go out, and
// the error the spec names for a refused sampling request.

import { z } from 'zod';
import { describeIssues } from './jsonRpc';
import { McpScopeError, RpcError } from './problems';
import { ContentBlock } from './protocol';

/** The server requests a person answers, and their results. */
const RESULTS = {
  'sampling/createMessage': z
    .object({
      role: z.enum(['user', 'assistant']),
      // 2025-11-25 lets the content be one block or several.
      content: z.union([ContentBlock, z.array(ContentBlock).min(1)]),
      model: z.string().min(1),
      stopReason: z.string().min(1).optional(),
    })
    .strict(),
  'elicitation/create': z.discriminatedUnion('action', [
    z.object({ action: z.literal('accept'), content: z.record(z.string(), z.unknown()).optional() }).strict(),
    z.object({ action: z.literal('decline') }).strict(),
    z.object({ action: z.literal('cancel') }).strict(),
  ]),
} as const;

export type AnsweredByPerson = keyof typeof RESULTS;

export function isAnsweredByPerson(method: string): method is AnsweredByPerson {
  return Object.hasOwn(RESULTS, method);
}

/** The result as it will be sent, or an error that says what is wrong with it. */
export function checkAnswer(method: AnsweredByPerson, result: unknown): Record<string, unknown> {
  const parsed = RESULTS[method].safeParse(result);
  if (parsed.success) return parsed.data;
  throw new McpScopeError({
    summary: `That answer to ${method} does not have the shape MCP requires, so it was not sent: ${describeIssues(parsed.error)}.`,
    advice: 'Correct the answer and send it again, or decline the request.',
  });
}

/** The spec's error for a sampling request the user refused (code -1). */
export function samplingRefused(message: string): RpcError {
  return new RpcError('sampling/createMessage', { code: -1, message });
}

/** A `roots/list` result. */
export function rootsResult(roots: readonly { uri: string; name?: string }[]): Record<string, unknown> {
  return { roots: roots.map(({ uri, name }) => ({ uri, ...(name !== undefined && { name }) })) };
}
