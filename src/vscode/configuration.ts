// The `mcpScope.*` settings: the inspector's own settings, and writing server entries into
// `mcpScope.servers` in the user's or the workspace's settings.

import * as vscode from 'vscode';
import type { SettingsEntry } from './serverEntries';

const SECTION = 'mcpScope';

export interface InspectorPreferences {
  /** How long a request waits for its answer unless the server's entry says otherwise. */
  requestTimeoutMs: number;
  /** Whether opening the inspector connects to servers that were not connected yet. */
  connectOnOpen: boolean;
  /** How long a server's sampling or elicitation request waits for the user's answer. */
  serverRequestTimeoutMs: number;
}

export function readPreferences(): InspectorPreferences {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  return {
    requestTimeoutMs: positiveSeconds(configuration.get<number>('requestTimeoutSeconds', 60), 60) * 1000,
    connectOnOpen: configuration.get<boolean>('connectOnOpen', true),
    serverRequestTimeoutMs: positiveSeconds(configuration.get<number>('serverRequestTimeoutSeconds', 300), 300) * 1000,
  };
}

/** A number of seconds from the settings, or the default when it is not a positive number. */
function positiveSeconds(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The entries of `mcpScope.servers` as written in user and in workspace settings. */
export function settingsServers(): { user: unknown; workspace: unknown } {
  const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown>('servers');
  return { user: inspected?.globalValue, workspace: inspected?.workspaceValue };
}

/** Appends servers to `mcpScope.servers` in the user's or the workspace's settings. */
export async function addServersToSettings(entries: SettingsEntry[], where: 'user' | 'workspace'): Promise<void> {
  const current = settingsServers()[where];
  await vscode.workspace
    .getConfiguration(SECTION)
    .update('servers', [...(Array.isArray(current) ? current : []), ...entries], targetOf(where));
}

/** Removes the server named `name` from `mcpScope.servers` in the given settings. */
export async function removeServerFromSettings(name: string, where: 'user' | 'workspace'): Promise<void> {
  const current = settingsServers()[where];
  const kept = (Array.isArray(current) ? current : []).filter((entry) => (entry as { name?: unknown } | null)?.name !== name);
  await vscode.workspace.getConfiguration(SECTION).update('servers', kept, targetOf(where));
}

function targetOf(where: 'user' | 'workspace'): vscode.ConfigurationTarget {
  return where === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}
