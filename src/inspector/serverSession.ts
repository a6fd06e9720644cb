// One configured server: its connection, its tools, and the mapping of everything its client
// sees onto the timeline.

import type { ClientEvent, McpClient, RequestOptions } from '../mcp/client';
import { connect } from '../mcp/connect';
import { describeEndpoint, type ServerEndpoint } from '../mcp/endpoint';
import type { RequestId } from '../mcp/jsonRpc';
import { McpScopeError, problemOf } from '../mcp/problems';
import type { CallToolResult } from '../mcp/protocol';
import { WireRecorder } from '../mcp/wire';
import type { ConnectionState, NewTimelineEvent, Problem, ServerSummary, ToolSummary, TransportKind } from '../shared/model';

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
      ...(server && { protocolVersion: server.protocolVersion, serverInfo: server.serverInfo }),
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
        signal: abandoned,
      });
      client = connection.client;
      if (abandoned.aborted) {
        await client.close();
        return;
      }
      this.client = client;
      this.transport = connection.transport;
      const tools = await client.listTools();
      if (this.client !== client) return;
      this.tools = tools.map(({ name, title, description, inputSchema, annotations }) => ({
        name,
        ...(title !== undefined && { title }),
        ...(description !== undefined && { description }),
        inputSchema,
        ...(annotations !== undefined && { annotations }),
      }));
      const { serverInfo, protocolVersion } = connection.initialized;
      const session = client.sessionId === undefined ? 'no session id' : `session ${client.sessionId}`;
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
    this.setState('closed', `Disconnected from ${this.address}`);
    attempt?.abort.abort();
    await Promise.all([attempt?.done, client?.close()]);
  }

  /** Calls a tool of the connected server; `callId` ties the call's events to it on the timeline. */
  async callTool(callId: string, tool: string, args: Record<string, unknown>, options: RequestOptions): Promise<CallToolResult> {
    const client = this.client;
    if (!client || this.state !== 'connected') {
      throw new McpScopeError({
        summary: `Cannot call ${tool}: ${this.id} is not connected.`,
        advice: 'Connect to the server first.',
      });
    }
    let sent: RequestId | undefined;
    try {
      return await client.callTool(tool, args, {
        ...options,
        onSent: (requestId) => {
          sent = requestId;
          this.callOfRequest.set(requestId, callId);
        },
      });
    } finally {
      if (sent !== undefined) this.callOfRequest.delete(sent);
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

const TRANSPORT_NAMES: Record<TransportKind, string> = {
  'streamable-http': 'Streamable HTTP',
  'legacy-sse': 'legacy HTTP+SSE',
  stdio: 'stdio',
};
