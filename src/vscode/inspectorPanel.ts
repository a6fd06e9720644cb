// The inspector's webview panel: its HTML with a strict CSP, and its bridge to the inspector.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Inspector } from '../inspector/inspector';
import type { ParamsOf, SelectInPanel } from '../shared/bridge';
import { type BridgeConnection, connectBridge, type EndpointActions } from './bridgeEndpoint';
import { panelHtml } from './panelHtml';

export const INSPECTOR_VIEW_TYPE = 'mcpScope.inspector';

/**
 * The inspector panels: usually one; more when the user opens one to the side, so that two panels
 * can show two servers. Each restores itself after a reload, its webview state keeping which server
 * and tool it showed.
 */
export class InspectorPanel {
  private static readonly open = new Set<InspectorPanel>();
  /** The panel the user looked at last: the one commands show things in. */
  private static lastActive: InspectorPanel | undefined;

  /** Shows the panel the user looked at last, creating one if there is none, and optionally a server or a tool's form in it. */
  static show(extensionUri: vscode.Uri, inspector: Inspector, actions: EndpointActions, selection?: ParamsOf<typeof SelectInPanel>): void {
    let target = InspectorPanel.lastActive;
    if (target) {
      target.panel.reveal();
    } else {
      target = InspectorPanel.create(vscode.ViewColumn.Active, extensionUri, inspector, actions);
    }
    if (selection) target.bridge.select(selection);
  }

  /** Opens another panel beside the active editor group, showing `selection`: two servers side by side. */
  static openToSide(extensionUri: vscode.Uri, inspector: Inspector, actions: EndpointActions, selection?: ParamsOf<typeof SelectInPanel>): void {
    const panel = InspectorPanel.create(vscode.ViewColumn.Beside, extensionUri, inspector, actions);
    if (selection) panel.bridge.select(selection);
  }

  /** Whether any inspector panel is in sight now (every panel shows the servers' pending requests). */
  static anyVisible(): boolean {
    return [...InspectorPanel.open].some((open) => open.panel.visible);
  }

  /** Takes over a panel VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, inspector: Inspector, actions: EndpointActions): void {
    panel.webview.options = webviewOptions(extensionUri);
    const revived = new InspectorPanel(panel, extensionUri, inspector, actions);
    if (panel.active || !InspectorPanel.lastActive) InspectorPanel.lastActive = revived;
  }

  private static create(column: vscode.ViewColumn, extensionUri: vscode.Uri, inspector: Inspector, actions: EndpointActions): InspectorPanel {
    const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, 'MCP Scope', column, webviewOptions(extensionUri));
    const created = new InspectorPanel(panel, extensionUri, inspector, actions);
    InspectorPanel.lastActive = created;
    return created;
  }

  private readonly bridge: BridgeConnection;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    inspector: Inspector,
    actions: EndpointActions,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.bridge = connectBridge(panel.webview, inspector, actions);
    panel.webview.html = html(panel.webview, extensionUri);
    InspectorPanel.open.add(this);
    panel.onDidChangeViewState(({ webviewPanel }) => {
      if (webviewPanel.active) InspectorPanel.lastActive = this;
    });
    panel.onDidDispose(() => {
      this.bridge.dispose();
      InspectorPanel.open.delete(this);
      if (InspectorPanel.lastActive === this) InspectorPanel.lastActive = [...InspectorPanel.open].at(-1);
    });
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

function html(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return panelHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    asset: (...path) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString(),
  });
}
