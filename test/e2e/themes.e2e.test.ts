// The panel in a real VS Code's four default themes: the --vscode-* variables VS Code injects into
// the webview are the ones test/webview/themes.ts gives the webview tests (so those tests see what
// users see), and a screenshot of each theme from the real workbench.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { THEMES, type ThemeKind } from '../webview/themes';
import { useEverythingWorkbench } from './everythingWorkbench';
import { SHOTS_DIR } from './vscodeHost';
import { openWorkbench, runCommand, webviewFrame } from './workbench';

const ROOT = resolve(__dirname, '..', '..');

/** VS Code's default theme of each kind, by its name in the theme picker. */
const DEFAULT_THEMES: Record<ThemeKind, string> = {
  dark: 'Dark Modern',
  light: 'Light Modern',
  'high-contrast': 'Dark High Contrast',
  'high-contrast-light': 'Light High Contrast',
};

/** Every variable the stylesheet reads. */
const USED_VARIABLES = [...new Set(readFileSync(join(ROOT, 'media', 'panel.css'), 'utf8').match(/--vscode-[\w-]+/g))].sort();

const { workbench, step } = useEverythingWorkbench({ 'window.autoDetectHighContrast': false, 'window.autoDetectColorScheme': false });

test('in each default theme of a real VS Code the webview gets the variables the webview tests use (screenshots in test-results/e2e/theme-*.png)', async () => {
  const { page } = workbench.browser;
  const panel = webviewFrame(page);
  await step('open the inspector and run get-sum', async () => {
    await openWorkbench(page, workbench.vscode.url);
    await runCommand(page, 'MCP Scope: Open Inspector');
    await panel.getByRole('button', { name: /^get-sum\b/ }).click({ timeout: 30_000 });
    await panel.getByLabel('a', { exact: true }).fill('2');
    await panel.getByLabel('b', { exact: true }).fill('3');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await panel.getByRole('region', { name: 'Result' }).getByText('The sum of 2 and 3 is 5.').waitFor({ timeout: 15_000 });
  });

  const mismatches: string[] = [];
  for (const [kind, name] of Object.entries(DEFAULT_THEMES) as [ThemeKind, string][]) {
    const seen = await step(`switch to ${name}`, async () => {
      await pickTheme(page, name);
      await panel.locator(`body.${THEMES[kind].bodyClass}`).waitFor({ timeout: 20_000 });
      // VS Code sets the variables on the webview's <html> in the same message as the body class.
      return panel.locator('html').evaluate((html, names) => Object.fromEntries(names.map((variable) => [variable, html.style.getPropertyValue(variable).trim()])), USED_VARIABLES);
    });
    writeFileSync(join(SHOTS_DIR, `theme-${kind}.json`), `${JSON.stringify(seen, null, 2)}\n`);
    await page.locator('.part.editor').screenshot({ path: join(SHOTS_DIR, `theme-${kind}.png`) });
    const ours = THEMES[kind].variables;
    for (const variable of USED_VARIABLES) {
      const real = seen[variable] || '(unset)';
      const given = ours[variable]?.trim() || '(unset)';
      if (real.toLowerCase() !== given.toLowerCase()) mismatches.push(`${kind} ${variable}: VS Code ${real}, themes.ts ${given}`);
    }
  }
  assert.deepEqual(mismatches, [], `test/webview/themes.ts differs from the real VS Code (values in ${SHOTS_DIR}/theme-*.json)`);
});

/**
 * Picks a color theme with the theme picker's own keys (the palette's "Color Theme" also lists the
 * marketplace's command, which needs the network). The keys need the workbench's focus, not the
 * webview's; a webview that takes the focus back late closes the picker as it appears, so the keys
 * are pressed again, up to three times.
 */
async function pickTheme(page: Page, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.locator('.part.sidebar .composite.title').click();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+T');
    try {
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.fill(name, { timeout: 10_000 });
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10_000 });
      await input.press('Enter');
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}
