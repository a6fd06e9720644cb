// The server requests only a person can answer (sampling, elicitation). Each one waits, announced
// to the panel, until the user answers it, the server (or the call that needed it) withdraws it,
// its session ends, or its time runs out and MCP Scope refuses it for the user. Nothing else is
// ever sent in the user's name.

import { type AnsweredByPerson, checkAnswer, samplingRefused } from '../mcp/answerShapes';
import type { RequestId } from '../mcp/jsonRpc';
import { McpScopeError } from '../mcp/problems';
import type { PendingServerRequest, ServerRequestAnswer, SettledServerRequest } from '../shared/model';
import { Listeners } from './listeners';

/** One request to park: whose it is, what it asks, and how long the user has. */
export interface ParkedRequest {
  serverId: string;
  method: AnsweredByPerson;
  params: Record<string, unknown> | undefined;
  requestId: RequestId;
  /** The task the request runs as, when the server asked for one. */
  taskId: string | undefined;
  /**
   * Aborted when the request is withdrawn: the server cancelled it, its connection ended, or the
   * call that needed it was cancelled. An McpScopeError as its reason says which.
   */
  signal: AbortSignal;
  /** What to say when `signal` aborts without an McpScopeError. */
  withdrawnReason: string;
  timeoutMs: number;
}

interface Waiting {
  request: PendingServerRequest;
  timer: ReturnType<typeof setTimeout>;
  /** Answers the server: with the user's result, or with the error the client sends back. */
  settle(outcome: Record<string, unknown> | Error, settled: SettledServerRequest): void;
}

export class PendingRequests {
  /** Hears each request as it starts to wait for the user. */
  readonly added = new Listeners<PendingServerRequest>();
  /** Hears each request that stopped waiting, and why. */
  readonly settled = new Listeners<SettledServerRequest>();
  private readonly waiting = new Map<string, Waiting>();
  private nextId = 1;

  /** The requests waiting for the user now, oldest first. */
  list(): PendingServerRequest[] {
    return [...this.waiting.values()].map((waiting) => waiting.request);
  }

  /** Waits for the user's answer to one server request; resolves with the result to send, or rejects with the error to send. */
  park(parked: ParkedRequest): Promise<Record<string, unknown>> {
    const { serverId, method, params, requestId, taskId, signal, withdrawnReason, timeoutMs } = parked;
    const receivedAt = Date.now();
    const request: PendingServerRequest = {
      id: `request-${this.nextId++}`,
      serverId,
      method,
      params: params ?? {},
      requestId,
      ...(taskId !== undefined && { taskId }),
      receivedAt,
      deadline: receivedAt + timeoutMs,
    };
    return new Promise((resolve, reject) => {
      const ended = (reason: string, answered: boolean): SettledServerRequest => ({ id: request.id, serverId, method, reason, answered });
      const withdraw = () => {
        const reason = signal.reason instanceof McpScopeError ? signal.reason.problem.summary : withdrawnReason;
        this.end(request.id, new McpScopeError({ summary: reason }), ended(reason, false));
      };
      const waiting: Waiting = {
        request,
        timer: setTimeout(() => {
          const seconds = Math.round(timeoutMs / 1000);
          const outcome = timeoutAnswer(method, seconds);
          const reason = `No answer within ${seconds} s: ${outcome instanceof Error ? 'refused' : 'cancelled'} for you.`;
          this.end(request.id, outcome, ended(reason, false));
        }, timeoutMs),
        settle: (outcome, settled) => {
          signal.removeEventListener('abort', withdraw);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
          this.settled.emit(settled);
        },
      };
      this.waiting.set(request.id, waiting);
      this.added.emit(request);
      if (signal.aborted) withdraw();
      else signal.addEventListener('abort', withdraw, { once: true });
    });
  }

  /** Sends the user's answer; throws, sending nothing, when the request is gone or the answer does not fit. */
  answer(id: string, answer: ServerRequestAnswer): void {
    const waiting = this.waiting.get(id);
    if (!waiting) {
      throw new McpScopeError({
        summary: 'That server request is no longer waiting for an answer: it was answered, withdrawn or timed out, or its session ended.',
      });
    }
    const { method, serverId } = waiting.request;
    if ('refuse' in answer) {
      if (method !== 'sampling/createMessage') {
        throw new McpScopeError({ summary: `An ${method} request is refused with an answer whose action is "decline" or "cancel".` });
      }
      this.end(id, samplingRefused('The user declined the sampling request.'), { id, serverId, method, reason: 'Declined.', answered: true });
      return;
    }
    const result = checkAnswer(method, answer.result);
    const action = method === 'elicitation/create' ? ` (${String(result.action)})` : '';
    this.end(id, result, { id, serverId, method, reason: `Answered${action}.`, answered: true });
  }

  /** Ends every request of a server whose session ended; the client has stopped waiting for their answers. */
  endAll(serverId: string, reason: string): void {
    for (const waiting of [...this.waiting.values()]) {
      const { id, method } = waiting.request;
      if (waiting.request.serverId === serverId) this.end(id, new McpScopeError({ summary: reason }), { id, serverId, method, reason, answered: false });
    }
  }

  private end(id: string, outcome: Record<string, unknown> | Error, settled: SettledServerRequest): void {
    const waiting = this.waiting.get(id);
    if (!waiting) return;
    this.waiting.delete(id);
    clearTimeout(waiting.timer);
    waiting.settle(outcome, settled);
  }
}

/**
 * What goes back when the user did not answer in time: a sampling request is refused with the
 * spec's "user rejected" error; an elicitation is `cancel`, the spec's "dismissed without making an
 * explicit choice".
 */
function timeoutAnswer(method: AnsweredByPerson, seconds: number): Record<string, unknown> | Error {
  if (method === 'sampling/createMessage') return samplingRefused(`The user did not answer the sampling request within ${seconds} s.`);
  return { action: 'cancel' };
}
