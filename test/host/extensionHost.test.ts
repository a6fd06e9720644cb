// Extension-host tests: checks that use the VS Code API from inside the extension host of a real
// VS Code (code-server), each reported here as a test of its own (test/host/inHost/*.ts).

import { test } from 'node:test';
import { runHostSuite } from './hostRun';

test('in a trusted workspace: configuration sources, secrets, commands', { timeout: 180_000 }, async (t) => {
  const run = await runHostSuite('trusted', {});
  try {
    for (const result of run.results) {
      await t.test(result.name, () => {
        if (!result.ok) throw new Error(result.error);
      });
    }
  } finally {
    await run.stop();
  }
});

test('in a workspace that is not trusted: workspace servers listed, never contacted', { timeout: 180_000 }, async (t) => {
  const run = await runHostSuite('untrusted', { workspaceTrust: true });
  try {
    for (const result of run.results) {
      await t.test(result.name, () => {
        if (!result.ok) throw new Error(result.error);
      });
    }
  } finally {
    await run.stop();
  }
});

test('the debugging loop under js-debug: Start and Connect, a breakpoint that holds a call, a debug restart', { timeout: 180_000 }, async (t) => {
  const run = await runHostSuite('debugging', {});
  try {
    for (const result of run.results) {
      await t.test(result.name, () => {
        if (!result.ok) throw new Error(result.error);
      });
    }
  } finally {
    await run.stop();
  }
});
