// The data shapes that cross the bridge: servers, tools, calls and timeline events.
// Plain JSON only (no classes, no functions): they are posted between host and webview.

/** Where the connection to one configured server stands. */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'failed' | 'closed';

/** A failure explained for a person: what was tried, what came back, what to do. */
export interface Problem {
  /** What was tried and what went wrong, in one or two sentences. */
  summary: string;
  /** What the user can do about it, when there is something. */
  advice?: string;
  /** What the server answered over HTTP, when it answered at all. */
  http?: HttpAnswer;
}

/** The part of an HTTP response a person needs to see why a request failed. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  contentType: string | null;
  /** The first bytes of the body, as text. */
  bodyStart: string;
}

/** A JSON Schema as the server sent it; the form reads the subset it understands. */
export type JsonSchema = { [key: string]: unknown };

/** What the panel shows of a tool from `tools/list`. */
export interface ToolSummary {
  name: string;
  title?: string;
  description?: string;
  inputSchema: JsonSchema;
  annotations?: { [key: string]: unknown };
}

/** One configured server and what is known about it now. */
export interface ServerSummary {
  /** The server's configured name; unique, and the id everything else refers to. */
  id: string;
  /** Where the server is: its URL, or the command line that starts it. */
  address: string;
  state: ConnectionState;
  /** The protocol version agreed with the server, once connected. */
  protocolVersion?: string;
  sessionId?: string;
  serverInfo?: { name: string; version: string; title?: string };
  /** Why the last connection attempt failed, while the state is `failed`. */
  problem?: Problem;
  tools: ToolSummary[];
  /** Where the server's entry is written, e.g. "user settings" or ".vscode/mcp.json of api". */
  origin?: string;
  /** While the connection is lost and MCP Scope tries again by itself: which try is next, and when. */
  reconnect?: { attempt: number; at: number };
}

/** One difference between two versions of a tool, at a JSON path ("description", "inputSchema.properties.b"). */
export interface ToolFieldChange {
  path: string;
  /** Absent when the path is new. */
  before?: unknown;
  /** Absent when the path is gone. */
  after?: unknown;
}

/** How a server's tool list changed between two listings. */
export interface ToolListChange {
  added: string[];
  removed: string[];
  changed: { name: string; changes: ToolFieldChange[] }[];
}

/** One block of a tool result's `content`, kept as the server sent it. */
export type ContentBlock = { type: string; [key: string]: unknown };

/** The `CallToolResult` of a finished call. */
export interface ToolResult {
  content: ContentBlock[];
  structuredContent?: unknown;
  isError?: boolean;
}

/** The latest `notifications/progress` of a call. */
export interface ProgressReport {
  progress: number;
  total?: number;
  message?: string;
}

/** A tool call started from the panel, from start to its result or failure. */
export interface CallRecord {
  id: string;
  serverId: string;
  tool: string;
  arguments: { [key: string]: unknown };
  state: 'running' | 'succeeded' | 'failed';
  startedAt: number;
  endedAt?: number;
  progress?: ProgressReport;
  result?: ToolResult;
  problem?: Problem;
}

/** The log levels of `notifications/message`, quietest first. */
export const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A JSON-RPC error object as the server sent it. */
export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

/** What every timeline event has: a rising sequence number, a time, and its server. */
export interface TimelineEventBase {
  seq: number;
  /** Milliseconds since the epoch. */
  time: number;
  serverId: string;
}

/** Everything that happened with a server, in the order it happened. */
export type TimelineEvent = TimelineEventBase &
  (
    | { kind: 'connection'; state: ConnectionState; text: string; problem?: Problem }
    | { kind: 'request'; requestId: string | number; method: string; params?: unknown; callId?: string }
    | {
        kind: 'response';
        requestId: string | number;
        method: string;
        durationMs: number;
        result?: unknown;
        error?: RpcErrorObject;
        callId?: string;
      }
    | { kind: 'notification'; direction: 'sent' | 'received'; method: string; params?: unknown }
    | ({ kind: 'progress'; requestId: string | number; callId?: string } & ProgressReport)
    | { kind: 'log'; level: LogLevel; logger?: string; data: unknown }
    | { kind: 'protocolError'; raw: string; reason: string }
    | { kind: 'problem'; problem: Problem }
    | ({ kind: 'toolsChanged'; text: string } & ToolListChange)
  );

/** A timeline event before the store numbers it. */
export type NewTimelineEvent = TimelineEvent extends infer E ? (E extends TimelineEvent ? Omit<E, 'seq'> : never) : never;

/** Everything the webview needs to draw itself from nothing. */
export interface Snapshot {
  servers: ServerSummary[];
  /** The most recent timeline events, oldest first. */
  timeline: TimelineEvent[];
  /** The most recent calls, oldest first. */
  calls: CallRecord[];
}
