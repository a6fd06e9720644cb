// One configured server: its connection, its tools, and the mapping of everything its client
// sees onto the timeline.

import { type AnsweredByPerson, rootsResult } from '../mcp/answerShapes';
import type { CallToolOptions, ClientEvent, McpClient, ServerRequestHandler } from '../mcp/client';
import { connect } from '../mcp/connect';
import { describeEndpoint, type ServerEndpoint } from '../mcp/endpoint';
import type { RequestId } from '../mcp/jsonRpc';
import { CancelledError, McpScopeError, problemOf, RequestTimeoutError, RpcError } from '../mcp/problems';
import type { CallToolResult, Tool } from '../mcp/protocol';
import type { CompletionRef, CompletionValues, PromptResult, ResourceReadResult } from '../shared/model';
import { WireRecorder } from '../mcp/wire';
import type {
  ConnectionState,
  IconSummary,
  LogLevel,
  NewTimelineEvent,
  Problem,
  Root,
  ServerSummary,
  ToolListChange,
  ToolSummary,
  TransportKind,
} from '../shared/model';
import type { PendingRequests } from './pendingRequests';
import { ServerFeatures } from './serverFeatures';
import { describeToolChange, diffTools, isUnchanged } from './toolDiff';

/** A server as the user configured it: a unique name and where to reach it. */
export type ServerConfig = ServerEndpoint & {
  /** Unique among the configured servers. */
  name: string;
  /** Where the entry is written, as a person reads it (e.g. "user settings"). */
  origin?: string;
  /** This server's request timeout, over the inspector's. */
  requestTimeoutMs?: number;
  /** Why the server may not be connected to now (e.g. an untrusted workspace); it is listed all the same. */
  held?: Problem;
};

/** How a session notices that its server went away, and how it comes back. */
export interface ReconnectPolicy {
  /** How often a connected session pings its server to notice it is gone (default 2000 ms). */
  heartbeatMs: number;
  /** The wait before the first try to reconnect; it doubles with every failed try (default 500 ms). */
  firstDelayMs: number;
  /** The longest wait between tries (default 10000 ms). */
  maxDelayMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { heartbeatMs: 2000, firstDelayMs: 500, maxDelayMs: 10_000 };

/** What a session needs from the inspector that owns it. */
export interface SessionContext {
  clientInfo: { name: string; version: string };
  /** What a timed-out request advises (see McpClientOptions.timeoutAdvice). */
  timeoutAdvice?: string;
  requestTimeoutMs(): number;
  reconnect: ReconnectPolicy;
  record(event: NewTimelineEvent): void;
  /** The session's summary changed (state, tools). */
  changed(): void;
  /** Where the server's sampling and elicitation requests wait for the user. */
  pendingRequests: PendingRequests;
  /** How long such a request waits for the user before MCP Scope refuses it for them. */
  serverRequestTimeoutMs(): number;
  /** The roots every server gets unless the user edited its own: the workspace folders. */
  defaultRoots(): Root[];
}

/**
 * What MCP Scope tells servers it can do: answer sampling, elicitation (form and URL) and roots, and
 * say when the roots change; and run sampling and elicitation as tasks (2025-11-25), which it lists
 * and lets the server cancel.
 */
export const CLIENT_CAPABILITIES = {
  roots: { listChanged: true },
  sampling: {},
  elicitation: { form: {}, url: {} },
  tasks: { list: {}, cancel: {}, requests: { sampling: { createMessage: {} }, elicitation: { create: {} } } },
};

export class ServerSession {
  private state: ConnectionState = 'idle';
  private problem: Problem | undefined;
  private tools: ToolSummary[] = [];
  /** The tools of the last successful listing, kept across disconnects to tell what a restart changed. */
  private lastListed: ToolSummary[] | undefined;
  private client: McpClient | undefined;
  /** The connected server's resources, templates, prompts and subscriptions. */
  private features: ServerFeatures | undefined;
  private transport: TransportKind | undefined;
  /** `notifications/tools/list_changed` arrived and the tools have not been listed again yet. */
  private toolsChanged = false;
  /** The connection attempt under way: aborting it gives up. */
  private attempt: AbortController | undefined;
  /** Which tool call each request belongs to, so its events can point at the call. */
  private readonly callOfRequest = new Map<RequestId, string>();
  /** The heartbeat's pings, kept off the timeline. */
  private readonly heartbeatRequests = new Set<RequestId>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private checking = false;
  private retry: { attempt: number; at: number; timer: ReturnType<typeof setTimeout> } | undefined;
  /** The roots the user set for this server in the panel; the workspace folders when undefined. */
  private editedRoots: Root[] | undefined;
  /** The log level the user chose, asked for again on every new connection. */
  private logLevel: LogLevel | undefined;
  /** Why the requests' time limits are held (the server is stopped in a debugger); undefined when they are not. */
  private heldBecause: string | undefined;
  /** The debugger said the server's program ended (why), and tells whether a debug session of it runs again. */
  private endedProgram: { because: string; running: () => boolean } | undefined;
  /** Reconnecting stopped because the debugged program ended: the next debug session of it connects again. */
  private waitingForProgram = false;

  constructor(
    readonly config: ServerConfig,
    private readonly context: SessionContext,
  ) {}

  get id(): string {
    return this.config.name;
  }

  /** Where the server is, as a person reads it. */
  get address(): string {
    return describeEndpoint(this.config);
  }

  summary(): ServerSummary {
    const server = this.state === 'connected' ? this.client?.server : undefined;
    return {
      id: this.id,
      address: describeEndpoint(this.config),
      state: this.state,
      ...(server && this.transport && { transport: this.transport }),
      ...(server && {
        protocolVersion: server.protocolVersion,
        serverInfo: server.serverInfo,
        capabilities: server.capabilities,
        ...(server.instructions !== undefined && { instructions: server.instructions }),
      }),
      ...(this.toolsChanged && { toolsChanged: true }),
      ...(server && this.client?.era !== undefined && { era: this.client.era }),
      ...(server && this.client?.eraReason !== undefined && { eraReason: this.client.eraReason }),
      ...(this.state === 'connected' && this.client?.sessionId !== undefined && { sessionId: this.client.sessionId }),
      ...(this.state === 'failed' && this.problem && { problem: this.problem }),
      tools: this.tools,
      ...(this.state === 'connected' && this.features?.summary()),
      ...(this.config.origin !== undefined && { origin: this.config.origin }),
      ...(this.retry && { reconnect: { attempt: this.retry.attempt, at: this.retry.at } }),
      roots: this.roots(),
      ...(this.editedRoots && { rootsEdited: true }),
      ...(this.logLevel !== undefined && { logLevel: this.logLevel }),
    };
  }

  /**
   * Connects and lists the tools; a failure leaves the session `failed` with the problem shown.
   * With `keepTrying` (a server that is being started) a failure is retried with the reconnect
   * backoff until the server answers or the user disconnects.
   */
  async connect(options: { keepTrying?: boolean } = {}): Promise<void> {
    if (this.state === 'connecting' || this.state === 'connected') return;
    this.stopRetrying();
    this.forgetEndedProgram();
    if (this.config.held) {
      this.problem = this.config.held;
      this.setState('failed', `Not connecting to ${this.id}`, this.problem);
      return;
    }
    if (!(await this.open('Connecting')) && options.keepTrying && this.state === 'failed' && !this.retry) this.scheduleRetry(1);
  }

  /** Ends the session (DELETE, or the server process), stops any reconnecting or connecting, and forgets the tools. */
  async disconnect(): Promise<void> {
    const wasRetrying = this.stopRetrying();
    this.forgetEndedProgram();
    const client = this.client;
    const attempt = this.attempt;
    if (attempt) {
      this.attempt = undefined;
      this.drop();
      this.setState('closed', `Disconnected from ${this.address}`);
      attempt.abort();
      await client?.close();
      this.endPendingRequests();
      return;
    }
    if (!client) {
      if (wasRetrying) this.setState('closed', `Stopped reconnecting to ${this.address}`);
      return;
    }
    this.drop();
    this.setState('closed', `Disconnected from ${this.address}`);
    await client.close();
    this.endPendingRequests();
  }

  /** Calls a tool of the connected server; `callId` ties the call's events to it on the timeline. */
  async callTool(callId: string, tool: string, args: Record<string, unknown>, options: CallToolOptions): Promise<CallToolResult> {
    const client = this.connectedClient(`call ${tool} of`);
    // A stateless-era call may go out more than once (input asked for, a lost stream), each time with a new id; a task's polls have their own.
    const sent: RequestId[] = [];
    try {
      return await client.callTool(tool, args, {
        ...options,
        onSent: (requestId) => {
          sent.push(requestId);
          this.callOfRequest.set(requestId, callId);
        },
      });
    } finally {
      for (const requestId of sent) this.callOfRequest.delete(requestId);
    }
  }

  /** Lists a connected server's tools again, at the user's request; the timeline tells what changed. */
  async refreshTools(): Promise<void> {
    const client = this.connectedClient('list the tools of');
    try {
      const tools = await client.listTools();
      if (this.client !== client) return;
      const change = this.takeTools(tools);
      this.recordToolChange(change);
    } catch (error) {
      this.recordProblem(problemOf(error));
      throw error;
    } finally {
      this.context.changed();
    }
  }

  /** Reads a resource of the connected server. */
  readResource(uri: string): Promise<ResourceReadResult> {
    return this.connectedClient('read a resource of').readResource(uri);
  }

  /** Gets a prompt of the connected server with these arguments. */
  getPrompt(name: string, args: Record<string, string>): Promise<PromptResult> {
    return this.connectedClient('get a prompt of').getPrompt(name, args);
  }

  /** Asks the connected server to complete an argument of a prompt or resource template. */
  complete(ref: CompletionRef, argument: { name: string; value: string }, context: Record<string, string>): Promise<CompletionValues> {
    return this.connectedClient('ask for completions from').complete(ref, argument, context);
  }

  /** Subscribes to a resource's updates, or ends the subscription. */
  subscribeResource(uri: string, on: boolean): Promise<void> {
    this.connectedClient(on ? 'subscribe to a resource of' : 'unsubscribe from a resource of');
    return this.features!.subscribe(uri, on);
  }

  /** Lists the connected server's resources, templates and prompts again, at the user's request. */
  async refreshFeatures(): Promise<void> {
    this.connectedClient('list the resources and prompts of');
    await Promise.all([this.features!.listResources(), this.features!.listPrompts()]);
  }


  /**
   * Sets the level of the server's log messages, the way its era does: `logging/setLevel` in the
   * 2025 era (resolves with the server's answer), in the stateless era the level every later request
   * carries in `_meta` (resolves with `{}`: nothing is asked of the server). Kept for reconnections.
   */
  async setLogLevel(level: LogLevel): Promise<Record<string, unknown>> {
    const client = this.connectedClient('set the log level of');
    if (client.era === 'stateless') {
      client.requestLogLevel = level;
      this.logLevel = level;
      this.context.changed();
      return {};
    }
    const answer = await client.request('logging/setLevel', { level });
    this.logLevel = level;
    this.context.changed();
    return answer;
  }

  /** Pings the server and resolves with the round trip in milliseconds; the ping shows on the timeline. */
  async ping(): Promise<number> {
    const client = this.connectedClient('ping');
    const startedAt = performance.now();
    await client.request('ping');
    return performance.now() - startedAt;
  }

  /** The roots this server gets when it asks. */
  roots(): Root[] {
    return this.editedRoots ?? this.context.defaultRoots();
  }

  /** Takes the roots the user set in an earlier session, before this one connects. */
  restoreRoots(roots: Root[]): void {
    this.editedRoots = roots;
  }

  /** Sets this server's own roots (`undefined`: the workspace folders again) and tells the server when they changed. */
  async setRoots(roots: Root[] | undefined): Promise<void> {
    const before = this.roots();
    this.editedRoots = roots;
    this.context.changed();
    await this.rootsMayHaveChanged(before);
  }

  /**
   * Tells a connected 2025-era server that its roots changed (`notifications/roots/list_changed`),
   * when they differ from `before`. Stateless servers ask for the roots with each request instead.
   */
  async rootsMayHaveChanged(before: Root[]): Promise<void> {
    const client = this.client;
    if (!client || this.state !== 'connected' || client.era === 'stateless') return;
    if (JSON.stringify(before) === JSON.stringify(this.roots())) return;
    try {
      await client.notify('notifications/roots/list_changed');
    } catch (error) {
      this.recordProblem({ summary: `Could not tell ${this.id} that its roots changed: ${problemOf(error).summary}` });
    }
  }

  /** The server's requests MCP Scope answers: sampling and elicitation wait for the user in the panel; roots are answered at once. */
  private serverRequestHandlers(): Record<string, ServerRequestHandler> {
    const waitForUser =
      (method: AnsweredByPerson): ServerRequestHandler =>
      (params, { requestId, signal, taskId }) =>
        this.context.pendingRequests.park({
          serverId: this.id,
          method,
          params,
          requestId,
          taskId,
          signal,
          // Only the stateless era's signal comes without a reason: it is the signal of the call that asked.
          withdrawnReason: 'The call that asked for it was cancelled.',
          timeoutMs: this.context.serverRequestTimeoutMs(),
        });
    return {
      'sampling/createMessage': waitForUser('sampling/createMessage'),
      'elicitation/create': waitForUser('elicitation/create'),
      'roots/list': async () => rootsResult(this.roots()),
    };
  }

  private connectedClient(action: string): McpClient {
    if (!this.client || this.state !== 'connected') {
      throw new McpScopeError({ summary: `Cannot ${action} ${this.id}: it is not connected.`, advice: 'Connect to the server first.' });
    }
    return this.client;
  }

  /**
   * Holds the time limits of the requests to this server (`because` says why, for the timeline),
   * or releases them (undefined): a server stopped at a breakpoint answers once it goes on.
   */
  holdTimeouts(because: string | undefined): void {
    if (because === this.heldBecause) return;
    this.heldBecause = because;
    this.client?.holdTimeouts(because !== undefined);
    const text = because === undefined ? 'Requests wait for their timeout again.' : `${because}: requests wait for it without timing out.`;
    this.context.record({ kind: 'note', time: Date.now(), serverId: this.id, text });
  }

  /**
   * The server's program ended or is restarting, as its debugger tells: reconnect by itself, as
   * when the connection is lost. A server without a session or an open stream would not notice
   * otherwise, and a restart often falls between two heartbeats; one that noticed first is
   * reconnecting already. When a try fails and `running` says no debug session of the program
   * runs, it ended for good: reconnecting stops until `programStarted`.
   */
  programEnded(because: string, running: () => boolean): void {
    const connected = this.state === 'connected' ? this.client : undefined;
    if (!connected && this.retry === undefined && this.attempt === undefined) return;
    this.endedProgram = { because, running };
    if (connected) this.lost(connected, { summary: because });
  }

  /** A debug session of the server's program started: connects again if reconnecting stopped when the program ended. */
  programStarted(): void {
    if (this.waitingForProgram) void this.connect({ keepTrying: true });
  }

  /** Opens a connection and lists the tools; returns whether it worked. */
  private async open(verb: 'Connecting' | 'Reconnecting'): Promise<boolean> {
    const abort = new AbortController();
    this.attempt = abort;
    this.setState('connecting', `${verb} to ${this.address}`);
    let client: McpClient | undefined;
    try {
      const connection = await connect(this.config, {
        recorder: new WireRecorder((record) => this.context.record({ kind: 'wire', time: Date.now(), serverId: this.id, record })),
        clientInfo: this.context.clientInfo,
        requestTimeoutMs: this.config.requestTimeoutMs ?? this.context.requestTimeoutMs(),
        ...(this.context.timeoutAdvice !== undefined && { timeoutAdvice: this.context.timeoutAdvice }),
        capabilities: CLIENT_CAPABILITIES,
        serverRequestHandlers: this.serverRequestHandlers(),
        onEvent: (event) => this.record(event),
        onFallback: (notice) => this.setState('connecting', notice),
        ...(this.config.transport !== 'stdio' && this.config.protocolVersion !== undefined && { protocolVersion: this.config.protocolVersion }),
        ...(this.logLevel !== undefined && { logLevel: this.logLevel }),
        signal: abort.signal,
      });
      client = connection.client;
      if (this.heldBecause !== undefined) client.holdTimeouts(true);
      if (abort.signal.aborted) {
        await client.close();
        return false;
      }
      this.client = client;
      this.transport = connection.transport;
      const tools = await client.listTools();
      if (this.client !== client) return false;
      const change = this.takeTools(tools);
      const features = new ServerFeatures(client, {
        serverId: this.id,
        problem: (problem) => this.recordProblem(problem),
        changed: () => this.context.changed(),
      });
      this.features = features;
      await features.load();
      if (this.client !== client) return false;
      const { serverInfo, protocolVersion } = connection.initialized;
      const session = client.era === 'stateless' ? 'stateless' : client.sessionId === undefined ? 'no session id' : `session ${client.sessionId}`;
      this.setState(
        'connected',
        `${verb === 'Connecting' ? 'Connected' : 'Reconnected'} to ${serverInfo.name} ${serverInfo.version} over ${TRANSPORT_NAMES[connection.transport]}: protocol ${protocolVersion}, ${session}, ${tools.length} tools`,
      );
      this.recordToolChange(change);
      this.endedProgram = undefined;
      this.heartbeat = setInterval(() => void this.check(client!), this.context.reconnect.heartbeatMs);
      return true;
    } catch (error) {
      if (abort.signal.aborted || (client && this.client !== client)) return false;
      this.client = undefined;
      this.problem = problemOf(error);
      this.setState('failed', `Could not connect to ${this.address}`, this.problem);
      await client?.close();
      return false;
    } finally {
      if (this.attempt === abort) this.attempt = undefined;
    }
  }

  /** Takes a new tool listing; returns what changed since the last one, if there was one. */
  private takeTools(tools: Awaited<ReturnType<McpClient['listTools']>>): ToolListChange | undefined {
    const listed = tools.map(toolSummaryOf);
    const previous = this.lastListed;
    this.toolsChanged = false;
    this.tools = listed;
    this.lastListed = listed;
    return previous && diffTools(previous, listed);
  }

  private recordToolChange(change: ToolListChange | undefined): void {
    if (!change || isUnchanged(change)) return;
    this.context.record({ kind: 'toolsChanged', time: Date.now(), serverId: this.id, text: `Tools changed: ${describeToolChange(change)}`, ...change });
  }

  /** Pings the server; a failure that is not the server's own answer means it went away. */
  private async check(client: McpClient): Promise<void> {
    if (this.checking || this.client !== client || this.state !== 'connected') return;
    this.checking = true;
    try {
      await client.request('ping', undefined, {
        timeoutMs: Math.max(this.context.reconnect.heartbeatMs, 1000),
        onSent: (requestId) => this.heartbeatRequests.add(requestId),
      });
    } catch (error) {
      // A JSON-RPC error is an answer; a slow answer may be a server stopped at a breakpoint.
      const alive = error instanceof RpcError || error instanceof RequestTimeoutError || error instanceof CancelledError;
      if (!alive && this.client === client) this.lost(client, problemOf(error));
    } finally {
      this.checking = false;
    }
  }

  private lost(client: McpClient, problem: Problem): void {
    this.drop();
    this.problem = problem;
    this.setState('failed', `Lost the connection to ${this.address}; reconnecting by itself`, problem);
    void client.close(problem);
    this.endPendingRequests();
    this.scheduleRetry(1);
  }

  private scheduleRetry(attempt: number): void {
    const { firstDelayMs, maxDelayMs } = this.context.reconnect;
    const delay = Math.min(firstDelayMs * 2 ** (attempt - 1), maxDelayMs);
    const timer = setTimeout(() => void this.retryNow(attempt), delay);
    this.retry = { attempt, at: Date.now() + delay, timer };
    this.context.changed();
  }

  private async retryNow(attempt: number): Promise<void> {
    this.retry = undefined;
    if (await this.open('Reconnecting')) return;
    if (this.state !== 'failed' || this.retry) return;
    if (this.endedProgram && !this.endedProgram.running()) {
      this.setState(
        'closed',
        `${this.endedProgram.because}, and no debug session of it runs: stopped reconnecting to ${this.address}. It connects again when its launch configuration starts (Start and Connect).`,
      );
      this.endedProgram = undefined;
      this.waitingForProgram = true;
      return;
    }
    this.scheduleRetry(attempt + 1);
  }

  private forgetEndedProgram(): void {
    this.endedProgram = undefined;
    this.waitingForProgram = false;
  }

  /** Stops the heartbeat and the reconnecting; returns whether it was reconnecting. */
  private stopRetrying(): boolean {
    const retrying = this.retry !== undefined;
    if (this.retry) clearTimeout(this.retry.timer);
    this.retry = undefined;
    return retrying;
  }

  /**
   * Takes back what still waits for the user once the client is closed: closing withdrew the 2025
   * era's requests already (so nothing is sent for them); the stateless era's input requests wait
   * on their call, which ended too.
   */
  private endPendingRequests(): void {
    this.context.pendingRequests.endAll(this.id, `The session with ${this.id} ended before the request was answered.`);
  }

  /** Forgets the current connection without telling the server. */
  private drop(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.client = undefined;
    this.features?.close();
    this.features = undefined;
    this.tools = [];
    this.heartbeatRequests.clear();
  }

  private setState(state: ConnectionState, text: string, problem?: Problem): void {
    this.state = state;
    this.context.record({ kind: 'connection', time: Date.now(), serverId: this.id, state, text, ...(problem && { problem }) });
    this.context.changed();
  }

  private recordProblem(problem: Problem): void {
    this.context.record({ kind: 'problem', time: Date.now(), serverId: this.id, problem });
  }

  private record(event: ClientEvent): void {
    const base = { time: Date.now(), serverId: this.id };
    switch (event.type) {
      case 'request':
      case 'response':
      case 'progress':
      case 'task': {
        if (this.heartbeatRequests.has(event.requestId)) {
          if (event.type === 'response') this.heartbeatRequests.delete(event.requestId);
          return;
        }
        const { type, ...rest } = event;
        const callId = this.callOfRequest.get(event.requestId);
        this.context.record({ kind: type, ...base, ...rest, ...(callId && { callId }) } as NewTimelineEvent);
        return;
      }
      case 'notification':
      case 'serverRequest':
      case 'serverResponse':
      case 'log':
      case 'note':
      case 'problem': {
        const { type, ...rest } = event;
        this.context.record({ kind: type, ...base, ...rest } as NewTimelineEvent);
        if (event.type === 'notification' && event.direction === 'received' && event.method === 'notifications/tools/list_changed') {
          this.toolsChanged = true;
          this.context.changed();
          void this.relistTools();
        }
        if (event.type === 'notification' && event.direction === 'received') this.features?.received(event.method);
        // A cut stream is often the first sign the server went away: check now, not at the next beat.
        if (event.type === 'problem' && this.client) void this.check(this.client);
        return;
      }
      case 'malformed':
        this.context.record({ kind: 'protocolError', ...base, raw: event.raw, reason: event.reason });
        return;
      case 'stderr':
        this.context.record({ kind: 'stderr', ...base, line: event.line });
        return;
      case 'sessionRenewed':
        this.context.record({ kind: 'note', ...base, text: `New session ${event.sessionId ?? '(no session id)'}.` });
        void this.features?.resubscribe();
        this.context.changed();
        return;
      case 'sessionLost':
      case 'closed':
        if (this.client && this.state === 'connected') this.lost(this.client, event.problem);
        return;
    }
  }

  private async relistTools(): Promise<void> {
    const client = this.client;
    if (!client || this.state !== 'connected') return;
    try {
      const tools = await client.listTools();
      if (this.client !== client) return;
      const change = this.takeTools(tools);
      this.context.changed();
      this.recordToolChange(change);
    } catch (error) {
      if (this.client === client) this.recordProblem({ summary: `Could not list the tools again after the server said they changed: ${problemOf(error).summary}` });
    }
  }
}

/** Each transport as people call it. */
export const TRANSPORT_NAMES: Record<TransportKind, string> = {
  'streamable-http': 'Streamable HTTP',
  'legacy-sse': 'legacy HTTP+SSE',
  stdio: 'stdio',
};

/** What the panel shows of a tool; only icons with a string `src` are kept. */
function toolSummaryOf({ name, title, description, inputSchema, outputSchema, annotations, icons }: Tool): ToolSummary {
  const usableIcons = Array.isArray(icons) ? icons.flatMap(iconOf) : [];
  return {
    name,
    ...(title !== undefined && { title }),
    ...(description !== undefined && { description }),
    inputSchema,
    ...(outputSchema !== undefined && { outputSchema }),
    ...(annotations !== undefined && { annotations }),
    ...(usableIcons.length > 0 && { icons: usableIcons }),
  };
}

function iconOf(icon: unknown): IconSummary[] {
  if (typeof icon !== 'object' || icon === null) return [];
  const { src, mimeType, sizes, theme } = icon as Record<string, unknown>;
  if (typeof src !== 'string') return [];
  return [
    {
      src,
      ...(typeof mimeType === 'string' && { mimeType }),
      ...(Array.isArray(sizes) && { sizes: sizes.filter((size): size is string => typeof size === 'string') }),
      ...(typeof theme === 'string' && { theme }),
    },
  ];
}
