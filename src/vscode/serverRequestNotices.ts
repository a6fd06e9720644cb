// A server's sampling or elicitation request waits for the user in the inspector panel; when no
// panel is in sight, a VS Code notification says so, with a button that opens the panel, so the
// request is not left to time out unseen.

import * as vscode from 'vscode';
import type { PendingRequests } from '../inspector/pendingRequests';
import type { AnsweredMethod, PendingServerRequest } from '../shared/model';

const ASKS: Record<AnsweredMethod, string> = {
  'sampling/createMessage': 'a sampling reply',
  'elicitation/create': 'information',
};

export const OPEN_INSPECTOR_ACTION = 'Open Inspector';

/** The notification's text for one request. */
export function noticeOf(request: PendingServerRequest): string {
  const seconds = Math.round((request.deadline - request.receivedAt) / 1000);
  return `MCP Scope: ${request.serverId} asks for ${ASKS[request.method]} (${request.method}). Answer it in the inspector within ${seconds} s, or MCP Scope refuses it for you.`;
}

/**
 * Shows a notification for each request that starts waiting while `panelVisible()` says no panel is
 * in sight; its button calls `open` with the request's server. Returns what stops it.
 */
export function noticeServerRequests(pending: PendingRequests, options: { panelVisible(): boolean; open(serverId: string): void }): () => void {
  return pending.added.add((request) => {
    if (options.panelVisible()) return;
    void vscode.window.showInformationMessage(noticeOf(request), OPEN_INSPECTOR_ACTION).then((choice) => {
      if (choice === OPEN_INSPECTOR_ACTION) options.open(request.serverId);
    });
  });
}
