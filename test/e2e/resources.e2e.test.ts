// Resources and prompts in a real VS Code: server-everything's resources in the panel and in the
// side bar's tree, a resource opened as a read-only Markdown editor from each, and its
// completable prompt filled in with the server's suggestions.

import { join } from 'node:path';
import { test } from 'node:test';
import { useEverythingWorkbench } from './everythingWorkbench';
import { SHOTS_DIR } from './vscodeHost';
import { openWorkbench, runCommand, webviewFrame } from './workbench';

const { workbench, step } = useEverythingWorkbench();

test('a resource opens from the panel and from the tree as a read-only Markdown editor; a prompt completes and renders', async () => {
  const { page } = workbench.browser;
  const panel = webviewFrame(page);
  const editorTab = (name: string) => page.locator('.tabs-container .tab', { hasText: name });
  const language = page.locator('.statusbar-item', { hasText: /^Markdown$/ });

  await step('open the workbench and the inspector', async () => {
    await openWorkbench(page, workbench.vscode.url);
    await runCommand(page, 'MCP Scope: Open Inspector');
    await panel.getByRole('button', { name: 'everything connected' }).waitFor({ timeout: 30_000 });
  });

  await step('read architecture.md in the panel, highlighted as Markdown', async () => {
    await panel.getByRole('tab', { name: /Resources/ }).click();
    await panel.getByRole('button', { name: 'architecture.md', exact: true }).click();
    await panel.locator('pre.code-block[data-language="markdown"] .tok-heading', { hasText: '# Everything Server – Architecture' }).waitFor({ timeout: 10_000 });
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'resources-panel.png') });

  await step('Open in editor shows it read-only, in Markdown', async () => {
    await panel.getByRole('button', { name: 'Open in editor' }).click();
    await editorTab('architecture.md').waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'Everything Server – Architecture' }).waitFor({ timeout: 10_000 });
    await language.first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+End');
    await page.keyboard.type('x');
    await page.locator('.monaco-editor-overlaymessage', { hasText: /read-only/i }).first().waitFor({ timeout: 5000 });
  });

  await step('the completable prompt is filled in with the server’s suggestions and rendered', async () => {
    await page.locator('.tabs-container .tab', { hasText: 'MCP Scope' }).click();
    await panel.getByRole('tab', { name: /Prompts/ }).click();
    await panel.getByRole('button', { name: 'completable-prompt', exact: true }).click();
    await panel.getByLabel('department', { exact: true }).fill('Sa');
    await panel.getByRole('list', { name: 'Suggestions for department' }).getByRole('button', { name: 'Sales' }).click({ timeout: 10_000 });
    await panel.getByLabel('name', { exact: true }).focus();
    await panel.getByRole('list', { name: 'Suggestions for name' }).getByRole('button', { name: 'Eve' }).click({ timeout: 10_000 });
    await panel.getByRole('button', { name: 'Get prompt' }).click();
    await panel.locator('.prompt-message', { hasText: 'Please promote Eve to the head of the Sales team.' }).waitFor({ timeout: 10_000 });
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'prompts-panel.png') });

  await step('the tree lists the resources and prompts of the server; a resource opens from it', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="MCP Scope"]').click();
    const tree = page.locator('.pane', { hasText: 'Servers' }).locator('.monaco-list-row');
    await tree.filter({ hasText: 'everything' }).first().click();
    await tree.filter({ hasText: /^Prompts/ }).waitFor({ timeout: 10_000 });
    await tree.filter({ hasText: /^Resources/ }).click();
    await tree.filter({ hasText: 'features.md' }).click();
    await editorTab('features.md').waitFor({ timeout: 15_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'Everything Server - Features' }).waitFor({ timeout: 10_000 });
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'resources-tree.png') });
});
