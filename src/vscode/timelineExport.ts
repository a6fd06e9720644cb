// Saving the timeline as a file: the user picks where, the host writes it. As JSON (every event as
// the timeline keeps it) or as HAR (the HTTP exchanges, for HAR viewers and browsers' dev tools).

import * as vscode from 'vscode';
import type { TimelineEvent } from '../shared/model';
import { harOf } from './harExport';

/** What an exported file holds: when it was saved, and every event, oldest first, as the timeline keeps it. */
export interface TimelineExport {
  exportedBy: string;
  exportedAt: string;
  events: TimelineEvent[];
}

/** Asks where to save the events as JSON, writes them, and says where they went or why they could not be written. */
export async function exportTimeline(events: TimelineEvent[]): Promise<void> {
  const exportedAt = new Date();
  const document: TimelineExport = { exportedBy: 'MCP Scope', exportedAt: exportedAt.toISOString(), events };
  await saveExport({ format: 'JSON', extension: 'json', exportedAt, document, saved: `${events.length} timeline events` });
}

/** Asks where to save the HTTP exchanges among the events as a HAR file, and writes it; says so when there are none. */
export async function exportTimelineHar(events: TimelineEvent[], version: string): Promise<void> {
  const document = harOf(events, { name: 'MCP Scope', version });
  const count = document.log.entries.length;
  if (count === 0) {
    void vscode.window.showInformationMessage(
      'The timeline has no HTTP exchanges to export as HAR (stdio servers have none). Connect to an HTTP server or use Export Timeline for JSON.',
    );
    return;
  }
  await saveExport({ format: 'HAR', extension: 'har', exportedAt: new Date(), document, saved: `${count} HTTP exchange${count === 1 ? '' : 's'}` });
}

async function saveExport(file: { format: string; extension: string; exportedAt: Date; document: unknown; saved: string }): Promise<void> {
  const name = `mcp-scope-timeline-${file.exportedAt.toISOString().replace(/[:.]/g, '-')}.${file.extension}`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Export the MCP Scope timeline as ${file.format}`,
    saveLabel: 'Export',
    filters: { [file.format]: [file.extension] },
    ...(folder && { defaultUri: vscode.Uri.joinPath(folder, name) }),
  });
  if (!target) return;
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(file.document, null, 2)}\n`));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`MCP Scope could not write the timeline to ${target.fsPath}: ${reason}. Choose another place.`);
    return;
  }
  void vscode.window.showInformationMessage(`MCP Scope exported ${file.saved} to ${target.fsPath}.`);
}
