// The setup most e2e files share: a real server-everything on loopback, a real VS Code (code-server)
// with the packaged VSIX and that server configured as "everything", and a browser on it; started
// before the file's tests and stopped, by PID, after them.

import { after, before } from 'node:test';
import { type RunningServer, startServerEverything } from '../fixtures/realServers';
import { packagedVsix, SHOTS_DIR, startVsCode, type VsCodeHost } from './vscodeHost';
import { type Browser, launchBrowser, stepRunner } from './workbench';

export interface EverythingWorkbench {
  server: RunningServer;
  vscode: VsCodeHost;
  browser: Browser;
}

/**
 * Registers this file's before/after hooks; the returned object is filled in by `before`. `settings`
 * are added to the user settings beside `mcpScope.servers`. `step` names a step of a test and, when
 * it fails, leaves a screenshot and the extension host's logs.
 */
export function useEverythingWorkbench(settings: Record<string, unknown> = {}) {
  const workbench = {} as EverythingWorkbench;
  before(async () => {
    workbench.server = await startServerEverything();
    workbench.vscode = await startVsCode({
      vsix: packagedVsix(),
      settings: { 'mcpScope.servers': [{ name: 'everything', url: workbench.server.url }], ...settings },
    });
    workbench.browser = await launchBrowser();
    workbench.browser.page.on('pageerror', (error) => console.log(`[workbench page error] ${error.message}`));
  });
  after(async () => {
    await workbench.browser?.close();
    await workbench.vscode?.stop();
    await workbench.server?.stop();
  });
  const step = stepRunner(() => workbench.browser.page, SHOTS_DIR, () => workbench.vscode.logsDir);
  return { workbench, step };
}
