// Checks run inside the extension host of a trusted workspace: servers from user settings, workspace
// settings and .vscode/mcp.json (changed live), Add Server keeping its secret in SecretStorage, and
// the palette commands doing what they say against real servers on loopback.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import { freePort } from '../../fixtures/processes';
import { startToolServer, type ToolServer } from '../../fixtures/toolServer';
import { answeredPrompts, answerPrompts, checks, EXTENSION_ID, eventually, listedAddress, runPrompting, suiteConfig } from './hostSuite';

const tools = [{ name: 'echo', description: 'Echoes', inputSchema: { type: 'object' } }];
const SECRET = 'added-secret-42';

export async function run(): Promise<void> {
  const config = suiteConfig();
  const { check, finish } = checks(config);
  const servers: ToolServer[] = [];
  const start = async (name: string) => {
    const server = await startToolServer({ name, tools });
    servers.push(server);
    return server;
  };
  const settings = () => vscode.workspace.getConfiguration('mcpScope');
  const workspaceSettingsFile = join(config.workspace, '.vscode', 'settings.json');
  const mcpJson = join(config.workspace, '.vscode', 'mcp.json');
  try {
    await check('the extension activates and registers every command of its manifest', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not loaded`);
      await extension.activate();
      const contributed = (extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(
        contributed.filter((command) => !registered.has(command)),
        [],
        'contributed but not registered',
      );
      assert.ok(contributed.includes('mcpScope.exportTimelineHar') && contributed.includes('mcpScope.copyCallAsCurl'));
    });

    const user = await start('user-server');
    await check('a server in user settings is listed and connects', async () => {
      await settings().update('servers', [{ name: 'user-server', url: user.url }], vscode.ConfigurationTarget.Global);
      assert.equal(await eventually('user-server listed', () => listedAddress('user-server')), user.url);
      await vscode.commands.executeCommand('mcpScope.connect', 'user-server');
      assert.ok(user.methods.includes('initialize') && user.methods.includes('tools/list'), user.methods.join(', '));
      assert.match(readFileSync(config.userSettingsFile, 'utf8'), /"name": "user-server"/);
    });

    const workspace = await start('workspace-server');
    await check('a server in workspace settings is listed next to the user one, and connects', async () => {
      await settings().update('servers', [{ name: 'ws-settings', url: workspace.url }], vscode.ConfigurationTarget.Workspace);
      assert.equal(await eventually('ws-settings listed', () => listedAddress('ws-settings')), workspace.url);
      assert.equal(await listedAddress('user-server'), user.url, 'the user server stays');
      assert.match(readFileSync(workspaceSettingsFile, 'utf8'), /"name": "ws-settings"/);
      await vscode.commands.executeCommand('mcpScope.connect', 'ws-settings');
      assert.ok(workspace.methods.includes('tools/list'), workspace.methods.join(', '));
    });

    await check('.vscode/mcp.json is read live: a server added, its URL changed, the file removed', async () => {
      const first = await start('json-first');
      const second = await start('json-second');
      mkdirSync(join(config.workspace, '.vscode'), { recursive: true });
      writeFileSync(mcpJson, JSON.stringify({ servers: { live: { type: 'http', url: first.url } } }));
      assert.equal(await eventually('live listed', () => listedAddress('live')), first.url);
      writeFileSync(mcpJson, JSON.stringify({ servers: { live: { type: 'http', url: second.url } } }));
      await eventually('live moved to the second URL', async () => ((await listedAddress('live')) === second.url ? true : undefined));
      await vscode.commands.executeCommand('mcpScope.connect', 'live');
      assert.ok(second.methods.includes('tools/list') && first.methods.length === 0, `first: ${first.methods}, second: ${second.methods}`);
      rmSync(mcpJson);
      await eventually('live gone', async () => ((await listedAddress('live')) === undefined ? true : undefined));
    });

    const added = await start('added-server');
    await check('Add Server with a secret header writes workspace settings without the secret and connects with it from SecretStorage', async () => {
      answerPrompts(config, [
        { showing: 'Add MCP Server (1/3)', answer: added.url },
        { showing: 'Add MCP Server (2/3)', answer: 'added' },
        { showing: 'Added: Authorization', answer: '' },
        { showing: 'Add MCP Server (3/3)', answer: `Authorization: Bearer ${SECRET}` },
        { showing: 'where to keep it?', answer: 'Workspace settings' },
      ]);
      await runPrompting('mcpScope.addServer');
      const written = readFileSync(workspaceSettingsFile, 'utf8');
      assert.match(written, /"name": "added"[\s\S]*"Authorization": "\$\{secret\}"/);
      assert.ok(!written.includes(SECRET), 'the secret is in the workspace settings');
      assert.ok(!readFileSync(config.userSettingsFile, 'utf8').includes(SECRET), 'the secret is in the user settings');
      const authorizations = added.headers.map((headers) => headers.authorization);
      assert.ok(authorizations.length > 0 && authorizations.every((value) => value === `Bearer ${SECRET}`), JSON.stringify(authorizations));
    });

    await check('a reconnect takes the secret from SecretStorage without asking again', async () => {
      const asked = answeredPrompts(config).length;
      const before = added.headers.length;
      await vscode.commands.executeCommand('mcpScope.reconnect', 'added');
      assert.ok(added.headers.length > before);
      assert.equal(added.headers.at(-1)?.authorization, `Bearer ${SECRET}`);
      assert.equal(answeredPrompts(config).length, asked, 'a prompt was shown again');
    });

    await check('Set Log Level asks for the level and sends logging/setLevel', async () => {
      answerPrompts(config, [{ showing: 'Log Level of added', answer: 'warning' }]);
      await runPrompting('mcpScope.setLogLevel', 'added');
      assert.equal(added.methods.at(-1), 'logging/setLevel');
      await vscode.commands.executeCommand('mcpScope.setLogLevel', 'user-server', 'error');
      assert.equal(user.methods.at(-1), 'logging/setLevel');
    });

    await check('Copy Call as curl copies a command without the secret that, with the variable set, sends the call again', async () => {
      answerPrompts(config, [{ showing: 'Copy Call as curl', answer: 'logging/setLevel' }]);
      await runPrompting('mcpScope.copyCallAsCurl');
      const command = await vscode.env.clipboard.readText();
      // The newest POST of logging/setLevel was to user-server.
      assert.match(command, new RegExp(`^curl -sS -N -X POST '${user.url}'`));
      // The quick pick matches its rows by label or by description: the newest request to added is its setLevel.
      answerPrompts(config, [{ showing: 'Copy Call as curl', answer: 'added' }]);
      await runPrompting('mcpScope.copyCallAsCurl');
      const withSecret = await vscode.env.clipboard.readText();
      assert.match(withSecret, new RegExp(`^curl -sS -N -X POST '${added.url}'`));
      assert.match(withSecret, /-H "authorization: \$MCP_SCOPE_AUTHORIZATION"/i);
      assert.ok(!withSecret.includes(SECRET));
      const before = added.headers.length;
      const sessionId = added.headers.at(-1)?.['mcp-session-id'];
      const { stdout } = await promisify(execFile)('sh', ['-c', withSecret], {
        env: { PATH: process.env.PATH, MCP_SCOPE_AUTHORIZATION: `Bearer ${SECRET}`, MCP_SCOPE_MCP_SESSION_ID: String(sessionId) },
      });
      assert.match(stdout, /"result":\{\}/);
      assert.equal(added.headers[before]?.authorization, `Bearer ${SECRET}`);
    });

    await check('Export Timeline as HAR writes the HTTP exchanges, with timings and without the secret', async () => {
      const target = join(config.workspace, 'exported.har');
      answerPrompts(config, [{ showing: 'Export the MCP Scope timeline as HAR', answer: target }]);
      await runPrompting('mcpScope.exportTimelineHar');
      assert.ok(existsSync(target), `${target} was not written`);
      const text = readFileSync(target, 'utf8');
      assert.ok(!text.includes(SECRET), 'the secret is in the HAR');
      const har = JSON.parse(text) as { log: { version: string; pages: { id: string }[]; entries: { pageref: string; request: { postData?: { text: string } }; timings: { wait: number } }[] } };
      assert.equal(har.log.version, '1.2');
      assert.ok(['user-server', 'ws-settings', 'added'].every((id) => har.log.pages.some((page) => page.id === id)), JSON.stringify(har.log.pages));
      const setLevel = har.log.entries.find((entry) => entry.pageref === 'added' && entry.request.postData?.text.includes('"level":"warning"'));
      assert.ok(setLevel && setLevel.timings.wait >= 0, 'the setLevel exchange with its timings');
    });

    await check('Start and Connect runs the task the entry names and connects once the server answers; run again, it starts nothing more', async () => {
      const port = await freePort();
      const methodsFile = join(__dirname, 'task-server-methods.json');
      const received = (): string[] => (existsSync(methodsFile) ? (JSON.parse(readFileSync(methodsFile, 'utf8')) as string[]) : []);
      const task = { label: 'start tool server', type: 'process', command: process.execPath, args: [join(__dirname, 'taskServer.js'), String(port), methodsFile], problemMatcher: [] };
      writeFileSync(join(config.workspace, '.vscode', 'tasks.json'), JSON.stringify({ version: '2.0.0', tasks: [task] }));
      await eventually('the task is known', async () => ((await vscode.tasks.fetchTasks()).some((t) => t.name === task.label) ? true : undefined));
      const current = settings().inspect<unknown[]>('servers')?.workspaceValue ?? [];
      const url = `http://127.0.0.1:${port}/mcp`;
      await settings().update('servers', [...current, { name: 'started', url, task: task.label }], vscode.ConfigurationTarget.Workspace);
      assert.equal(await eventually('started listed', () => listedAddress('started')), url);
      assert.equal(existsSync(methodsFile), false, 'the server runs before it was started');

      await vscode.commands.executeCommand('mcpScope.startAndConnect', 'started');
      await eventually('the started server was connected to', () => (received().includes('tools/list') ? true : undefined), 30_000).catch((error: Error) => {
        const running = vscode.tasks.taskExecutions.map((execution) => execution.task.name);
        throw new Error(`${error.message}; the server ${existsSync(methodsFile) ? `got ${received().join(', ') || 'nothing'}` : 'never started'}; tasks running: ${running.join(', ') || 'none'}`);
      });
      await vscode.commands.executeCommand('mcpScope.startAndConnect', 'started');
      assert.equal(vscode.tasks.taskExecutions.filter((execution) => execution.task.name === task.label).length, 1, 'the task ran twice');
      await vscode.commands.executeCommand('mcpScope.disconnect', 'started');
      for (const execution of vscode.tasks.taskExecutions) execution.terminate();
    });
    await check('a sampling request that arrives while no inspector panel is in sight shows a notification whose Open Inspector opens the panel', async () => {
      const asker = await startToolServer({
        name: 'asker',
        tools,
        asks: { method: 'sampling/createMessage', params: { messages: [{ role: 'user', content: { type: 'text', text: 'Hello?' } }], maxTokens: 5 } },
      });
      servers.push(asker);
      const current = settings().inspect<unknown[]>('servers')?.workspaceValue ?? [];
      await settings().update('servers', [...current, { name: 'asker', url: asker.url }], vscode.ConfigurationTarget.Workspace);
      assert.equal(await eventually('asker listed', () => listedAddress('asker')), asker.url);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      assert.equal(inspectorTabs(), 0, 'an inspector panel is still open');
      answerPrompts(config, [{ showing: 'asker asks for a sampling reply', answer: 'Open Inspector', notification: true }]);
      // Reconnect connects without showing the panel, as a server connected before a reload would.
      await vscode.commands.executeCommand('mcpScope.reconnect', 'asker');
      await eventually('the sampling request reached MCP Scope', () => (asker.methods.includes('tools/list') && asker.headers.some((h) => h.accept === 'text/event-stream') ? true : undefined));
      await vscode.commands.executeCommand('notifications.showList');
      await eventually('the notification was clicked', () => (answeredPrompts(config).includes('asker asks for a sampling reply') ? true : undefined), 15_000);
      await eventually('Open Inspector opened the panel', () => (inspectorTabs() > 0 ? true : undefined));
      assert.deepEqual(asker.answers, [], 'nothing was answered for the user');
      await vscode.commands.executeCommand('mcpScope.disconnect', 'asker');
    });
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    finish();
  }
}

/** How many inspector panels are open as editor tabs. */
function inspectorTabs(): number {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.label === 'MCP Scope').length;
}
