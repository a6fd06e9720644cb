// MCP Scope inside VS Code: the server sources, the inspector, the side bar, the status bar,
// the log, the commands and the panel serializer, wired together.

import * as vscode from 'vscode';
import { Inspector } from '../inspector/inspector';
import { describeEndpoint } from '../mcp/endpoint';
import type { ParamsOf, SelectInPanel } from '../shared/bridge';
import { LOG_LEVELS, type LogLevel, type Problem, type Root, type ServerSummary, type TimelineEvent } from '../shared/model';
import { askForImport, askForServer, askForTarget, type NewServer } from './addServer';
import { addServersToSettings, readPreferences, removeServerFromSettings } from './configuration';
import type { EndpointActions } from './bridgeEndpoint';
import { INSPECTOR_VIEW_TYPE, InspectorPanel } from './inspectorPanel';
import { logProblems, logTimeline } from './outputLog';
import { redactHeaders, redactUrls } from './redaction';
import { copyCallAsCurl } from './copyCurl';
import { pickCall, saveCall } from './pastCalls';
import { ResourceDocuments } from './resourceDocuments';
import { OPEN_RESOURCE_COMMAND, OPEN_TOOL_COMMAND, SELECT_IN_PANEL_COMMAND, type ServerNode, ServersStatus, ServersTree } from './serversView';
import { parseHttpUrl } from './serverEntries';
import { type ResolvedServers, ServerSources } from './serverSources';
import { SharedCalls } from './sharedCalls';
import { ServerDebugSessions } from './serverDebugSessions';
import { noticeServerRequests } from './serverRequestNotices';
import { entryFolder, startServer } from './serverStarter';
import { exportTimeline, exportTimelineHar } from './timelineExport';

/** Where past calls are kept: per workspace. Saved calls are in a file of the workspace (sharedCalls.ts). */
const HISTORY_KEY = 'mcpScope.history';
/** The roots the user set per server in the panel, in workspace storage. */
const ROOTS_KEY = 'mcpScope.roots';

/** Registers everything; the returned function ends every session (awaited by `deactivate`, so DELETEs go out). */
export function activateMcpScope(context: vscode.ExtensionContext): () => Promise<void> {
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const log = vscode.window.createOutputChannel('MCP Scope', { log: true });
  // A server's saved calls are in the file of its folder; `resolved` is read only when a call is saved.
  const sharedCalls = new SharedCalls((serverId) => entryFolder(resolved.definitions.get(serverId)?.origin.workspaceFolder));
  const inspector = new Inspector({
    clientInfo: { name: 'mcp-scope', version },
    timeoutAdvice: 'Raise the setting mcpScope.requestTimeoutSeconds (or the server’s timeoutSeconds) if the server is just slow, or check the server for a hang.',
    historyStorage: {
      load: () => context.workspaceState.get(HISTORY_KEY),
      save: (data) => context.workspaceState.update(HISTORY_KEY, data),
    },
    rootsStorage: {
      load: () => context.workspaceState.get(ROOTS_KEY),
      save: (roots) => void context.workspaceState.update(ROOTS_KEY, roots),
    },
    savedCallStore: sharedCalls,
  });
  const sources = new ServerSources(context.secrets, vscode.Uri.joinPath(context.globalStorageUri, '..', '..', 'mcp.json'));
  let resolved: ResolvedServers = { configs: [], definitions: new Map(), problems: [] };

  const tree = new ServersTree({
    servers: () => inspector.servers(),
    problems: () => resolved.problems,
    removable: (serverId) => {
      const location = resolved.definitions.get(serverId)?.origin.location;
      return location !== undefined && 'settings' in location;
    },
    held: (serverId) => resolved.configs.find((config) => config.name === serverId)?.held,
    startable: (serverId) => resolved.definitions.get(serverId)?.starter !== undefined,
  });
  const status = new ServersStatus();
  const showServers = (servers: ServerSummary[]) => {
    tree.refresh();
    status.update(servers);
  };
  // The countdown of a reconnecting server moves once a second.
  const countdown = setInterval(() => {
    if (inspector.servers().some((server) => server.reconnect)) showServers(inspector.servers());
  }, 1000);

  let applying: Promise<void> = Promise.resolve();
  /** Reads every source again; inputs are asked for only for the servers in `ask`. Calls run one after another. */
  const apply = (ask: ReadonlySet<string> = new Set()) =>
    (applying = applying.then(async () => {
      const before = new Set(resolved.problems.map((problem) => problem.summary));
      resolved = await sources.resolve(ask);
      const { requestTimeoutMs, serverRequestTimeoutMs } = readPreferences();
      inspector.configure({ servers: resolved.configs, requestTimeoutMs, serverRequestTimeoutMs });
      const fresh = resolved.problems.filter((problem) => !before.has(problem.summary));
      if (fresh.length) warnAbout(fresh, log);
    }));

  // Calls to a server stopped at a breakpoint wait for the person at the debugger; a server whose
  // debugged program ended waits for the next debug session of it.
  const debugSessions = new ServerDebugSessions(
    () =>
      [...resolved.definitions.values()].flatMap(({ name, starter, origin }) =>
        starter && 'launch' in starter ? [{ serverId: name, launch: starter.launch, folder: entryFolder(origin.workspaceFolder) }] : [],
      ),
    {
      hold: (serverId, because) => inspector.holdTimeouts(serverId, because),
      ended: (serverId, because, running) => inspector.programEnded(serverId, because, running),
      started: (serverId) => inspector.programStarted(serverId),
    },
  );

  const resourceDocuments = new ResourceDocuments(inspector);
  const actions: EndpointActions = {
    openResource: (serverId, uri) => void resourceDocuments.open(serverId, uri),
    saveResource: (serverId, uri) => void resourceDocuments.save(serverId, uri),
    addServer: () => void addServer(),
    connect: (serverId: string) => connect(serverId),
    openLink,
    copyText,
    exportTimeline: (events: TimelineEvent[]) => void exportTimeline(events),
  };
  const showPanel = (selection?: ParamsOf<typeof SelectInPanel>) => InspectorPanel.show(context.extensionUri, inspector, actions, selection);

  /** Connects, asking first for any input the server still needs; `keepTrying` until a server being started answers. */
  const connect = async (serverId: string, options: { keepTrying?: boolean } = {}) => {
    if (resolved.configs.find((config) => config.name === serverId)?.held) await apply(new Set([serverId]));
    const config = resolved.configs.find((candidate) => candidate.name === serverId);
    if (config && !config.held) {
      const headers = config.transport === 'stdio' || !config.headers ? '' : ` with headers ${JSON.stringify(redactHeaders(config.headers))}`;
      log.info(redactUrls(`[${serverId}] connecting to ${describeEndpoint(config)} (from ${config.origin ?? 'settings'})${headers}`));
    }
    await inspector.connect(serverId, options);
  };

  /** Starts the server with the launch configuration or task its entry names, then connects, trying until it answers. */
  const startAndConnect = async (node: unknown) => {
    const serverId = await serverOf(node, 'Start and connect to which server?', (server) => resolved.definitions.get(server.id)?.starter !== undefined);
    if (!serverId) return;
    const definition = resolved.definitions.get(serverId);
    if (!definition?.starter) {
      return void vscode.window.showWarningMessage(
        `MCP Scope: ${serverId} names no launch configuration or task that starts it. Add "launch" or "task" to its entry.`,
      );
    }
    const held = resolved.configs.find((config) => config.name === serverId)?.held;
    if (held && definition.origin.fromWorkspace && !vscode.workspace.isTrusted) return connect(serverId);
    const problem = await startServer(serverId, definition.starter, debugSessions, definition.origin.workspaceFolder);
    if (problem) return warnAbout([problem], log);
    showPanel({ serverId });
    await connect(serverId, { keepTrying: true });
  };

  const openInspector = async () => {
    await applying;
    showPanel();
    if (readPreferences().connectOnOpen) {
      for (const server of inspector.servers()) if (server.state === 'idle') await connect(server.id);
    }
  };

  const writeServers = async (servers: NewServer[], what: string) => {
    if (servers.length === 0) return false;
    const target = await askForTarget(what);
    if (!target) return false;
    for (const { entry, secrets } of servers) await sources.storeSettingsSecrets(entry.name, secrets);
    await addServersToSettings(
      servers.map((server) => server.entry),
      target,
    );
    await apply();
    return true;
  };

  const addServer = async () => {
    await applying;
    const server = await askForServer(inspector.servers().map((s) => s.id));
    if (!server || !(await writeServers([server], 'Add MCP Server'))) return;
    showPanel({ serverId: server.entry.name });
    await connect(server.entry.name);
  };

  const importServers = async () => {
    await applying;
    const servers = await askForImport(inspector.servers().map((s) => s.id));
    if (!servers) return;
    if (servers.length === 0) return void vscode.window.showInformationMessage('MCP Scope found no servers to import in that file.');
    if (await writeServers(servers, `Import ${servers.length} MCP server${servers.length === 1 ? '' : 's'}`)) {
      void vscode.window.showInformationMessage(`MCP Scope imported ${servers.map((server) => server.entry.name).join(', ')}.`);
    }
  };

  /** The server a command is about: the tree node it was run on, a server name passed as its argument (keybindings, tasks), or one the user picks. */
  const serverOf = async (node: unknown, placeHolder: string, eligible: (server: ServerSummary) => boolean) => {
    if (isServerNode(node)) return node.server.id;
    await applying;
    if (typeof node === 'string') return node;
    return pickServer(inspector.servers(), placeHolder, eligible);
  };
  const isActive = (server: ServerSummary) => server.state === 'connected' || server.state === 'connecting' || server.reconnect !== undefined;

  const callTool = async () => {
    await applying;
    const tools = inspector.servers().flatMap((server) => server.tools.map((tool) => ({ server, tool })));
    if (tools.length === 0) {
      return void vscode.window.showInformationMessage('No connected server has tools yet. Connect to a server first.', 'Connect').then(
        (choice) => choice && vscode.commands.executeCommand('mcpScope.connect'),
      );
    }
    const picked = await vscode.window.showQuickPick(
      tools.map(({ server, tool }) => ({ label: tool.title ?? tool.name, description: server.id, detail: tool.description, serverId: server.id, tool: tool.name })),
      { title: 'MCP Scope: Call Tool', matchOnDescription: true, matchOnDetail: true },
    );
    if (picked) showPanel({ serverId: picked.serverId, tool: picked.tool });
  };

  const runPastCall = async () => {
    await applying;
    const call = await pickCall(inspector, 'MCP Scope: Run a Past Call Again', true);
    if (!call) return;
    if (!inspector.servers().some((server) => server.id === call.serverId)) {
      return void vscode.window.showWarningMessage(`MCP Scope: ${call.serverId} is not configured any more.`);
    }
    showPanel({ serverId: call.serverId, tool: call.tool });
    if (inspector.servers().find((server) => server.id === call.serverId)?.state !== 'connected') await connect(call.serverId);
    try {
      inspector.runTool(call.serverId, call.tool, call.arguments);
    } catch (error) {
      void vscode.window.showErrorMessage(`MCP Scope: ${(error as Error).message}`);
    }
  };

  /** Asks a connected server to send log messages of a level and above (logging/setLevel); the level may be passed after the server. */
  const setLogLevel = async (node: unknown, given?: unknown) => {
    const serverId = await serverOf(node, 'Set the log level of which server?', (server) => server.state === 'connected');
    if (!serverId) return;
    const level = LOG_LEVELS.includes(given as LogLevel)
      ? (given as LogLevel)
      : ((await vscode.window.showQuickPick([...LOG_LEVELS], {
          title: `MCP Scope: Log Level of ${serverId}`,
          placeHolder: 'The server sends log messages of this level and above',
        })) as LogLevel | undefined);
    if (!level) return;
    try {
      await inspector.setLogLevel(serverId, level);
    } catch (error) {
      return void vscode.window.showErrorMessage(`MCP Scope could not set the log level of ${serverId} to ${level}: ${(error as Error).message}`);
    }
    void vscode.window.showInformationMessage(`MCP Scope: ${serverId} now sends log messages of level ${level} and above.`);
  };

  const removeServer = async (node: unknown) => {
    const serverId = await serverOf(node, 'Remove which server?', () => true);
    if (!serverId) return;
    const location = resolved.definitions.get(serverId)?.origin.location;
    if (!location) return;
    if ('file' in location) {
      await vscode.window.showTextDocument(vscode.Uri.file(location.file));
      return void vscode.window.showInformationMessage(`${serverId} is defined in ${location.file}: remove it there.`);
    }
    const answer = await vscode.window.showWarningMessage(
      `Remove ${serverId} from the ${location.settings} settings?`,
      { modal: true },
      'Remove',
    );
    if (answer !== 'Remove') return;
    await inspector.disconnect(serverId);
    await removeServerFromSettings(serverId, location.settings);
    const definition = resolved.definitions.get(serverId);
    if (definition) await sources.forgetInputs(definition);
    await apply();
  };

  const register = (command: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(command, run);
  context.subscriptions.push(
    log,
    sources,
    sharedCalls.watch((saved) => inspector.history.showSaved(saved)),
    debugSessions,
    status,
    { dispose: () => clearInterval(countdown) },
    { dispose: inspector.serversChanged.add(showServers) },
    { dispose: logTimeline(log, inspector) },
    { dispose: noticeServerRequests(inspector.pendingRequests, { panelVisible: () => InspectorPanel.anyVisible(), open: (serverId) => showPanel({ serverId }) }) },
    vscode.window.createTreeView('mcpScope.servers', { treeDataProvider: tree, showCollapseAll: true }),
    sources.onDidChange(() => void apply()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void inspector.setDefaultRoots(workspaceRoots())),
    register('mcpScope.openInspector', openInspector),
    register('mcpScope.addServer', addServer),
    register('mcpScope.importServers', importServers),
    register('mcpScope.connect', async (node: unknown) => {
      const serverId = await serverOf(node, 'Connect to which server?', (s) => !isActive(s));
      if (!serverId) return;
      showPanel({ serverId });
      await connect(serverId);
    }),
    register('mcpScope.disconnect', async (node: unknown) => {
      const serverId = await serverOf(node, 'Disconnect from which server?', isActive);
      if (serverId) await inspector.disconnect(serverId);
    }),
    register('mcpScope.reconnect', async (node: unknown) => {
      const serverId = await serverOf(node, 'Reconnect to which server?', () => true);
      if (!serverId) return;
      if (resolved.configs.find((config) => config.name === serverId)?.held) return connect(serverId);
      await inspector.reconnect(serverId);
    }),
    register('mcpScope.callTool', callTool),
    register('mcpScope.showLog', () => log.show()),
    register('mcpScope.runPastCall', runPastCall),
    register('mcpScope.saveCall', async () => {
      const call = await pickCall(inspector, 'MCP Scope: Save Which Call?', false);
      if (call && 'at' in call) await saveCall(inspector, call);
    }),
    register('mcpScope.removeServer', removeServer),
    register('mcpScope.setLogLevel', setLogLevel),
    register('mcpScope.startAndConnect', startAndConnect),
    register('mcpScope.openInspectorToSide', async (node: unknown) => {
      const serverId = await serverOf(node, 'Open which server in a panel to the side?', () => true);
      if (!serverId) return;
      InspectorPanel.openToSide(context.extensionUri, inspector, actions, { serverId });
      if (readPreferences().connectOnOpen && inspector.servers().find((server) => server.id === serverId)?.state === 'idle') await connect(serverId);
    }),
    register('mcpScope.clearTimeline', () => inspector.timeline.clear()),
    register('mcpScope.exportTimeline', () => exportTimeline(inspector.timeline.recent())),
    register('mcpScope.exportTimelineHar', () => exportTimelineHar(inspector.timeline.recent(), version)),
    register('mcpScope.copyCallAsCurl', () => copyCallAsCurl(inspector.timeline.recent())),
    register('mcpScope.openServerInPanel', (node: unknown) => showPanel(isServerNode(node) ? { serverId: node.server.id } : undefined)),
    register('mcpScope.copyServerAddress', async (node: unknown) => {
      const serverId = await serverOf(node, 'Copy the address of which server?', () => true);
      const server = inspector.servers().find((candidate) => candidate.id === serverId);
      if (server) await vscode.env.clipboard.writeText(server.address);
    }),
    register(OPEN_TOOL_COMMAND, (serverId: string, tool: string) => showPanel({ serverId, tool })),
    resourceDocuments,
    register(OPEN_RESOURCE_COMMAND, (serverId: string, uri: string) => resourceDocuments.open(serverId, uri)),
    register(SELECT_IN_PANEL_COMMAND, (selection: ParamsOf<typeof SelectInPanel>) => showPanel(selection)),
    vscode.window.registerWebviewPanelSerializer(INSPECTOR_VIEW_TYPE, {
      async deserializeWebviewPanel(panel) {
        // The panel's first snapshot should list the servers: seen empty after a reload otherwise.
        await applying;
        InspectorPanel.revive(panel, context.extensionUri, inspector, actions);
      },
    }),
  );
  void inspector.setDefaultRoots(workspaceRoots());
  // Saved calls of older versions go to their servers' folders: known once the servers are read.
  void apply()
    .then(() => sharedCalls.adoptStored(context.workspaceState, HISTORY_KEY))
    .then((problem) => problem && warnAbout([problem], log));
  return async () => inspector.dispose();
}

/** The workspace folders as roots: what servers get from `roots/list` unless the user edited theirs. */
function workspaceRoots(): Root[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ uri: folder.uri.toString(), name: folder.name }));
}

function isServerNode(node: unknown): node is Extract<ServerNode, { kind: 'server' }> {
  return typeof node === 'object' && node !== null && (node as { kind?: unknown }).kind === 'server';
}

function warnAbout(problems: Problem[], log: vscode.LogOutputChannel): void {
  logProblems(log, problems);
  const first = problems[0].summary;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  void vscode.window
    .showWarningMessage(`MCP Scope: ${first}${more}`, 'Show Log')
    .then((choice) => choice && log.show());
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

async function pickServer(
  all: ServerSummary[],
  placeHolder: string,
  eligible: (server: ServerSummary) => boolean,
): Promise<string | undefined> {
  const servers = all.filter(eligible);
  if (servers.length === 0) {
    const configured = all.length > 0;
    const choice = await vscode.window.showInformationMessage(
      configured ? 'No server is in a state for that.' : 'No MCP server is configured yet.',
      ...(configured ? [] : ['Add Server']),
    );
    if (choice === 'Add Server') await vscode.commands.executeCommand('mcpScope.addServer');
    return undefined;
  }
  if (servers.length === 1) return servers[0].id;
  const picked = await vscode.window.showQuickPick(
    servers.map((server) => ({ label: server.id, description: server.address, detail: [server.state, server.origin].filter(Boolean).join(' · ') })),
    { title: `MCP Scope: ${placeHolder}` },
  );
  return picked?.label;
}
