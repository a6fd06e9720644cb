// Where servers come from inside VS Code: `mcpScope.servers` in user and workspace settings and
// `.vscode/mcp.json` of every workspace folder, watched live; `${input:…}` values asked for once
// and kept in SecretStorage; workspace servers held back while the workspace is not trusted.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { ServerConfig } from '../inspector/serverSession';
import type { Problem } from '../shared/model';
import { affectsSettings, settingsServers } from './configuration';
import {
  type InputDefinition,
  mergeSources,
  settingsInputScope,
  type ParsedSource,
  parseMcpJson,
  parseSettingsServers,
  resolveDefinition,
  serversInSettingsFile,
  type ServerDefinition,
  type ServerOrigin,
  stringsOf,
} from './serverEntries';
import { inputsReferenced } from './variables';

const MCP_JSON = ['.vscode', 'mcp.json'] as const;
const SETTINGS_JSON = ['.vscode', 'settings.json'] as const;

/** The servers as the inspector takes them, with the problems of every entry left out. */
export interface ResolvedServers {
  configs: ServerConfig[];
  /** The definitions behind the configs, by server name (origin, inputs). */
  definitions: Map<string, ServerDefinition>;
  problems: Problem[];
}

export class ServerSources implements vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<void>();
  /** Fires when any source may have changed: settings, an mcp.json, the folders, trust. */
  readonly onDidChange = this.changedEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changedEmitter];

  /**
   * @param userMcpJson VS Code's own user-level mcp.json, when its place is known: the extension
   *   API does not expose it, but it sits in the User folder, two levels above global storage.
   */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly userMcpJson?: vscode.Uri,
  ) {
    const fire = () => this.changedEmitter.fire();
    const watchers = [
      vscode.workspace.createFileSystemWatcher(`**/${MCP_JSON.join('/')}`),
      // Restricted Mode: VS Code announces no change of a setting it hides.
      vscode.workspace.createFileSystemWatcher(`**/${SETTINGS_JSON.join('/')}`),
      ...(userMcpJson ? [vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.joinPath(userMcpJson, '..'), 'mcp.json'))] : []),
    ];
    for (const watcher of watchers) this.disposables.push(watcher, watcher.onDidCreate(fire), watcher.onDidChange(fire), watcher.onDidDelete(fire));
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => affectsSettings(event) && fire()),
      vscode.workspace.onDidChangeWorkspaceFolders(fire),
      vscode.workspace.onDidGrantWorkspaceTrust(fire),
    );
  }

  /**
   * Reads every source. Inputs without a remembered value are asked for only for the servers
   * named in `ask` (those the user is connecting to); the others are listed, held until then.
   */
  async resolve(ask: ReadonlySet<string> = new Set()): Promise<ResolvedServers> {
    const merged = mergeSources(await this.readSources());
    const configs: ServerConfig[] = [];
    const problems = [...merged.problems];
    const definitions = new Map<string, ServerDefinition>();
    for (const definition of merged.definitions) {
      definitions.set(definition.name, definition);
      if (definition.origin.fromWorkspace && !vscode.workspace.isTrusted) {
        configs.push(held(definition, untrusted(definition)));
        continue;
      }
      const inputs = await this.inputValues(definition, ask.has(definition.name));
      if ('missing' in inputs) {
        configs.push(held(definition, needsInput(definition, inputs.missing)));
        continue;
      }
      const config = resolveDefinition(
        definition,
        { workspaceFolder: definition.origin.workspaceFolder ?? firstFolder(), userHome: homedir(), env: process.env, inputs: inputs.values },
        (path) => readFileSync(path, 'utf8'),
      );
      if ('summary' in config) problems.push(config);
      else configs.push(config);
    }
    return { configs, definitions, problems };
  }

  /** Keeps the secrets of a server written to `mcpScope.servers` as `${secret}`, by input id. */
  async storeSettingsSecrets(serverName: string, secrets: ReadonlyMap<string, string>): Promise<void> {
    for (const [id, value] of secrets) await this.secrets.store(`input/${settingsInputScope(serverName)}/${id}`, value);
  }

  /** Forgets the remembered values of a server's inputs, so the next connect asks again. */
  async forgetInputs(definition: ServerDefinition): Promise<void> {
    for (const id of inputsReferenced(stringsOf(definition))) await this.secrets.delete(secretKey(definition, id));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private async readSources(): Promise<ParsedSource[]> {
    const settings = settingsServers();
    const sources = [
      parseSettingsServers(settings.user, { label: 'user settings', fromWorkspace: false, location: { settings: 'user' } }),
    ];
    if (this.userMcpJson) {
      const file = this.userMcpJson.fsPath;
      sources.push(await readMcpJson(this.userMcpJson, { label: 'the user mcp.json of VS Code', fromWorkspace: false, location: { file } }));
    }
    const workspace = vscode.workspace.isTrusted ? { value: settings.workspace } : await readRestrictedWorkspaceServers();
    sources.push(
      'summary' in workspace
        ? { definitions: [], problems: [workspace] }
        : parseSettingsServers(workspace.value, { label: 'workspace settings', fromWorkspace: true, location: { settings: 'workspace' } }),
    );
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, ...MCP_JSON);
      sources.push(
        await readMcpJson(uri, {
          label: `.vscode/mcp.json of ${folder.name}`,
          fromWorkspace: true,
          location: { file: uri.fsPath },
          workspaceFolder: folder.uri.fsPath,
        }),
      );
    }
    return sources;
  }

  private async inputValues(
    definition: ServerDefinition,
    ask: boolean,
  ): Promise<{ values: Map<string, string> } | { missing: InputDefinition }> {
    const values = new Map<string, string>();
    for (const id of inputsReferenced(stringsOf(definition))) {
      const input = definition.inputs.find((candidate) => candidate.id === id)!;
      let value = await this.secrets.get(secretKey(definition, id));
      if (value === undefined && ask) {
        value = await askFor(input, definition);
        if (value !== undefined) await this.secrets.store(secretKey(definition, id), value);
      }
      if (value === undefined) return { missing: input };
      values.set(id, value);
    }
    return { values };
  }
}

/**
 * The workspace's `mcpScope.servers` read from its settings file. Restricted Mode hides a
 * restricted setting's workspace value from extensions (measured in VS Code 1.139: `inspect()` has
 * no workspaceValue), which would drop those servers without a word; they are listed, held, instead.
 */
async function readRestrictedWorkspaceServers(): Promise<{ value: unknown } | Problem> {
  const workspaceFile = vscode.workspace.workspaceFile;
  const codeWorkspace = workspaceFile !== undefined && workspaceFile.scheme !== 'untitled';
  const folder = vscode.workspace.workspaceFolders?.[0];
  const file = codeWorkspace ? workspaceFile : folder && vscode.Uri.joinPath(folder.uri, ...SETTINGS_JSON);
  if (!file) return { value: undefined };
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { value: undefined };
    return { summary: `${file.fsPath} cannot be read: ${(error as Error).message}` };
  }
  return serversInSettingsFile(text, file.fsPath, codeWorkspace);
}

/** The servers of one mcp.json; none, and no problem, when the file does not exist. */
async function readMcpJson(uri: vscode.Uri, origin: ServerOrigin): Promise<ParsedSource> {
  let text: string;
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { definitions: [], problems: [] };
    return { definitions: [], problems: [{ summary: `${uri.fsPath} cannot be read: ${(error as Error).message}` }] };
  }
  return parseMcpJson(text, uri.fsPath, origin);
}

function secretKey(definition: ServerDefinition, inputId: string): string {
  return `input/${definition.inputScope}/${inputId}`;
}

async function askFor(input: InputDefinition, definition: ServerDefinition): Promise<string | undefined> {
  const title = `MCP Scope: ${definition.name} (${definition.origin.label})`;
  if (input.type === 'pickString') {
    return vscode.window.showQuickPick(input.options ?? [], { title, placeHolder: input.description, ignoreFocusOut: true });
  }
  return vscode.window.showInputBox({
    title,
    prompt: `${input.description} (\${input:${input.id}}, kept in VS Code's secret storage)`,
    password: input.password,
    ...(input.default !== undefined && { value: input.default }),
    ignoreFocusOut: true,
  });
}

/** A config that lists the server without letting it connect; its strings keep their variables. */
function held(definition: ServerDefinition, problem: Problem): ServerConfig {
  return { name: definition.name, origin: definition.origin.label, ...definition.endpoint, held: problem };
}

function untrusted(definition: ServerDefinition): Problem {
  return {
    summary: `${definition.name} comes from ${definition.origin.label}, and this workspace is not trusted, so MCP Scope does not connect to it or start it.`,
    advice: 'Trust the workspace (Workspaces: Manage Workspace Trust) if you trust its servers.',
  };
}

function needsInput(definition: ServerDefinition, input: InputDefinition): Problem {
  return {
    summary: `${definition.name} needs a value for \${input:${input.id}} (${input.description}).`,
    advice: 'Connect to the server to be asked for it; the value is kept in VS Code’s secret storage.',
  };
}

function firstFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}
