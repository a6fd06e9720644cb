// MCP Scope inside VS Code: the commands, the panel serializer and the settings, around one
// inspector that is created on first use, so activation itself does no work.

import * as vscode from 'vscode';
import { Inspector } from '../inspector/inspector';
import type { TimelineEvent } from '../shared/model';
import { addServerToSettings, affectsSettings, parseHttpUrl, readSettings, type ServerEntry } from './configuration';
import type { EndpointActions } from './bridgeEndpoint';
import { INSPECTOR_VIEW_TYPE, InspectorPanel } from './inspectorPanel';
import { exportTimeline } from './timelineExport';

/** Registers everything; the returned function ends every session (awaited by `deactivate`, so DELETEs go out). */
export function activateMcpScope(context: vscode.ExtensionContext): () => Promise<void> {
  let inspector: Inspector | undefined;
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');

  /** The inspector, created and configured on first use. */
  const theInspector = (): Inspector => {
    if (!inspector) {
      inspector = new Inspector({ clientInfo: { name: 'mcp-scope', version } });
      applySettings(inspector);
    }
    return inspector;
  };
  const actions: EndpointActions = {
    addServer: () => void addServer(),
    openLink,
    copyText,
    exportTimeline: (events: TimelineEvent[]) => void exportTimeline(events),
  };

  const openInspector = () => {
    const current = theInspector();
    InspectorPanel.show(context.extensionUri, current, actions);
    if (readSettings().connectOnOpen) {
      for (const server of current.servers()) if (server.state === 'idle') void current.connect(server.id);
    }
  };

  const addServer = async () => {
    const server = await askForServer(theInspector().servers().map((s) => s.id));
    if (!server) return;
    const target = await askForTarget();
    if (target === undefined) return;
    await addServerToSettings(server, target);
    // The settings listener applies it too (with any warnings); the new server must exist before connecting.
    theInspector().configure(readSettings().settings);
    InspectorPanel.show(context.extensionUri, theInspector(), actions);
    await theInspector().connect(server.name);
  };

  const connect = async () => {
    const current = theInspector();
    const serverId = await pickServer(current, 'Connect to which server?', (s) => s.state !== 'connected' && s.state !== 'connecting');
    if (!serverId) return;
    InspectorPanel.show(context.extensionUri, current, actions);
    await current.connect(serverId);
  };

  const disconnect = async () => {
    if (!inspector) return void vscode.window.showInformationMessage('MCP Scope is not connected to any server.');
    const serverId = await pickServer(inspector, 'Disconnect from which server?', (s) => s.state === 'connected' || s.state === 'connecting');
    if (serverId) await inspector.disconnect(serverId);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('mcpScope.openInspector', openInspector),
    vscode.commands.registerCommand('mcpScope.addServer', addServer),
    vscode.commands.registerCommand('mcpScope.connect', connect),
    vscode.commands.registerCommand('mcpScope.disconnect', disconnect),
    vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, {
      async deserializeWebviewPanel(panel) {
        InspectorPanel.revive(panel, context.extensionUri, theInspector(), actions);
      },
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (inspector && affectsSettings(event)) applySettings(inspector);
    }),
  );
  return async () => inspector?.dispose();
}

/** Opens an http(s) link from a server in the browser (VS Code asks before leaving for an untrusted site); any other scheme is refused. */
function openLink(uri: string): void {
  const url = parseHttpUrl(uri);
  if (!url) {
    void vscode.window.showWarningMessage(
      `MCP Scope opens only http and https links; this one is ${JSON.stringify(uri.slice(0, 200))}. Copy it instead if you trust it.`,
    );
    return;
  }
  void vscode.env.openExternal(vscode.Uri.parse(url.href, true));
}

function copyText(text: string): void {
  void vscode.env.clipboard.writeText(text);
}

function applySettings(inspector: Inspector): void {
  const { settings, problems } = readSettings();
  inspector.configure(settings);
  if (problems.length) {
    void vscode.window
      .showWarningMessage(`MCP Scope left out some servers: ${problems.join('; ')}.`, 'Open Settings')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'mcpScope.servers'));
  }
}

async function pickServer(
  inspector: Inspector,
  placeHolder: string,
  eligible: (server: ReturnType<Inspector['servers']>[number]) => boolean,
): Promise<string | undefined> {
  const servers = inspector.servers().filter(eligible);
  if (servers.length === 0) {
    const configured = inspector.servers().length > 0;
    const choice = await vscode.window.showInformationMessage(
      configured ? 'No server is in a state for that.' : 'No MCP server is configured yet.',
      ...(configured ? [] : ['Add Server']),
    );
    if (choice === 'Add Server') await vscode.commands.executeCommand('mcpScope.addServer');
    return undefined;
  }
  if (servers.length === 1) return servers[0].id;
  const picked = await vscode.window.showQuickPick(
    servers.map((server) => ({ label: server.id, description: server.address, detail: server.state })),
    { placeHolder },
  );
  return picked?.label;
}

async function askForServer(takenNames: string[]): Promise<ServerEntry | undefined> {
  const url = await vscode.window.showInputBox({
    title: 'Add MCP Server (1/2)',
    prompt: 'The URL of the server’s Streamable HTTP endpoint',
    placeHolder: 'http://127.0.0.1:3000/mcp',
    ignoreFocusOut: true,
    validateInput: (text) => (parseHttpUrl(text) ? undefined : 'Enter a URL that starts with http:// or https://'),
  });
  if (!url) return undefined;
  const suggested = parseHttpUrl(url)!.host;
  const name = await vscode.window.showInputBox({
    title: 'Add MCP Server (2/2)',
    prompt: 'A name for the server',
    value: takenNames.includes(suggested) ? '' : suggested,
    ignoreFocusOut: true,
    validateInput: (text) =>
      !text.trim() ? 'Enter a name' : takenNames.includes(text.trim()) ? 'A server with that name exists already' : undefined,
  });
  if (!name) return undefined;
  return { name: name.trim(), url: url.trim() };
}

async function askForTarget(): Promise<vscode.ConfigurationTarget | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) return vscode.ConfigurationTarget.Global;
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'User settings', description: 'for every workspace', target: vscode.ConfigurationTarget.Global },
      { label: 'Workspace settings', description: 'for this workspace only', target: vscode.ConfigurationTarget.Workspace },
    ],
    { title: 'Add MCP Server: where to keep it?' },
  );
  return picked?.target;
}
