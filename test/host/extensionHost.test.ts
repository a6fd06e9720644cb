// Extension-host tests: checks that use the VS Code API from inside the extension host of a real
// VS Code (code-server), each reported here as a test of its own (test/host/inHost/*.ts).

import { test } from 'node:test';
import { type HostRunOptions, runHostSuite } from './hostRun';

/** Runs the suite `test/host/inHost/<suite>.ts` in a VS Code started with `options`, one test per check. */
function hostSuiteTest(name: string, suite: string, options: HostRunOptions): void {
  test(name, { timeout: 180_000 }, async (t) => {
    const run = await runHostSuite(suite, options);
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
}

hostSuiteTest('in a trusted workspace: configuration sources, secrets, commands', 'trusted', {});
hostSuiteTest('in a workspace that is not trusted: workspace servers listed, never contacted', 'untrusted', { workspaceTrust: true });
hostSuiteTest('the debugging loop under js-debug: Start and Connect, a breakpoint that holds a call, a debug restart, a debug stop', 'debugging', {});
hostSuiteTest('in a workspace of two folders: each folder keeps the saved calls of its servers', 'multiRoot', { secondFolder: true });
