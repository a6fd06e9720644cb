// The "MCP Scope" side bar: the servers with their state and protocol version, their tools under
// them, and the entries left out with their problems; and the status bar item.

import * as vscode from 'vscode';
import type { Problem, PromptSummary, ResourceSummary, ResourceTemplateSummary, ServerSummary, ToolSummary } from '../shared/model';

export type ServerNode =
  | { kind: 'server'; server: ServerSummary; removable: boolean; held?: Problem; startable?: boolean }
  | { kind: 'tool'; serverId: string; tool: ToolSummary }
  /** Tools, resources or prompts of a server that has more than tools. */
  | { kind: 'group'; server: ServerSummary; group: 'tools' | 'resources' | 'prompts' }
  | { kind: 'resource'; serverId: string; resource: ResourceSummary }
  | { kind: 'template'; serverId: string; template: ResourceTemplateSummary }
  | { kind: 'prompt'; serverId: string; prompt: PromptSummary }
  | { kind: 'problem'; problem: Problem };

export interface ServersViewSource {
  servers(): ServerSummary[];
  /** Entries left out, each with the reason. */
  problems(): Problem[];
  /** Whether the server's entry is in settings, where Remove can delete it. */
  removable(serverId: string): boolean;
  /** Why the server may not be connected to yet (untrusted workspace, an input without a value). */
  held(serverId: string): Problem | undefined;
  /** Whether the server's entry names a launch configuration or task that starts it. */
  startable(serverId: string): boolean;
}

/** The tree's command for opening a tool; its arguments are the server id and the tool name. */
export const OPEN_TOOL_COMMAND = 'mcpScope.openTool';

/** The tree's command for opening a resource's text in an editor; its arguments are the server id and the resource URI. */
export const OPEN_RESOURCE_COMMAND = 'mcpScope.openResource';

/** The tree's command for showing a prompt or resource template in the panel; its arguments are the server id and what to select. */
export const SELECT_IN_PANEL_COMMAND = 'mcpScope.selectInPanel';

export class ServersTree implements vscode.TreeDataProvider<ServerNode> {
  private readonly changedEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changedEmitter.event;

  constructor(private readonly source: ServersViewSource) {}

  refresh(): void {
    this.changedEmitter.fire();
  }

  getChildren(node?: ServerNode): ServerNode[] {
    if (!node) {
      return [
        ...this.source.problems().map((problem): ServerNode => ({ kind: 'problem', problem })),
        ...this.source.servers().map(
          (server): ServerNode => ({
            kind: 'server',
            server,
            removable: this.source.removable(server.id),
            held: this.source.held(server.id),
            startable: this.source.startable(server.id),
          }),
        ),
      ];
    }
    if (node.kind === 'group') return groupChildren(node.server, node.group);
    if (node.kind !== 'server') return [];
    const { server } = node;
    // A server of tools only keeps its tools right under it; one with more gets a folder for each kind.
    if (!hasMoreThanTools(server)) return groupChildren(server, 'tools');
    return (['tools', 'resources', 'prompts'] as const).map((group): ServerNode => ({ kind: 'group', server, group }));
  }

  getTreeItem(node: ServerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'server':
        return serverItem(node);
      case 'tool': {
        const item = new vscode.TreeItem(node.tool.title ?? node.tool.name);
        item.id = `${node.serverId}/${node.tool.name}`;
        item.description = node.tool.title ? node.tool.name : undefined;
        item.tooltip = node.tool.description;
        item.iconPath = new vscode.ThemeIcon('tools');
        item.contextValue = 'tool';
        item.command = { command: OPEN_TOOL_COMMAND, title: 'Open in Panel', arguments: [node.serverId, node.tool.name] };
        return item;
      }
      case 'group':
        return groupItem(node);
      case 'resource': {
        const { resource, serverId } = node;
        const item = new vscode.TreeItem(resource.title ?? resource.name);
        item.id = `${serverId}/resource/${resource.uri}`;
        item.description = resource.uri;
        item.tooltip = [resource.uri, resource.mimeType, resource.description].filter(Boolean).join('\n');
        item.iconPath = new vscode.ThemeIcon('file');
        item.contextValue = 'resource';
        item.command = { command: OPEN_RESOURCE_COMMAND, title: 'Open in Editor', arguments: [serverId, resource.uri] };
        return item;
      }
      case 'template': {
        const { template, serverId } = node;
        const item = new vscode.TreeItem(template.title ?? template.name);
        item.id = `${serverId}/template/${template.uriTemplate}`;
        item.description = template.uriTemplate;
        item.tooltip = [template.uriTemplate, template.mimeType, template.description].filter(Boolean).join('\n');
        item.iconPath = new vscode.ThemeIcon('file-symlink-file');
        item.contextValue = 'resourceTemplate';
        item.command = { command: SELECT_IN_PANEL_COMMAND, title: 'Open in Panel', arguments: [{ serverId, resource: template.uriTemplate }] };
        return item;
      }
      case 'prompt': {
        const { prompt, serverId } = node;
        const item = new vscode.TreeItem(prompt.title ?? prompt.name);
        item.id = `${serverId}/prompt/${prompt.name}`;
        item.description = prompt.title ? prompt.name : undefined;
        item.tooltip = prompt.description;
        item.iconPath = new vscode.ThemeIcon('comment-discussion');
        item.contextValue = 'prompt';
        item.command = { command: SELECT_IN_PANEL_COMMAND, title: 'Open in Panel', arguments: [{ serverId, prompt: prompt.name }] };
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(node.problem.summary);
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = [node.problem.summary, node.problem.advice].filter(Boolean).join('\n');
        item.contextValue = 'problem';
        item.command = { command: 'mcpScope.showLog', title: 'Show Log' };
        return item;
      }
    }
  }
}

function hasMoreThanTools(server: ServerSummary): boolean {
  return Boolean(server.resources?.length || server.resourceTemplates?.length || server.prompts?.length);
}

function groupChildren(server: ServerSummary, group: 'tools' | 'resources' | 'prompts'): ServerNode[] {
  const serverId = server.id;
  switch (group) {
    case 'tools':
      return server.tools.map((tool) => ({ kind: 'tool', serverId, tool }));
    case 'resources':
      return [
        ...(server.resources ?? []).map((resource): ServerNode => ({ kind: 'resource', serverId, resource })),
        ...(server.resourceTemplates ?? []).map((template): ServerNode => ({ kind: 'template', serverId, template })),
      ];
    case 'prompts':
      return (server.prompts ?? []).map((prompt) => ({ kind: 'prompt', serverId, prompt }));
  }
}

const GROUPS = {
  tools: { label: 'Tools', icon: 'tools' },
  resources: { label: 'Resources', icon: 'files' },
  prompts: { label: 'Prompts', icon: 'comment-discussion' },
} as const;

function groupItem({ server, group }: Extract<ServerNode, { kind: 'group' }>): vscode.TreeItem {
  const count = groupChildren(server, group).length;
  const item = new vscode.TreeItem(GROUPS[group].label, count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `server/${server.id}/${group}`;
  item.description = String(count);
  item.iconPath = new vscode.ThemeIcon(GROUPS[group].icon);
  item.contextValue = `group.${group}`;
  return item;
}

function serverItem({ server, removable, held, startable }: Extract<ServerNode, { kind: 'server' }>): vscode.TreeItem {
  const item = new vscode.TreeItem(
    server.id,
    server.tools.length || hasMoreThanTools(server) ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = `server/${server.id}`;
  const waiting = held && server.state === 'idle';
  item.description = waiting ? 'held back (hover for why)' : describeState(server);
  item.iconPath = waiting ? new vscode.ThemeIcon('shield') : stateIcon(server);
  item.tooltip = [
    server.address,
    server.origin && `from ${server.origin}`,
    server.serverInfo && `${server.serverInfo.name} ${server.serverInfo.version}`,
    server.protocolVersion && `protocol ${server.protocolVersion}`,
    (server.problem ?? held)?.summary,
    (server.problem ?? held)?.advice,
  ]
    .filter(Boolean)
    .join('\n');
  const active = server.state === 'connected' || server.state === 'connecting' || server.reconnect ? 'active' : 'inactive';
  item.contextValue = `server.${active}${startable ? '.startable' : ''}${removable ? '.removable' : ''}`;
  return item;
}

/** The state as the tree and the status bar say it: "connected · 2025-06-18", "reconnecting in 3 s (try 2)". */
export function describeState(server: ServerSummary): string {
  if (server.reconnect) {
    const seconds = Math.max(0, Math.ceil((server.reconnect.at - Date.now()) / 1000));
    return `reconnecting in ${seconds} s (try ${server.reconnect.attempt})`;
  }
  if (server.state === 'connected') return `connected · ${server.protocolVersion ?? ''} · ${server.tools.length} tools`;
  return server.state;
}

function stateIcon(server: ServerSummary): vscode.ThemeIcon {
  if (server.reconnect) return new vscode.ThemeIcon('sync', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  switch (server.state) {
    case 'connected':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'connecting':
      return new vscode.ThemeIcon('loading~spin');
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    default:
      return new vscode.ThemeIcon('circle-large-outline');
  }
}

/** The status bar item: how many servers are connected, and which are in trouble. */
export class ServersStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mcpScope.status', vscode.StatusBarAlignment.Left, 50);

  constructor() {
    this.item.name = 'MCP Scope';
    this.item.command = 'workbench.view.extension.mcpScope';
  }

  update(servers: ServerSummary[]): void {
    if (servers.length === 0) return this.item.hide();
    const connected = servers.filter((server) => server.state === 'connected').length;
    const reconnecting = servers.filter((server) => server.reconnect);
    const failed = servers.filter((server) => server.state === 'failed' && !server.reconnect);
    const icon = reconnecting.length ? '$(sync~spin)' : failed.length ? '$(error)' : '$(plug)';
    const trouble = reconnecting.length
      ? `, ${reconnecting[0].id} ${describeState(reconnecting[0])}`
      : failed.length
        ? `, ${failed.length} failed`
        : '';
    this.item.text = `${icon} MCP ${connected}/${servers.length}${trouble}`;
    this.item.tooltip = servers.map((server) => `${server.id}: ${describeState(server)}`).join('\n');
    this.item.backgroundColor = failed.length || reconnecting.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
