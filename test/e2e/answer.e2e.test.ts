// Answering the server in a real VS Code: the packaged VSIX in code-server against a real
// server-everything. A sampling reply written in the panel reaches the tool's result, an
// elicitation form accepted with its defaults returns them, and the server sees the workspace
// folder as its root.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { useEverythingWorkbench } from './everythingWorkbench';
import { SHOTS_DIR } from './vscodeHost';
import { openWorkbench, runCommand, webviewFrame } from './workbench';

const { workbench, step } = useEverythingWorkbench();

test('the user answers the server’s sampling and elicitation requests in the panel, and the tools get the answers', async () => {
  const { page } = workbench.browser;
  const panel = webviewFrame(page);
  const result = panel.getByRole('region', { name: 'Result' });
  const requests = panel.getByRole('region', { name: 'Server requests' });
  const runTool = async (name: string) => {
    // Not `\b`: trigger-sampling-request must not also match trigger-sampling-request-async.
    await panel.getByRole('button', { name: new RegExp(`^${name}(?![\\w-])`) }).click();
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
  };

  await step('open the inspector, connected to server-everything', async () => {
    await openWorkbench(page, workbench.vscode.url);
    await runCommand(page, 'MCP Scope: Open Inspector');
    await panel.getByRole('button', { name: 'everything connected' }).waitFor({ timeout: 30_000 });
  });

  await step('the server got the workspace folder as its root', async () => {
    await runTool('get-roots-list');
    const uri = pathToFileURL(workbench.vscode.workspace).href;
    await result.getByText(/Current MCP Roots \(1 total\)/).waitFor({ timeout: 15_000 });
    assert.match(await result.innerText(), new RegExp(`URI: ${uri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/?\\s`));
  });

  await step('a sampling request waits in the panel and the reply written there reaches the tool’s result', async () => {
    await panel.getByRole('button', { name: /^trigger-sampling-request(?![\w-])/ }).click();
    await panel.getByLabel('prompt', { exact: true }).fill('What is the capital of France?');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    const card = requests.getByRole('article', { name: /everything asks for a sampling reply/ });
    await card.locator('.sampling-message', { hasText: 'What is the capital of France?' }).waitFor({ timeout: 15_000 });
    await card.locator('.system-prompt', { hasText: 'You are a helpful test server.' }).waitFor();
    await card.getByLabel('Reply text').fill('Paris, says the person at the keyboard.');
    await page.screenshot({ path: join(SHOTS_DIR, 'sampling-request.png') });
    await card.getByRole('button', { name: 'Send reply' }).click();
    await result.getByText(/Paris, says the person at the keyboard\./).waitFor({ timeout: 15_000 });
    await card.waitFor({ state: 'detached' });
  });

  await step('an elicitation form accepted with its defaults returns them', async () => {
    await runTool('trigger-elicitation-request');
    const card = requests.getByRole('article', { name: /everything asks for information/ });
    await card.getByText('Please provide inputs for the following fields:').waitFor({ timeout: 15_000 });
    await card.getByLabel('String', { exact: true }).fill('Ada Lovelace');
    await page.screenshot({ path: join(SHOTS_DIR, 'elicitation-request.png') });
    await card.getByRole('button', { name: 'Accept' }).click();
    await result.getByText(/User provided the requested information/).waitFor({ timeout: 15_000 });
    const text = await result.innerText();
    assert.match(text, /- Name: Ada Lovelace/);
    assert.match(text, /- Favorite Integer: 42/);
    assert.match(text, /- Favorite Number: 3\.14/);
  });

  await step('the timeline shows each server request with the answer that went back', async () => {
    const filter = panel.getByRole('searchbox', { name: 'Filter by text' });
    for (const method of ['sampling/createMessage', 'elicitation/create']) {
      await filter.fill(method);
      await panel.locator('.timeline [data-kind="serverResponse"]', { hasText: method }).first().waitFor({ timeout: 5000 });
    }
  });
});
