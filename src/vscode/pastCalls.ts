// Run Past Call and Save Call: quick picks over the inspector's history and saved calls.

import * as vscode from 'vscode';
import type { PastCall, SavedCall } from '../shared/history';
import type { Inspector } from '../inspector/inspector';

/** How much of a call's arguments a quick pick row shows. */
const ARGUMENTS_SHOWN = 200;

type CallItem = vscode.QuickPickItem & { call?: SavedCall | PastCall };

/** Asks for a saved or past call; undefined when the user cancels or there is none. */
export async function pickCall(inspector: Inspector, title: string, includeSaved: boolean): Promise<SavedCall | PastCall | undefined> {
  const saved = includeSaved ? inspector.history.savedCalls() : [];
  const past = inspector.history.pastCalls();
  if (saved.length === 0 && past.length === 0) {
    void vscode.window.showInformationMessage('MCP Scope has no past calls in this workspace yet. Run a tool from the panel first.');
    return undefined;
  }
  const items: CallItem[] = [
    ...(saved.length ? [{ label: 'Saved', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...saved.map((call) => ({ label: `$(bookmark) ${call.name}`, description: `${call.tool} · ${call.serverId}`, detail: argumentsText(call), call })),
    ...(past.length ? [{ label: 'History', kind: vscode.QuickPickItemKind.Separator }] : []),
    ...past.map((call) => ({
      label: `${outcomeIcon(call)} ${call.tool}`,
      description: `${call.serverId} · ${new Date(call.at).toLocaleString()} · ${call.durationMs} ms · ${call.outcome}`,
      detail: argumentsText(call),
      call,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true, matchOnDetail: true });
  return picked?.call;
}

/** Asks for a name for a past call and saves it. */
export async function saveCall(inspector: Inspector, call: PastCall): Promise<void> {
  const taken = new Set(inspector.history.savedCalls().map((saved) => saved.name));
  const name = await vscode.window.showInputBox({
    title: 'MCP Scope: Save Call',
    prompt: `A name for this call of ${call.tool} on ${call.serverId}`,
    value: call.tool,
    validateInput: (text) => (!text.trim() ? 'Enter a name' : taken.has(text.trim()) ? 'A saved call has this name; saving replaces it' : undefined),
  });
  if (!name?.trim()) return;
  try {
    await inspector.history.saveCall({ name: name.trim(), serverId: call.serverId, tool: call.tool, arguments: call.arguments });
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
  }
}

function argumentsText(call: SavedCall | PastCall): string {
  const text = JSON.stringify(call.arguments);
  return text.length > ARGUMENTS_SHOWN ? `${text.slice(0, ARGUMENTS_SHOWN)}…` : text;
}

function outcomeIcon(call: PastCall): string {
  return call.outcome === 'succeeded' ? '$(pass)' : '$(error)';
}
