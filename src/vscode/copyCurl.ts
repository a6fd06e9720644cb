// Copy Call as curl: a quick pick of the recent requests sent over HTTP, and the chosen one on the
// clipboard as a curl command, its secrets left to shell variables.

import * as vscode from 'vscode';
import type { TimelineEvent, WireRecord } from '../shared/model';
import { curlCommandOf } from './curlCommand';

/** How many recent requests the quick pick offers. */
const OFFERED = 50;
/** How much of a request's body a quick pick row shows. */
const BODY_SHOWN = 200;

type HttpRequestRecord = Extract<WireRecord, { type: 'httpRequest' }>;
type RequestItem = vscode.QuickPickItem & { record: HttpRequestRecord };

/** Asks for one of the recent POSTs among `events` and copies it as a curl command; says which variables it needs. */
export async function copyCallAsCurl(events: readonly TimelineEvent[]): Promise<void> {
  const items: RequestItem[] = [];
  for (let index = events.length - 1; index >= 0 && items.length < OFFERED; index--) {
    const event = events[index];
    if (event.kind !== 'wire' || event.record.type !== 'httpRequest' || event.record.method !== 'POST') continue;
    items.push({
      label: describeBody(event.record.body),
      description: `${event.serverId} · ${new Date(event.time).toLocaleTimeString()}`,
      detail: (event.record.body ?? '').slice(0, BODY_SHOWN),
      record: event.record,
    });
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('The timeline has no request sent over HTTP yet. Connect to an HTTP server and run a tool first.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'MCP Scope: Copy Call as curl', matchOnDescription: true, matchOnDetail: true });
  if (!picked) return;
  const curl = curlCommandOf(picked.record);
  await vscode.env.clipboard.writeText(curl.text);
  const secrets = curl.variables.length
    ? ` Its secret headers are not copied: set ${curl.variables.map((name) => `$${name}`).join(', ')} before running it.`
    : '';
  const url = curl.urlRedacted ? ' Secret parts of the URL read "redacted": put them back.' : '';
  void vscode.window.showInformationMessage(`MCP Scope copied ${picked.label} as a curl command.${secrets}${url}`);
}

/** "tools/call echo", "initialize", "a batch of 3": what a JSON-RPC body asks for. */
function describeBody(body: string | undefined): string {
  let message: unknown;
  try {
    message = JSON.parse(body ?? '');
  } catch {
    return 'a request whose body is not JSON';
  }
  if (Array.isArray(message)) return `a batch of ${message.length}`;
  const { method, params, result, error } = (message ?? {}) as { method?: unknown; params?: { name?: unknown; uri?: unknown }; result?: unknown; error?: unknown };
  if (typeof method !== 'string') return result !== undefined || error !== undefined ? 'an answer to the server' : 'a request without a method';
  const subject = typeof params?.name === 'string' ? params.name : typeof params?.uri === 'string' ? params.uri : '';
  return subject ? `${method} ${subject}` : method;
}
