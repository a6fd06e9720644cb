// Checks of the debugging loop, inside the extension host, with the js-debug VS Code ships: a
// server entry names a launch configuration; Start and Connect starts it under the debugger and
// connects; a breakpoint in the server's tool handler stops a call made from MCP Scope, which waits
// past its timeout while the server is paused and gets its result after Continue; a debug restart
// (which the debugger tells MCP Scope of) is followed by a reconnect and the tools' difference; a
// stopped debug session stops the reconnecting until the launch configuration runs again; all as
// MCP Scope's log tells it.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { freePort } from '../../fixtures/processes';
import { answerPrompts, checks, EXTENSION_ID, eventually, listedAddress, loggedLines, runPrompting, suiteConfig } from './hostSuite';

const LAUNCH = 'debug the MCP server';
/** The server's own timeout, in seconds: the breakpoint holds the call for longer. */
const TIMEOUT_SECONDS = 2;

export async function run(): Promise<void> {
  const config = suiteConfig();
  const { check, finish } = checks(config);
  const program = join(__dirname, 'debuggedServer.mjs');
  const extraToolsFile = join(__dirname, 'extra-tools.json');
  /** What MCP Scope's log says of the server so far, as one text. */
  const logged = () => loggedLines(config, 'debugged').join('\n');
  /** Waits until the log says something matching `pattern`, and returns the log. */
  const untilLogged = (what: string, pattern: RegExp, timeoutMs: number) => eventually(what, () => (pattern.test(logged()) ? logged() : undefined), timeoutMs);
  try {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/mcp`;

    await check('js-debug, which VS Code ships, is there and activates', async () => {
      const jsDebug = vscode.extensions.getExtension('ms-vscode.js-debug');
      assert.ok(jsDebug, 'ms-vscode.js-debug is not among the extensions');
      await jsDebug.activate();
    });

    await check('Start and Connect starts the launch configuration under the debugger and connects; run again, it starts no second session', async () => {
      const launch = { type: 'node', request: 'launch', name: LAUNCH, program, args: [String(port), extraToolsFile], runtimeExecutable: process.execPath, console: 'internalConsole' };
      mkdirSync(join(config.workspace, '.vscode'), { recursive: true });
      writeFileSync(join(config.workspace, '.vscode', 'launch.json'), JSON.stringify({ version: '0.2.0', configurations: [launch] }));
      const settings = vscode.workspace.getConfiguration('mcpScope');
      await settings.update('servers', [{ name: 'debugged', url, launch: LAUNCH, timeoutSeconds: TIMEOUT_SECONDS }], vscode.ConfigurationTarget.Workspace);
      assert.equal(await eventually('debugged listed', () => listedAddress('debugged')), url);
      const started: vscode.DebugSession[] = [];
      const listening = vscode.debug.onDidStartDebugSession((session) => started.push(session));
      try {
        await vscode.commands.executeCommand('mcpScope.startAndConnect', 'debugged');
        await untilLogged('connected', /connected: (Re)?[cC]onnected to debugged-server/, 30_000);
        const roots = started.filter((session) => !session.parentSession);
        assert.deepEqual(roots.map((session) => session.configuration.name), [LAUNCH]);
        await vscode.commands.executeCommand('mcpScope.startAndConnect', 'debugged');
        assert.equal(started.filter((session) => !session.parentSession).length, 1, 'a second debug session was started');
      } finally {
        listening.dispose();
      }
    });

    await check(`a breakpoint in the tool handler stops a call from MCP Scope; paused for longer than the server's ${TIMEOUT_SECONDS} s timeout, the call waits, and after Continue its result arrives`, async () => {
      const line = readFileSync(program, 'utf8').split('\n').findIndex((text) => text.includes('the debugging checks break here'));
      const breakpoint = new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(program), new vscode.Position(line, 0)));
      vscode.debug.addBreakpoints([breakpoint]);
      const callsFile = join(config.workspace, '.vscode', 'mcp-scope.calls.json');
      writeFileSync(callsFile, JSON.stringify({ calls: [{ name: 'echo hi', server: 'debugged', tool: 'echo', arguments: { text: 'hi' } }] }));
      try {
        answerPrompts(config, [{ showing: 'Run a Past Call Again', answer: 'echo hi' }]);
        // Until MCP Scope has read the file, Run Past Call says there is nothing to run.
        await eventually('the saved call sent', async () => {
          await runPrompting('mcpScope.runPastCall');
          await new Promise((resolve) => setTimeout(resolve, 1000));
          return /→ tools\/call/.test(logged()) ? true : undefined;
        }, 20_000);
        await eventually('the debugger stopped in the tool handler', () => (vscode.debug.activeStackItem instanceof vscode.DebugStackFrame ? true : undefined), 20_000);
        await new Promise((resolve) => setTimeout(resolve, (TIMEOUT_SECONDS + 2) * 1000));
        assert.doesNotMatch(logged(), /← tools\/call/, 'the call ended while the server was paused');
        assert.match(logged(), /debugged is paused in the debugger/);
        await vscode.commands.executeCommand('workbench.action.debug.continue');
        const answered = await untilLogged('the call’s result', /← tools\/call/, 15_000);
        assert.match(answered, /← tools\/call #\d+ \d+ ms .*echo: hi/);
        assert.match(answered, /Requests wait for their timeout again/);
      } finally {
        vscode.debug.removeBreakpoints([breakpoint]);
      }
    });

    await check('restarting the debug session is followed by a reconnect and the tools that changed on the timeline', async () => {
      writeFileSync(extraToolsFile, JSON.stringify(['shout']));
      const before = logged().length;
      await vscode.commands.executeCommand('workbench.action.debug.restart');
      await eventually('the tools changed after the reconnect', () => (/Tools changed/.test(logged().slice(before)) ? true : undefined), 40_000).catch((error: Error) => {
        throw new Error(`${error.message}; MCP Scope's log since the restart:\n${logged().slice(before)}`);
      });
      const after = logged().slice(before);
      // Told by the debugger, not found out by a heartbeat that may fall after the restart.
      assert.match(after, /The debugger (restarts|ended) debugged/);
      assert.match(after, /Reconnected to debugged-server/);
      assert.match(after, /Tools changed: .*shout/);
    });

    await check('stopping the debug session stops the reconnecting, saying why; starting the launch configuration again connects by itself', async () => {
      const before = logged().length;
      await vscode.commands.executeCommand('workbench.action.debug.stop');
      const closedAt = /closed: The debugger ended debugged .*, and no debug session of it runs: stopped reconnecting/;
      await eventually('the reconnecting stopped', () => (closedAt.test(logged().slice(before)) ? true : undefined), 30_000).catch((error: Error) => {
        throw new Error(`${error.message}; MCP Scope's log since the stop:\n${logged().slice(before)}`);
      });
      const closed = logged().length;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.doesNotMatch(logged().slice(closed), /Reconnecting|Connecting/, 'it tried again with no debug session of the program');
      await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], LAUNCH);
      await eventually('connected again', () => (/connected: (Re)?[cC]onnected to debugged-server/.test(logged().slice(closed)) ? true : undefined), 40_000).catch((error: Error) => {
        throw new Error(`${error.message}; MCP Scope's log since the stop:\n${logged().slice(before)}`);
      });
    });
  } finally {
    await vscode.commands.executeCommand('mcpScope.disconnect', 'debugged').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.debug.stop').then(undefined, () => undefined);
    finish();
  }
}
