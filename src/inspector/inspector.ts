// The inspector: one session per configured server, the calls started from the panel, and the
// timeline of everything. It knows sessions and timelines, nothing about VS Code or the DOM.

import { CancelledError, problemOf, RpcError } from '../mcp/problems';
import type { CallRecord, LogLevel, ServerSummary, Snapshot } from '../shared/model';
import { CallHistory, type HistoryStorage } from './callHistory';
import { Listeners } from './listeners';
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
  /** Where past and saved calls are kept between sessions; in memory only when absent. */
  historyStorage?: HistoryStorage;
}

export interface InspectorSettings {
  servers: ServerConfig[];
  /** How long a request waits for its answer; progress restarts the wait. */
  requestTimeoutMs: number;
}

export class Inspector {
  readonly timeline: TimelineStore;
  /** Hears the whole server list whenever a server is added, removed, or changes state or tools. */
  readonly serversChanged = new Listeners<ServerSummary[]>();
  /** Hears a call whenever it starts, progresses or ends. */
  readonly callUpdated = new Listeners<CallRecord>();
  /** Every finished call, per server, and the calls saved by name. */
  readonly history: CallHistory;

  private readonly sessions = new Map<string, ServerSession>();
  private readonly calls = new Map<string, CallRecord>();
  /** Aborts each running call, by call id. */
  private readonly running = new Map<string, AbortController>();
  private nextCallId = 1;
  private requestTimeoutMs = 60_000;
  private readonly context: SessionContext;

  constructor(private readonly options: InspectorOptions) {
    this.timeline = new TimelineStore(options.timelineLimit);
    this.history = new CallHistory(options.historyStorage ?? { load: () => undefined, save: () => undefined });
    this.context = {
      clientInfo: options.clientInfo,
      requestTimeoutMs: () => this.requestTimeoutMs,
      reconnect: { ...DEFAULT_RECONNECT, ...options.reconnect },
      record: (event) => this.timeline.append(event),
      changed: () => this.serversChanged.emit(this.servers()),
    };
  }

  /** Applies the configuration: new servers appear, removed or changed ones are disconnected. */
  configure(settings: InspectorSettings): void {
    this.requestTimeoutMs = settings.requestTimeoutMs;
    const wanted = new Map(settings.servers.map((config) => [config.name, config]));
    for (const [name, session] of this.sessions) {
      const config = wanted.get(name);
      if (!config || JSON.stringify(config) !== JSON.stringify(session.config)) {
        this.sessions.delete(name);
        void session.disconnect();
      }
    }
    for (const [name, config] of wanted) {
      if (!this.sessions.has(name)) this.sessions.set(name, new ServerSession(config, this.context));
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
      .callTool(call.id, tool, args, { signal: cancel.signal, onProgress: (progress) => this.keep({ ...latest(), progress }) })
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

  snapshot(): Snapshot {
    return { servers: this.servers(), timeline: this.timeline.recent(), calls: [...this.calls.values()] };
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
