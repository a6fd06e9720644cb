// One configured server: its connection, its tools, and the mapping of everything its client
// sees onto the timeline.

import type { ClientEvent, RequestOptions } from '../mcp/client';
import { McpClient } from '../mcp/client';
import { describeEndpoint, type ServerEndpoint } from '../mcp/endpoint';
import type { RequestId } from '../mcp/jsonRpc';
import { McpScopeError, problemOf } from '../mcp/problems';
import type { CallToolResult } from '../mcp/protocol';
import { StreamableHttpTransport } from '../mcp/transports/streamableHttp';
import { WireRecorder } from '../mcp/wire';
import type { ConnectionState, NewTimelineEvent, Problem, ServerSummary, ToolSummary } from '../shared/model';

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
      ...(server && { protocolVersion: server.protocolVersion, serverInfo: server.serverInfo }),
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
    if (this.config.transport !== 'http') {
      this.problem = {
        summary: `${this.id} uses the ${this.config.transport} transport, which this version of MCP Scope cannot speak yet.`,
        advice: 'Give the server a Streamable HTTP url, or update MCP Scope.',
      };
      this.setState('failed', `Could not connect to ${this.address}`, this.problem);
      return;
    }
    const recorder = new WireRecorder((record) => this.context.record({ kind: 'wire', time: Date.now(), serverId: this.id, record }));
    const transport = new StreamableHttpTransport({ url: this.config.url, headers: this.config.headers, recorder });
    const client = new McpClient(transport, {
      clientInfo: this.context.clientInfo,
      requestTimeoutMs: this.context.requestTimeoutMs(),
      onEvent: (event) => this.record(event),
      ...(this.config.protocolVersion !== undefined && { protocolVersion: this.config.protocolVersion }),
    });
    this.client = client;
    this.setState('connecting', `Connecting to ${this.address}`);
    try {
      const { serverInfo, protocolVersion } = await client.connect();
      const tools = await client.listTools();
      if (this.client !== client) return;
      this.tools = tools.map(({ name, title, description, inputSchema, annotations }) => ({
        name,
        ...(title !== undefined && { title }),
        ...(description !== undefined && { description }),
        inputSchema,
        ...(annotations !== undefined && { annotations }),
      }));
      const session = client.era === 'stateless' ? 'stateless' : client.sessionId === undefined ? 'no session id' : `session ${client.sessionId}`;
      this.setState(
        'connected',
        `Connected to ${serverInfo.name} ${serverInfo.version}: protocol ${protocolVersion}, ${session}, ${tools.length} tools`,
      );
    } catch (error) {
      if (this.client !== client) return;
      this.client = undefined;
      this.problem = problemOf(error);
      this.setState('failed', `Could not connect to ${this.address}`, this.problem);
      await client.close();
    }
  }

  /** Ends the session (DELETE) and forgets the tools. */
  async disconnect(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.tools = [];
    this.setState('closed', `Disconnected from ${this.address}`);
    await client.close();
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

  /** The server dropped the session in a way the client cannot mend: the user reconnects. */
  private async lose(problem: Problem): Promise<void> {
    const client = this.client;
    if (!client || this.state !== 'connected') return;
    this.client = undefined;
    this.tools = [];
    this.problem = problem;
    this.setState('failed', `Lost the session with ${this.address}`, problem);
    await client.close(problem);
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
        void this.lose(event.problem);
        return;
    }
  }
}
