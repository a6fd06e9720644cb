// The in-extension-host side of the host tests: named checks whose outcomes go to a results file
// (the extension host's exit code does not reach the harness), and the channel through which a
// check asks the harness to answer the quick inputs a command shows.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

/** What the harness writes next to the bundled suite (test/host/hostRun.ts). */
export interface HostSuiteConfig {
  resultsFile: string;
  /** Where a check writes the prompts the harness should answer. */
  promptsFile: string;
  /** Where the harness writes each prompt it answered, in order. */
  answeredFile: string;
  workspace: string;
  userSettingsFile: string;
  /** Where VS Code writes its logs, the MCP Scope output channel's among them. */
  logsDir: string;
}

/**
 * A quick input the harness answers: the first entry whose `showing` text the widget shows wins.
 * With `notification`, the harness instead clicks the button named `answer` on the notification
 * (in the notification center) that shows `showing`.
 */
export interface PromptAnswer {
  showing: string;
  answer: string;
  notification?: true;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  error?: string;
  ms: number;
}

export const EXTENSION_ID = 'mcpscope.mcp-scope';

export function suiteConfig(): HostSuiteConfig {
  return JSON.parse(readFileSync(join(__dirname, 'hostSuite.json'), 'utf8')) as HostSuiteConfig;
}

/** Runs checks one after another; `finish` writes their results. A failing check does not stop the next. */
export function checks(config: HostSuiteConfig) {
  const results: CheckResult[] = [];
  return {
    async check(name: string, body: () => Promise<void>): Promise<void> {
      const started = Date.now();
      try {
        await body();
        results.push({ name, ok: true, ms: Date.now() - started });
      } catch (error) {
        results.push({ name, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error), ms: Date.now() - started });
      }
    },
    finish(): void {
      writeFileSync(config.resultsFile, JSON.stringify({ results }, null, 2));
    },
  };
}

/** Tells the harness which quick inputs to answer from now on. */
export function answerPrompts(config: HostSuiteConfig, answers: PromptAnswer[]): void {
  writeFileSync(config.promptsFile, JSON.stringify(answers));
}

/** The prompts the harness answered so far (their `showing` texts), oldest first. */
export function answeredPrompts(config: HostSuiteConfig): string[] {
  try {
    return JSON.parse(readFileSync(config.answeredFile, 'utf8')) as string[];
  } catch {
    return [];
  }
}

/** Polls until `probe` returns a value other than undefined; fails with `what` and the last value seen. */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs a command that shows quick inputs; fails instead of hanging when a prompt is left unanswered. */
export async function runPrompting(command: string, ...args: unknown[]): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${command} was still waiting for an answer after 15 s`)), 15_000);
  });
  try {
    await Promise.race([vscode.commands.executeCommand(command, ...args), timeout]);
  } finally {
    clearTimeout(timer);
    // A prompt left open would take the next command's answers.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  }
}

/**
 * The address MCP Scope lists for a server (Copy URL or Command puts it on the clipboard), or
 * undefined when it does not list the server.
 */
export async function listedAddress(serverId: string): Promise<string | undefined> {
  const marker = `not listed: ${serverId} ${Date.now()}`;
  await vscode.env.clipboard.writeText(marker);
  await vscode.commands.executeCommand('mcpScope.copyServerAddress', serverId);
  const text = await vscode.env.clipboard.readText();
  return text === marker ? undefined : text;
}

/** The lines of MCP Scope's log (its output channel, as VS Code writes it to disk) about one server. */
export function loggedLines(config: HostSuiteConfig, serverId: string): string[] {
  const files = (readdirSync(config.logsDir, { recursive: true }) as string[]).filter((file) => file.endsWith('MCP Scope.log'));
  return files.flatMap((file) => readFileSync(join(config.logsDir, file), 'utf8').split('\n')).filter((line) => line.includes(`[${serverId}] `));
}
