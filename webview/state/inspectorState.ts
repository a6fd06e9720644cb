// The webview's state: what the host owns (servers, calls, timeline) mirrored from the snapshot
// and the notifications after it, the UI's own state (selection, drafts), and the actions.

import { batch, computed, effect, signal, untracked } from '@preact/signals';
import {
  AddServer,
  CallUpdated,
  CancelCall,
  ConnectServer,
  CopyText,
  DisconnectServer,
  GetSnapshot,
  ListTools,
  OpenLink,
  ReconnectServer,
  RunTool,
  SelectInPanel,
  ServersChanged,
} from '../../src/shared/bridge';
import type { CallRecord, Snapshot, ServerSummary, ToolSummary } from '../../src/shared/model';
import { type Draft, draftFromValue, initialDraft } from '../../src/shared/schemaForm/draft';
import { checkValue } from '../../src/shared/schemaForm/checkValue';
import { describeRoot } from '../../src/shared/schemaForm/fieldSpec';
import { readForm } from '../../src/shared/schemaForm/formValue';
import { isRecord, rootAt } from '../../src/shared/schemaForm/resolve';
import type { Host } from '../host';
import { createHistoryState } from './historyState';
import { createAnswerState } from './answerState';
import { createElicitationCompletions } from './elicitationCompletions';
import { createFeaturesState } from './featuresState';
import { createTimelineState } from './timelineState';

/** 2: drafts follow the schema's shape (src/shared/schemaForm/draft.ts); 1 kept flat text per property. */
const UI_STATE_VERSION = 2;

interface UiState {
  version: typeof UI_STATE_VERSION;
  serverId?: string;
  tool?: string;
  /** Drafts by `server/tool`, so switching tools never mixes their values. */
  drafts: Record<string, Draft>;
  /** What the tool list is filtered by. */
  toolFilter?: string;
}

/**
 * The saved UI state, from this version or an older one. Version 1's drafts do not fit the form any
 * more and are dropped; the selection is kept. Anything unreadable starts afresh.
 */
function loadUiState(saved: unknown): Omit<UiState, 'version'> {
  if (!isRecord(saved) || (saved.version !== 1 && saved.version !== UI_STATE_VERSION)) return { drafts: {} };
  return {
    ...(typeof saved.serverId === 'string' && { serverId: saved.serverId }),
    ...(typeof saved.tool === 'string' && { tool: saved.tool }),
    drafts: saved.version === UI_STATE_VERSION && isRecord(saved.drafts) ? saved.drafts : {},
    ...(typeof saved.toolFilter === 'string' && { toolFilter: saved.toolFilter }),
  };
}

export type InspectorState = ReturnType<typeof createInspectorState>;

export function createInspectorState(host: Host) {
  const servers = signal<ServerSummary[]>([]);
  const calls = signal<ReadonlyMap<string, CallRecord>>(new Map());
  /** A failure talking to the host itself, shown at the top of the panel. */
  const hostError = signal<string | undefined>(undefined);

  const saved = loadUiState(host.loadUiState());
  const selectedServerId = signal<string | undefined>(saved.serverId);
  const selectedToolName = signal<string | undefined>(saved.tool);
  const drafts = signal<Record<string, Draft>>(saved.drafts);
  const toolFilter = signal(saved.toolFilter ?? '');
  effect(() =>
    host.saveUiState({
      version: UI_STATE_VERSION,
      serverId: selectedServerId.value,
      tool: selectedToolName.value,
      drafts: drafts.value,
      toolFilter: toolFilter.value,
    } satisfies UiState),
  );

  const selectedServer = computed(
    () => servers.value.find((server) => server.id === selectedServerId.value) ?? servers.value[0],
  );
  const selectedTool = computed(() => selectedServer.value?.tools.find((tool) => tool.name === selectedToolName.value));
  const formSpec = computed(() => describeRoot(rootAt(selectedTool.value?.inputSchema ?? { type: 'object' }), 'Arguments'));
  const draftKey = computed(() => `${selectedServer.value?.id}/${selectedTool.value?.name}`);
  const draft = computed(() => drafts.value[draftKey.value] ?? initialDraft(formSpec.value, true));
  /** The selected tool's arguments as the draft stands, and what keeps them from being sent. */
  const formReading = computed(() => {
    const reading = readForm(formSpec.value, draft.value);
    if (isRecord(reading.value) || Object.keys(reading.errors).length > 0) return reading;
    return { ...reading, errors: { '': `The tool's input schema does not describe an object, so its arguments cannot be sent.` } };
  });
  /** Whether the current call's `structuredContent` fits the tool's `outputSchema`, when the tool has one. */
  const outputVerdict = computed(() => {
    const schema = selectedTool.value?.outputSchema;
    const result = currentCall.value?.result;
    if (!schema || !result || result.structuredContent === undefined) return undefined;
    return { errors: checkValue(schema, result.structuredContent, 'structuredContent') };
  });
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

  const showHostError = (error: unknown) => {
    hostError.value = error instanceof Error ? error.message : String(error);
  };

  const applySnapshot = (snapshot: Snapshot) => {
    batch(() => {
      servers.value = snapshot.servers;
      calls.value = new Map(snapshot.calls.map((call) => [call.id, call]));
      timeline.reset(snapshot.timeline);
      answers.reset(snapshot.pendingRequests ?? []);
      elicitations.take(snapshot.timeline);
      hostError.value = undefined;
    });
  };
  const loadSnapshot = () => host.request(GetSnapshot, {}).then(applySnapshot, showHostError);

  let refreshing: Promise<void> | undefined;
  /** Asks the host for everything again: at start, and whenever an append shows a gap. */
  const refresh = () => (refreshing ??= loadSnapshot().finally(() => (refreshing = undefined)));
  // A clear needs a snapshot asked for after it, not one already on its way.
  const timeline = createTimelineState(host, ({ again }) => (again ? loadSnapshot() : refresh()));
  const answers = createAnswerState(host);
  const elicitations = createElicitationCompletions(host);
  host.onNotification(ServersChanged, (params) => (servers.value = params.servers));
  const selectTool = (serverId: string, tool: string) =>
    batch(() => {
      selectedServerId.value = serverId;
      selectedToolName.value = tool;
      features.selectSection('tools');
      history.close();
    });
  host.onNotification(SelectInPanel, ({ serverId, tool }) => (tool === undefined ? (selectedServerId.value = serverId) : selectTool(serverId, tool)));
  host.onNotification(CallUpdated, ({ call }) => {
    const next = new Map(calls.value);
    next.set(call.id, call);
    calls.value = next;
  });

  const runRequest = <T>(promise: Promise<T>) => promise.catch(showHostError);

  const history = createHistoryState(host, {
    servers,
    fillForm(serverId: string, tool: ToolSummary, args: Record<string, unknown>) {
      const filled = draftFromValue(describeRoot(rootAt(tool.inputSchema), 'Arguments'), args);
      if (!filled.ok) return filled.error;
      batch(() => {
        // The key of `draftKey`, for a tool that may not be selected yet.
        drafts.value = { ...drafts.value, [`${serverId}/${tool.name}`]: filled.draft };
        selectTool(serverId, tool.name);
      });
      return undefined;
    },
    runTool(serverId: string, tool: string, args: Record<string, unknown>) {
      selectTool(serverId, tool);
      void runRequest(host.request(RunTool, { serverId, tool, arguments: args }));
    },
  });

  const features = createFeaturesState(host, selectedServer);
  // A past call is shown in place of the tool, resource or prompt; choosing one of those, or
  // another section, puts the past call away.
  effect(() => {
    const shown = [features.section.value, features.resourceSelection.value, features.selectedPrompt.value];
    untracked(() => shown.length > 0 && history.close());
  });

  return {
    servers,
    calls,
    timeline,
    history,
    answers,
    /** The selected server's resources, templates and prompts. */
    features,
    hostError,
    selectedServer,
    selectedTool,
    formSpec,
    draft,
    formReading,
    currentCall,
    outputVerdict,
    toolFilter,
    refresh,
    selectServer(serverId: string) {
      selectedServerId.value = serverId;
      history.close();
    },
    selectTool,
    setDraft(next: Draft) {
      drafts.value = { ...drafts.value, [draftKey.value]: next };
    },
    filterTools(text: string) {
      toolFilter.value = text;
    },
    connect: (serverId: string) => runRequest(host.request(ConnectServer, { serverId })),
    disconnect: (serverId: string) => runRequest(host.request(DisconnectServer, { serverId })),
    reconnect: (serverId: string) => runRequest(host.request(ReconnectServer, { serverId })),
    listTools: (serverId: string) => runRequest(host.request(ListTools, { serverId })),
    cancel: (callId: string) => runRequest(host.request(CancelCall, { callId })),
    /** Runs a call again with the same arguments (after a -32042 asked the user to visit a page first). */
    rerun: (call: CallRecord) => runRequest(host.request(RunTool, { serverId: call.serverId, tool: call.tool, arguments: call.arguments })),
    /** Whether a server said the URL elicitation with this id is complete (`notifications/elicitation/complete`). */
    elicitationComplete: elicitations.isComplete,
    openLink: (uri: string) => host.command(OpenLink, { uri }),
    copyText: (text: string) => host.command(CopyText, { text }),
    addServer: () => host.command(AddServer, {}),
    /** Runs the selected tool with the draft's arguments; does nothing while `formReading` has errors. */
    run(): void {
      const server = selectedServer.value;
      const tool = selectedTool.value;
      const { value, errors } = formReading.value;
      if (!server || !tool || Object.keys(errors).length > 0 || !isRecord(value)) return;
      void runRequest(host.request(RunTool, { serverId: server.id, tool: tool.name, arguments: value }));
    },
  };
}
