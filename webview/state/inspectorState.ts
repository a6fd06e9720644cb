// The webview's state: what the host owns (servers, calls, timeline) mirrored from the snapshot
// and the notifications after it, the UI's own state (selection, drafts), and the actions.

import { batch, computed, effect, signal } from '@preact/signals';
import {
  AddServer,
  CallUpdated,
  ConnectServer,
  DisconnectServer,
  GetSnapshot,
  RunTool,
  SelectInPanel,
  ServersChanged,
  TimelineAppended,
} from '../../src/shared/bridge';
import type { CallRecord, Snapshot, ServerSummary, TimelineEvent } from '../../src/shared/model';
import { argumentsOf, type Draft, formFields, initialDraft } from '../../src/shared/toolForm';
import type { Host } from '../host';

/** How many timeline events the webview keeps; the host keeps its own, longer history. */
const TIMELINE_LIMIT = 5000;
const UI_STATE_VERSION = 1;

interface UiState {
  version: typeof UI_STATE_VERSION;
  serverId?: string;
  tool?: string;
  /** Drafts by `server/tool`, so switching tools never mixes their values. */
  drafts: Record<string, Draft>;
}

export type InspectorState = ReturnType<typeof createInspectorState>;

export function createInspectorState(host: Host) {
  const servers = signal<ServerSummary[]>([]);
  const calls = signal<ReadonlyMap<string, CallRecord>>(new Map());
  const timeline = signal<TimelineEvent[]>([]);
  /** A failure talking to the host itself, shown at the top of the panel. */
  const hostError = signal<string | undefined>(undefined);

  const saved = host.loadUiState() as Partial<UiState> | undefined;
  const fresh = saved?.version === UI_STATE_VERSION;
  const selectedServerId = signal<string | undefined>(fresh ? saved.serverId : undefined);
  const selectedToolName = signal<string | undefined>(fresh ? saved.tool : undefined);
  const drafts = signal<Record<string, Draft>>(fresh && saved.drafts ? saved.drafts : {});
  effect(() =>
    host.saveUiState({
      version: UI_STATE_VERSION,
      serverId: selectedServerId.value,
      tool: selectedToolName.value,
      drafts: drafts.value,
    } satisfies UiState),
  );

  const selectedServer = computed(
    () => servers.value.find((server) => server.id === selectedServerId.value) ?? servers.value[0],
  );
  const selectedTool = computed(() => selectedServer.value?.tools.find((tool) => tool.name === selectedToolName.value));
  const fields = computed(() => (selectedTool.value ? formFields(selectedTool.value.inputSchema) : []));
  const draftKey = computed(() => `${selectedServer.value?.id}/${selectedTool.value?.name}`);
  const draft = computed(() => drafts.value[draftKey.value] ?? initialDraft(fields.value));
  /** The latest call of the selected tool. */
  const currentCall = computed(() => {
    let latest: CallRecord | undefined;
    for (const call of calls.value.values()) {
      if (call.serverId === selectedServer.value?.id && call.tool === selectedTool.value?.name) {
        if (!latest || call.startedAt >= latest.startedAt) latest = call;
      }
    }
    return latest;
  });

  // Timeline events are gathered and applied once per frame, however fast they arrive.
  let lastSeq = 0;
  let incoming: TimelineEvent[] = [];
  let frame: number | undefined;
  const applyIncoming = () => {
    frame = undefined;
    const events = incoming;
    incoming = [];
    const merged = timeline.value.concat(events);
    timeline.value = merged.length > TIMELINE_LIMIT ? merged.slice(-TIMELINE_LIMIT) : merged;
  };

  const showHostError = (error: unknown) => {
    hostError.value = error instanceof Error ? error.message : String(error);
  };

  const applySnapshot = (snapshot: Snapshot) => {
    incoming = [];
    batch(() => {
      servers.value = snapshot.servers;
      calls.value = new Map(snapshot.calls.map((call) => [call.id, call]));
      timeline.value = snapshot.timeline.slice(-TIMELINE_LIMIT);
      hostError.value = undefined;
    });
    lastSeq = snapshot.timeline.at(-1)?.seq ?? lastSeq;
  };

  let refreshing: Promise<void> | undefined;
  /** Asks the host for everything again: at start, and whenever an append shows a gap. */
  const refresh = () =>
    (refreshing ??= host
      .request(GetSnapshot, {})
      .then(applySnapshot, showHostError)
      .finally(() => (refreshing = undefined)));

  host.onNotification(TimelineAppended, ({ events }) => {
    const fresh = events.filter((event) => event.seq > lastSeq);
    if (fresh.length === 0) return;
    if (fresh[0].seq !== lastSeq + 1) {
      void refresh();
      return;
    }
    lastSeq = fresh[fresh.length - 1].seq;
    incoming.push(...fresh);
    frame ??= requestAnimationFrame(applyIncoming);
  });
  host.onNotification(ServersChanged, (params) => (servers.value = params.servers));
  const selectTool = (serverId: string, tool: string) =>
    batch(() => {
      selectedServerId.value = serverId;
      selectedToolName.value = tool;
    });
  host.onNotification(SelectInPanel, ({ serverId, tool }) => (tool === undefined ? (selectedServerId.value = serverId) : selectTool(serverId, tool)));
  host.onNotification(CallUpdated, ({ call }) => {
    const next = new Map(calls.value);
    next.set(call.id, call);
    calls.value = next;
  });

  const runRequest = <T>(promise: Promise<T>) => promise.catch(showHostError);

  return {
    servers,
    calls,
    timeline,
    hostError,
    selectedServer,
    selectedTool,
    fields,
    draft,
    currentCall,
    refresh,
    selectServer(serverId: string) {
      selectedServerId.value = serverId;
    },
    selectTool,
    setDraftValue(field: string, value: string) {
      drafts.value = { ...drafts.value, [draftKey.value]: { ...draft.value, [field]: value } };
    },
    connect: (serverId: string) => runRequest(host.request(ConnectServer, { serverId })),
    disconnect: (serverId: string) => runRequest(host.request(DisconnectServer, { serverId })),
    addServer: () => host.command(AddServer, {}),
    /** Runs the selected tool with the draft; returns the field errors instead when the draft is not valid. */
    run(): Record<string, string> | undefined {
      const server = selectedServer.value;
      const tool = selectedTool.value;
      if (!server || !tool) return undefined;
      const outcome = argumentsOf(fields.value, draft.value);
      if (!outcome.ok) return outcome.errors;
      void runRequest(host.request(RunTool, { serverId: server.id, tool: tool.name, arguments: outcome.arguments }));
      return undefined;
    },
  };
}
