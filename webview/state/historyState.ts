// The history's side of the webview state: the past and saved calls mirrored from the host, the
// one the user looks at (a past call's result is asked for when it is selected), and what can be
// done with it: run it again, put its arguments into the tool's form, save it, delete it.

import { computed, type ReadonlySignal, signal } from '@preact/signals';
import { DeleteSavedCall, GetHistory, GetPastCall, HistoryChanged, SaveCall } from '../../src/shared/bridge';
import type { HistoryView, PastCall, PastCallSummary, SavedCall } from '../../src/shared/history';
import type { ServerSummary, ToolSummary } from '../../src/shared/model';
import type { Host } from '../host';

/** What the history shows in the workbench: a past call, or a saved one. */
export type HistoryEntry = { kind: 'past'; call: PastCallSummary } | { kind: 'saved'; call: SavedCall };

type Selection = { kind: 'past'; id: string } | { kind: 'saved'; name: string };

/** A past call's result as it stands: being asked for, here, or not to be had. */
export type PastCallDetail = { id: string; state: 'loading' } | { id: string; state: 'loaded'; call: PastCall } | { id: string; state: 'failed'; error: string };

/** What the last action on the selected entry came to. */
export type HistoryOutcome = { kind: 'error'; text: string } | { kind: 'done'; text: string };

/** What history needs of the rest of the panel. */
export interface HistoryPanel {
  servers: ReadonlySignal<ServerSummary[]>;
  /** Puts the arguments into the tool's form and shows the form; returns why the form cannot show them. */
  fillForm(serverId: string, tool: ToolSummary, args: Record<string, unknown>): string | undefined;
  /** Runs the tool with these arguments and shows its form with the new call. */
  runTool(serverId: string, tool: string, args: Record<string, unknown>): void;
}

export type HistoryState = ReturnType<typeof createHistoryState>;

export function createHistoryState(host: Host, panel: HistoryPanel) {
  const view = signal<HistoryView>({ past: [], saved: { calls: [], problems: [] } });
  const selection = signal<Selection | undefined>(undefined);
  const detail = signal<PastCallDetail | undefined>(undefined);
  const outcome = signal<HistoryOutcome | undefined>(undefined);
  /** The selected entry, as long as history still has it. */
  const selected = computed((): HistoryEntry | undefined => {
    const chosen = selection.value;
    if (chosen?.kind === 'past') {
      const call = view.value.past.find((past) => past.id === chosen.id);
      return call && { kind: 'past', call };
    }
    const call = chosen && view.value.saved.calls.find((saved) => saved.name === chosen.name);
    return call && { kind: 'saved', call };
  });

  const fail = (error: unknown) => (outcome.value = { kind: 'error', text: error instanceof Error ? error.message : String(error) });
  const load = () => host.request(GetHistory, {}).then((history) => (view.value = history), fail);
  host.onNotification(HistoryChanged, ({ history }) => (view.value = history));

  /** The tool to run the selected entry with, or why it cannot run now. */
  const toolOf = (call: PastCallSummary | SavedCall): ToolSummary | string => {
    const server = panel.servers.value.find((candidate) => candidate.id === call.serverId);
    if (!server) return `${call.serverId} is not configured any more.`;
    if (server.state !== 'connected') return `Connect to ${call.serverId} first: its tools are known only while it is connected.`;
    return server.tools.find((tool) => tool.name === call.tool) ?? `${call.serverId} lists no tool named “${call.tool}” now.`;
  };
  const close = () => {
    selection.value = undefined;
    detail.value = undefined;
    outcome.value = undefined;
  };

  return {
    view,
    selected,
    detail,
    outcome,
    load,
    close,
    select(entry: HistoryEntry): void {
      outcome.value = undefined;
      if (entry.kind === 'saved') {
        selection.value = { kind: 'saved', name: entry.call.name };
        detail.value = undefined;
        return;
      }
      const { id } = entry.call;
      selection.value = { kind: 'past', id };
      detail.value = { id, state: 'loading' };
      host.request(GetPastCall, { id }).then(
        (call) => detail.value?.id === id && (detail.value = { id, state: 'loaded', call }),
        (error: unknown) => detail.value?.id === id && (detail.value = { id, state: 'failed', error: error instanceof Error ? error.message : String(error) }),
      );
    },
    /** Runs the selected entry's call again, as it was, and shows the tool with the new call. */
    runAgain(): void {
      const entry = selected.value;
      if (!entry) return;
      const tool = toolOf(entry.call);
      if (typeof tool === 'string') return void (outcome.value = { kind: 'error', text: tool });
      close();
      panel.runTool(entry.call.serverId, tool.name, entry.call.arguments);
    },
    /** Puts the selected entry's arguments into its tool's form, to change them before running. */
    editInForm(): void {
      const entry = selected.value;
      if (!entry) return;
      const tool = toolOf(entry.call);
      if (typeof tool === 'string') return void (outcome.value = { kind: 'error', text: tool });
      const problem = panel.fillForm(entry.call.serverId, tool, entry.call.arguments);
      if (problem) return void (outcome.value = { kind: 'error', text: `The form cannot show these arguments: ${problem} Run again sends them as they are.` });
      close();
    },
    /** Saves the selected entry's call under `name`; resolves whether it was saved. */
    async save(name: string): Promise<boolean> {
      const entry = selected.value;
      if (!entry) return false;
      const { serverId, tool, arguments: args } = entry.call;
      try {
        await host.request(SaveCall, { name: name.trim(), serverId, tool, arguments: args });
      } catch (error) {
        fail(error);
        return false;
      }
      selection.value = { kind: 'saved', name: name.trim() };
      detail.value = undefined;
      outcome.value = { kind: 'done', text: `Saved as “${name.trim()}” in ${view.value.saved.file ?? 'the workspace'}.` };
      return true;
    },
    /** Deletes the selected saved call from the file. */
    async deleteSaved(): Promise<void> {
      const entry = selected.value;
      if (entry?.kind !== 'saved') return;
      try {
        await host.request(DeleteSavedCall, { name: entry.call.name });
        close();
      } catch (error) {
        fail(error);
      }
    },
  };
}
