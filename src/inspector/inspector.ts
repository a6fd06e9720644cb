// The inspector: one session per configured server, the calls started from the panel, and the
// timeline of everything. It knows sessions and timelines, nothing about VS Code or the DOM.

import { CancelledError, problemOf, RpcError } from '../mcp/problems';
import type {
  CallRecord,
  CompletionRef,
  CompletionValues,
  LogLevel,
  PromptResult,
  ResourceReadResult,
  Root,
  ServerRequestAnswer,
  ServerSummary,
  Snapshot,
} from '../shared/model';
import { CallHistory, type HistoryStorage, type SavedCallStore } from './callHistory';
import { Listeners } from './listeners';
import { PendingRequests } from './pendingRequests';
import { DEFAULT_RECONNECT, type ReconnectPolicy, type ServerConfig, ServerSession, type SessionContext } from './serverSession';
import { TimelineStore } from './timelineStore';

export interface InspectorOptions {
  /** How MCP Scope names itself to servers. */
  clientInfo: { name: string; version: string };
  /** How many timeline events are kept (default TIMELINE_LIMIT). */
  timelineLimit?: number;
  /** How many finished calls are kept (default 200). */
  callLimit?: number;
  /** How lost connections are noticed and retried. */
  reconnect?: Partial<ReconnectPolicy>;
  /** Where past calls are kept between sessions; in memory only when absent. */
  historyStorage?: HistoryStorage;
  /** What a timed-out request advises, in the host's terms (e.g. the setting that gives requests longer). */
  timeoutAdvice?: string;
  /** Where saved calls are written; in memory only when absent. */
  savedCallStore?: SavedCallStore;
  /** Where the roots the user set per server are kept between sessions; in memory only when absent. */
  rootsStorage?: RootsStorage;
}

/** Keeps the roots the user set, by server name; `load` may return anything a previous version stored. */
export interface RootsStorage {
  load(): unknown;
  save(roots: Record<string, Root[]>): void;
}

/** The stored roots that still make sense: `file://` URIs with optional names, by server. */
function storedRoots(stored: unknown): Record<string, Root[]> {
  if (typeof stored !== 'object' || stored === null) return {};
  const isRoot = (root: unknown): root is Root =>
    typeof root === 'object' &&
    root !== null &&
    typeof (root as Root).uri === 'string' &&
    (root as Root).uri.startsWith('file://') &&
    ((root as Root).name === undefined || typeof (root as Root).name === 'string');
  return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, Root[]] => Array.isArray(entry[1]) && entry[1].every(isRoot)));
}

export interface InspectorSettings {
  servers: ServerConfig[];
  /** How long a request waits for its answer; progress restarts the wait. */
  requestTimeoutMs: number;
  /** How long a server's sampling or elicitation request waits for the user before it is refused for them (default 300 s). */
  serverRequestTimeoutMs?: number;
}

/** How long a server's request waits for the user unless the settings say otherwise. */
export const DEFAULT_SERVER_REQUEST_TIMEOUT_MS = 300_000;

export class Inspector {
  readonly timeline: TimelineStore;
  /** Hears the whole server list whenever a server is added, removed, or changes state or tools. */
  readonly serversChanged = new Listeners<ServerSummary[]>();
  /** Hears a call whenever it starts, progresses or ends. */
  readonly callUpdated = new Listeners<CallRecord>();
  /** Every finished call, per server, and the calls saved by name. */
  readonly history: CallHistory;
  /** The servers' sampling and elicitation requests that wait for the user. */
  readonly pendingRequests = new PendingRequests();

  private readonly sessions = new Map<string, ServerSession>();
  private readonly calls = new Map<string, CallRecord>();
  /** Aborts each running call, by call id. */
  private readonly running = new Map<string, AbortController>();
  private nextCallId = 1;
  private requestTimeoutMs = 60_000;
  private serverRequestTimeoutMs = DEFAULT_SERVER_REQUEST_TIMEOUT_MS;
  private defaultRoots: Root[] = [];
  /** The roots the user set, by server; kept for servers not configured right now too. */
  private readonly editedRoots: Record<string, Root[]>;
  private readonly context: SessionContext;

  constructor(private readonly options: InspectorOptions) {
    this.timeline = new TimelineStore(options.timelineLimit);
    this.editedRoots = storedRoots(options.rootsStorage?.load());
    this.history = new CallHistory(options.historyStorage ?? { load: () => undefined, save: () => undefined }, undefined, options.savedCallStore);
    this.context = {
      clientInfo: options.clientInfo,
      ...(options.timeoutAdvice !== undefined && { timeoutAdvice: options.timeoutAdvice }),
      requestTimeoutMs: () => this.requestTimeoutMs,
      reconnect: { ...DEFAULT_RECONNECT, ...options.reconnect },
      record: (event) => this.timeline.append(event),
      changed: () => this.serversChanged.emit(this.servers()),
      pendingRequests: this.pendingRequests,
      serverRequestTimeoutMs: () => this.serverRequestTimeoutMs,
      defaultRoots: () => this.defaultRoots,
    };
  }

  /** Applies the configuration: new servers appear, removed or changed ones are disconnected. */
  configure(settings: InspectorSettings): void {
    this.requestTimeoutMs = settings.requestTimeoutMs;
    this.serverRequestTimeoutMs = settings.serverRequestTimeoutMs ?? DEFAULT_SERVER_REQUEST_TIMEOUT_MS;
    const wanted = new Map(settings.servers.map((config) => [config.name, config]));
    for (const [name, session] of this.sessions) {
      const config = wanted.get(name);
      if (!config || JSON.stringify(config) !== JSON.stringify(session.config)) {
        this.sessions.delete(name);
        void session.disconnect();
      }
    }
    for (const [name, config] of wanted) {
      if (this.sessions.has(name)) continue;
      const session = new ServerSession(config, this.context);
      if (this.editedRoots[name]) session.restoreRoots(this.editedRoots[name]);
      this.sessions.set(name, session);
    }
    this.serversChanged.emit(this.servers());
  }

  servers(): ServerSummary[] {
    return [...this.sessions.values()].map((session) => session.summary());
  }

  /**
   * Connects to a configured server; failures end up in its state and on the timeline, not here.
   * `keepTrying` retries with the reconnect backoff until the server answers (one being started).
   */
  connect(serverId: string, options: { keepTrying?: boolean } = {}): Promise<void> {
    return this.session(serverId).connect(options);
  }

  disconnect(serverId: string): Promise<void> {
    return this.session(serverId).disconnect();
  }

  /** Disconnects and connects again; the timeline then tells what changed in the tools. */
  async reconnect(serverId: string): Promise<void> {
    const session = this.session(serverId);
    await session.disconnect();
    await session.connect();
  }

  /** Lists a connected server's tools again. */
  listTools(serverId: string): Promise<void> {
    return this.session(serverId).refreshTools();
  }

  /** Lists a connected server's resources, resource templates and prompts again. */
  listResourcesAndPrompts(serverId: string): Promise<void> {
    return this.session(serverId).refreshFeatures();
  }

  /** Reads a resource; the request and its answer are on the timeline too. */
  readResource(serverId: string, uri: string): Promise<ResourceReadResult> {
    return this.session(serverId).readResource(uri);
  }

  /** Gets a prompt's messages for these arguments. */
  getPrompt(serverId: string, name: string, args: Record<string, string>): Promise<PromptResult> {
    return this.session(serverId).getPrompt(name, args);
  }

  /** Asks for completions of one argument of a prompt or resource template; `context` holds the other arguments filled in. */
  complete(serverId: string, ref: CompletionRef, argument: { name: string; value: string }, context: Record<string, string>): Promise<CompletionValues> {
    return this.session(serverId).complete(ref, argument, context);
  }

  /** Subscribes to a resource's updates (`on`), or ends the subscription; the updates arrive on the timeline. */
  subscribeResource(serverId: string, uri: string, on: boolean): Promise<void> {
    return this.session(serverId).subscribeResource(uri, on);
  }

  /** Cancels a running call; a call that already ended is left as it is. */
  cancelCall(callId: string): void {
    this.running.get(callId)?.abort();
  }

  /** Starts a tool call and returns its id at once; `callUpdated` follows it to the end. */
  runTool(serverId: string, tool: string, args: Record<string, unknown>): string {
    const session = this.session(serverId);
    const call: CallRecord = {
      id: `call-${this.nextCallId++}`,
      serverId,
      tool,
      arguments: args,
      state: 'running',
      startedAt: Date.now(),
    };
    const cancel = new AbortController();
    this.running.set(call.id, cancel);
    this.keep(call);
    const latest = () => this.calls.get(call.id)!;
    session
      .callTool(call.id, tool, args, {
        signal: cancel.signal,
        onProgress: (progress) => this.keep({ ...latest(), progress }),
        onTask: (task) => this.keep({ ...latest(), task }),
      })
      .then(
        (result) => this.keep({ ...latest(), state: 'succeeded', endedAt: Date.now(), result }),
        (error: unknown) =>
          this.keep({
            ...latest(),
            state: error instanceof CancelledError ? 'cancelled' : 'failed',
            endedAt: Date.now(),
            problem: problemOf(error),
            ...(error instanceof RpcError && { rpcError: error.error }),
          }),
      )
      .finally(() => this.running.delete(call.id));
    return call.id;
  }

  /** Asks a server to send log messages of `level` and above; resolves with its answer. */
  async setLogLevel(serverId: string, level: LogLevel): Promise<Record<string, unknown>> {
    return this.session(serverId).setLogLevel(level);
  }

  /** Sends the user's answer to a server's pending request; throws when it is gone or the answer does not fit. */
  answerServerRequest(pendingId: string, answer: ServerRequestAnswer): void {
    this.pendingRequests.answer(pendingId, answer);
  }

  /**
   * Holds the time limits of a server's requests while it is stopped in a debugger (`because` says
   * so on the timeline), or releases them (undefined). A server not configured is left alone.
   */
  holdTimeouts(serverId: string, because: string | undefined): void {
    this.sessions.get(serverId)?.holdTimeouts(because);
  }

  /**
   * The server's program ended or restarts (its debugger says so): a connected server is reconnected
   * to by itself, until a try fails while `running` says no debug session of the program runs.
   */
  programEnded(serverId: string, because: string, running: () => boolean): void {
    this.sessions.get(serverId)?.programEnded(because, running);
  }

  /** A debug session of the server's program started: a server that stopped reconnecting when it ended connects again. */
  programStarted(serverId: string): void {
    this.sessions.get(serverId)?.programStarted();
  }

  /** Pings a connected server; resolves with the round trip in milliseconds. */
  ping(serverId: string): Promise<number> {
    return this.session(serverId).ping();
  }

  /** Sets the roots of one server (`null`: the workspace folders again); a connected server is told they changed. */
  setRoots(serverId: string, roots: Root[] | null): Promise<void> {
    const session = this.session(serverId);
    if (roots) this.editedRoots[serverId] = roots;
    else delete this.editedRoots[serverId];
    this.options.rootsStorage?.save({ ...this.editedRoots });
    return session.setRoots(roots ?? undefined);
  }

  /** Sets the roots every server gets unless the user edited its own (the workspace folders); connected servers are told. */
  async setDefaultRoots(roots: Root[]): Promise<void> {
    const before = new Map([...this.sessions.values()].map((session) => [session, session.roots()]));
    this.defaultRoots = roots;
    this.serversChanged.emit(this.servers());
    await Promise.all([...before].map(([session, roots]) => session.rootsMayHaveChanged(roots)));
  }

  snapshot(): Snapshot {
    return {
      servers: this.servers(),
      timeline: this.timeline.recent(),
      calls: [...this.calls.values()],
      pendingRequests: this.pendingRequests.list(),
    };
  }

  /** Ends every session. */
  async dispose(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((session) => session.disconnect()));
    this.sessions.clear();
  }

  private session(serverId: string): ServerSession {
    const session = this.sessions.get(serverId);
    if (!session) throw new Error(`No server named "${serverId}" is configured.`);
    return session;
  }

  private keep(call: CallRecord): void {
    this.calls.delete(call.id);
    this.calls.set(call.id, call);
    const limit = this.options.callLimit ?? 200;
    for (const [id, old] of this.calls) {
      if (this.calls.size <= limit) break;
      if (old.state !== 'running') this.calls.delete(id);
    }
    if (call.state !== 'running') this.history.add(call);
    this.callUpdated.emit(call);
  }
}
