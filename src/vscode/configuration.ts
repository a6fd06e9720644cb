// The `mcpScope.*` settings: read and checked, and written when the user adds a server.

import * as vscode from 'vscode';
import { z } from 'zod';
import type { InspectorSettings } from '../inspector/inspector';
import type { ServerConfig } from '../inspector/serverSession';

const SECTION = 'mcpScope';

const ServerEntry = z.object({
  name: z.string().trim().min(1, 'needs a name'),
  url: z
    .string()
    .refine((url) => parseHttpUrl(url) !== undefined, 'needs a url that starts with http:// or https://'),
  headers: z.record(z.string(), z.string(), 'headers must map header names to string values').optional(),
  protocolVersion: z.string().trim().min(1, 'needs a protocolVersion that is not empty, or none').optional(),
});

/** A URL the client can reach over HTTP, or undefined. */
export function parseHttpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export interface ReadSettings {
  settings: InspectorSettings;
  /** Entries that were left out, each with the reason, for a warning the user can act on. */
  problems: string[];
  /** Whether opening the inspector connects to servers that were not connected yet. */
  connectOnOpen: boolean;
}

export function readSettings(): ReadSettings {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  const entries: unknown = configuration.get('servers', []);
  const servers: ServerConfig[] = [];
  const problems: string[] = [];
  for (const [index, entry] of (Array.isArray(entries) ? entries : []).entries()) {
    const parsed = ServerEntry.safeParse(entry);
    if (!parsed.success) {
      problems.push(`mcpScope.servers[${index}] ${parsed.error.issues.map((issue) => issue.message).join(', ')}`);
    } else if (servers.some((server) => server.name === parsed.data.name)) {
      problems.push(`mcpScope.servers[${index}] repeats the name "${parsed.data.name}"; names must be unique`);
    } else {
      servers.push({ ...parsed.data, transport: 'http', url: parsed.data.url.trim() });
    }
  }
  if (!Array.isArray(entries)) problems.push('mcpScope.servers must be a list of servers');
  const seconds = configuration.get<number>('requestTimeoutSeconds', 60);
  return {
    settings: { servers, requestTimeoutMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000 },
    problems,
    connectOnOpen: configuration.get<boolean>('connectOnOpen', true),
  };
}

/** One entry of `mcpScope.servers`, as it is written in settings. */
export type ServerEntry = z.infer<typeof ServerEntry>;

/** Appends a server to `mcpScope.servers` in the user's or the workspace's settings. */
export async function addServerToSettings(server: ServerEntry, target: vscode.ConfigurationTarget): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(SECTION);
  const inspected = configuration.inspect<unknown[]>('servers');
  const current = (target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue) ?? [];
  await configuration.update('servers', [...current, server], target);
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(SECTION);
}
