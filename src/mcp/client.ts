// The MCP client: JSON-RPC over any transport, the choice of protocol era (the 2025 handshake or
// the stateless 2026-07-28 protocol), request correlation, progress, timeouts, cancellation, and
// the MCP calls the inspector needs. It knows nothing about VS Code.

import type { z } from 'zod';
import type { CompletionRef, LogLevel, Problem, ProgressReport, ProtocolEra, RpcErrorObject, TaskSource, TaskState } from '../shared/model';
import { Cancellation } from './cancellation';
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
  McpScopeError,
  problemOf,
  ProtocolViolationError,
  RequestTimeoutError,
  RpcError,
  SessionEndedError,
  StreamBrokenError,
} from './problems';
import {
  type CallToolResult,
  CompleteResult,
  DiscoverResult,
  GetPromptResult,
  Implementation,
  InitializeResult,
  type InputRequiredResult,
  ListPage,
  LogMessageParams,
  META,
  MODERN_ERROR_CODES,
  parseCallToolResult,
  parseProgressParams,
  Prompt,
  ReadResourceResult,
  Resource,
  ResourceTemplate,
  type ServerIdentity,
  STREAMABLE_HTTP_VERSIONS,
  Tool,
  type VersionOffer,
} from './protocol';
import { decodeHeaderValue, type HeaderParamsOutcome, headerParamsOf, mirroredHeaders } from './requestHeaders';
import { ReceivedTasks } from './receivedTasks';
import { SharedTimer } from './sharedTimer';
import { inputRequiredOf, NotADiscoverResultError, refusedAsLegacy, unsupportedVersionsOf } from './statelessEra';
import { createdTaskOf, followTask, TASKS_EXTENSION, type TaskHost } from './tasks';
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
      /** The request ended without a JSON-RPC answer: refused over HTTP, timed out, cancelled, cut off. */
      failure?: Problem;
      /** The request was a probe, so an error or failure is an expected answer (see RequestOptions.probe). */
      probe?: boolean;
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
  /** The task a call became changed state; `requestId` is the `tools/call` that created it. */
  | { type: 'task'; requestId: RequestId; task: TaskState; source: TaskSource }
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
 * `signal` aborts when no answer is wanted any more; in the 2025 era its reason is an McpScopeError
 * saying why (the server withdrew the request, the connection ended), in the stateless era it is
 * the signal of the request that asked for input.
 */
export type ServerRequestHandler = (
  params: Record<string, unknown> | undefined,
  context: {
    requestId: RequestId;
    signal: AbortSignal;
    /** When the request runs as a task (2025-11-25): the id of the task the server was given, and polls. */
    taskId?: string;
  },
) => Promise<Record<string, unknown>>;

export interface McpClientOptions {
  /** How MCP Scope names itself: in `initialize`, or in every request's `_meta` in the stateless era. */
  clientInfo: { name: string; version: string };
  /** How long a request waits for its answer, in milliseconds; each progress notification restarts the wait. Default 60000. */
  requestTimeoutMs?: number;
  /** The longest a request may take in all, progress or not, in milliseconds. Default 600000. */
  maxTotalTimeoutMs?: number;
  /**
   * What a timed-out request's error advises, in the caller's own terms (the extension's setting,
   * the CLI's flag); the client knows neither, and says only what to check by default.
   */
  timeoutAdvice?: string;
  /**
   * The capabilities declared in `initialize`, or in every request's `_meta` in the stateless era
   * (e.g. `roots`, `sampling`, `elicitation`); match them with handlers.
   */
  capabilities?: Record<string, unknown>;
  /**
   * Answers the server's requests by method: its own requests in the 2025 era, the input requests
   * of an `input_required` result in the stateless era. `ping` is answered without one; anything
   * else unhandled gets -32601 (2025) or fails the request that needed it (stateless).
   */
  serverRequestHandlers?: Record<string, ServerRequestHandler>;
  /** Receives every event of the connection as it happens. */
  onEvent?: (event: ClientEvent) => void;
  /** The versions this transport can speak: they depend on the transport. Default: Streamable HTTP's. */
  versions?: VersionOffer;
  /**
   * Speaks exactly this protocol version, with no discovery of the newest one the server supports;
   * connecting fails with a clear error when the server does not speak it.
   */
  protocolVersion?: string;
  /**
   * Asks for the server's log messages at this level and above. In the stateless era (2026-07-28)
   * it goes into every request's `_meta`, and a server sends `notifications/message` only for
   * requests that carry it; in the 2025 era it is set once with `logging/setLevel`, when the server
   * offers logging.
   */
  logLevel?: LogLevel;
}

export interface RequestOptions {
  /** Overrides the client's request timeout for this request. */
  timeoutMs?: number;
  /** Overrides the client's maximum total time for this request. */
  maxTotalTimeoutMs?: number;
  /** Aborting it cancels the request: the server is told with `notifications/cancelled` (2025 era) or by closing the request's stream (stateless era). */
  signal?: AbortSignal;
  /** Asks the server for progress (`_meta.progressToken`) and receives each report. */
  onProgress?: (progress: ProgressReport) => void;
  /** Learns the request's JSON-RPC id just before it is sent (each id, when the request is sent more than once). */
  onSent?: (requestId: RequestId) => void;
  /** Overrides the client's log level for this request (stateless era). */
  logLevel?: LogLevel;
  /** A question whose refusal is an answer too (`server/discover` to a 2025 server): its failure is marked as a probe's. */
  probe?: boolean;
}

export interface CallToolOptions extends RequestOptions {
  /**
   * Hears the task the call became, whenever its status or status message changes: in the 2025
   * era the call asks for a task when the server and the tool allow it; in the stateless era the
   * server decides. The call's promise still resolves to the tool's result, once the task ends.
   */
  onTask?: (task: TaskState) => void;
}

/** Which change notifications a `subscriptions/listen` stream carries. */
export interface SubscriptionFilter {
  toolsListChanged?: boolean;
  promptsListChanged?: boolean;
  resourcesListChanged?: boolean;
  /** `notifications/resources/updated` for these resource URIs. */
  resourceSubscriptions?: string[];
}

/** An open `subscriptions/listen` stream. */
export interface Subscription {
  /** The filter the server agreed to honour (it may leave out what it does not support). */
  readonly acknowledged: Promise<SubscriptionFilter>;
  /**
   * Settles when the stream ends: resolves when the client closed it or the server ended it
   * gracefully, rejects with the reason when it broke.
   */
  readonly ended: Promise<void>;
  /** Closes the stream, which ends the subscription. */
  close(): void;
}

/** How many times one request may come back `input_required` before the client stops answering. */
const MAX_INPUT_ROUNDS = 10;

interface PendingRequest {
  method: string;
  startedAt: number;
  timeoutMs: number;
  /** When the request runs out of time however much progress it reports (performance.now() time). */
  deadline: number;
  /** When the request was sent or last reported progress (performance.now() time). */
  lastActivity: number;
  /** Ends the HTTP exchange that carries the request when the client stops waiting. */
  exchange: Cancellation;
  onProgress?: (progress: ProgressReport) => void;
  probe: boolean;
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
}

/** When a request's wait ends: its timeout from its last activity, but never past its deadline (Infinity: no limit). */
function waitEnd(pending: PendingRequest): number {
  return Math.min(pending.lastActivity + pending.timeoutMs, pending.deadline);
}

/** How long closing waits for notifications and answers still on their way. */
const NOTIFICATION_GRACE_MS = 2000;

export class McpClient {
  private nextId = 1;
  private readonly pending = new Map<RequestId, PendingRequest>();
  /** Times every pending request out: one timer for all of them. */
  private readonly clock = new SharedTimer(() => this.timeOutRequests());
  /** Set by close(): the transport's closing, which every later call waits for too. */
  private closing: Promise<void> | undefined;
  /** Why the connection ended on its own, once it has. */
  private ended: Problem | undefined;
  /** The session renewal under way, which every request that met the ended session waits for. */
  private renewing: Promise<void> | undefined;
  /** The server's requests being answered, so that the server can cancel them. */
  private readonly answering = new Map<RequestId, AbortController>();
  /** Notifications and answers to the server being sent; closing waits for them, or closing right after a timeout would cut off its cancellation. */
  private readonly sending = new Set<Promise<void>>();
  /** What the server said of itself in `initialize` or `server/discover`, once connected. */
  server: ServerIdentity | undefined;
  /** The era of the protocol spoken with the server, once connected. */
  era: ProtocolEra | undefined;
  /** Why that era and version were chosen, for a person. */
  eraReason: string | undefined;
  /** The stateless version every request declares; undefined in the 2025 era. */
  private statelessVersion: string | undefined;
  /** Each listed tool's `x-mcp-header` parameters, or why the tool was left out (stateless era). */
  private readonly toolHeaders = new Map<string, HeaderParamsOutcome>();
  /** Open `subscriptions/listen` streams by request id, waiting for their acknowledgment. */
  private readonly subscriptions = new Map<RequestId, { filter: SubscriptionFilter; acknowledge(filter: SubscriptionFilter): void }>();
  /** Each listed tool's `execution.taskSupport` (2025 era): whether a call may, must or must not ask for a task. */
  private readonly toolTaskSupport = new Map<string, unknown>();
  /** Who hears the status notifications of each task being followed. */
  private readonly taskWatchers = new Map<string, (params: Record<string, unknown>) => void>();
  /** The tasks the server asked this client to run (sampling, elicitation), when the client declared it runs them. */
  private readonly receivedTasks: ReceivedTasks;
  /** Progress listeners of calls that became tasks, by the call's progress token: the token stays valid while the task runs. */
  private readonly taskProgress = new Map<RequestId, (progress: ProgressReport) => void>();
  /** Since when the requests' time limits are held (performance.now() time): the server is stopped in a debugger. */
  private heldSince: number | undefined;

  /**
   * The log level every later stateless-era request carries, over the options' `logLevel`; a
   * request's own `logLevel` still wins. The 2025 era ignores it: there `logging/setLevel` sets it.
   */
  requestLogLevel: LogLevel | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly options: McpClientOptions,
  ) {
    this.receivedTasks = new ReceivedTasks(options.capabilities?.tasks as Record<string, unknown> | undefined, (task) =>
      this.notify('notifications/tasks/status', { ...task }).catch((error: unknown) =>
        this.emit({ type: 'problem', problem: { summary: `Could not tell the server that task ${task.taskId} is ${task.status}: ${problemOf(error).summary}` } }),
      ),
    );
  }

  /** The session id the server assigned, if it uses sessions. */
  get sessionId(): string | undefined {
    return this.transport.sessionId;
  }

  /** The protocol version in use, once connected. */
  get protocolVersion(): string | undefined {
    return this.server?.protocolVersion;
  }

  /**
   * Finds the newest protocol the server speaks (or uses the pinned one) and gets ready for calls:
   * `server/discover` for the stateless era, the `initialize` handshake for the 2025 era.
   */
  async connect(): Promise<ServerIdentity> {
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
    const pinned = this.options.protocolVersion;
    return pinned === undefined ? this.connectNewest() : this.connectPinned(pinned);
  }

  /**
   * The spec's era detection: a stateless `server/discover` first; an UnsupportedProtocolVersionError
   * names the versions to pick from; any other refusal that is not a stateless-era error (a 2025
   * server's 400, 404 or 405, or its JSON-RPC error) means the `initialize` handshake.
   */
  private async connectNewest(): Promise<ServerIdentity> {
    const { stateless, requested, accepted } = this.versions;
    const newest = stateless[0];
    if (newest === undefined) return this.initialize(requested, 'this transport has only the initialize handshake');
    try {
      return await this.discover(newest, `server/discover answered for ${newest}`);
    } catch (error) {
      const supported = unsupportedVersionsOf(error);
      if (supported) {
        const reason = `the server answered server/discover for ${newest} with the versions it supports: ${supported.join(', ')}`;
        const modern = stateless.find((version) => supported.includes(version));
        if (modern) return this.discover(modern, reason);
        const legacy = accepted.find((version) => supported.includes(version));
        if (legacy) return this.initialize(legacy, `${reason}; using the initialize handshake`);
        throw new McpScopeError({
          summary: `The server supports protocol versions ${supported.join(', ')}, none of which MCP Scope speaks.`,
          advice: `MCP Scope speaks ${[...stateless, ...accepted].join(', ')} over this transport.`,
        });
      }
      if (!refusedAsLegacy(error)) throw error;
      return this.initialize(
        requested,
        `server/discover for ${newest} was refused the way a 2025-era server refuses it (${withoutFullStop(problemOf(error).summary)}); using the initialize handshake`,
      );
    }
  }

  /** Exactly the pinned version, or an error that says why not. */
  private async connectPinned(version: string): Promise<ServerIdentity> {
    const { stateless, requested, accepted } = this.versions;
    const reason = `protocol version ${version} is pinned in the server's settings`;
    if (accepted.includes(version)) return this.initialize(version, reason);
    if (!stateless.includes(version)) {
      throw new McpScopeError({
        summary: `The protocol version pinned for this server, ${JSON.stringify(version)}, is not one MCP Scope speaks.`,
        advice: `Pin one of ${[...stateless, ...accepted].join(', ')}, or remove the pin to use the newest the server supports.`,
      });
    }
    try {
      return await this.discover(version, reason);
    } catch (error) {
      const supported = unsupportedVersionsOf(error);
      if (supported) {
        throw new McpScopeError({
          summary: `The server does not support the pinned protocol version ${version}; it supports ${supported.join(', ')}.`,
          advice: 'Pin one of those versions, or remove the pin to use the newest the server supports.',
        });
      }
      if (!refusedAsLegacy(error)) throw error;
      throw new McpScopeError({
        summary: `The server refused a ${version} request the way a 2025-era server does (${withoutFullStop(problemOf(error).summary)}).`,
        advice: `Pin ${requested}, or remove the pin so that MCP Scope falls back to the initialize handshake by itself.`,
      });
    }
  }

  /** Starts speaking a stateless version and asks the server what it is; undone when that fails. */
  private async discover(version: string, reason: string): Promise<ServerIdentity> {
    this.statelessVersion = version;
    this.transport.protocolVersion = version;
    let result: z.infer<typeof DiscoverResult>;
    try {
      const raw = await this.request('server/discover', undefined, { probe: true });
      const parsed = DiscoverResult.safeParse(raw);
      if (!parsed.success) {
        throw new NotADiscoverResultError({
          summary: `The server answered server/discover with a result that is not a DiscoverResult (${describeIssues(parsed.error)})`,
        });
      }
      result = parsed.data;
    } catch (error) {
      this.statelessVersion = undefined;
      this.transport.protocolVersion = undefined;
      throw error;
    }
    const serverInfo = Implementation.safeParse(result._meta?.[META.serverInfo]);
    if (!serverInfo.success) this.emit({ type: 'note', text: 'The server did not name itself in server/discover (_meta io.modelcontextprotocol/serverInfo).' });
    this.server = {
      protocolVersion: version,
      capabilities: result.capabilities,
      serverInfo: serverInfo.success ? serverInfo.data : { name: 'unnamed server', version: 'unknown' },
      ...(result.instructions !== undefined && { instructions: result.instructions }),
    };
    this.settleEra('stateless', `${reason}; it supports ${result.supportedVersions.join(', ')}`);
    return this.server;
  }

  /** The versions this client's transport can carry. */
  private get versions(): VersionOffer {
    return this.options.versions ?? STREAMABLE_HTTP_VERSIONS;
  }

  /** The handshake: `initialize`, then `notifications/initialized`, then the session's own streams. */
  private async initialize(version: string, reason?: string): Promise<ServerIdentity> {
    const raw = await this.request('initialize', {
      protocolVersion: version,
      capabilities: this.options.capabilities ?? {},
      clientInfo: this.options.clientInfo,
    });
    const result = checkResult(InitializeResult.safeParse, raw, 'initialize');
    const pinned = this.options.protocolVersion;
    if (pinned !== undefined && result.protocolVersion !== pinned) {
      throw new ProtocolViolationError({
        summary: `The server chose protocol version ${result.protocolVersion} instead of the pinned ${pinned}.`,
        advice: `Pin ${result.protocolVersion}, or remove the pin.`,
      });
    }
    if (!this.versions.accepted.includes(result.protocolVersion)) {
      throw new ProtocolViolationError({
        summary: `The server chose protocol version ${result.protocolVersion}, which MCP Scope does not speak over this transport.`,
        advice: `MCP Scope speaks ${this.versions.accepted.join(', ')} here.`,
      });
    }
    this.server = result;
    this.transport.protocolVersion = result.protocolVersion;
    await this.notify('notifications/initialized');
    this.transport.sessionStarted();
    // The 2025 era sets the log level once for the session rather than per request.
    if (this.options.logLevel !== undefined && result.capabilities.logging !== undefined) {
      await this.request('logging/setLevel', { level: this.options.logLevel });
    }
    if (reason !== undefined) this.settleEra('stateful', reason);
    return result;
  }

  private settleEra(era: ProtocolEra, reason: string): void {
    this.era = era;
    this.eraReason = reason;
    const shape = era === 'stateless' ? 'stateless, no session' : 'initialize handshake and session';
    this.emit({ type: 'note', text: `Speaking protocol ${this.server?.protocolVersion} (${shape}): ${reason}.` });
  }

  /** Every tool the server lists, following `nextCursor` through every page. */
  async listTools(options?: RequestOptions): Promise<Tool[]> {
    const tools = await this.listValid('tools/list', 'tools', Tool, 'a tool', options);
    for (const tool of tools) this.toolTaskSupport.set(tool.name, tool.execution?.taskSupport);
    if (this.statelessVersion === undefined) return tools;
    // Over Streamable HTTP a tool whose x-mcp-header marks break the spec must not be offered.
    return tools.filter((tool) => {
      const headers = headerParamsOf(tool.inputSchema);
      this.toolHeaders.set(tool.name, headers);
      if (!headers.ok) this.emit({ type: 'malformed', raw: JSON.stringify(tool), reason: `tool ${tool.name} left out of the list: ${headers.reason}` });
      return headers.ok;
    });
  }

  /** Every resource the server lists, following `nextCursor` through every page. */
  listResources(options?: RequestOptions): Promise<Resource[]> {
    return this.listValid('resources/list', 'resources', Resource, 'a resource', options);
  }

  /** Every prompt the server lists, following `nextCursor` through every page. */
  listPrompts(options?: RequestOptions): Promise<Prompt[]> {
    return this.listValid('prompts/list', 'prompts', Prompt, 'a prompt', options);
  }

  /** Every resource template the server lists, following `nextCursor` through every page. */
  listResourceTemplates(options?: RequestOptions): Promise<ResourceTemplate[]> {
    return this.listValid('resources/templates/list', 'resourceTemplates', ResourceTemplate, 'a resource template', options);
  }

  /** Reads a resource: its contents, each text or a base64 blob. */
  async readResource(uri: string, options?: RequestOptions): Promise<ReadResourceResult> {
    return checkResult(ReadResourceResult.safeParse, await this.request('resources/read', { uri }, options), `resources/read ${uri}`);
  }

  /**
   * Asks for `notifications/resources/updated` about a resource (2025 era). In the stateless era
   * subscriptions go through `listen()`.
   */
  async subscribeResource(uri: string, options?: RequestOptions): Promise<void> {
    this.refuseInStatelessEra('resources/subscribe');
    await this.request('resources/subscribe', { uri }, options);
  }

  /** Stops the `notifications/resources/updated` about a resource (2025 era). */
  async unsubscribeResource(uri: string, options?: RequestOptions): Promise<void> {
    this.refuseInStatelessEra('resources/unsubscribe');
    await this.request('resources/unsubscribe', { uri }, options);
  }

  /** Gets a prompt's messages for these arguments (MCP prompt arguments are strings). */
  async getPrompt(name: string, args: Record<string, string>, options?: RequestOptions): Promise<GetPromptResult> {
    const raw = await this.request('prompts/get', { name, ...(Object.keys(args).length > 0 && { arguments: args }) }, options);
    return checkResult(GetPromptResult.safeParse, raw, `prompts/get ${name}`);
  }

  /**
   * Asks for completions of one argument of a prompt or resource template, as typed so far;
   * `context` holds the arguments already filled in.
   */
  async complete(ref: CompletionRef, argument: { name: string; value: string }, context?: Record<string, string>, options?: RequestOptions): Promise<CompleteResult['completion']> {
    const params = { ref, argument, ...(context && Object.keys(context).length > 0 && { context: { arguments: context } }) };
    return checkResult(CompleteResult.safeParse, await this.request('completion/complete', params, options), 'completion/complete').completion;
  }

  private refuseInStatelessEra(method: string): void {
    if (this.statelessVersion === undefined) return;
    throw new McpScopeError({
      summary: `${method} belongs to the 2025 era; the stateless protocol (${this.statelessVersion}) subscribes through subscriptions/listen.`,
      advice: 'Open a subscriptions/listen stream whose filter names the resource.',
    });
  }


  /**
   * Calls a tool, asking for progress, and follows the task it becomes to its end (see
   * CallToolOptions.onTask). A result with `isError` is a result, not an exception.
   */
  async callTool(name: string, args: Record<string, unknown>, options: CallToolOptions = {}): Promise<CallToolResult> {
    if (this.statelessVersion !== undefined) {
      // The tool's x-mcp-header marks decide the call's headers: learn them if the list was not read yet.
      if (!this.toolHeaders.has(name)) await this.listTools();
      const headers = this.toolHeaders.get(name);
      if (headers && !headers.ok) {
        throw new ProtocolViolationError({
          summary: `Tool ${name} was left out of the list because its x-mcp-header marks break the spec: ${headers.reason}.`,
          advice: 'Fix the tool definition on the server.',
        });
      }
    }
    const { onTask, ...requestOptions } = options;
    const asTask = await this.asksForTask(name);
    let callRequestId: RequestId = 0;
    const params: Record<string, unknown> = { name, arguments: args };
    if (asTask) params.task = {};
    const call = () =>
      this.request('tools/call', params, {
        onProgress: () => undefined,
        ...requestOptions,
        onSent: (id) => {
          callRequestId = id;
          options.onSent?.(id);
        },
      });
    let raw: Record<string, unknown>;
    try {
      raw = await call();
    } catch (error) {
      if (!(error instanceof RpcError) || error.error.code !== MODERN_ERROR_CODES.headerMismatch || this.statelessVersion === undefined) throw error;
      // The tool's marks may have changed since the list was read: the spec asks to read it again and retry once.
      this.emit({
        type: 'note',
        text: `The server found the headers of tools/call ${name} did not match its body${mismatchOf(error.error.data)}; reading the tool list again and retrying once.`,
      });
      await this.listTools();
      raw = await call();
    }
    const task = createdTaskOf(raw, this.era);
    if (task) {
      this.taskProgress.set(callRequestId, (report) => options.onProgress?.(report));
      try {
        raw = await followTask(this.taskHost, task, callRequestId, {
          ...(options.signal && { signal: options.signal }),
          ...(onTask && { onTask }),
          ...(options.onSent && { onSent: options.onSent }),
          ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
        });
      } finally {
        this.taskProgress.delete(callRequestId);
      }
    }
    return checkResult(parseCallToolResult, raw, `tools/call ${name}`);
  }

  /**
   * Whether a 2025-era call of this tool asks for a task: only when the server offers task-augmented
   * `tools/call` and the tool's `execution.taskSupport` is "optional" or "required".
   */
  private async asksForTask(name: string): Promise<boolean> {
    if (this.era !== 'stateful') return false;
    const tasks = this.server?.capabilities.tasks as { requests?: { tools?: { call?: unknown } } } | undefined;
    if (tasks?.requests?.tools?.call === undefined) return false;
    if (!this.toolTaskSupport.has(name)) await this.listTools();
    const support = this.toolTaskSupport.get(name);
    return support === 'optional' || support === 'required';
  }

  /** What following a task needs of this client. */
  private get taskHost(): TaskHost {
    return {
    era: this.era,
    request: (method, params, options) => this.request(method, params, options),
    watch: (taskId, listener) => {
      this.taskWatchers.set(taskId, listener);
      return () => this.taskWatchers.delete(taskId);
    },
    answerInput: async (taskId, requests, signal) => {
      const answers = await this.gatherInput(`task ${taskId}`, { resultType: 'input_required', inputRequests: requests }, signal);
      return (answers.inputResponses ?? {}) as Record<string, unknown>;
    },
    emit: (event) => this.emit(event),
    };
  }

  /**
   * Opens a `subscriptions/listen` stream (stateless era): the change notifications it carries
   * arrive as `notification` events until the stream is closed.
   */
  listen(filter: SubscriptionFilter): Subscription {
    const controller = new AbortController();
    let acknowledge: (filter: SubscriptionFilter) => void = () => undefined;
    let refuse: (error: Error) => void = () => undefined;
    const acknowledged = new Promise<SubscriptionFilter>((resolve, reject) => {
      acknowledge = resolve;
      refuse = reject;
    });
    // Whoever only waits for `ended` must not meet an unhandled rejection here.
    acknowledged.catch(() => undefined);
    let id: RequestId | undefined;
    const ended = (async () => {
      if (this.statelessVersion === undefined) {
        throw new McpScopeError({
          summary: 'subscriptions/listen belongs to the stateless protocol (2026-07-28), which this server does not speak.',
          advice: 'In the 2025 era the server sends change notifications on its GET stream, which MCP Scope opens by itself.',
        });
      }
      try {
        await this.exchange('subscriptions/listen', { notifications: filter }, {
          signal: controller.signal,
          timeoutMs: Infinity,
          onSent: (sent) => {
            id = sent;
            this.subscriptions.set(sent, { filter, acknowledge });
          },
        });
        this.emit({ type: 'note', text: `The server ended the subscriptions/listen stream (id ${id}) gracefully.` });
      } catch (error) {
        if (controller.signal.aborted) return;
        const problem = problemOf(error);
        this.emit({
          type: 'problem',
          problem: { summary: `The subscriptions/listen stream (id ${id}) ended without the server's final response: ${problem.summary}`, advice: 'Listen again to keep receiving change notifications.' },
        });
        throw error;
      } finally {
        if (id !== undefined) this.subscriptions.delete(id);
      }
    })();
    ended.then(
      () => refuse(new McpScopeError({ summary: 'The subscriptions/listen stream ended before the server acknowledged it.' })),
      (error: Error) => refuse(error),
    );
    return { acknowledged, ended, close: () => controller.abort() };
  }

  /**
   * Sends a request and waits for its complete result; rejects with a McpScopeError explaining any
   * failure. In the stateless era a result that asks for input is answered through the
   * `serverRequestHandlers` and the request sent again with the answers, and a request whose
   * stream broke is sent once more, as the spec asks.
   */
  async request(method: string, params?: Record<string, unknown>, options: RequestOptions = {}): Promise<Record<string, unknown>> {
    let answers: Record<string, unknown> = {};
    for (let round = 1; ; round++) {
      const result = await this.exchangeOrReissue(method, Object.keys(answers).length ? { ...params, ...answers } : params, options);
      const input = inputRequiredOf(result, method);
      if (!input) return result;
      if (round === MAX_INPUT_ROUNDS) {
        throw new McpScopeError({
          summary: `The server asked for input to finish ${method} ${round} times in a row; MCP Scope stopped answering.`,
          advice: 'Check the server: it keeps answering input_required although it got the input it asked for.',
        });
      }
      answers = await this.gatherInput(method, input, options.signal);
    }
  }

  /** One request; in the stateless era a broken stream loses it, and it is sent once more with a new id. */
  private exchangeOrReissue(method: string, params: Record<string, unknown> | undefined, options: RequestOptions): Promise<Record<string, unknown>> {
    const exchanged = this.exchange(method, params, options);
    // Not an async function: in the 2025 era there is nothing to catch, and every await costs.
    if (this.statelessVersion === undefined) return exchanged;
    return exchanged.catch((error: unknown) => {
      if (this.statelessVersion === undefined || !(error instanceof StreamBrokenError) || options.signal?.aborted) throw error;
      this.emit({ type: 'note', text: `${error.problem.summary} Sending ${method} again as a new request, as the stateless protocol asks.` });
      return this.exchange(method, params, options);
    });
  }

  /** Answers what an `input_required` result asks for; the answers go into the retried request's params. */
  private async gatherInput(method: string, input: InputRequiredResult, signal: AbortSignal | undefined): Promise<Record<string, unknown>> {
    const requests = Object.entries(input.inputRequests ?? {});
    const unhandled = requests.filter(([, request]) => !this.handlerFor(request.method));
    if (unhandled.length) {
      for (const [key, request] of unhandled) this.emit({ type: 'serverRequest', requestId: key, method: request.method, params: request.params });
      const asked = unhandled.map(([key, request]) => `${request.method} ("${key}")`).join(', ');
      throw new McpScopeError({
        summary: `The server needs input to finish ${method}: it asked for ${asked}, which MCP Scope has no handler for, so ${method} was not sent again.`,
        advice: 'Handle that kind of request (and declare its capability) for this server, or call something that needs no input.',
      });
    }
    const responses = await Promise.all(
      requests.map(async ([key, request]) => {
        const answer = await this.answer(key, request.method, request.params, signal ?? new AbortController().signal);
        if ('aborted' in answer) throw cancelledError(method);
        if ('error' in answer) {
          throw new McpScopeError({
            summary: `The server needs input to finish ${method}, but answering its ${request.method} ("${key}") failed: ${answer.error.message}.`,
          });
        }
        return [key, answer.result] as const;
      }),
    );
    return {
      ...(requests.length > 0 && { inputResponses: Object.fromEntries(responses) }),
      ...(input.requestState !== undefined && { requestState: input.requestState }),
    };
  }

  /** Sends one JSON-RPC request and waits for its result, whatever its `resultType`. */
  private exchange(method: string, params: Record<string, unknown> | undefined, options: RequestOptions): Promise<Record<string, unknown>> {
    if (this.closing || this.ended) return Promise.reject(closedError(method, this.ended));
    if (options.signal?.aborted) return Promise.reject(cancelledError(method));
    const id = this.nextId++;
    const message: JsonRpcRequest = { jsonrpc: '2.0', id, method };
    const withMeta = this.withRequestMeta(params, id, options);
    if (withMeta) message.params = withMeta;
    const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs ?? 60_000;
    const maxTotalMs = Math.max(timeoutMs, options.maxTotalTimeoutMs ?? this.options.maxTotalTimeoutMs ?? 600_000);

    return new Promise((resolve, reject) => {
      const startedAt = performance.now();
      const pending: PendingRequest = {
        method,
        startedAt,
        timeoutMs,
        deadline: startedAt + maxTotalMs,
        lastActivity: startedAt,
        exchange: new Cancellation(),
        onProgress: options.onProgress,
        probe: options.probe === true,
        resolve,
        reject,
      };
      this.pending.set(id, pending);
      this.clock.hold(true);
      this.clock.wakeBy(waitEnd(pending));
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
    const sendOptions = { cancellation: pending.exchange, ...this.statelessHeaders(message) };
    try {
      await this.transport.send(message, sendOptions);
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
      await this.transport.send(message, sendOptions);
    }
  }

  /**
   * The params with the `_meta` the client adds: the progress token, and the stateless era's
   * fields. Copied with Object.assign: on Node 20 a spread followed by another key (`{ ...params,
   * _meta }`) cost about 4 µs per request, more than JSON.stringify of the whole message.
   */
  private withRequestMeta(params: Record<string, unknown> | undefined, id: RequestId, options: RequestOptions): Record<string, unknown> | undefined {
    if (!options.onProgress && this.statelessVersion === undefined) return params;
    const meta: Record<string, unknown> = {};
    Object.assign(meta, metaOf(params));
    if (options.onProgress) meta.progressToken = id;
    if (this.statelessVersion !== undefined) Object.assign(meta, this.statelessMeta(options));
    const withMeta: Record<string, unknown> = {};
    Object.assign(withMeta, params);
    withMeta._meta = meta;
    return withMeta;
  }

  /** What every stateless-era request carries in `_meta`: its version, who the client is, what it can do, and the log level. */
  private statelessMeta(options: RequestOptions): Record<string, unknown> {
    if (this.statelessVersion === undefined) return {};
    const logLevel = options.logLevel ?? this.requestLogLevel ?? this.options.logLevel;
    return {
      [META.protocolVersion]: this.statelessVersion,
      [META.clientInfo]: this.options.clientInfo,
      [META.clientCapabilities]: this.statelessCapabilities,
      ...(logLevel !== undefined && { [META.logLevel]: logLevel }),
    };
  }

  /** The capabilities every stateless-era request declares: the caller's, and the tasks extension, which the client follows by itself. */
  private get statelessCapabilities(): Record<string, unknown> {
    const capabilities = this.options.capabilities ?? {};
    const extensions = (capabilities.extensions ?? {}) as Record<string, unknown>;
    return { ...capabilities, extensions: { ...extensions, [TASKS_EXTENSION]: {} } };
  }

  /** The headers a stateless-era request mirrors from its body. */
  private statelessHeaders(message: JsonRpcRequest): { headers?: Record<string, string> } {
    if (this.statelessVersion === undefined) return {};
    const tool = message.method === 'tools/call' ? this.toolHeaders.get(String(message.params?.name)) : undefined;
    return { headers: mirroredHeaders(message, tool?.ok ? tool.params : []) };
  }

  /** Starts a new session after the server ended the old one; concurrent callers share one renewal. */
  private renewSession(cause: SessionEndedError): Promise<void> {
    this.renewing ??= (async () => {
      this.emit({ type: 'note', text: `${cause.problem.summary} Starting a new session.` });
      this.transport.renewSession?.();
      await this.initialize(this.options.protocolVersion ?? this.versions.requested);
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

  /**
   * Gives up every request whose wait is over, and returns when the next one's ends. Progress only
   * moves `lastActivity`, and the shared timer comes back when it fires early for that reason, so
   * that thousands of progress notifications do not each replace a timer.
   */
  private timeOutRequests(): number {
    // Held, nothing times out; the shared timer is woken again on release.
    if (this.heldSince !== undefined) return Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const [id, pending] of this.pending) {
      // While the server's own request is being answered (a person may be writing the answer), the
      // requests waiting on the server wait for that answer, not for the server: only the deadline holds.
      if (this.answering.size > 0 && pending.deadline > now) pending.lastActivity = now;
      const idleUntil = pending.lastActivity + pending.timeoutMs;
      if (Math.min(idleUntil, pending.deadline) > now) {
        next = Math.min(next, waitEnd(pending));
        continue;
      }
      this.giveUp(
        id,
        pending.deadline <= idleUntil
          ? totalTimeoutError(pending.method, Math.round(pending.deadline - pending.startedAt))
          : timeoutError(pending.method, pending.timeoutMs, this.options.timeoutAdvice),
      );
    }
    return next;
  }

  /**
   * Holds the time limits of every waiting request, and of those sent meanwhile, while the server
   * is stopped in a debugger (the caller knows, the client cannot): a breakpoint is not a hang.
   * Released, each request waits its whole timeout again and its deadline moves by the time held.
   */
  holdTimeouts(held: boolean): void {
    if (held) {
      this.heldSince ??= performance.now();
      return;
    }
    if (this.heldSince === undefined) return;
    const now = performance.now();
    const heldMs = now - this.heldSince;
    this.heldSince = undefined;
    for (const pending of this.pending.values()) {
      pending.deadline += heldMs;
      pending.lastActivity = now;
      this.clock.wakeBy(waitEnd(pending));
    }
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
    for (const controller of this.answering.values()) controller.abort(new ConnectionClosedError({ summary: 'The session ended before the request was answered.' }));
    this.receivedTasks.endAll('The session ended before the task was answered.');
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
    for (const controller of this.answering.values()) {
      controller.abort(new ConnectionClosedError({ summary: `The connection ended before the request was answered: ${problem.summary}` }));
    }
    this.receivedTasks.endAll(`The connection ended before the task was answered: ${problem.summary}`);
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
      const page = checkResult(ListPage.safeParse, { ...raw, items: raw[key] }, `${method} (its "${key}")`);
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
    if (isRequest(message) && this.statelessVersion !== undefined) {
      // Stateless servers ask through input_required results; the client sends no responses.
      this.emit({
        type: 'malformed',
        raw: JSON.stringify(message),
        reason: `a ${message.method} request from the server, which the stateless protocol does not allow (it asks for input with input_required results); left unanswered`,
      });
    } else if (isRequest(message)) void this.answerServerRequest(message);
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
      this.emit({ type: 'response', requestId: message.id, method: pending.method, durationMs, error: message.error, ...(pending.probe && { probe: true }) });
      this.settle(message.id, new RpcError(pending.method, message.error));
    } else {
      this.emit({ type: 'response', requestId: message.id, method: pending.method, durationMs, result: message.result });
      this.settle(message.id, message.result);
    }
  }

  private receiveNotification(message: JsonRpcNotification): void {
    if (message.method === 'notifications/progress') {
      const params = parseProgressParams(message.params);
      const pending = params.success ? this.pending.get(params.data.progressToken) : undefined;
      const ofTask = params.success && !pending ? this.taskProgress.get(params.data.progressToken) : undefined;
      if (params.success && (pending || ofTask)) {
        const { progressToken, progress, total, message: text } = params.data;
        // Built field by field: spreads would allocate on every one of thousands of reports.
        const report: ProgressReport = { progress };
        if (total !== undefined) report.total = total;
        if (text !== undefined) report.message = text;
        this.emit({ type: 'progress', requestId: progressToken, ...report });
        if (pending) {
          pending.lastActivity = performance.now();
          pending.onProgress?.(report);
        } else ofTask?.(report);
        return;
      }
      if (!params.success) {
        this.emit({ type: 'malformed', raw: JSON.stringify(message), reason: `invalid progress: ${describeIssues(params.error)}` });
        return;
      }
    } else if (message.method === 'notifications/cancelled') {
      const { requestId, reason } = (message.params ?? {}) as { requestId?: unknown; reason?: unknown };
      const why = typeof reason === 'string' && reason !== '' ? `: ${reason}` : '';
      if (typeof requestId === 'string' || typeof requestId === 'number') {
        this.answering.get(requestId)?.abort(new CancelledError({ summary: `The server withdrew its request (notifications/cancelled)${why}.` }));
      }
    } else if (message.method === 'notifications/tasks/status' || message.method === 'notifications/tasks') {
      // 2025 and 2026 names of the same news: a task's whole state.
      const taskId = message.params?.taskId;
      if (typeof taskId === 'string') this.taskWatchers.get(taskId)?.(message.params!);
    } else if (message.method === 'notifications/subscriptions/acknowledged') {
      this.acknowledgeSubscription(message.params);
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

  /** Resolves a subscription's `acknowledged` and says what the server left out of the filter. */
  private acknowledgeSubscription(params: Record<string, unknown> | undefined): void {
    const id = metaOf(params)[META.subscriptionId];
    const subscription = typeof id === 'string' || typeof id === 'number' ? this.subscriptions.get(id) : undefined;
    if (!subscription) return;
    const agreed = (typeof params?.notifications === 'object' && params.notifications !== null ? params.notifications : {}) as SubscriptionFilter;
    const refused = Object.entries(subscription.filter)
      .filter(([key, value]) => {
        const given = agreed[key as keyof SubscriptionFilter];
        return Array.isArray(value) ? value.some((uri) => !(Array.isArray(given) && given.includes(uri))) : value === true && given !== true;
      })
      .map(([key]) => key);
    this.emit({
      type: 'note',
      text: `The server acknowledged subscription ${id}${refused.length ? `, without ${refused.join(', ')} (it does not offer them)` : ''}.`,
    });
    subscription.acknowledge(agreed);
  }

  /** Answers what the server asks of the client (2025 era: its own JSON-RPC request), through the handler registered for its method. */
  private async answerServerRequest(request: JsonRpcRequest): Promise<void> {
    const { id, method } = request;
    const controller = new AbortController();
    this.answering.set(id, controller);
    const answer = await this.answer(id, method, request.params, controller.signal);
    this.answering.delete(id);
    // The server gets its whole timeout again from the answer on, however long the answer took.
    const now = performance.now();
    for (const pending of this.pending.values()) pending.lastActivity = Math.max(pending.lastActivity, now);
    if ('aborted' in answer) return;
    // Closing waits for this POST too (bounded), or a close right after answering would cut the answer off.
    const sent = this.transport.send({ jsonrpc: '2.0', id, ...answer });
    this.sending.add(sent);
    try {
      await sent;
    } catch (error) {
      this.emit({
        type: 'problem',
        problem: { summary: `Could not answer the server's ${method} request: ${problemOf(error).summary}` },
      });
    } finally {
      this.sending.delete(sent);
    }
  }

  private handlerFor(method: string): ServerRequestHandler | undefined {
    return this.options.serverRequestHandlers?.[method] ?? this.receivedTasks.handlerFor(method) ?? (method === 'ping' ? async () => ({}) : undefined);
  }

  /**
   * Runs the handler for one thing the server asks (a request, or an input request of an
   * `input_required` result), with its events; `aborted` when the server withdrew it meanwhile.
   */
  private async answer(
    requestId: RequestId,
    method: string,
    params: Record<string, unknown> | undefined,
    signal: AbortSignal,
  ): Promise<{ result: Record<string, unknown> } | { error: RpcErrorObject } | { aborted: true }> {
    this.emit({ type: 'serverRequest', requestId, method, params });
    const startedAt = performance.now();
    const handler = this.handlerFor(method);
    let answer: { result: Record<string, unknown> } | { error: RpcErrorObject };
    try {
      if (!handler) throw new RpcError(method, { code: -32601, message: `MCP Scope does not handle ${method} requests` });
      // A 2025-era request that asks to run as a task is answered with the task at once; the handler goes on in it.
      const asTask = this.statelessVersion === undefined && this.receivedTasks.accepts(method, params);
      answer = {
        result: asTask
          ? this.receivedTasks.start(method, params, (taskSignal, taskId) => handler(params, { requestId, signal: taskSignal, taskId }))
          : await handler(params, { requestId, signal }),
      };
    } catch (error) {
      answer = {
        error: error instanceof RpcError ? error.error : { code: -32603, message: `Answering ${method} failed: ${problemOf(error).summary}` },
      };
    }
    // The server cancelled its request: it wants no answer.
    if (signal.aborted) return { aborted: true };
    this.emit({ type: 'serverResponse', requestId, method, durationMs: performance.now() - startedAt, ...answer });
    return answer;
  }

  /** Stops waiting for a request and tells the server it may stop working on it. */
  private giveUp(id: RequestId, reason: McpScopeError): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.settle(id, reason);
    if (this.statelessVersion !== undefined) {
      // Settling closed the request's stream, which is how the stateless protocol cancels.
      this.emit({ type: 'note', text: `Closed the stream of ${pending.method} (id ${id}), which tells the server to stop: ${reason.problem.summary}` });
      return;
    }
    this.notify('notifications/cancelled', { requestId: id, reason: reason.problem.summary }).catch((error: unknown) =>
      this.emit({ type: 'problem', problem: { summary: `Could not tell the server to cancel request ${id}: ${(error as Error).message}` } }),
    );
  }

  private settle(id: RequestId, outcome: Record<string, unknown> | Error): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    this.clock.hold(this.pending.size > 0);
    if (outcome instanceof Error) {
      pending.exchange.abort();
      // A JSON-RPC error was shown as the response already; any other end is shown here, so no request stays "pending".
      if (!(outcome instanceof RpcError)) {
        const durationMs = performance.now() - pending.startedAt;
        this.emit({ type: 'response', requestId: id, method: pending.method, durationMs, failure: problemOf(outcome), ...(pending.probe && { probe: true }) });
      }
      pending.reject(outcome);
    } else {
      pending.resolve(outcome);
    }
  }

  private emit(event: ClientEvent): void {
    this.options.onEvent?.(event);
  }
}

function checkResult<T>(parse: (value: unknown) => z.ZodSafeParseResult<T>, raw: Record<string, unknown>, what: string): T {
  const parsed = parse(raw);
  if (parsed.success) return parsed.data;
  throw new ProtocolViolationError({
    summary: `The server's result for ${what} does not have the shape MCP requires: ${describeIssues(parsed.error)}.`,
  });
}

const withoutFullStop = (text: string) => text.replace(/\.$/, '');

/** What a HeaderMismatch error's data says of the header the server received, decoded when the server quotes it base64-encoded. */
function mismatchOf(data: unknown): string {
  const mismatch = (data as { mismatch?: { header?: unknown; body?: unknown } } | undefined)?.mismatch;
  if (typeof mismatch?.header !== 'string') return '';
  const decoded = decodeHeaderValue(mismatch.header);
  const header = decoded === undefined ? `${mismatch.header} (not valid base64)` : decoded === mismatch.header ? decoded : `${JSON.stringify(decoded)}, sent as ${mismatch.header}`;
  return ` (header ${header}${typeof mismatch.body === 'string' ? `; ${mismatch.body}` : ''})`;
}

function metaOf(params: Record<string, unknown> | undefined): Record<string, unknown> {
  const meta = params?._meta;
  return typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {};
}

const timeoutError = (method: string, ms: number, advice = 'Give the request more time if the server is just slow, or check the server for a hang.') =>
  new RequestTimeoutError({ summary: `The server did not answer ${method} within ${ms / 1000} s.`, advice });
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
