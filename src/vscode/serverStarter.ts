// Start and Connect: a server entry may name the launch configuration or the task that starts the
// server, so starting it under the debugger (a breakpoint then stops a call from the panel) and
// connecting to it is one step.

import * as vscode from 'vscode';
import type { Problem } from '../shared/model';
import type { ServerDebugSessions } from './serverDebugSessions';
import type { ServerStarter } from './serverEntries';

/**
 * Starts what the entry names, unless it is running already (a launch configuration: a debug
 * session started from it runs); resolves once VS Code has started it (not once the server
 * listens: the caller keeps trying to connect), or with what went wrong.
 * @param folderPath the workspace folder the entry belongs to, when it belongs to one.
 */
export async function startServer(serverId: string, starter: ServerStarter, debugSessions: ServerDebugSessions, folderPath?: string): Promise<Problem | undefined> {
  const folder = entryFolder(folderPath);
  if ('task' in starter) return startTask(serverId, starter.task);
  if (debugSessions.isRunning(starter.launch, folder)) return undefined;
  let started: boolean;
  try {
    started = await vscode.debug.startDebugging(folder, starter.launch);
  } catch (error) {
    return launchProblem(serverId, starter.launch, (error as Error).message);
  }
  return started ? undefined : launchProblem(serverId, starter.launch, 'VS Code did not start it');
}

/** The workspace folder of a server entry (whose launch configurations it names, whose saved calls file it uses): its own, or the first one for an entry of the settings. */
export function entryFolder(folderPath: string | undefined): vscode.WorkspaceFolder | undefined {
  return (folderPath !== undefined && vscode.workspace.getWorkspaceFolder(vscode.Uri.file(folderPath))) || vscode.workspace.workspaceFolders?.[0];
}

async function startTask(serverId: string, name: string): Promise<Problem | undefined> {
  if (vscode.tasks.taskExecutions.some((execution) => execution.task.name === name)) return undefined;
  const tasks = await vscode.tasks.fetchTasks();
  const task = tasks.find((candidate) => candidate.name === name);
  if (!task) {
    const names = [...new Set(tasks.map((candidate) => candidate.name))].slice(0, 10);
    return {
      summary: `${serverId} is started by the task "${name}", and the workspace has no task of that name${names.length ? ` (it has ${names.map((n) => `"${n}"`).join(', ')})` : ''}.`,
      advice: 'Define the task in .vscode/tasks.json, or correct "task" in the server’s entry.',
    };
  }
  try {
    await vscode.tasks.executeTask(task);
  } catch (error) {
    return { summary: `The task "${name}" that starts ${serverId} could not run: ${(error as Error).message}.`, advice: 'Run it from Terminal: Run Task to see why.' };
  }
  return undefined;
}

function launchProblem(serverId: string, launch: string, why: string): Problem {
  return {
    summary: `The launch configuration "${launch}" that starts ${serverId} did not start: ${why}.`,
    advice: 'Check it in .vscode/launch.json or start it from the Run and Debug view, which says what is wrong.',
  };
}
