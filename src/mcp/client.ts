// The MCP client: JSON-RPC over any transport, request correlation, progress, timeouts,
// cancellation, and the MCP calls the inspector needs. It knows nothing about VS Code.

import type { z } from 'zod';
import type { LogLevel, Problem, ProgressReport, RpcErrorObject } from '../shared/model';
import {
  describeIssues,
  isNotification,
  isRequest,
  type JsonRpcMessage,
  type JsonRpcNotification,
  type JsonRpcRequest,
  type RequestId,
} from './jsonRpc';
import {
  CancelledError,
  ConnectionClosedError,
  type McpScopeError,
  ProtocolViolationError,
  RequestTimeoutError,
  RpcError,
} from './problems';
import {
  CallToolResult,
  InitializeResult,
  LATEST_PROTOCOL_VERSION,
  ListPage,
  LogMessageParams,
  ProgressParams,
  Prompt,
  Resource,
  SUPPORTED_PROTOCOL_VERSIONS,
  Tool,
} from './protocol';
import type { Transport } from './transport';

/** What the client saw happen, in order, for the timeline. */
export type ClientEvent =
  | { type: 'request'; requestId: RequestId; method: string; params?: unknown }
  | {
      type: 'response';
      requestId: RequestId;
      method: string;
      durationMs: number;
      result?: unknown;
      error?: RpcErrorObject;
    }
  | { type: 'notification'; direction: 'sent' | 'received'; method: string; params?: unknown }
  | ({ type: 'progress'; requestId: RequestId } & ProgressReport)
  | { type: 'log'; level: LogLevel; logger?: string; data: unknown }
  | { type: 'malformed'; raw: string; reason: string }
  | { type: 'problem'; problem: Problem };

export interface McpClientOptions {
  /** How MCP Scope names itself in `initialize`. */
  clientInfo: { name: string; version: string };
  /** How long a request waits for its answer, in milliseconds; each progress notification restarts the wait. Default 60000. */
  requestTimeoutMs?: number;
  /** Receives every event of the connection as it happens. */
  onEvent?: (event: ClientEvent) => void;
  /** Pins the protocol version: asked for in `initialize`, and a server that picks another is refused. Default: the latest MCP Scope speaks. */
  protocolVersion?: string;
}

export interface RequestOptions {
  /** Overrides the client's request timeout for this request. */
  timeoutMs?: number;
  /** Aborting it cancels the request: the server is told with `notifications/cancelled`. */
  signal?: AbortSignal;
  /** Asks the server for progress (`_meta.progressToken`) and receives each report. */
  onProgress?: (progress: ProgressReport) => void;
  /** Learns the request's JSON-RPC id just before it is sent. */
  onSent?: (requestId: RequestId) => void;
}

interface PendingRequest {
  method: string;
  startedAt: number;
  timeoutMs: number;
  timer: ReturnType<typeof setTimeout>;
  /** Ends the HTTP exchange that carries the request when the client stops waiting. */
  exchange: AbortController;
  onProgress?: (progress: ProgressReport) => void;
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
}

/** How long closing waits for notifications still on their way. */
const NOTIFICATION_GRACE_MS = 2000;

export class McpClient {
  private nextId = 1;
  private readonly pending = new Map<RequestId, PendingRequest>();
  /** Notifications being sent; closing waits for them, or closing right after a timeout would cut off its cancellation. */
  private readonly sending = new Set<Promise<void>>();
  private closed = false;
  /** What the server said of itself in `initialize`, once connected. */
  server: InitializeResult | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly options: McpClientOptions,
  ) {}

  /** The session id the server assigned, if it uses sessions. */
  get sessionId(): string | undefined {
    return this.transport.sessionId;
  }

  /** Runs `initialize` and `notifications/initialized`; afterwards the client is ready for calls. */
  async connect(): Promise<InitializeResult> {
    this.transport.start({
      onMessage: (message) => this.receive(message),
      onMalformed: (raw, reason) => this.emit({ type: 'malformed', raw, reason }),
      onProblem: (problem) => this.emit({ type: 'problem', problem }),
    });
    const pinned = this.options.protocolVersion;
    const raw = await this.request('initialize', {
      protocolVersion: pinned ?? LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: this.options.clientInfo,
    });
    const result = checkResult(InitializeResult, raw, 'initialize');
    if (pinned !== undefined && result.protocolVersion !== pinned) {
      throw new ProtocolViolationError({
        summary: `The protocol version is pinned to ${pinned}, but the server chose ${result.protocolVersion}.`,
        advice: `Pin ${result.protocolVersion} instead, or remove the pin to let MCP Scope and the server agree.`,
      });
    }
    if (!SUPPORTED_PROTOCOL_VERSIONS.includes(result.protocolVersion)) {
      throw new ProtocolViolationError({
        summary: `The server chose protocol version ${result.protocolVersion}, which MCP Scope does not speak over Streamable HTTP.`,
        advice: `MCP Scope speaks ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}.`,
      });
    }
    this.server = result;
    this.transport.protocolVersion = result.protocolVersion;
    await this.notify('notifications/initialized');
    this.transport.sessionStarted();
    return result;
  }

  /** Every tool the server lists, following `nextCursor` through every page. */
  listTools(options?: RequestOptions): Promise<Tool[]> {
    return this.listValid('tools/list', 'tools', Tool, 'a tool', options);
  }

  /** Every resource the server lists, following `nextCursor` through every page. */
  listResources(options?: RequestOptions): Promise<Resource[]> {
    return this.listValid('resources/list', 'resources', Resource, 'a resource', options);
  }

  /** Every prompt the server lists, following `nextCursor` through every page. */
  listPrompts(options?: RequestOptions): Promise<Prompt[]> {
    return this.listValid('prompts/list', 'prompts', Prompt, 'a prompt', options);
  }

  /** Calls a tool, asking for progress. A result with `isError` is a result, not an exception. */
  async callTool(name: string, args: Record<string, unknown>, options: RequestOptions = {}): Promise<CallToolResult> {
    const raw = await this.request('tools/call', { name, arguments: args }, { onProgress: () => undefined, ...options });
    return checkResult(CallToolResult, raw, `tools/call ${name}`);
  }

  /** Sends a request and waits for its result; rejects with a McpScopeError explaining any failure. */
  request(method: string, params?: Record<string, unknown>, options: RequestOptions = {}): Promise<Record<string, unknown>> {
    if (this.closed) return Promise.reject(closedError(method));
    if (options.signal?.aborted) return Promise.reject(cancelledError(method));
    const id = this.nextId++;
    const withProgress = options.onProgress ? { ...params, _meta: { ...metaOf(params), progressToken: id } } : params;
    const message: JsonRpcRequest = { jsonrpc: '2.0', id, method, ...(withProgress && { params: withProgress }) };
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? 60_000;

    return new Promise((resolve, reject) => {
      const pending: PendingRequest = {
        method,
        startedAt: performance.now(),
        timeoutMs,
        timer: setTimeout(() => this.giveUp(id, timeoutError(method, timeoutMs)), timeoutMs),
        exchange: new AbortController(),
        onProgress: options.onProgress,
        resolve,
        reject,
      };
      this.pending.set(id, pending);
      options.signal?.addEventListener('abort', () => this.giveUp(id, cancelledError(method)), { once: true });
      options.onSent?.(id);
      this.emit({ type: 'request', requestId: id, method, params: message.params });
      this.transport.send(message, { signal: pending.exchange.signal }).catch((error: unknown) => {
        this.settle(id, error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  /** Sends a notification. */
  async notify(method: string, params?: Record<string, unknown>): Promise<void> {
    const message: JsonRpcNotification = { jsonrpc: '2.0', method, ...(params && { params }) };
    this.emit({ type: 'notification', direction: 'sent', method, params });
    const sent = this.transport.send(message);
    this.sending.add(sent);
    try {
      await sent;
    } finally {
      this.sending.delete(sent);
    }
  }

  /**
   * Ends the session: every waiting request is rejected, notifications on their way (a last
   * `notifications/cancelled`) get a moment to arrive, and the transport closes.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const [id, pending] of this.pending) this.settle(id, closedError(pending.method));
    if (this.sending.size > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([Promise.allSettled(this.sending), new Promise((resolve) => (timer = setTimeout(resolve, NOTIFICATION_GRACE_MS)))]);
      clearTimeout(timer);
    }
    await this.transport.close();
  }

  /** Every item of a paginated list that has the shape MCP requires; each other one becomes a `malformed` event. */
  private async listValid<T extends z.ZodType>(
    method: string,
    key: string,
    schema: T,
    what: string,
    options?: RequestOptions,
  ): Promise<z.infer<T>[]> {
    const valid: z.infer<T>[] = [];
    for (const item of await this.listAll(method, key, options)) {
      const parsed = schema.safeParse(item);
      if (parsed.success) valid.push(parsed.data);
      else
        this.emit({
          type: 'malformed',
          raw: JSON.stringify(item),
          reason: `${what} left out of the list: ${describeIssues(parsed.error)}`,
        });
    }
    return valid;
  }

  private async listAll(method: string, key: string, options?: RequestOptions): Promise<unknown[]> {
    const items: unknown[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const raw = await this.request(method, cursor ? { cursor } : undefined, options);
      const page = checkResult(ListPage, { ...raw, items: raw[key] }, `${method} (its "${key}")`);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (cursor !== undefined && seen.has(cursor)) {
        throw new ProtocolViolationError({
          summary: `The server's ${method} pages loop: cursor ${JSON.stringify(cursor)} came back a second time.`,
        });
      }
      if (cursor !== undefined) seen.add(cursor);
    } while (cursor !== undefined);
    return items;
  }

  private receive(message: JsonRpcMessage): void {
    if (isRequest(message)) void this.answerServerRequest(message);
    else if (isNotification(message)) this.receiveNotification(message);
    else this.receiveResponse(message);
  }

  private receiveResponse(message: Exclude<JsonRpcMessage, JsonRpcRequest | JsonRpcNotification>): void {
    const pending = message.id === null ? undefined : this.pending.get(message.id);
    if (!pending || message.id === null) {
      this.emit({
        type: 'malformed',
        raw: JSON.stringify(message),
        reason:
          message.id === null
            ? 'an error that names no request (id null)'
            : `a response to request id ${JSON.stringify(message.id)}, which is not waiting for an answer`,
      });
      return;
    }
    const durationMs = performance.now() - pending.startedAt;
    if ('error' in message) {
      this.emit({ type: 'response', requestId: message.id, method: pending.method, durationMs, error: message.error });
      this.settle(message.id, new RpcError(pending.method, message.error));
    } else {
      this.emit({ type: 'response', requestId: message.id, method: pending.method, durationMs, result: message.result });
      this.settle(message.id, message.result);
    }
  }

  private receiveNotification(message: JsonRpcNotification): void {
    if (message.method === 'notifications/progress') {
      const params = ProgressParams.safeParse(message.params);
      const pending = params.success ? this.pending.get(params.data.progressToken) : undefined;
      if (params.success && pending) {
        const { progressToken, progress, total, message: text } = params.data;
        const report: ProgressReport = { progress, ...(total !== undefined && { total }), ...(text !== undefined && { message: text }) };
        this.emit({ type: 'progress', requestId: progressToken, ...report });
        clearTimeout(pending.timer);
        pending.timer = setTimeout(() => this.giveUp(progressToken, timeoutError(pending.method, pending.timeoutMs)), pending.timeoutMs);
        pending.onProgress?.(report);
        return;
      }
      if (!params.success) {
        this.emit({ type: 'malformed', raw: JSON.stringify(message), reason: `invalid progress: ${describeIssues(params.error)}` });
        return;
      }
    } else if (message.method === 'notifications/message') {
      const params = LogMessageParams.safeParse(message.params);
      if (params.success) {
        const { level, logger, data } = params.data;
        this.emit({ type: 'log', level, ...(logger !== undefined && { logger }), data });
      } else {
        this.emit({ type: 'malformed', raw: JSON.stringify(message), reason: `invalid log message: ${describeIssues(params.error)}` });
      }
      return;
    }
    this.emit({ type: 'notification', direction: 'received', method: message.method, params: message.params });
  }

  /** Answers what the server asks of the client: `ping`, and an honest "not supported" for the rest. */
  private async answerServerRequest(request: JsonRpcRequest): Promise<void> {
    this.emit({ type: 'notification', direction: 'received', method: request.method, params: request.params });
    const answer: JsonRpcMessage =
      request.method === 'ping'
        ? { jsonrpc: '2.0', id: request.id, result: {} }
        : {
            jsonrpc: '2.0',
            id: request.id,
            error: { code: -32601, message: `MCP Scope does not handle ${request.method} requests yet` },
          };
    try {
      await this.transport.send(answer);
    } catch (error) {
      this.emit({
        type: 'problem',
        problem: {
          summary: `Could not answer the server's ${request.method} request: ${(error as Error).message}`,
        },
      });
    }
  }

  /** Stops waiting for a request and tells the server it may stop working on it. */
  private giveUp(id: RequestId, reason: McpScopeError): void {
    if (!this.pending.has(id)) return;
    this.settle(id, reason);
    this.notify('notifications/cancelled', { requestId: id, reason: reason.problem.summary }).catch((error: unknown) =>
      this.emit({ type: 'problem', problem: { summary: `Could not tell the server to cancel request ${id}: ${(error as Error).message}` } }),
    );
  }

  private settle(id: RequestId, outcome: Record<string, unknown> | Error): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (outcome instanceof Error) {
      pending.exchange.abort();
      pending.reject(outcome);
    } else {
      pending.resolve(outcome);
    }
  }

  private emit(event: ClientEvent): void {
    this.options.onEvent?.(event);
  }
}

function checkResult<T extends z.ZodType>(schema: T, raw: Record<string, unknown>, what: string): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ProtocolViolationError({
    summary: `The server's result for ${what} does not have the shape MCP requires: ${describeIssues(parsed.error)}.`,
  });
}

function metaOf(params: Record<string, unknown> | undefined): Record<string, unknown> {
  const meta = params?._meta;
  return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {};
}

const timeoutError = (method: string, ms: number) =>
  new RequestTimeoutError({
    summary: `The server did not answer ${method} within ${ms / 1000} s.`,
    advice: 'Raise mcpScope.requestTimeoutSeconds if the server is just slow, or check the server for a hang.',
  });
const cancelledError = (method: string) => new CancelledError({ summary: `${method} was cancelled.` });
const closedError = (method: string) =>
  new ConnectionClosedError({ summary: `The connection closed before the server answered ${method}.` });
