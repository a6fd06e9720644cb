// How the stateless era (2026-07-28) shows itself in answers: the errors that tell a stateless
// server from a 2025-era one, and results that ask for input before they complete.

import { describeIssues } from './jsonRpc';
import { HttpStatusError, ProtocolViolationError, RpcError } from './problems';
import { InputRequiredResult, MODERN_ERROR_CODES, UnsupportedVersionData } from './protocol';

/** The methods a server may answer with `input_required`. */
const INPUT_METHODS = new Set(['tools/call', 'prompts/get', 'resources/read']);

/**
 * A success answer to `server/discover` without its fields: some 2025-era servers answer any
 * method they do not know with an empty result (the conformance suite's does), so it is not a
 * stateless server.
 */
export class NotADiscoverResultError extends ProtocolViolationError {}

/** The input an `input_required` result asks for; undefined for a complete result. */
export function inputRequiredOf(result: Record<string, unknown>, method: string): InputRequiredResult | undefined {
  const type = result.resultType;
  // Results of 2025-era servers have no resultType: they are complete.
  if (type === undefined || type === 'complete') return undefined;
  // The tasks extension: the caller follows the task.
  if (type === 'task') {
    if (method === 'tools/call') return undefined;
    throw new ProtocolViolationError({
      summary: `The server answered ${method} with a task, which only tools/call may become.`,
    });
  }
  if (type !== 'input_required') {
    throw new ProtocolViolationError({
      summary: `The server answered ${method} with resultType ${JSON.stringify(type)}, which MCP Scope does not know.`,
      advice: 'A result is "complete", "input_required" or (tasks extension) "task", unless an extension both sides declared adds another type.',
    });
  }
  if (!INPUT_METHODS.has(method)) {
    throw new ProtocolViolationError({
      summary: `The server answered ${method} with input_required, which only tools/call, prompts/get and resources/read may get.`,
    });
  }
  const parsed = InputRequiredResult.safeParse(result);
  if (parsed.success) return parsed.data;
  throw new ProtocolViolationError({
    summary: `The server's input_required result for ${method} does not have the shape MCP requires: ${describeIssues(parsed.error)}.`,
  });
}

/** The versions an UnsupportedProtocolVersionError (-32022) lists, when the error is one. */
export function unsupportedVersionsOf(error: unknown): string[] | undefined {
  if (!(error instanceof RpcError) || error.error.code !== MODERN_ERROR_CODES.unsupportedProtocolVersion) return undefined;
  const data = UnsupportedVersionData.safeParse(error.error.data);
  return data.success ? data.data.supported : [];
}

/**
 * Whether a stateless request was refused the way a 2025-era server refuses it: a 400, 404 or 405
 * without a stateless-era error, a JSON-RPC error that is not one of the stateless era's own, or
 * an empty success for `server/discover`.
 */
export function refusedAsLegacy(error: unknown): boolean {
  if (error instanceof NotADiscoverResultError) return true;
  const modernCodes: number[] = Object.values(MODERN_ERROR_CODES);
  if (error instanceof RpcError) return !modernCodes.includes(error.error.code);
  return error instanceof HttpStatusError && [400, 404, 405].includes(error.status);
}
