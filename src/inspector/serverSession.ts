// One configured server: its connection, its tools, and the mapping of everything its client
// sees onto the timeline.

import type { ClientEvent, McpClient, RequestOptions } from '../mcp/client';
import { connect } from '../mcp/connect';
import { describeEndpoint, type ServerEndpoint } from '../mcp/endpoint';
import type { RequestId } from '../mcp/jsonRpc';
import { McpScopeError, problemOf } from '../mcp/problems';
import type { CallToolResult, Tool } from '../mcp/protocol';
import { WireRecorder } from '../mcp/wire';
import type { ConnectionState, IconSummary, LogLevel, NewTimelineEvent, Problem, ServerSummary, ToolSummary, TransportKind } from '../shared/model';

/** A server as the user configured it: a unique name and where to reach it. */
export type ServerConfig = ServerEndpoint & {
  /** Unique among the configured servers. */
  name: string;
};

/** What a session needs from the inspector that owns it. */
export interface SessionContext {
  clientInfo: { name: string; version: string };
  requestTimeoutMs(): number;
  record(event: NewTimelineEvent): void;
  /** The session's summary changed (state, tools). */
  changed(): void;
}

export class ServerSession {
  private state: ConnectionState = 'idle';
  private problem: Problem | undefined;
  private tools: ToolSummary[] = [];
  /** `notifications/tools/list_changed` arrived since the last `tools/list`. */
  private toolsChanged = false;
  private client: McpClient | undefined;
  private transport: TransportKind | undefined;
  /** The connection attempt under way: aborting it gives up, and `done` settles once it has wound down. */
  private attempt: { abort: AbortController; done: Promise<void> } | undefined;
  /** Which tool call each request belongs to, so its events can point at the call. */
  private readonly callOfRequest = new Map<RequestId, string>();

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
    };
  }

  /** Connects and lists the tools; a failure leaves the session `failed` with the problem shown. */
  async connect(): Promise<void> {
    if (this.state === 'connecting' || this.state === 'connected') return;
    const abort = new AbortController();
    const attempt = { abort, done: this.tryConnecting(abort.signal) };
    this.attempt = attempt;
    await attempt.done;
    if (this.attempt === attempt) this.attempt = undefined;
  }

  private async tryConnecting(abandoned: AbortSignal): Promise<void> {
    this.setState('connecting', `Connecting to ${this.address}`);
    let client: McpClient | undefined;
    try {
      const connection = await connect(this.config, {
        recorder: new WireRecorder((record) => this.context.record({ kind: 'wire', time: Date.now(), serverId: this.id, record })),
        clientInfo: this.context.clientInfo,
        requestTimeoutMs: this.context.requestTimeoutMs(),
        onEvent: (event) => this.record(event),
        onFallback: (notice) => this.setState('connecting', notice),
        ...(this.config.transport !== 'stdio' && this.config.protocolVersion !== undefined && { protocolVersion: this.config.protocolVersion }),
        signal: abandoned,
      });
      client = connection.client;
      if (abandoned.aborted) {
        await client.close();
        return;
      }
      this.client = client;
      this.transport = connection.transport;
      this.toolsChanged = false;
      const tools = await client.listTools();
      if (this.client !== client) return;
      this.tools = tools.map(toolSummaryOf);
      const { serverInfo, protocolVersion } = connection.initialized;
      const session = client.era === 'stateless' ? 'stateless' : client.sessionId === undefined ? 'no session id' : `session ${client.sessionId}`;
      this.setState(
        'connected',
        `Connected to ${serverInfo.name} ${serverInfo.version} over ${TRANSPORT_NAMES[connection.transport]}: protocol ${protocolVersion}, ${session}, ${tools.length} tools`,
      );
    } catch (error) {
      if (abandoned.aborted || (client && this.client !== client)) return;
      this.client = undefined;
      this.problem = problemOf(error);
      this.setState('failed', `Could not connect to ${this.address}`, this.problem);
      await client?.close();
    }
  }

  /** Ends the session (DELETE, or the server process) and forgets the tools; gives up a connection attempt under way. */
  async disconnect(): Promise<void> {
    const client = this.client;
    const attempt = this.attempt;
    if (!client && !attempt) return;
    this.client = undefined;
    this.attempt = undefined;
    this.tools = [];
    this.toolsChanged = false;
    this.setState('closed', `Disconnected from ${this.address}`);
    attempt?.abort.abort();
    await Promise.all([attempt?.done, client?.close()]);
  }

  /** Lists the tools again, and clears the mark of a `tools/list_changed`; a failure is shown on the timeline and thrown. */
  async refreshTools(): Promise<void> {
    const client = this.connectedClient('list the tools of');
    this.toolsChanged = false;
    try {
      const tools = await client.listTools();
      if (this.client !== client) return;
      this.tools = tools.map(toolSummaryOf);
    } catch (error) {
      // The list shown is still the old one, so the mark stays.
      this.toolsChanged = true;
      this.context.record({ kind: 'problem', time: Date.now(), serverId: this.id, problem: problemOf(error) });
      throw error;
    } finally {
      this.context.changed();
    }
  }

  /** Calls a tool of the connected server; `callId` ties the call's events to it on the timeline. */
  async callTool(callId: string, tool: string, args: Record<string, unknown>, options: RequestOptions): Promise<CallToolResult> {
    const client = this.connectedClient(`call ${tool} of`);
    // A stateless-era call may go out more than once (input asked for, a lost stream), each time with a new id.
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

  /** The connection or the session ended in a way the client cannot mend: the session fails, and the user reconnects. */
  private lose(text: string, problem: Problem): void {
    const client = this.client;
    if (this.state !== 'connected' || !client) return;
    this.client = undefined;
    this.tools = [];
    this.problem = problem;
    this.setState('failed', text, problem);
    void client.close(problem);
  }

  /** Sets the server's log level with `logging/setLevel` (the 2025 era's way); resolves with its answer. */
  async setLogLevel(level: LogLevel): Promise<Record<string, unknown>> {
    return this.connectedClient(`set the log level of`).request('logging/setLevel', { level });
  }

  private connectedClient(action: string): McpClient {
    if (!this.client || this.state !== 'connected') {
      throw new McpScopeError({ summary: `Cannot ${action} ${this.id}: it is not connected.`, advice: 'Connect to the server first.' });
    }
    return this.client;
  }

  private setState(state: ConnectionState, text: string, problem?: Problem): void {
    this.state = state;
    this.context.record({ kind: 'connection', time: Date.now(), serverId: this.id, state, text, ...(problem && { problem }) });
    this.context.changed();
  }

  private record(event: ClientEvent): void {
    const base = { time: Date.now(), serverId: this.id };
    switch (event.type) {
      case 'request':
      case 'response':
      case 'progress': {
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
        if (type === 'notification' && event.direction === 'received' && event.method === 'notifications/tools/list_changed' && !this.toolsChanged) {
          this.toolsChanged = true;
          this.context.changed();
        }
        return;
      }
      case 'malformed':
        this.context.record({ kind: 'protocolError', ...base, raw: event.raw, reason: event.reason });
        return;
      case 'sessionRenewed':
        this.context.record({ kind: 'note', ...base, text: `New session ${event.sessionId ?? '(no session id)'}.` });
        this.context.changed();
        return;
      case 'sessionLost':
        this.lose(`Lost the session with ${this.address}`, event.problem);
        return;
      case 'stderr':
        this.context.record({ kind: 'stderr', ...base, line: event.line });
        return;
      case 'closed':
        this.lose(`Lost the connection to ${this.address}`, event.problem);
        return;
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
