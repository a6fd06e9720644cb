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
  /** What the tool promises its `structuredContent` looks like. */
  outputSchema?: JsonSchema;
  /** The server's icons for the tool; the webview shows only `data:` images (its CSP allows no network). */
  icons?: IconSummary[];
}

/** An icon as MCP's `Icon`: where the image is, and what kind it is. */
export interface IconSummary {
  src: string;
  mimeType?: string;
  sizes?: string[];
  theme?: string;
}

/** How MCP Scope talks to a server: Streamable HTTP, the legacy HTTP+SSE transport (2024-11-05), or a process's stdin and stdout. */
export type TransportKind = 'streamable-http' | 'legacy-sse' | 'stdio';
/**
 * The shape of the protocol a server speaks: `stateful` is the 2025 era (an `initialize`
 * handshake, sessions), `stateless` the 2026-07-28 era (version and capabilities in every request).
 */
export type ProtocolEra = 'stateful' | 'stateless';

/** One configured server and what is known about it now. */
export interface ServerSummary {
  /** The server's configured name; unique, and the id everything else refers to. */
  id: string;
  /** Where the server is: its URL, or the command line that starts it. */
  address: string;
  state: ConnectionState;
  /** The transport actually in use, once connected (an `http` server may have fallen back to legacy HTTP+SSE). */
  transport?: TransportKind;
  /** The protocol version agreed with the server, once connected. */
  protocolVersion?: string;
  /** The era of that version, once connected. */
  era?: ProtocolEra;
  /** Why MCP Scope chose that version, e.g. what `server/discover` answered. */
  eraReason?: string;
  sessionId?: string;
  serverInfo?: { name: string; version: string; title?: string };
  /** The capabilities the server declared in `initialize`, as it sent them. */
  capabilities?: { [key: string]: unknown };
  /** The server's `instructions` from `initialize`: how a client should use it. */
  instructions?: string;
  /** `notifications/tools/list_changed` arrived since the tools were last listed. */
  toolsChanged?: boolean;
  /** Why the last connection attempt failed, while the state is `failed`. */
  problem?: Problem;
  tools: ToolSummary[];
  /** The server's resources, once listed (it offers the `resources` capability). */
  resources?: ResourceSummary[];
  /** The server's resource templates, once listed. */
  resourceTemplates?: ResourceTemplateSummary[];
  /** The server's prompts, once listed (it offers the `prompts` capability). */
  prompts?: PromptSummary[];
  /** The resource URIs MCP Scope is subscribed to, whose `notifications/resources/updated` arrive. */
  subscriptions?: string[];
  /** Where the server's entry is written, e.g. "user settings" or ".vscode/mcp.json of api". */
  origin?: string;
  /** While the connection is lost and MCP Scope tries again by itself: which try is next, and when. */
  reconnect?: { attempt: number; at: number };
  /** The roots MCP Scope gives this server when it asks (`roots/list`). */
  roots?: Root[];
  /** Whether `roots` were edited for this server in the panel, rather than being the workspace folders. */
  rootsEdited?: boolean;
  /** The log level the user chose for this server (asked for again on every connection); absent: the server's default. */
  logLevel?: LogLevel;
}

/** A root as MCP's `roots/list` gives it: a `file://` URI and an optional name. */
export interface Root {
  uri: string;
  name?: string;
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
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  startedAt: number;
  endedAt?: number;
  progress?: ProgressReport;
  result?: ToolResult;
  problem?: Problem;
  /** The JSON-RPC error the server answered with, when that is why the call failed. */
  rpcError?: RpcErrorObject;
  /** The task the call became, as last seen, when the server runs it as a task. */
  task?: TaskState;
}

/** The states of a task; the last three are terminal. */
export const TASK_STATUSES = ['working', 'input_required', 'completed', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A task as the server last described it (2025-11-25 experimental tasks or the 2026-07-28 tasks
 * extension; both eras' fields under one name).
 */
export interface TaskState {
  taskId: string;
  status: TaskStatus;
  statusMessage?: string;
  /** ISO 8601, as the server sent it. */
  createdAt?: string;
  lastUpdatedAt?: string;
  /** How long the server keeps the task from its creation; null for no limit. */
  ttlMs?: number | null;
  /** How often the server asks to be polled. */
  pollIntervalMs?: number;
}

/** How MCP Scope learned a task's state: the call's answer, a `tasks/get` poll, a status notification, or the answer to `tasks/cancel`. */
export type TaskSource = 'created' | 'polled' | 'notified' | 'cancelled';
/** What the panel shows of a resource from `resources/list`. */
export interface ResourceSummary {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  /** The size in bytes, when the server says. */
  size?: number;
}

/** What the panel shows of a resource template from `resources/templates/list`. */
export interface ResourceTemplateSummary {
  /** An RFC 6570 URI template, e.g. `file:///{path}`. */
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

/** One argument a prompt takes. */
export interface PromptArgumentSummary {
  name: string;
  description?: string;
  required?: boolean;
}

/** What the panel shows of a prompt from `prompts/list`. */
export interface PromptSummary {
  name: string;
  title?: string;
  description?: string;
  arguments?: PromptArgumentSummary[];
}

/** One item of a `resources/read` result: `text`, or `blob` in base64. */
export interface ResourceContents {
  uri: string;
  mimeType?: string;
  text?: string;
  blob?: string;
}

/** A `resources/read` result. */
export interface ResourceReadResult {
  contents: ResourceContents[];
}

/** One message of a `prompts/get` result. */
export interface PromptMessageSummary {
  role: string;
  content: ContentBlock;
}

/** A `prompts/get` result. */
export interface PromptResult {
  description?: string;
  messages: PromptMessageSummary[];
}

/** What `completion/complete` completes an argument of: a prompt's, or a resource template's variable. */
export type CompletionRef = { type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string };

/** A `completion/complete` result: at most 100 values, and whether the server has more. */
export interface CompletionValues {
  values: string[];
  total?: number;
  hasMore?: boolean;
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

/**
 * One piece of what went over the wire, recorded before anything was parsed. The pieces of one
 * HTTP exchange share its `exchange` number; `elapsedMs` counts from the moment it was sent.
 * Secret header values are already replaced by `[redacted]`.
 */
export type WireRecord =
  | { type: 'httpRequest'; exchange: number; method: string; url: string; headers: Record<string, string>; body?: string }
  | {
      type: 'httpResponse';
      exchange: number;
      elapsedMs: number;
      status: number;
      statusText: string;
      headers: Record<string, string>;
    }
  /** A body that is not an event stream, as text. */
  | { type: 'httpBody'; exchange: number; elapsedMs: number; body: string }
  | { type: 'sseEvent'; exchange: number; elapsedMs: number; id?: string; event?: string; data: string }
  | { type: 'sseRetry'; exchange: number; elapsedMs: number; retryMs: number }
  /** The exchange is over: the body ended, or it failed with `error`. */
  | { type: 'httpEnd'; exchange: number; elapsedMs: number; error?: string }
  | { type: 'stdio'; stream: 'stdin' | 'stdout' | 'stderr'; line: string };

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
        /** The request ended without a JSON-RPC answer: refused over HTTP, timed out, cancelled, cut off. */
        failure?: Problem;
        /** A probe (`server/discover` to find the era): an error or failure is an expected answer, not a fault. */
        probe?: boolean;
        callId?: string;
      }
    | { kind: 'notification'; direction: 'sent' | 'received'; method: string; params?: unknown }
    | { kind: 'serverRequest'; requestId: string | number; method: string; params?: unknown }
    | {
        kind: 'serverResponse';
        requestId: string | number;
        method: string;
        durationMs: number;
        result?: unknown;
        error?: RpcErrorObject;
      }
    | ({ kind: 'progress'; requestId: string | number; callId?: string } & ProgressReport)
    | { kind: 'log'; level: LogLevel; logger?: string; data: unknown }
    | { kind: 'protocolError'; raw: string; reason: string }
    | { kind: 'problem'; problem: Problem }
    | { kind: 'wire'; record: WireRecord }
    /** Something worth knowing that is not a failure: a stream resumed, a session renewed. */
    | { kind: 'note'; text: string }
    /** A line a stdio server wrote to its stderr. */
    | { kind: 'stderr'; line: string }
    | ({ kind: 'toolsChanged'; text: string } & ToolListChange)
    /** A call's task changed state (or was first seen); `requestId` is the `tools/call` that created it. */
    | { kind: 'task'; task: TaskState; source: TaskSource; requestId: string | number; callId?: string }
  );

/**
 * How many timeline events are kept, by the host's store and by the webview's mirror of it: enough
 * for a long debugging session with a chatty server (100,000 events of a usual mix take about
 * 30 MB of the webview's heap and 22 MB of the host's: `npm run bench:panel`), bounded so that a
 * server cannot exhaust memory.
 */
export const TIMELINE_LIMIT = 100_000;

/** A timeline event before the store numbers it. */
export type NewTimelineEvent = TimelineEvent extends infer E ? (E extends TimelineEvent ? Omit<E, 'seq'> : never) : never;

/** Everything the webview needs to draw itself from nothing. */
export interface Snapshot {
  servers: ServerSummary[];
  /** The most recent timeline events, oldest first. */
  timeline: TimelineEvent[];
  /** The most recent calls, oldest first. */
  calls: CallRecord[];
  /** The server requests waiting for the user's answer, oldest first. */
  pendingRequests?: PendingServerRequest[];
}

/** The server requests the user answers in the panel. */
export type AnsweredMethod = 'sampling/createMessage' | 'elicitation/create';

/**
 * A request from a server that waits for the user's answer in the panel: nothing is sent back
 * until the user answers, or until `deadline`, when MCP Scope refuses it for them.
 */
export interface PendingServerRequest {
  /** Unique among the inspector's pending requests; the panel answers by it. */
  id: string;
  serverId: string;
  method: AnsweredMethod;
  /** The request's params as the server sent them. */
  params: Record<string, unknown>;
  /** The server's JSON-RPC id, or in the stateless era the key of the input request. */
  requestId: string | number;
  /**
   * When the server asked for the request to run as a task (2025-11-25): the task's id. The server
   * got the task at once and fetches the answer with `tasks/result`.
   */
  taskId?: string;
  /** Milliseconds since the epoch. */
  receivedAt: number;
  /** When MCP Scope answers for the user (sampling: an error; elicitation: `cancel`), in milliseconds since the epoch. */
  deadline: number;
}

/**
 * The user's answer to a pending server request: the result to send (a `CreateMessageResult`, an
 * `ElicitResult`), or a refusal (sampling: the spec's "user rejected" error).
 */
export type ServerRequestAnswer = { result: Record<string, unknown> } | { refuse: true };

/** How a pending server request left the panel, for a person. */
export interface SettledServerRequest {
  id: string;
  serverId: string;
  method: AnsweredMethod;
  /** e.g. "Answered.", "No answer within 300 s: declined for you.", "The session with x ended." */
  reason: string;
  /** Whether the user answered it (otherwise it ended without them). */
  answered: boolean;
}
