import type * as vscode from 'vscode';
import { activateMcpScope } from './vscode/mcpScope';

let endSessions: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): void {
  endSessions = activateMcpScope(context);
}

export function deactivate(): Promise<void> | undefined {
  return endSessions?.();
}
