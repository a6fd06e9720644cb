// Saving the timeline as a JSON file: the user picks where, the host writes it.

import * as vscode from 'vscode';
import type { TimelineEvent } from '../shared/model';

/** What an exported file holds: when it was saved, and every event, oldest first, as the timeline keeps it. */
export interface TimelineExport {
  exportedBy: string;
  exportedAt: string;
  events: TimelineEvent[];
}

/** Asks where to save the events, writes them, and says where they went or why they could not be written. */
export async function exportTimeline(events: TimelineEvent[]): Promise<void> {
  const exportedAt = new Date();
  const name = `mcp-scope-timeline-${exportedAt.toISOString().replace(/[:.]/g, '-')}.json`;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: 'Export the MCP Scope timeline',
    saveLabel: 'Export',
    filters: { JSON: ['json'] },
    ...(folder && { defaultUri: vscode.Uri.joinPath(folder, name) }),
  });
  if (!target) return;
  const document: TimelineExport = { exportedBy: 'MCP Scope', exportedAt: exportedAt.toISOString(), events };
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(`MCP Scope could not write the timeline to ${target.fsPath}: ${reason}. Choose another place.`);
    return;
  }
  void vscode.window.showInformationMessage(`MCP Scope exported ${events.length} timeline events to ${target.fsPath}.`);
}
