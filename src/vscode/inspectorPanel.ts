// The inspector's webview panel: its HTML with a strict CSP, and its bridge to the inspector.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Inspector } from '../inspector/inspector';
import type { ParamsOf, SelectInPanel } from '../shared/bridge';
import { type BridgeConnection, connectBridge, type EndpointActions } from './bridgeEndpoint';
import { panelHtml } from './panelHtml';

export const INSPECTOR_VIEW_TYPE = 'mcpScope.inspector';

/** The one inspector panel: shown, revealed, or restored after a reload. */
export class InspectorPanel {
  private static current: InspectorPanel | undefined;

  /** Shows the panel, creating it if needed, and optionally a server or a tool's form in it. */
  static show(extensionUri: vscode.Uri, inspector: Inspector, actions: EndpointActions, selection?: ParamsOf<typeof SelectInPanel>): void {
    if (InspectorPanel.current) {
      InspectorPanel.current.panel.reveal();
    } else {
      const panel = vscode.window.createWebviewPanel(INSPECTOR_VIEW_TYPE, 'MCP Scope', vscode.ViewColumn.Active, webviewOptions(extensionUri));
      InspectorPanel.current = new InspectorPanel(panel, extensionUri, inspector, actions);
    }
    if (selection) InspectorPanel.current.bridge.select(selection);
  }

  /** Takes over a panel VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, inspector: Inspector, actions: EndpointActions): void {
    InspectorPanel.current?.panel.dispose();
    panel.webview.options = webviewOptions(extensionUri);
    InspectorPanel.current = new InspectorPanel(panel, extensionUri, inspector, actions);
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
    panel.onDidDispose(() => {
      this.bridge.dispose();
      if (InspectorPanel.current === this) InspectorPanel.current = undefined;
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
