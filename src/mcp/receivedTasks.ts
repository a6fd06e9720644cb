// The client as the receiver of tasks (2025-11-25 experimental tasks): a server that asks for
// sampling or elicitation with a `task` param gets a CreateTaskResult at once, while the request
// itself goes on being answered (by a person, in MCP Scope) in the background. The server then
// polls `tasks/get`, waits on `tasks/result`, lists with `tasks/list`, cancels with `tasks/cancel`,
// and hears `notifications/tasks/status` whenever a task's status changes.

import { randomUUID } from 'node:crypto';
import type { RpcErrorObject, TaskStatus } from '../shared/model';
import { CancelledError, McpScopeError, problemOf, RpcError } from './problems';
import { isTerminal } from './tasks';

/** The request kinds a client may run as tasks, as `capabilities.tasks.requests` names them. */
const TASK_REQUESTS: Record<string, readonly [string, string]> = {
  'sampling/createMessage': ['sampling', 'createMessage'],
  'elicitation/create': ['elicitation', 'create'],
};

/** The poll interval suggested to servers: a person's answer is not worth polling faster for. */
const POLL_INTERVAL_MS = 1000;

/** The `_meta` key that ties a message to its task. */
const RELATED_TASK = 'io.modelcontextprotocol/related-task';

/** A Task as the spec sends it (2025-11-25 names). */
export interface ReceivedTask {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  createdAt: string;
  lastUpdatedAt: string;
  ttl: number | null;
  pollInterval: number;
}

interface Entry {
  task: ReceivedTask;
  method: string;
  /** Aborted by `tasks/cancel` or the end of the session: the request stops waiting for its answer. */
  controller: AbortController;
  outcome: Promise<{ result: Record<string, unknown> } | { error: RpcErrorObject }>;
  expiry?: ReturnType<typeof setTimeout>;
}

/** What the receiver needs of the client: a way to tell the server a task changed. */
export type TaskStatusNotifier = (task: ReceivedTask) => void;

/** Runs the request a task stands for: resolves to its result, or throws an RpcError to answer with. */
export type TaskWork = (signal: AbortSignal, taskId: string) => Promise<Record<string, unknown>>;

export class ReceivedTasks {
  private readonly tasks = new Map<string, Entry>();

  /**
   * `declared` is the `tasks` capability the client sent in `initialize` (undefined when it sent
   * none): it decides which requests become tasks and whether `tasks/list` and `tasks/cancel` are served.
   */
  constructor(
    private readonly declared: Record<string, unknown> | undefined,
    private readonly notifyStatus: TaskStatusNotifier,
  ) {}

  /**
   * Whether this request is to run as a task: it carries a `task` param and the client declared
   * task support for its kind. A receiver that did not declare it must ignore the `task` param.
   */
  accepts(method: string, params: Record<string, unknown> | undefined): boolean {
    const path = TASK_REQUESTS[method];
    if (!path || typeof params?.task !== 'object' || params.task === null) return false;
    const requests = this.declared?.requests as Record<string, Record<string, unknown> | undefined> | undefined;
    return requests?.[path[0]]?.[path[1]] !== undefined;
  }

  /** Creates the task and starts its work; returns the CreateTaskResult to answer the request with at once. */
  start(method: string, params: Record<string, unknown> | undefined, work: TaskWork): Record<string, unknown> {
    const requested = (params?.task as { ttl?: unknown } | undefined)?.ttl;
    const now = new Date().toISOString();
    const task: ReceivedTask = {
      taskId: randomUUID(),
      status: 'working',
      statusMessage: 'Waiting for the user to answer in MCP Scope.',
      createdAt: now,
      lastUpdatedAt: now,
      ttl: typeof requested === 'number' && requested > 0 ? requested : null,
      pollInterval: POLL_INTERVAL_MS,
    };
    const controller = new AbortController();
    const entry: Entry = {
      task,
      method,
      controller,
      outcome: work(controller.signal, task.taskId).then(
        (result) => ({ result }),
        (error: unknown) => ({ error: errorObjectOf(method, error) }),
      ),
    };
    this.tasks.set(task.taskId, entry);
    void entry.outcome.then((outcome) => {
      // A cancelled task stays cancelled, whatever its work did after.
      if (task.status === 'cancelled') return;
      if ('result' in outcome) this.change(entry, 'completed', completedMessage(method, outcome.result));
      else this.change(entry, 'failed', outcome.error.message);
    });
    return { task: { ...task } };
  }

  /** The handler for a `tasks/*` request, when the client serves it; undefined for anything else. */
  handlerFor(method: string): ((params: Record<string, unknown> | undefined) => Promise<Record<string, unknown>>) | undefined {
    if (this.declared === undefined) return undefined;
    switch (method) {
      case 'tasks/get':
        return async (params) => ({ ...this.entryOf(method, params).task });
      case 'tasks/result':
        return async (params) => this.resultOf(this.entryOf(method, params));
      case 'tasks/list':
        return this.declared.list === undefined ? undefined : async (params) => this.list(params);
      case 'tasks/cancel':
        return this.declared.cancel === undefined ? undefined : async (params) => this.cancel(this.entryOf(method, params));
      default:
        return undefined;
    }
  }

  /** Ends every task still running: the session is over, so no answer will reach the server. */
  endAll(reason: string): void {
    for (const entry of this.tasks.values()) {
      clearTimeout(entry.expiry);
      if (!isTerminal(entry.task.status)) entry.controller.abort(new McpScopeError({ summary: reason }));
    }
    this.tasks.clear();
  }

  private entryOf(method: string, params: Record<string, unknown> | undefined): Entry {
    const taskId = params?.taskId;
    const entry = typeof taskId === 'string' ? this.tasks.get(taskId) : undefined;
    if (entry) return entry;
    throw new RpcError(method, {
      code: -32602,
      message: typeof taskId === 'string' ? `No task ${taskId} here: it never existed, or its ttl ran out and it was deleted.` : 'tasks requests need a string taskId.',
    });
  }

  /** Blocks until the task ends; then answers exactly what the request would have, tied to its task. */
  private async resultOf(entry: Entry): Promise<Record<string, unknown>> {
    const outcome = await entry.outcome;
    if (entry.task.status === 'cancelled') {
      throw new RpcError('tasks/result', { code: -32603, message: entry.task.statusMessage ?? `Task ${entry.task.taskId} was cancelled.` });
    }
    if ('error' in outcome) throw new RpcError('tasks/result', outcome.error);
    const meta = typeof outcome.result._meta === 'object' && outcome.result._meta !== null ? outcome.result._meta : {};
    return { ...outcome.result, _meta: { ...meta, [RELATED_TASK]: { taskId: entry.task.taskId } } };
  }

  private list(params: Record<string, unknown> | undefined): Record<string, unknown> {
    // Every task fits on one page, so no cursor is ever handed out.
    if (params?.cursor !== undefined) throw new RpcError('tasks/list', { code: -32602, message: 'Invalid cursor: this client hands out no cursors for tasks/list.' });
    return { tasks: [...this.tasks.values()].map((entry) => ({ ...entry.task })) };
  }

  private cancel(entry: Entry): Record<string, unknown> {
    const { task } = entry;
    if (isTerminal(task.status)) {
      throw new RpcError('tasks/cancel', { code: -32602, message: `Task ${task.taskId} is already ${task.status}; a finished task cannot be cancelled.` });
    }
    // The status changes before the answer, as the spec requires, and before the work hears of it.
    this.change(entry, 'cancelled', 'The server cancelled the task (tasks/cancel) before the user answered.');
    entry.controller.abort(new CancelledError({ summary: 'The server cancelled the task (tasks/cancel).' }));
    return { ...task };
  }

  private change(entry: Entry, status: TaskStatus, statusMessage: string): void {
    const { task } = entry;
    task.status = status;
    task.statusMessage = statusMessage;
    task.lastUpdatedAt = new Date().toISOString();
    this.notifyStatus({ ...task });
    if (isTerminal(status) && task.ttl !== null) {
      // A finished task is kept until its ttl from creation runs out, as the server asked.
      const left = Date.parse(task.createdAt) + task.ttl - Date.now();
      entry.expiry = setTimeout(() => this.tasks.delete(task.taskId), Math.max(0, left));
      entry.expiry.unref?.();
    }
  }
}

function errorObjectOf(method: string, error: unknown): RpcErrorObject {
  if (error instanceof RpcError) return error.error;
  return { code: -32603, message: `Answering ${method} failed: ${problemOf(error).summary}` };
}

function completedMessage(method: string, result: Record<string, unknown>): string {
  if (method === 'elicitation/create') return `The user answered (${String(result.action)}).`;
  return 'The user answered.';
}
