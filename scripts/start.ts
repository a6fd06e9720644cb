// `npm start`: a real VS Code (code-server on 127.0.0.1) with MCP Scope installed from its VSIX and
// configured for server-everything, which runs beside it on loopback. Ctrl+C stops both.

import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startServerEverything } from '../test/fixtures/realServers';
import { startVsCode } from '../test/e2e/vscodeHost';

const ROOT = resolve(__dirname, '..');

async function main(): Promise<void> {
  const vscodePort = Number(process.env.MCP_SCOPE_PORT ?? 8080);
  const serverPort = Number(process.env.EVERYTHING_PORT ?? 3001);

  console.log('Packaging MCP Scope…');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log('Starting server-everything and VS Code (the first run installs code-server, a few minutes)…');
  const server = await startServerEverything(serverPort);
  const vscode = await startVsCode({
    vsix: join(ROOT, 'dist', 'mcp-scope.vsix'),
    port: vscodePort,
    settings: { 'mcpScope.servers': [{ name: 'everything', url: server.url }] },
  }).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });

  console.log(`
MCP Scope is ready.

  VS Code:            ${vscode.url}
  server-everything:  ${server.url} (pid ${server.pid})

Open the VS Code URL in a browser, press F1 and run "MCP Scope: Open Inspector".
Press Ctrl+C to stop both.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await Promise.all([vscode.stop(), server.stop()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
