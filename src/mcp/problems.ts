// Errors of the MCP client, each carrying a Problem: what was tried, what came back, what to do.

import type { HttpAnswer, Problem, RpcErrorObject } from '../shared/model';
import type { HttpReply } from './transports/keepAliveHttp';

/** A failure of the client, explained for a person in `problem`. */
export class McpScopeError extends Error {
  constructor(
    readonly problem: Problem,
    options?: { cause?: unknown },
  ) {
    super(problem.advice ? `${problem.summary} ${problem.advice}` : problem.summary, options);
    this.name = new.target.name;
  }
}

/** The server answered an HTTP request with a status the protocol does not allow there. */
export class HttpStatusError extends McpScopeError {
  constructor(
    problem: Problem & { http: HttpAnswer },
    readonly status = problem.http.status,
  ) {
    super(problem);
  }
}

/**
 * The server no longer knows the session. `renewable` when it said so the way the spec says (404):
 * the client then starts a new session by itself; otherwise (a 400 naming the session, as some
 * servers answer) the user decides.
 */
export class SessionEndedError extends HttpStatusError {
  constructor(
    problem: Problem & { http: HttpAnswer },
    readonly renewable: boolean,
  ) {
    super(problem);
  }
}

/** The server answered a request with a JSON-RPC error. */
export class RpcError extends McpScopeError {
  constructor(
    readonly method: string,
    readonly error: RpcErrorObject,
  ) {
    super({ summary: `The server answered ${method} with error ${error.code}: ${error.message}` });
  }
}

/** No answer came within the request's timeout. */
export class RequestTimeoutError extends McpScopeError {}

/** The caller cancelled the request. */
export class CancelledError extends McpScopeError {}

/** The connection ended while the request was waiting. */
export class ConnectionClosedError extends McpScopeError {}

/** The request never got an HTTP answer: refused, reset, unresolvable, timed out. */
export class NetworkError extends McpScopeError {}

/** The connection broke while a response body was being read. */
export class StreamBrokenError extends McpScopeError {}

/** The server sent something the protocol does not allow where it came. */
export class ProtocolViolationError extends McpScopeError {}

/** The Problem of any error: the client's own errors carry one; anything else is described. */
export function problemOf(error: unknown): Problem {
  if (error instanceof McpScopeError) return error.problem;
  if (error instanceof Error) return { summary: error.message };
  return { summary: String(error) };
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused: nothing is listening there',
  ECONNRESET: 'the connection was reset by the other side',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (DNS did not answer)',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
};

/** Describes a failed HTTP request (no HTTP answer: a node:http system error), naming the request that was tried. */
export function networkProblem(what: string, url: string, error: unknown): Problem {
  const code = (error as { code?: unknown } | undefined)?.code;
  const known = typeof code === 'string' ? code : undefined;
  const reason = (known && NETWORK_REASONS[known]) ?? (error as Error)?.message ?? String(error);
  return {
    summary: `${what} to ${url} failed: ${reason}${known ? ` (${known})` : ''}.`,
    advice: 'Check that the server is running and that the URL, port and path are right.',
  };
}

const BODY_START_CHARS = 600;

/** Reads the start of a body, for an error message, and drops the rest. */
async function readBodyStart(body: AsyncIterable<string>): Promise<string> {
  let text = '';
  try {
    // Leaving the loop early destroys the body.
    for await (const chunk of body) {
      text += chunk;
      if (text.length > BODY_START_CHARS) break;
    }
  } catch {
    // A body cut off while we read it still has a start worth showing.
  }
  return text;
}

/**
 * The HTTP part of a Problem, from an answer whose body has not been read yet, or whose body was
 * read whole as `bodyText`.
 */
export async function httpAnswerOf(reply: HttpReply, bodyText?: string): Promise<HttpAnswer> {
  const text = bodyText ?? (await readBodyStart(reply.body));
  return {
    status: reply.status,
    statusText: reply.statusText,
    contentType: reply.headers['content-type'] ?? null,
    bodyStart: text.length > BODY_START_CHARS ? `${text.slice(0, BODY_START_CHARS)}…` : text,
  };
}
