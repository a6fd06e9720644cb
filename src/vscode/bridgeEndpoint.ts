// The host's end of the bridge: checks every message from the webview, turns it into one call on
// the inspector, and forwards the inspector's changes as notifications.

import type * as vscode from 'vscode';
import { z } from 'zod';
import { APPEND_BATCH_LIMIT, AppendBatches } from '../inspector/appendBatches';
import type { Inspector } from '../inspector/inspector';
import {
  AddServer,
  AnswerServerRequest,
  type BridgeCommand,
  type BridgeNotification,
  type BridgeRequest,
  CallUpdated,
  CancelCall,
  ClearTimeline,
  ConnectServer,
  CopyText,
  DeleteSavedCall,
  DisconnectServer,
  ExportTimeline,
  GetHistory,
  GetPastCall,
  GetSnapshot,
  HistoryChanged,
  type HostMessage,
  ListTools,
  OpenLink,
  type ParamsOf,
  PingServer,
  ReconnectServer,
  type ResultOf,
  RunTool,
  SaveCall,
  SelectInPanel,
  ServerRequestPending,
  ServerRequestSettled,
  ServersChanged,
  SetLogLevel,
  SetRoots,
  TimelineAppended,
  TimelineCleared,
  ListResourcesAndPrompts,
  ReadResource,
  SubscribeResource,
  OpenResource,
  SaveResource,
  GetPrompt,
  CompleteArgument,
} from '../shared/bridge';
import { LOG_LEVELS, type TimelineEvent } from '../shared/model';

/** What the webview can ask of the host beyond the inspector itself. */
export interface EndpointActions {
  addServer(): void;
  /** Opens a link a server sent, which the user clicked in the panel. */
  openLink(uri: string): void;
  copyText(text: string): void;
  /** Saves these events where the user chooses. */
  exportTimeline(events: TimelineEvent[]): void;
  /** Connects, first asking the user for any `${input:…}` value the server still needs. */
  connect(serverId: string): Promise<void>;
  /** Shows a resource's text in a read-only editor; absent where there is no editor to show it in. */
  openResource?(serverId: string, uri: string): void;
  /** Saves a resource's contents where the user chooses; absent where there is no file dialog. */
  saveResource?(serverId: string, uri: string): void;
}

/** A webview served by the bridge. */
export interface BridgeConnection extends vscode.Disposable {
  /** Shows a server, or a tool's form; held until the webview has asked for its first snapshot, so it is not lost while it loads. */
  select(selection: ParamsOf<typeof SelectInPanel>): void;
}

type Handler = { schema: z.ZodType; run(params: unknown): unknown };

function request<M extends BridgeRequest<unknown, unknown>>(
  message: M,
  schema: z.ZodType<ParamsOf<M>>,
  run: (params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>,
): [string, Handler] {
  return [message.method, { schema, run: run as Handler['run'] }];
}

function command<M extends BridgeCommand<unknown>>(
  message: M,
  schema: z.ZodType<ParamsOf<M>>,
  run: (params: ParamsOf<M>) => void,
): [string, Handler] {
  return [message.method, { schema, run: run as Handler['run'] }];
}

const ServerId = z.object({ serverId: z.string() });
/** A root the user typed: MCP's roots are `file://` URIs. */
const RootShape = z.object({ uri: z.string().startsWith('file://', 'A root is a file:// URI.'), name: z.string().optional() });
const ResourceParams = z.object({ serverId: z.string(), uri: z.string() });
const Envelope = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request'), id: z.number(), method: z.string(), params: z.unknown() }),
  z.object({ type: z.literal('command'), method: z.string(), params: z.unknown() }),
]);

/** Serves one webview until the returned disposable is disposed. */
export function connectBridge(webview: vscode.Webview, inspector: Inspector, actions: EndpointActions): BridgeConnection {
  const post = (message: HostMessage) => void webview.postMessage(message);
  const notify = <P>(notification: BridgeNotification<P>, params: P) =>
    post({ type: 'notification', method: notification.method, params });

  const appends = new AppendBatches((events) => notify(TimelineAppended, { events }));

  let loaded = false;
  let pendingSelection: ParamsOf<typeof SelectInPanel> | undefined;
  const handlers = new Map<string, Handler>([
    request(GetSnapshot, z.object({}), () => {
      loaded = true;
      if (pendingSelection) {
        const selection = pendingSelection;
        pendingSelection = undefined;
        // After the snapshot's answer, which is posted first.
        setTimeout(() => notify(SelectInPanel, selection));
      }
      // A long timeline goes in parts: the snapshot carries the oldest events, the rest follow as appends
      // of bounded size, so that the panel never takes in 100,000 events in one task.
      const snapshot = inspector.snapshot();
      appends.restart(snapshot.timeline.slice(APPEND_BATCH_LIMIT));
      return { ...snapshot, timeline: snapshot.timeline.slice(0, APPEND_BATCH_LIMIT) };
    }),
    request(ConnectServer, ServerId, async ({ serverId }) => {
      await actions.connect(serverId);
      return null;
    }),
    request(DisconnectServer, ServerId, async ({ serverId }) => {
      await inspector.disconnect(serverId);
      return null;
    }),
    request(ReconnectServer, ServerId, async ({ serverId }) => {
      await inspector.reconnect(serverId);
      return null;
    }),
    request(ListTools, ServerId, async ({ serverId }) => {
      await inspector.listTools(serverId);
      return null;
    }),
    request(CancelCall, z.object({ callId: z.string() }), ({ callId }) => {
      inspector.cancelCall(callId);
      return null;
    }),
    request(
      RunTool,
      z.object({ serverId: z.string(), tool: z.string(), arguments: z.record(z.string(), z.unknown()) }),
      ({ serverId, tool, arguments: args }) => ({ callId: inspector.runTool(serverId, tool, args) }),
    ),
    request(SetLogLevel, z.object({ serverId: z.string(), level: z.enum(LOG_LEVELS) }), ({ serverId, level }) =>
      inspector.setLogLevel(serverId, level),
    ),
    request(GetHistory, z.object({}), () => inspector.history.view()),
    request(GetPastCall, z.object({ id: z.string() }), ({ id }) => {
      const past = inspector.history.pastCall(id);
      if (!past) throw new Error('History no longer keeps this call: it keeps the newest calls of each server only.');
      return past;
    }),
    request(
      SaveCall,
      z.object({ name: z.string().trim().min(1), serverId: z.string(), tool: z.string(), arguments: z.record(z.string(), z.unknown()) }),
      async (call) => {
        await inspector.history.saveCall(call);
        return null;
      },
    ),
    request(DeleteSavedCall, z.object({ name: z.string() }), async ({ name }) => {
      await inspector.history.removeSaved(name);
      return null;
    }),
    request(
      AnswerServerRequest,
      z.object({
        pendingId: z.string(),
        answer: z.union([z.object({ result: z.record(z.string(), z.unknown()) }), z.object({ refuse: z.literal(true) })]),
      }),
      ({ pendingId, answer }) => {
        inspector.answerServerRequest(pendingId, answer);
        return null;
      },
    ),
    request(SetRoots, z.object({ serverId: z.string(), roots: z.array(RootShape).nullable() }), async ({ serverId, roots }) => {
      await inspector.setRoots(serverId, roots);
      return null;
    }),
    request(PingServer, ServerId, async ({ serverId }) => ({ roundTripMs: await inspector.ping(serverId) })),
    request(ListResourcesAndPrompts, ServerId, async ({ serverId }) => {
      await inspector.listResourcesAndPrompts(serverId);
      return null;
    }),
    request(ReadResource, ResourceParams, ({ serverId, uri }) => inspector.readResource(serverId, uri)),
    request(SubscribeResource, ResourceParams.extend({ subscribe: z.boolean() }), async ({ serverId, uri, subscribe }) => {
      await inspector.subscribeResource(serverId, uri, subscribe);
      return null;
    }),
    request(GetPrompt, z.object({ serverId: z.string(), name: z.string(), arguments: z.record(z.string(), z.string()) }), ({ serverId, name, arguments: args }) =>
      inspector.getPrompt(serverId, name, args),
    ),
    request(
      CompleteArgument,
      z.object({
        serverId: z.string(),
        ref: z.discriminatedUnion('type', [
          z.object({ type: z.literal('ref/prompt'), name: z.string() }),
          z.object({ type: z.literal('ref/resource'), uri: z.string() }),
        ]),
        argument: z.object({ name: z.string(), value: z.string() }),
        context: z.record(z.string(), z.string()),
      }),
      ({ serverId, ref, argument, context }) => inspector.complete(serverId, ref, argument, context),
    ),
    command(OpenResource, ResourceParams, ({ serverId, uri }) => actions.openResource?.(serverId, uri)),
    command(SaveResource, ResourceParams, ({ serverId, uri }) => actions.saveResource?.(serverId, uri)),
    command(AddServer, z.object({}), () => actions.addServer()),
    command(OpenLink, z.object({ uri: z.string() }), ({ uri }) => actions.openLink(uri)),
    command(CopyText, z.object({ text: z.string() }), ({ text }) => actions.copyText(text)),
    command(ClearTimeline, z.object({}), () => inspector.timeline.clear()),
    command(ExportTimeline, z.object({}), () => actions.exportTimeline(inspector.timeline.recent())),
  ]);

  const receive = async (raw: unknown) => {
    const envelope = Envelope.safeParse(raw);
    if (!envelope.success) return;
    const message = envelope.data;
    const answer = (outcome: { result: unknown } | { error: string }) => {
      if (message.type === 'request') post({ type: 'response', id: message.id, ...outcome } as HostMessage);
    };
    const handler = handlers.get(message.method);
    if (!handler) return answer({ error: `The host does not know the message ${message.method}.` });
    const params = handler.schema.safeParse(message.params ?? {});
    if (!params.success) return answer({ error: `Invalid parameters for ${message.method}: ${params.error.message}` });
    try {
      answer({ result: (await handler.run(params.data)) ?? null });
    } catch (error) {
      answer({ error: error instanceof Error ? error.message : String(error) });
    }
  };

  const subscriptions = [
    inspector.timeline.appended.add((event) => appends.add(event)),
    inspector.timeline.cleared.add(() => {
      // Events gathered for the next append are gone too: the webview must not see them after its new snapshot.
      appends.drop();
      notify(TimelineCleared, {});
    }),
    inspector.serversChanged.add((servers) => notify(ServersChanged, { servers })),
    inspector.callUpdated.add((call) => notify(CallUpdated, { call })),
    inspector.history.changed.add(() => notify(HistoryChanged, { history: inspector.history.view() })),
    inspector.pendingRequests.added.add((pending) => notify(ServerRequestPending, { request: pending })),
    inspector.pendingRequests.settled.add((settled) => notify(ServerRequestSettled, { settled })),
  ];
  const listening = webview.onDidReceiveMessage(receive);

  return {
    select(selection) {
      if (loaded) notify(SelectInPanel, selection);
      else pendingSelection = selection;
    },
    dispose() {
      listening.dispose();
      for (const unsubscribe of subscriptions) unsubscribe();
      appends.dispose();
    },
  };
}
