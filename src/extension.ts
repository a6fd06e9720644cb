import type * as vscode from 'vscode';
import { activateMcpScope } from './vscode/mcpScope';

export function activate(context: vscode.ExtensionContext): void {
  activateMcpScope(context);
}

export function deactivate(): void {}
