// Runs a suite of checks inside the extension host of a real VS Code (code-server): the extension
// loaded from this folder (extensionDevelopmentPath, the built dist/), the suite bundled with
// esbuild and loaded as extensionTestsPath, both passed in the workbench URL's `payload`, which a
// built workbench honours only with the smoke-test driver enabled. The suite writes its results to
// a file (the extension host's exit code does not reach us); meanwhile this side answers the quick
// inputs the suite asks it to, since only a browser can type into them.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import type { CheckResult, HostSuiteConfig, PromptAnswer } from './inHost/hostSuite';
import { ensureTestHost, SHOTS_DIR, startVsCode, type VsCodeHost, type VsCodeHostOptions } from '../e2e/vscodeHost';
import { type Browser, launchBrowser } from '../e2e/workbench';

const ROOT = resolve(__dirname, '..', '..');

export interface HostRun {
  results: CheckResult[];
  vscode: VsCodeHost;
  browser: Browser;
  /** Stops the browser and VS Code and removes the suite's files. */
  stop(): Promise<void>;
}

export interface HostRunOptions extends Omit<VsCodeHostOptions, 'vsix' | 'extraArgs'> {
  /** Opens a workspace of two folders: the usual one and an empty `second` next to it. */
  secondFolder?: boolean;
}

/** Bundles `test/host/inHost/<suite>.ts`, starts VS Code with `options`, and waits for the suite's results. */
export async function runHostSuite(suite: string, options: HostRunOptions, timeoutMs = 120_000): Promise<HostRun> {
  if (!existsSync(join(ROOT, 'dist', 'extension.js'))) throw new Error(`${join(ROOT, 'dist', 'extension.js')} is missing: run "npm run build" first (npm test does).`);
  mkdirSync(SHOTS_DIR, { recursive: true });
  const cache = ensureTestHost();
  mkdirSync(join(cache, 'runs'), { recursive: true });
  const suiteDir = mkdtempSync(join(cache, 'runs', 'suite-'));
  const config: HostSuiteConfig = {
    resultsFile: join(suiteDir, 'results.json'),
    promptsFile: join(suiteDir, 'prompts.json'),
    answeredFile: join(suiteDir, 'answered.json'),
    workspace: '',
    userSettingsFile: '',
    logsDir: '',
  };
  await esbuild.build({
    // The suite, and the server a task of the suite starts (next to it, as taskServer.js).
    entryPoints: { suite: join(__dirname, 'inHost', `${suite}.ts`), taskServer: join(__dirname, 'inHost', 'taskServer.ts') },
    outdir: suiteDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  // The server the debugging checks run under js-debug, as it is: they break on one of its lines.
  copyFileSync(join(__dirname, 'inHost', 'debuggedServer.mjs'), join(suiteDir, 'debuggedServer.mjs'));

  const vscode = await startVsCode({ ...options, extraArgs: ['--vscode-option', 'enable-smoke-test-driver'] });
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await vscode.stop();
    rmSync(suiteDir, { recursive: true, force: true });
  };
  try {
    writeFileSync(join(suiteDir, 'hostSuite.json'), JSON.stringify({ ...config, workspace: vscode.workspace, userSettingsFile: vscode.userSettingsFile, logsDir: vscode.logsDir }));
    browser = await launchBrowser();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://${vscode.authority}` });
    let url = vscode.url;
    if (options.secondFolder) {
      const second = join(vscode.workspace, '..', 'second');
      const workspaceFile = join(vscode.workspace, '..', 'two.code-workspace');
      mkdirSync(second, { recursive: true });
      writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: vscode.workspace }, { path: second }] }));
      url = `http://${vscode.authority}/?workspace=${encodeURIComponent(workspaceFile)}`;
    }
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${vscode.authority}${ROOT}`],
      ['extensionTestsPath', `vscode-remote://${vscode.authority}${join(suiteDir, 'suite.js')}`],
    ];
    await browser.page.goto(`${url}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    await answerUntilDone(browser, config, timeoutMs);
    const { results } = JSON.parse(readFileSync(config.resultsFile, 'utf8')) as { results: CheckResult[] };
    const run = { results, vscode, browser, stop };
    return run;
  } catch (error) {
    const shot = join(SHOTS_DIR, `host-${suite}-failure.png`);
    await browser?.page.screenshot({ path: shot }).catch(() => undefined);
    await stop();
    throw new Error(`${(error as Error).message}\n  screenshot: ${shot}\n  VS Code logs were in ${vscode.logsDir} (removed)`);
  }
}

/** Answers the prompts the suite lists until it writes its results. */
async function answerUntilDone(browser: Browser, config: HostSuiteConfig, timeoutMs: number): Promise<void> {
  const { page } = browser;
  const answered: string[] = [];
  const deadline = Date.now() + timeoutMs;
  const widget = page.locator('.quick-input-widget');
  while (!existsSync(config.resultsFile)) {
    if (Date.now() > deadline) throw new Error(`The extension-host suite wrote no results within ${timeoutMs} ms`);
    const answers = readAnswers(config.promptsFile);
    if (await clickNotification(page, answers.filter((answer) => answer.notification), answered)) {
      writeFileSync(config.answeredFile, JSON.stringify(answered));
      continue;
    }
    if (answers.length && (await widget.isVisible().catch(() => false))) {
      const text = await widget.innerText().catch(() => '');
      const answer = answers.find((candidate) => text.includes(candidate.showing));
      if (answer) {
        const input = widget.locator('.quick-input-box input');
        // A file dialog fills in its default path a moment after it shows: type again until ours stays.
        for (let attempt = 0; attempt < 10; attempt++) {
          await input.fill(answer.answer);
          await page.waitForTimeout(150);
          if ((await input.inputValue()) === answer.answer) break;
        }
        await page.keyboard.press('Enter');
        answered.push(answer.showing);
        writeFileSync(config.answeredFile, JSON.stringify(answered));
        // Let the widget move on before looking again, so one prompt is not answered twice.
        await page.waitForTimeout(400);
        continue;
      }
    }
    await page.waitForTimeout(150);
  }
}

/**
 * Clicks the button a notification answer names, once, when the notification center (toasts are
 * hidden under the smoke-test driver) shows its notification; returns whether it clicked.
 */
async function clickNotification(page: Browser['page'], answers: PromptAnswer[], answered: string[]): Promise<boolean> {
  for (const answer of answers) {
    if (answered.includes(answer.showing)) continue;
    const item = page.locator('.notifications-center .notification-list-item').filter({ hasText: answer.showing });
    if ((await item.count().catch(() => 0)) === 0) continue;
    await item.first().getByRole('button', { name: answer.answer }).click();
    answered.push(answer.showing);
    return true;
  }
  return false;
}

function readAnswers(file: string): PromptAnswer[] {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PromptAnswer[];
  } catch {
    return [];
  }
}
