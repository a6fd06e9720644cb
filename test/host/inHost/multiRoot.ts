// Checks in a workspace of two folders: saved calls are read from the file of each folder, and a
// call saved for a server of the second folder's .vscode/mcp.json goes to the second folder's file.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startToolServer } from '../../fixtures/toolServer';
import { answerPrompts, checks, EXTENSION_ID, eventually, listedAddress, runPrompting, suiteConfig } from './hostSuite';

export async function run(): Promise<void> {
  const config = suiteConfig();
  const { check, finish } = checks(config);
  const server = await startToolServer({ name: 'second-server', tools: [{ name: 'echo', description: 'Echoes', inputSchema: { type: 'object' } }] });
  const callsFile = (folder: vscode.WorkspaceFolder) => join(folder.uri.fsPath, '.vscode', 'mcp-scope.calls.json');
  const savedIn = (folder: vscode.WorkspaceFolder) => (existsSync(callsFile(folder)) ? readFileSync(callsFile(folder), 'utf8') : '');
  try {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const [first, second] = vscode.workspace.workspaceFolders ?? [];

    await check('a call saved in the first folder\'s file runs on a server of the second folder\'s .vscode/mcp.json', async () => {
      assert.ok(first && second, `two folders are open: ${vscode.workspace.workspaceFolders?.map((folder) => folder.name).join(', ')}`);
      for (const folder of [first, second]) mkdirSync(join(folder.uri.fsPath, '.vscode'), { recursive: true });
      writeFileSync(join(second.uri.fsPath, '.vscode', 'mcp.json'), JSON.stringify({ servers: { 'second-server': { type: 'http', url: server.url } } }));
      writeFileSync(callsFile(first), JSON.stringify({ calls: [{ name: 'from the first folder', server: 'second-server', tool: 'echo', arguments: { n: 1 } }] }));
      assert.equal(await eventually('second-server listed', () => listedAddress('second-server')), server.url);
      answerPrompts(config, [{ showing: 'Run a Past Call Again', answer: 'from the first folder' }]);
      // Until MCP Scope has read the file, Run Past Call says there is nothing to run.
      await eventually('the saved call ran', async () => {
        await runPrompting('mcpScope.runPastCall');
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return server.methods.includes('tools/call') ? true : undefined;
      }, 20_000);
    });

    await check('Save Call for that server writes the second folder\'s file and leaves the first folder\'s as it was', async () => {
      const firstBefore = savedIn(first);
      answerPrompts(config, [
        { showing: 'Save Which Call', answer: 'echo' },
        { showing: 'Save Call', answer: 'kept in the second folder' },
      ]);
      await eventually('the past call to save', async () => {
        await runPrompting('mcpScope.saveCall');
        return savedIn(second).includes('kept in the second folder') ? true : undefined;
      }, 20_000);
      const written = JSON.parse(savedIn(second)) as { calls: { name: string; server: string; tool: string; arguments: unknown }[] };
      assert.deepEqual(written.calls, [{ name: 'kept in the second folder', server: 'second-server', tool: 'echo', arguments: { n: 1 } }]);
      assert.equal(savedIn(first), firstBefore);
    });
  } finally {
    await server.stop();
    finish();
  }
}
