// Tool calls that run as tasks. 2025-11-25 (experimental tasks): the client asks for a task in
// `tools/call`, polls `tasks/get`, and fetches the outcome with `tasks/result`, which also carries
// the server's requests while the task waits for input. 2026-07-28 (the tasks extension): the
// server turns a call into a task by itself (`resultType: "task"`), `tasks/get` carries the
// outcome and the input requests, and the client answers those with `tasks/update`. In both,
// `tasks/cancel` cancels and status notifications may arrive between polls.

import { z } from 'zod';
import { type ProtocolEra, TASK_STATUSES, type TaskSource, type TaskState, type TaskStatus } from '../shared/model';
import type { ClientEvent, RequestOptions } from './client';
import { describeIssues, type RequestId } from './jsonRpc';
import { CancelledError, type McpScopeError, problemOf, ProtocolViolationError, RpcError } from './problems';
import { InputRequest } from './protocol';

/** The extension identifier a client declares (in `extensions` of its capabilities) to receive tasks in the stateless era. */
export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

/** A Task of either era; 2025 names `ttl` and `pollInterval` what 2026 names `ttlMs` and `pollIntervalMs`. */
export const Task = z
  .object({
    taskId: z.string().min(1),
    status: z.enum(TASK_STATUSES),
    statusMessage: z.string().optional(),
    createdAt: z.string().optional(),
    lastUpdatedAt: z.string().optional(),
    ttl: z.number().nullable().optional(),
    ttlMs: z.number().nullable().optional(),
    pollInterval: z.number().nonnegative().optional(),
    pollIntervalMs: z.number().nonnegative().optional(),
  })
  .loose();

/** What `tasks/get` adds to a task in the stateless era: the outcome when terminal, the input it waits for. */
const DetailedTask = Task.extend({
  result: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ code: z.number(), message: z.string(), data: z.unknown().optional() }).loose().optional(),
  inputRequests: z.record(z.string(), InputRequest).optional(),
});
type DetailedTask = z.infer<typeof DetailedTask>;

/** Polling faster than this would only load the server, whatever interval it suggests. */
const MIN_POLL_MS = 100;
/** The poll interval when the server suggests none. */
const DEFAULT_POLL_MS = 1000;

export function isTerminal(status: TaskStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

function stateOf(task: z.infer<typeof Task>): TaskState {
  const ttlMs = task.ttlMs !== undefined ? task.ttlMs : task.ttl;
  const pollIntervalMs = task.pollIntervalMs ?? task.pollInterval;
  return {
    taskId: task.taskId,
    status: task.status,
    ...(task.statusMessage !== undefined && { statusMessage: task.statusMessage }),
    ...(task.createdAt !== undefined && { createdAt: task.createdAt }),
    ...(task.lastUpdatedAt !== undefined && { lastUpdatedAt: task.lastUpdatedAt }),
    ...(ttlMs !== undefined && { ttlMs }),
    ...(pollIntervalMs !== undefined && { pollIntervalMs }),
  };
}

function parseTask<T extends z.ZodType>(schema: T, raw: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ProtocolViolationError({ summary: `The server's ${what} is not a Task as MCP requires: ${describeIssues(parsed.error)}.` });
}

/**
 * The task a `tools/call` result created, if it created one: in the 2025 era a CreateTaskResult
 * (`{ task }`) answers a call that asked for a task (a server may still answer it at once), in the
 * stateless era a result with `resultType: "task"`.
 */
export function createdTaskOf(result: Record<string, unknown>, era: ProtocolEra | undefined): TaskState | undefined {
  if (era === 'stateless') return result.resultType === 'task' ? stateOf(parseTask(Task, result, 'CreateTaskResult')) : undefined;
  if (result.task === undefined || Array.isArray(result.content)) return undefined;
  return stateOf(parseTask(Task, result.task, 'CreateTaskResult task'));
}

/** What following a task needs of the client. */
export interface TaskHost {
  readonly era: ProtocolEra | undefined;
  request(method: string, params: Record<string, unknown>, options: RequestOptions): Promise<Record<string, unknown>>;
  /** Hears the server's status notifications for one task until the returned function is called. */
  watch(taskId: string, listener: (params: Record<string, unknown>) => void): () => void;
  /** Answers input requests through the client's handlers; resolves to the `inputResponses`. */
  answerInput(taskId: string, requests: Record<string, z.infer<typeof InputRequest>>, signal: AbortSignal): Promise<Record<string, unknown>>;
  emit(event: ClientEvent): void;
}

export interface TaskFollowOptions {
  /** Aborting it cancels the task with `tasks/cancel`. */
  signal?: AbortSignal;
  /** Hears the task whenever its status or status message changes. */
  onTask?: (task: TaskState) => void;
  /** Learns the id of each request sent for the task (polls, results, updates, cancel). */
  onSent?: (requestId: RequestId) => void;
  /** Each poll's own timeout. */
  timeoutMs?: number;
}

/**
 * Follows a task to its end: polls `tasks/get` at the interval the server asks for (sooner when a
 * status notification arrives), answers what it asks for meanwhile, and resolves to the result of
 * the call the task stands for; rejects with an RpcError when the task failed with one, and with a
 * CancelledError when it was cancelled (by `signal`, which sends `tasks/cancel`, or by the server).
 * `callRequestId` is the `tools/call` that created the task, for the timeline.
 */
export async function followTask(
  host: TaskHost,
  created: TaskState,
  callRequestId: RequestId,
  options: TaskFollowOptions = {},
): Promise<Record<string, unknown>> {
  const { taskId } = created;
  let task = created;
  let detailed: DetailedTask | undefined;
  let wake = () => undefined as void;
  const see = (raw: unknown, source: TaskSource, what: string) => {
    const parsed = parseTask(DetailedTask, raw, what);
    if (parsed.taskId !== taskId) {
      throw new ProtocolViolationError({ summary: `The server's ${what} describes task ${parsed.taskId}, not ${taskId}.` });
    }
    detailed = parsed;
    const next = stateOf(parsed);
    const changed = next.status !== task.status || next.statusMessage !== task.statusMessage;
    task = next;
    if (changed) announce(source);
  };
  const announce = (source: TaskSource) => {
    host.emit({ type: 'task', requestId: callRequestId, task, source });
    options.onTask?.(task);
  };
  const requestOptions: RequestOptions = {
    ...(options.onSent && { onSent: options.onSent }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  };
  announce('created');
  const stopWatching = host.watch(taskId, (params) => {
    try {
      see(params, 'notified', 'task status notification');
      wake();
    } catch (error) {
      host.emit({ type: 'problem', problem: problemOf(error) });
    }
  });
  // The 2025 era's blocking `tasks/result`, once asked: it ends with the outcome.
  let outcome: Promise<Record<string, unknown>> | undefined;
  let settled = false;
  // Ends a `tasks/result` still waiting when the follower stops for another reason.
  const stop = new AbortController();
  const answered = new Set<string>();
  try {
    for (;;) {
      if (options.signal?.aborted) throw await cancel(host, taskId, requestOptions, (raw) => see(raw, 'cancelled', 'answer to tasks/cancel'));
      if (host.era === 'stateless') {
        if (task.status === 'completed') return resultOf(detailed, taskId);
        if (task.status === 'failed') throw failureOf(detailed, taskId);
        if (task.status === 'cancelled') throw cancelledBy(task, 'the server');
        if (task.status === 'input_required') {
          const open = Object.entries(detailed?.inputRequests ?? {}).filter(([key]) => !answered.has(key));
          if (open.length > 0) {
            for (const [key] of open) answered.add(key);
            const inputResponses = await host.answerInput(taskId, Object.fromEntries(open), options.signal ?? stop.signal);
            await host.request('tasks/update', { taskId, inputResponses }, requestOptions);
          }
        }
      } else {
        if (task.status === 'cancelled') throw cancelledBy(task, 'the server');
        // `tasks/result` carries the server's requests while the task waits for input, and blocks until it ends.
        if (!outcome && (task.status === 'input_required' || isTerminal(task.status))) {
          outcome = host.request('tasks/result', { taskId }, { ...requestOptions, timeoutMs: Infinity, signal: stop.signal });
          outcome.then(
            () => (settled = true),
            () => (settled = true),
          );
        }
      }
      if (settled && outcome) {
        const result = await outcome;
        await lastLook(host, taskId, requestOptions, (raw) => see(raw, 'polled', 'answer to tasks/get'));
        return result;
      }
      // Only a full interval without news (a notification, the outcome, a cancel) calls for a poll.
      const due = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), Math.max(MIN_POLL_MS, task.pollIntervalMs ?? DEFAULT_POLL_MS));
        wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
        options.signal?.addEventListener('abort', wake, { once: true });
        outcome?.then(wake, wake);
      });
      // One wait, one listener: a long task would otherwise pile one on the signal for every poll.
      options.signal?.removeEventListener('abort', wake);
      if (due) see(await host.request('tasks/get', { taskId }, requestOptions), 'polled', 'answer to tasks/get');
    }
  } finally {
    stopWatching();
    stop.abort();
  }
}

/** Sends `tasks/cancel`; resolves to the CancelledError that ends the call, whatever the server answered. */
async function cancel(host: TaskHost, taskId: string, options: RequestOptions, see: (raw: unknown) => void): Promise<CancelledError> {
  try {
    const answer = await host.request('tasks/cancel', { taskId }, options);
    // 2025 answers with the task, now cancelled; 2026 only acknowledges, and the task may still finish.
    if (host.era !== 'stateless') see(answer);
    return new CancelledError({ summary: `Task ${taskId} was cancelled: MCP Scope sent tasks/cancel and the server acknowledged it.` });
  } catch (error) {
    return new CancelledError({
      summary: `MCP Scope stopped following task ${taskId} and sent tasks/cancel, which failed: ${problemOf(error).summary}`,
      advice: 'The task may still be running on the server.',
    });
  }
}

/** The task's final state after `tasks/result` answered (2025), so that the call shows how it ended; a failure here changes nothing. */
async function lastLook(host: TaskHost, taskId: string, options: RequestOptions, see: (raw: unknown) => void): Promise<void> {
  try {
    see(await host.request('tasks/get', { taskId }, options));
  } catch {
    // The result is in hand; a server may already have forgotten the task.
  }
}

function resultOf(task: DetailedTask | undefined, taskId: string): Record<string, unknown> {
  if (task?.result) return task.result;
  throw new ProtocolViolationError({ summary: `Task ${taskId} is completed, but the server's task carries no result.` });
}

function failureOf(task: DetailedTask | undefined, taskId: string): McpScopeError {
  if (task?.error) return new RpcError('tools/call', task.error);
  return new ProtocolViolationError({
    summary: `Task ${taskId} failed${task?.statusMessage ? ` (${task.statusMessage})` : ''}, but the server's task carries no error.`,
  });
}

function cancelledBy(task: TaskState, who: string): CancelledError {
  return new CancelledError({ summary: `Task ${task.taskId} was cancelled by ${who}${task.statusMessage ? `: ${task.statusMessage}` : '.'}` });
}
