// Checks run inside the extension host of a workspace that is not trusted (Restricted Mode):
// servers of the workspace's settings and .vscode/mcp.json are listed but never contacted, while
// the user's own servers work.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startToolServer, type ToolServer } from '../../fixtures/toolServer';
import { checks, EXTENSION_ID, eventually, listedAddress, suiteConfig } from './hostSuite';

const tools = [{ name: 'echo', description: 'Echoes', inputSchema: { type: 'object' } }];

export async function run(): Promise<void> {
  const config = suiteConfig();
  const { check, finish } = checks(config);
  const servers: ToolServer[] = [];
  const start = async (name: string) => {
    const server = await startToolServer({ name, tools });
    servers.push(server);
    return server;
  };
  try {
    const user = await start('user-server');
    const fromSettings = await start('workspace-settings-server');
    const fromJson = await start('workspace-json-server');
    await check('the workspace is not trusted and the extension runs in it', async () => {
      assert.equal(vscode.workspace.isTrusted, false);
      await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    });

    await check('servers of workspace settings and .vscode/mcp.json are listed; the user server too', async () => {
      await vscode.workspace.getConfiguration('mcpScope').update('servers', [{ name: 'user-server', url: user.url }], vscode.ConfigurationTarget.Global);
      mkdirSync(join(config.workspace, '.vscode'), { recursive: true });
      writeFileSync(join(config.workspace, '.vscode', 'settings.json'), JSON.stringify({ 'mcpScope.servers': [{ name: 'ws-settings', url: fromSettings.url }] }));
      writeFileSync(join(config.workspace, '.vscode', 'mcp.json'), JSON.stringify({ servers: { 'ws-json': { type: 'http', url: fromJson.url } } }));
      assert.equal(await eventually('user-server listed', () => listedAddress('user-server')), user.url);
      assert.equal(await eventually('ws-json listed', () => listedAddress('ws-json')), fromJson.url);
      // VS Code hides the workspace's value of a restricted setting in Restricted Mode; MCP Scope reads the file.
      assert.equal(vscode.workspace.getConfiguration('mcpScope').inspect('servers')?.workspaceValue, undefined);
      assert.equal(await eventually('ws-settings listed', () => listedAddress('ws-settings')), fromSettings.url);
    });

    await check('Connect reaches the user server and neither workspace server', async () => {
      await vscode.commands.executeCommand('mcpScope.connect', 'user-server');
      await vscode.commands.executeCommand('mcpScope.connect', 'ws-settings');
      await vscode.commands.executeCommand('mcpScope.connect', 'ws-json');
      await vscode.commands.executeCommand('mcpScope.reconnect', 'ws-settings');
      assert.ok(user.methods.includes('tools/list'), user.methods.join(', '));
      assert.deepEqual(fromSettings.headers, [], 'a request reached the server of the workspace settings');
      assert.deepEqual(fromJson.headers, [], 'a request reached the server of .vscode/mcp.json');
    });
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    finish();
  }
}
