// The bridge between the webview and the extension host: every message is declared here once,
// with its direction and payload types, and both sides import the constant.
//
// Three kinds: requests (webview → host, answered by id, may time out), commands (webview →
// host, fire and forget) and notifications (host → webview).

import type { HistoryView, PastCall, SavedCall } from './history';
import type {
  CallRecord,
  CompletionRef,
  CompletionValues,
  LogLevel,
  PendingServerRequest,
  PromptResult,
  ResourceReadResult,
  Root,
  ServerRequestAnswer,
  ServerSummary,
  SettledServerRequest,
  Snapshot,
  TimelineEvent,
} from './model';

export interface BridgeRequest<Params, Result> {
  readonly kind: 'request';
  readonly method: string;
  /** Carries the payload types; never set at run time. */
  readonly types?: { params: Params; result: Result };
}

export interface BridgeCommand<Params> {
  readonly kind: 'command';
  readonly method: string;
  readonly types?: { params: Params };
}

export interface BridgeNotification<Params> {
  readonly kind: 'notification';
  readonly method: string;
  readonly types?: { params: Params };
}

const request = <P, R>(method: string): BridgeRequest<P, R> => ({ kind: 'request', method });
const command = <P>(method: string): BridgeCommand<P> => ({ kind: 'command', method });
const notification = <P>(method: string): BridgeNotification<P> => ({ kind: 'notification', method });

export type ParamsOf<M> = M extends { readonly types?: { params: infer P } } ? P : never;
export type ResultOf<M> = M extends BridgeRequest<unknown, infer R> ? R : never;

/** Webview → host: everything needed to draw the panel; asked for at start and after a gap. */
export const GetSnapshot = request<Record<string, never>, Snapshot>('snapshot/get');

/** Webview → host: connect to a configured server (initialize, then list its tools). */
export const ConnectServer = request<{ serverId: string }, null>('server/connect');

/** Webview → host: end the session with a server (DELETE for Streamable HTTP). */
export const DisconnectServer = request<{ serverId: string }, null>('server/disconnect');

/** Webview → host: end the session with a server and start a new one. */
export const ReconnectServer = request<{ serverId: string }, null>('server/reconnect');

/** Webview → host: list a connected server's tools again (after `notifications/tools/list_changed`). */
export const ListTools = request<{ serverId: string }, null>('tools/list');

/** Webview → host: call a tool; answers at once with the call's id, progress and result follow as `CallUpdated`. */
export const RunTool = request<{ serverId: string; tool: string; arguments: Record<string, unknown> }, { callId: string }>(
  'tool/run',
);

/** Webview → host: cancel a running call; the server is told with `notifications/cancelled`. */
export const CancelCall = request<{ callId: string }, null>('call/cancel');

/** Webview → host: open a link a server sent, after the user clicked it; the host opens only http(s) URLs. */
export const OpenLink = command<{ uri: string }>('link/open');

/** Webview → host: put text on the clipboard (a webview's own clipboard access is not dependable). */
export const CopyText = command<{ text: string }>('clipboard/copy');

/**
 * Webview → host: set the level of the log messages a server sends: `logging/setLevel` in the 2025
 * era (answers with the server's result, or fails with its error); in the stateless era the level
 * every later request carries (answers `{}`, nothing is asked of the server).
 */
export const SetLogLevel = request<{ serverId: string; level: LogLevel }, Record<string, unknown>>('logging/setLevel');

/**
 * Webview → host: forget every timeline event. The host owns the timeline, so the webview asks
 * for a new snapshot after this; appends continue with the next sequence number.
 */
export const ClearTimeline = command<Record<string, never>>('timeline/clear');

/** Host → webview: every timeline event was forgotten (by this panel, another one, or the palette); show the host's timeline afresh. */
export const TimelineCleared = notification<Record<string, never>>('timeline/cleared');

/** Webview → host: save the whole timeline as a JSON file, asking the user where. */
export const ExportTimeline = command<Record<string, never>>('timeline/export');

/** Webview → host: ask the user, in VS Code's quick input, for a new server to configure. */
export const AddServer = command<Record<string, never>>('server/add');

/** Webview → host: list a connected server's resources, resource templates and prompts again. */
export const ListResourcesAndPrompts = request<{ serverId: string }, null>('resources/list');

/** Webview → host: read a resource (`resources/read`); answers with its contents, or fails with the server's error. */
export const ReadResource = request<{ serverId: string; uri: string }, ResourceReadResult>('resource/read');

/**
 * Webview → host: subscribe to a resource's updates (`subscribe: true`) or end the subscription;
 * the updates arrive on the timeline, the server's summary lists the subscriptions.
 */
export const SubscribeResource = request<{ serverId: string; uri: string; subscribe: boolean }, null>('resource/subscribe');

/** Webview → host: show a resource's text in a read-only VS Code editor, in the language its MIME type names. */
export const OpenResource = command<{ serverId: string; uri: string }>('resource/open');

/** Webview → host: save a resource's contents (text or decoded blob) to a file the user chooses. */
export const SaveResource = command<{ serverId: string; uri: string }>('resource/save');

/** Webview → host: get a prompt's messages for these arguments (`prompts/get`). */
export const GetPrompt = request<{ serverId: string; name: string; arguments: Record<string, string> }, PromptResult>('prompt/get');

/**
 * Webview → host: ask for completions of one argument of a prompt or resource template
 * (`completion/complete`); `context` holds the other arguments already filled in.
 */
export const CompleteArgument = request<
  { serverId: string; ref: CompletionRef; argument: { name: string; value: string }; context: Record<string, string> },
  CompletionValues
>('completion/complete');

/** Host → webview: the configured servers changed, or one of them changed state or tools. */
export const ServersChanged = notification<{ servers: ServerSummary[] }>('servers/changed');

/** Host → webview: new timeline events, with sequence numbers following the last ones sent. */
export const TimelineAppended = notification<{ events: TimelineEvent[] }>('timeline/appended');

/** Host → webview: show this server, and this tool's form, prompt or resource when given (the user picked it in VS Code's tree or quick pick). */
export const SelectInPanel = notification<{ serverId: string; tool?: string; prompt?: string; resource?: string }>('panel/select');

/** Host → webview: a call started, progressed or ended. */
export const CallUpdated = notification<{ call: CallRecord }>('call/updated');

/** Webview → host: the past calls of every server (without results) and the saved calls. */
export const GetHistory = request<Record<string, never>, HistoryView>('history/get');

/** Webview → host: one past call with its result; fails when history has forgotten it. */
export const GetPastCall = request<{ id: string }, PastCall>('history/pastCall');

/**
 * Webview → host: save a call under a name (replacing the saved call of that name) in the file of
 * saved calls; fails, changing nothing, when the file cannot be written (malformed, no folder open).
 */
export const SaveCall = request<SavedCall, null>('history/save');

/** Webview → host: delete the saved calls of this name from the file; fails like `SaveCall`. */
export const DeleteSavedCall = request<{ name: string }, null>('history/deleteSaved');

/** Host → webview: a call was added to history, or the saved calls were read again. */
export const HistoryChanged = notification<{ history: HistoryView }>('history/changed');
/**
 * Webview → host: the user's answer to a server's pending request (sampling, elicitation). Fails
 * when the request is no longer pending or the answer does not fit its method.
 */
export const AnswerServerRequest = request<{ pendingId: string; answer: ServerRequestAnswer }, null>('serverRequest/answer');

/**
 * Webview → host: the roots to give this server (`roots/list`); `null` goes back to the workspace
 * folders. A connected 2025-era server is told with `notifications/roots/list_changed`.
 */
export const SetRoots = request<{ serverId: string; roots: Root[] | null }, null>('roots/set');

/** Webview → host: ping a connected server; answers with the round trip in milliseconds. */
export const PingServer = request<{ serverId: string }, { roundTripMs: number }>('server/ping');

/** Host → webview: a server asked something only the user can answer; it waits in the panel. */
export const ServerRequestPending = notification<{ request: PendingServerRequest }>('serverRequest/pending');

/** Host → webview: a pending server request is over: answered, timed out, withdrawn, or its session ended. */
export const ServerRequestSettled = notification<{ settled: SettledServerRequest }>('serverRequest/settled');

/** What the webview posts to the host. */
export type WebviewMessage =
  | { type: 'request'; id: number; method: string; params: unknown }
  | { type: 'command'; method: string; params: unknown };

/** What the host posts to the webview. */
export type HostMessage =
  | { type: 'response'; id: number; result: unknown }
  | { type: 'response'; id: number; error: string }
  | { type: 'notification'; method: string; params: unknown };
