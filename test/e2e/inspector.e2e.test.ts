// The user's whole path in a real VS Code: the packaged VSIX installed into code-server, a real
// server-everything on loopback, the command palette, the panel, tools, a form, results, progress.

import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { useEverythingWorkbench } from './everythingWorkbench';
import { SHOTS_DIR } from './vscodeHost';
import { openWorkbench, runCommand, timelineRowDetails, webviewFrame } from './workbench';

const ROOT = resolve(__dirname, '..', '..');

const { workbench, step } = useEverythingWorkbench();

test('the inspector opens from the command palette, lists the tools, runs them with live progress and logs, and disconnects', async () => {
  const { page } = workbench.browser;
  const panel = webviewFrame(page);
  const result = panel.getByRole('region', { name: 'Result' });

  await step('open the workbench', () => openWorkbench(page, workbench.vscode.url));
  await step('open the inspector from the palette', () => runCommand(page, 'MCP Scope: Open Inspector'));

  await step('list the tools of server-everything', async () => {
    await panel.getByRole('button', { name: 'everything connected' }).waitFor({ timeout: 30_000 });
    for (const tool of ['get-sum', 'trigger-long-running-operation', 'echo']) {
      await panel.getByRole('button', { name: new RegExp(`^${tool}\\b`) }).waitFor({ timeout: 10_000 });
    }
  });

  await step('run get-sum with 2 and 3', async () => {
    await panel.getByRole('button', { name: /^get-sum\b/ }).click();
    await panel.getByLabel('a', { exact: true }).fill('2');
    await panel.getByLabel('b', { exact: true }).fill('3');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await result.getByText('The sum of 2 and 3 is 5.').waitFor({ timeout: 15_000 });
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'get-sum.png') });

  const progressSeen = await step('run trigger-long-running-operation and watch progress rise', async () => {
    await panel.getByRole('button', { name: /^trigger-long-running-operation\b/ }).click();
    await panel.getByLabel('duration', { exact: true }).fill('3');
    await panel.getByLabel('steps', { exact: true }).fill('5');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    const bar = panel.getByRole('progressbar', { name: 'Progress of trigger-long-running-operation' });
    const seen: number[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const value = await bar.getAttribute('value', { timeout: 200 }).catch(() => null);
      if (value !== null && Number(value) !== seen.at(-1)) seen.push(Number(value));
      if (seen.length === 2) await page.screenshot({ path: join(SHOTS_DIR, 'progress.png') });
      if (await result.getByText(/^Long running operation completed/).isVisible()) break;
      await page.waitForTimeout(100);
    }
    await result.getByText('Long running operation completed. Duration: 3 seconds, Steps: 5.').waitFor({ timeout: 10_000 });
    return seen;
  });
  assert.ok(progressSeen.length >= 2, `the progress bar should have shown several values, saw ${JSON.stringify(progressSeen)}`);
  assert.deepEqual([...progressSeen].sort((x, y) => x - y), progressSeen, `progress should only rise, saw ${JSON.stringify(progressSeen)}`);
  assert.ok(progressSeen.every((value) => value >= 1 && value <= 5), `progress values out of 1..5: ${JSON.stringify(progressSeen)}`);

  await step('the timeline shows the call with its duration, and its progress in the details', async () => {
    const call = panel.getByRole('row').filter({ hasText: 'tools/call trigger-long-running-operation' }).last();
    await call.getByText(/^\d+(\.\d+)? s$/).waitFor({ timeout: 5000 });
    const shown = await timelineRowDetails<{ kind: string }>(panel, call);
    const events = Array.isArray(shown) ? shown : [shown];
    assert.ok(events.filter((event) => event.kind === 'progress').length >= 5, `the call's events: ${events.map((event) => event.kind).join(', ')}`);
  });
  await page.screenshot({ path: join(SHOTS_DIR, 'inspector.png') });
  // The README's picture (also shown on the extension's page in VS Code, so it ships in the VSIX: kept small).
  await page.locator('.part.editor').screenshot({ path: join(SHOTS_DIR, 'inspector.jpg'), type: 'jpeg', quality: 30 });

  await step('log messages from the server arrive in the timeline (on the GET stream)', async () => {
    await panel.getByRole('button', { name: /^toggle-simulated-logging\b/ }).click();
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    await result.getByText(/Started simulated/).waitFor({ timeout: 10_000 });
    await panel.locator('.timeline [data-kind="log"]', { hasText: /-level message - SessionId / }).first().waitFor({ timeout: 15_000 });
  });

  await step('Disconnect ends the session', async () => {
    await panel.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await panel.getByRole('button', { name: 'everything closed' }).waitFor({ timeout: 10_000 });
    await panel.locator('.timeline [data-kind="connection"]', { hasText: 'Disconnected from' }).waitFor({ timeout: 5000 });
  });
  // `UPDATE_SCREENSHOTS=1 npm test` refreshes the README's picture.
  if (process.env.UPDATE_SCREENSHOTS) copyFileSync(join(SHOTS_DIR, 'inspector.jpg'), join(ROOT, 'docs', 'inspector.jpg'));
});
