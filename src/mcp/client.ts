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
  problemOf,
  ProtocolViolationError,
  RequestTimeoutError,
  RpcError,
  SessionEndedError,
} from './problems';
import {
  CallToolResult,
  InitializeResult,
  ListPage,
  LogMessageParams,
  ProgressParams,
  Prompt,
  Resource,
  STREAMABLE_HTTP_VERSIONS,
  Tool,
  type VersionOffer,
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
  | { type: 'serverRequest'; requestId: RequestId; method: string; params?: unknown }
  | {
      type: 'serverResponse';
      requestId: RequestId;
      method: string;
      durationMs: number;
      result?: unknown;
      error?: RpcErrorObject;
    }
  | ({ type: 'progress'; requestId: RequestId } & ProgressReport)
  | { type: 'log'; level: LogLevel; logger?: string; data: unknown }
  | { type: 'malformed'; raw: string; reason: string }
  | { type: 'problem'; problem: Problem }
  | { type: 'stderr'; line: string }
  /** The connection ended on its own (the server exited, the stream ended); every waiting request was rejected. */
  | { type: 'closed'; problem: Problem }
  /** Something worth knowing that is not a failure: a stream resumed, a session renewed. */
  | { type: 'note'; text: string }
  /** The server ended the session and started a new one at the client's request; `sessionId` is the new one. */
  | { type: 'sessionRenewed'; sessionId?: string }
  /** The server no longer accepts the session and the client cannot renew it by itself: the user must reconnect. */
  | { type: 'sessionLost'; problem: Problem };

/**
 * Answers one kind of request the server sends (e.g. `roots/list`). It resolves to the result, or
 * throws an RpcError to answer with that JSON-RPC error; any other exception answers -32603.
 */
export type ServerRequestHandler = (
  params: Record<string, unknown> | undefined,
  context: { requestId: RequestId; signal: AbortSignal },
) => Promise<Record<string, unknown>>;

export interface McpClientOptions {
  /** How MCP Scope names itself in `initialize`. */
  clientInfo: { name: string; version: string };
  /** How long a request waits for its answer, in milliseconds; each progress notification restarts the wait. Default 60000. */
  requestTimeoutMs?: number;
  /** The longest a request may take in all, progress or not, in milliseconds. Default 600000. */
  maxTotalTimeoutMs?: number;
  /** The capabilities declared in `initialize` (e.g. `roots`, `sampling`, `elicitation`); match them with handlers. */
  capabilities?: Record<string, unknown>;
  /** Answers the server's requests by method; `ping` is answered without one, anything else unhandled gets -32601. */
  serverRequestHandlers?: Record<string, ServerRequestHandler>;
  /** Receives every event of the connection as it happens. */
  onEvent?: (event: ClientEvent) => void;
  /** The versions to offer in `initialize`: they depend on the transport. Default: Streamable HTTP's. */
  versions?: VersionOffer;
  /** Pins the protocol version: asked for in `initialize`, and a server that picks another is refused. Default: the latest MCP Scope speaks. */
  protocolVersion?: string;
}

export interface RequestOptions {
  /** Overrides the client's request timeout for this request. */
  timeoutMs?: number;
  /** Overrides the client's maximum total time for this request. */
  maxTotalTimeoutMs?: number;
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
  /** When the request runs out of time however much progress it reports (performance.now() time). */
  deadline: number;
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
  /** Set by close(): the transport's closing, which every later call waits for too. */
  private closing: Promise<void> | undefined;
  /** Why the connection ended on its own, once it has. */
  private ended: Problem | undefined;
  /** The session renewal under way, which every request that met the ended session waits for. */
  private renewing: Promise<void> | undefined;
  /** The server's requests being answered, so that the server can cancel them. */
  private readonly answering = new Map<RequestId, AbortController>();
  /** Notifications being sent; closing waits for them, or closing right after a timeout would cut off its cancellation. */
  private readonly sending = new Set<Promise<void>>();
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
      onNote: (text) => this.emit({ type: 'note', text }),
      onSessionEnded: (error) => {
        if (error.renewable) this.renewSession(error).catch(() => undefined);
        else this.emit({ type: 'sessionLost', problem: error.problem });
      },
      onStderr: (line) => this.emit({ type: 'stderr', line }),
      onClosed: (problem) => this.end(problem),
    });
    return this.initialize();
  }

  /** The handshake: `initialize`, then `notifications/initialized`, then the session's own streams. */
  private async initialize(): Promise<InitializeResult> {
    const versions = this.options.versions ?? STREAMABLE_HTTP_VERSIONS;
    const pinned = this.options.protocolVersion;
    const raw = await this.request('initialize', {
      protocolVersion: pinned ?? versions.requested,
      capabilities: this.options.capabilities ?? {},
      clientInfo: this.options.clientInfo,
    });
    const result = checkResult(InitializeResult, raw, 'initialize');
    if (pinned !== undefined && result.protocolVersion !== pinned) {
      throw new ProtocolViolationError({
        summary: `The protocol version is pinned to ${pinned}, but the server chose ${result.protocolVersion}.`,
        advice: `Pin ${result.protocolVersion} instead, or remove the pin to let MCP Scope and the server agree.`,
      });
    }
    if (!versions.accepted.includes(result.protocolVersion)) {
      throw new ProtocolViolationError({
        summary: `The server chose protocol version ${result.protocolVersion}, which MCP Scope does not speak over this transport.`,
        advice: `MCP Scope speaks ${versions.accepted.join(', ')} here.`,
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
    if (this.closing || this.ended) return Promise.reject(closedError(method, this.ended));
    if (options.signal?.aborted) return Promise.reject(cancelledError(method));
    const id = this.nextId++;
    const withProgress = options.onProgress ? { ...params, _meta: { ...metaOf(params), progressToken: id } } : params;
    const message: JsonRpcRequest = { jsonrpc: '2.0', id, method, ...(withProgress && { params: withProgress }) };
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? 60_000;
    const maxTotalMs = Math.max(timeoutMs, options.maxTotalTimeoutMs ?? this.options.maxTotalTimeoutMs ?? 600_000);

    return new Promise((resolve, reject) => {
      const startedAt = performance.now();
      const pending: PendingRequest = {
        method,
        startedAt,
        timeoutMs,
        deadline: startedAt + maxTotalMs,
        timer: setTimeout(() => undefined, 0),
        exchange: new AbortController(),
        onProgress: options.onProgress,
        resolve,
        reject,
      };
      this.pending.set(id, pending);
      this.restartTimer(id, pending);
      options.signal?.addEventListener('abort', () => this.giveUp(id, cancelledError(method)), { once: true });
      options.onSent?.(id);
      this.emit({ type: 'request', requestId: id, method, params: message.params });
      this.sendRequest(message, pending).catch((error: unknown) => {
        this.settle(id, error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  /**
   * Sends a request; when the server says its session ended (404), starts a new session and sends
   * the request once more in it, as the spec asks.
   */
  private async sendRequest(message: JsonRpcRequest, pending: PendingRequest): Promise<void> {
    // A request made while a new session is being started goes into the new session.
    if (this.renewing && message.method !== 'initialize') await this.renewing;
    const sentInSession = this.transport.sessionId;
    try {
      await this.transport.send(message, { signal: pending.exchange.signal });
    } catch (error) {
      if (!(error instanceof SessionEndedError) || message.method === 'initialize') throw error;
      if (!error.renewable) {
        this.emit({ type: 'sessionLost', problem: error.problem });
        throw error;
      }
      // Another request may have renewed the session already.
      if (this.renewing || this.transport.sessionId === sentInSession) await this.renewSession(error);
      if (!this.pending.has(message.id)) return;
      this.emit({ type: 'note', text: `Sending ${message.method} (id ${message.id}) again in the new session.` });
      await this.transport.send(message, { signal: pending.exchange.signal });
    }
  }

  /** Starts a new session after the server ended the old one; concurrent callers share one renewal. */
  private renewSession(cause: SessionEndedError): Promise<void> {
    this.renewing ??= (async () => {
      this.emit({ type: 'note', text: `${cause.problem.summary} Starting a new session.` });
      this.transport.renewSession?.();
      await this.initialize();
      this.emit({ type: 'sessionRenewed', ...(this.transport.sessionId !== undefined && { sessionId: this.transport.sessionId }) });
    })()
      .catch((error: unknown) => {
        this.emit({ type: 'sessionLost', problem: problemOf(error) });
        throw error;
      })
      .finally(() => {
        this.renewing = undefined;
      });
    return this.renewing;
  }

  /** (Re)starts a request's wait: its timeout, but never past its deadline. */
  private restartTimer(id: RequestId, pending: PendingRequest): void {
    clearTimeout(pending.timer);
    const left = pending.deadline - performance.now();
    const error =
      left <= pending.timeoutMs ? totalTimeoutError(pending.method, pending.deadline - pending.startedAt) : timeoutError(pending.method, pending.timeoutMs);
    pending.timer = setTimeout(() => this.giveUp(id, error), Math.max(0, Math.min(left, pending.timeoutMs)));
  }

  /** Sends a notification. */
  async notify(method: string, params?: Record<string, unknown>): Promise<void> {
    if (this.closing || this.ended) {
      throw new ConnectionClosedError({
        summary: `Cannot send ${method}: the connection has closed${this.ended ? `: ${this.ended.summary}` : '.'}`,
      });
    }
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
   * Ends the session: every waiting request is rejected (with `reason`, when the session ends
   * because of it), notifications on their way (a last `notifications/cancelled`) get a moment to
   * arrive, and the transport closes. Every call waits for the same end.
   */
  close(reason?: Problem): Promise<void> {
    this.closing ??= this.finish(reason);
    return this.closing;
  }

  private async finish(reason: Problem | undefined): Promise<void> {
    for (const controller of this.answering.values()) controller.abort();
    for (const [id, pending] of this.pending) this.settle(id, closedError(pending.method, reason));
    if (this.sending.size > 0) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([Promise.allSettled(this.sending), new Promise((resolve) => (timer = setTimeout(resolve, NOTIFICATION_GRACE_MS)))]);
      clearTimeout(timer);
    }
    await this.transport.close();
  }

  /** The connection ended on its own: every waiting request learns why, and so does the timeline. */
  private end(problem: Problem): void {
    if (this.closing || this.ended) return;
    this.ended = problem;
    for (const controller of this.answering.values()) controller.abort();
    for (const [id, pending] of this.pending) this.settle(id, closedError(pending.method, problem));
    this.emit({ type: 'closed', problem });
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
        this.restartTimer(progressToken, pending);
        pending.onProgress?.(report);
        return;
      }
      if (!params.success) {
        this.emit({ type: 'malformed', raw: JSON.stringify(message), reason: `invalid progress: ${describeIssues(params.error)}` });
        return;
      }
    } else if (message.method === 'notifications/cancelled') {
      const requestId = (message.params as { requestId?: unknown } | undefined)?.requestId;
      if (typeof requestId === 'string' || typeof requestId === 'number') this.answering.get(requestId)?.abort();
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

  /** Answers what the server asks of the client, through the handler registered for its method. */
  private async answerServerRequest(request: JsonRpcRequest): Promise<void> {
    const { id, method } = request;
    const params = request.params as Record<string, unknown> | undefined;
    this.emit({ type: 'serverRequest', requestId: id, method, params });
    const startedAt = performance.now();
    const controller = new AbortController();
    this.answering.set(id, controller);
    const handler = this.options.serverRequestHandlers?.[method] ?? (method === 'ping' ? async () => ({}) : undefined);
    let answer: { result: Record<string, unknown> } | { error: RpcErrorObject };
    try {
      if (!handler) throw new RpcError(method, { code: -32601, message: `MCP Scope does not handle ${method} requests` });
      answer = { result: await handler(params, { requestId: id, signal: controller.signal }) };
    } catch (error) {
      answer = {
        error: error instanceof RpcError ? error.error : { code: -32603, message: `Answering ${method} failed: ${problemOf(error).summary}` },
      };
    } finally {
      this.answering.delete(id);
    }
    // The server cancelled its request: it wants no answer.
    if (controller.signal.aborted) return;
    this.emit({ type: 'serverResponse', requestId: id, method, durationMs: performance.now() - startedAt, ...answer });
    try {
      await this.transport.send({ jsonrpc: '2.0', id, ...answer });
    } catch (error) {
      this.emit({
        type: 'problem',
        problem: { summary: `Could not answer the server's ${method} request: ${problemOf(error).summary}` },
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
const totalTimeoutError = (method: string, ms: number) =>
  new RequestTimeoutError({
    summary: `${method} did not finish within ${ms / 1000} s in all, although the server kept reporting progress.`,
    advice: 'Raise the maximum total time if the work is just long, or check the server for a loop.',
  });
const cancelledError = (method: string) => new CancelledError({ summary: `${method} was cancelled.` });
const closedError = (method: string, reason?: Problem) =>
  new ConnectionClosedError({
    summary: `The connection closed before the server answered ${method}${reason ? `: ${reason.summary}` : '.'}`,
    ...(reason?.advice !== undefined && { advice: reason.advice }),
    ...(reason?.http !== undefined && { http: reason.http }),
  });
