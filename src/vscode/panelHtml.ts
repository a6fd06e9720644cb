// The inspector panel's page: a strict CSP (scripts by nonce only, styles, fonts and images from
// the extension, images and audio also from data:, no network), the stylesheets and the bundle.
// Free of the VS Code API, so the webview tests serve this very page.

export interface PanelPage {
  /** The webview's `cspSource`. */
  cspSource: string;
  /** A fresh random nonce for this page. */
  nonce: string;
  /** The webview URL of a file of the extension, by its path segments. */
  asset(...path: string[]): string;
}

export function panelHtml({ cspSource, nonce, asset }: PanelPage): string {
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    // Audio in tool results arrives as base64 and plays from data: URLs.
    'media-src data:',
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('dist', 'codicons', 'codicon.css')}">
<link rel="stylesheet" href="${asset('media', 'panel.css')}">
<title>MCP Scope</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${asset('dist', 'webview.js')}"></script>
</body>
</html>`;
}
