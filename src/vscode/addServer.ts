// Add Server and Import Servers: the quick inputs that ask for entries of `mcpScope.servers`, with
// secret header and env values set apart for SecretStorage.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { isSecretName } from './redaction';
import { parseHttpUrl, parseImportedServers, separateSecrets, type SettingsEntry } from './serverEntries';
import { parseCommandLine } from './commandLine';

/** An entry ready to write, its secrets apart. */
export interface NewServer {
  entry: SettingsEntry;
  secrets: Map<string, string>;
}

const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.+)$/;

/** Asks, step by step, for a URL or a command, a name and optional headers. */
export async function askForServer(takenNames: readonly string[]): Promise<NewServer | undefined> {
  const title = 'Add MCP Server';
  const target = await vscode.window.showInputBox({
    title: `${title} (1/3)`,
    prompt: 'The URL of the server’s MCP endpoint, or the command that starts it (stdio)',
    placeHolder: 'http://127.0.0.1:3000/mcp  or  node build/index.js',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const value = text.trim();
      if (!value) return 'Enter a URL or a command';
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !parseHttpUrl(value)) return 'A URL must start with http:// or https:// and be complete';
      return undefined;
    },
  });
  if (!target?.trim()) return undefined;
  const url = parseHttpUrl(target);
  const words = url ? [] : parseCommandLine(target.trim());
  const suggested = url ? url.host : (words[0].split(/[\\/]/).at(-1) ?? words[0]);
  const name = await vscode.window.showInputBox({
    title: `${title} (2/3)`,
    prompt: 'A name for the server',
    value: takenNames.includes(suggested) ? '' : suggested,
    ignoreFocusOut: true,
    validateInput: (text) => (!text.trim() ? 'Enter a name' : takenNames.includes(text.trim()) ? 'A server with that name exists already' : undefined),
  });
  if (!name?.trim()) return undefined;
  if (!url) {
    const [command, ...args] = words;
    return { entry: { name: name.trim(), type: 'stdio', command, ...(args.length && { args }) }, secrets: new Map() };
  }
  const headers: Record<string, string> = {};
  for (;;) {
    const line = await vscode.window.showInputBox({
      title: `${title} (3/3): headers`,
      prompt: `A header sent with every request, as "Name: value"; leave empty to finish. Authorization, cookies, tokens and keys are kept in VS Code’s secret storage, not in settings.${
        Object.keys(headers).length ? ` Added: ${Object.keys(headers).join(', ')}.` : ''
      }`,
      placeHolder: 'Authorization: Bearer …',
      password: false,
      ignoreFocusOut: true,
      validateInput: (text) => (!text.trim() || HEADER_LINE.test(text.trim()) ? undefined : 'Write "Name: value", e.g. "X-Api-Key: abc"'),
    });
    if (line === undefined) return undefined;
    if (!line.trim()) break;
    const [, header, value] = HEADER_LINE.exec(line.trim())!;
    headers[header] = value.trim();
  }
  const entry: SettingsEntry = { name: name.trim(), type: 'http', url: url.toString(), ...(Object.keys(headers).length && { headers }) };
  return separateSecrets(entry, isSecretName);
}

/** Asks where to keep new servers: user settings, or (with a folder open) workspace settings. */
export async function askForTarget(what: string): Promise<'user' | 'workspace' | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) return 'user';
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'User settings', description: 'for every workspace', target: 'user' as const },
      { label: 'Workspace settings', description: 'for this workspace only', target: 'workspace' as const },
    ],
    { title: `${what}: where to keep it?`, ignoreFocusOut: true },
  );
  return picked?.target;
}

/** Asks for another client's config file and the servers to take from it. */
export async function askForImport(takenNames: readonly string[]): Promise<NewServer[] | undefined> {
  const known = [
    { label: 'Claude Desktop', path: claudeDesktopConfig() },
    { label: 'Cursor', path: join(homedir(), '.cursor', 'mcp.json') },
  ];
  const choice = await vscode.window.showQuickPick(
    [
      ...known.map((file) => ({ ...file, description: file.path, detail: existsSync(file.path) ? undefined : 'not found on this machine' })),
      { label: 'Another file…', path: undefined, description: 'any JSON file with "mcpServers" or "servers"' },
    ],
    { title: 'Import MCP Servers: from which client?', ignoreFocusOut: true },
  );
  if (!choice) return undefined;
  let uri = choice.path && existsSync(choice.path) ? vscode.Uri.file(choice.path) : undefined;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Import MCP Servers',
      canSelectMany: false,
      filters: { JSON: ['json', 'jsonc'] },
      ...(choice.path && { defaultUri: vscode.Uri.file(choice.path) }),
    });
    uri = picked?.[0];
  }
  if (!uri) return undefined;
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  const { entries, problems } = parseImportedServers(text, uri.fsPath);
  if (problems.length) void vscode.window.showWarningMessage(`MCP Scope: ${problems.map((problem) => problem.summary).join(' ')}`);
  if (entries.length === 0) return [];
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => {
      const taken = takenNames.includes(entry.name);
      return {
        label: entry.name,
        description: entry.url ?? [entry.command, ...(entry.args ?? [])].join(' '),
        detail: taken ? 'a server with this name exists already: not imported' : undefined,
        picked: !taken,
        entry,
      };
    }),
    { title: `Import MCP Servers from ${uri.fsPath}`, canPickMany: true, ignoreFocusOut: true },
  );
  if (!picked) return undefined;
  return picked.filter((item) => !takenNames.includes(item.entry.name)).map((item) => separateSecrets(item.entry, isSecretName));
}

function claudeDesktopConfig(): string {
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Claude', 'claude_desktop_config.json');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'Claude', 'claude_desktop_config.json');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Claude', 'claude_desktop_config.json');
}

