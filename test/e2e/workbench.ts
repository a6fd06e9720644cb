// Driving VS Code's web workbench with playwright-core and Debian's Chromium.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../fixtures/chromium';
import { eventually } from '../webview/fakeHost';

export interface Browser {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'mcp-scope-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1500, height: 900 },
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the workbench and waits until the workspace is listed in the explorer. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'README.md' }).waitFor({ timeout: 60_000 });
}

/** Runs a command from the palette (F1). Commands register a moment after the workbench shows: retry until listed. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  for (let attempt = 1; attempt <= 30; attempt++) {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ state: 'visible', timeout: 2000 });
      await input.press('Enter');
      return;
    } catch {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  throw new Error(`The command "${title}" never showed up in the command palette.`);
}

/** The content of the (one) webview: VS Code nests it in two iframes. */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/**
 * Opens the details of a timeline row and returns the JSON they show: its event, or the row's events
 * (a request with its progress and response) as an array; then closes them.
 *
 * The list draws its rows into elements it reuses by place, so an element found a moment before can
 * show another row by the time a pointer click reaches it (the list follows new events, a filter
 * fills it): the click went to another row, whose selection scrolled the wanted one out of view.
 * So the click is dispatched to the element that shows the row's sequence number at that instant.
 */
export async function timelineRowDetails<T>(panel: FrameLocator, row: Locator): Promise<T | T[]> {
  const seq = Number(await row.getAttribute('data-seq'));
  const json = await eventually(async () => {
    await panel.locator(`.timeline [role="row"][data-seq="${seq}"]`).dispatchEvent('click', undefined, { timeout: 2000 });
    const shown = JSON.parse(await panel.getByLabel('JSON of the events').innerText({ timeout: 2000 })) as T | T[];
    const lead = (Array.isArray(shown) ? shown[0] : shown) as { seq?: number };
    assert.equal(lead.seq, seq, 'the details are those of the row clicked');
    return shown;
  }, 10_000, 100);
  await panel.getByRole('button', { name: 'Close the details' }).click();
  return json;
}

/**
 * Runs named steps; a failing step leaves a screenshot in `shotsDir` and says where the logs
 * are, so every e2e failure can be looked at afterwards.
 */
export function stepRunner(page: () => Page, shotsDir: string, logsDir: () => string) {
  return async function step<T>(name: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const shot = join(shotsDir, `failure-${name.replace(/\W+/g, '-')}.png`);
      await page().screenshot({ path: shot }).catch(() => undefined);
      throw new Error(`${name} failed: ${(error as Error).message}\n  screenshot: ${shot}\n  VS Code logs: ${logsDir()}`);
    }
  };
}

/** Waits for a quick input (input box or quick pick) showing `showing`, types `text` and accepts it. */
export async function answerQuickInput(page: Page, showing: string | RegExp, text: string, timeout = 20_000): Promise<void> {
  const widget = page.locator('.quick-input-widget', { hasText: showing });
  await widget.waitFor({ state: 'visible', timeout });
  const input = widget.locator('.quick-input-box input');
  await input.fill(text, { timeout });
  // On the input, not the page: a webview that takes the focus back late would get the key.
  await input.press('Enter');
}

/**
 * Runs a command that asks one question in a quick pick, and answers it. With a webview panel
 * open, the workbench can close the pick as it appears (it loses the focus to the webview, and
 * under load its close animation can leave the input inert): then the command runs again, up to
 * three times.
 */
export async function runCommandAndAnswer(page: Page, title: string, showing: string | RegExp, text: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    // F1 does not reach the workbench while a webview has the focus.
    await page.locator('.part.sidebar .composite.title').click();
    await runCommand(page, title);
    try {
      await answerQuickInput(page, showing, text, 10_000);
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}
