// The independent judge: @modelcontextprotocol/conformance runs its scenario servers and drives
// `mcp-scope conformance <url>` as the client under test, then reports which checks passed.
// The runner needs Node >= 22 (the test host's Node 24); the CLI runs on this machine's Node.
// The scenario servers listen on every interface, so the runner and the client run in a network
// namespace of their own whose only interface is loopback.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { ensureTestHost } from '../e2e/vscodeHost';
import { CLI_PATH, ensureCliBuilt } from '../fixtures/cli';

const RUNNER = join(__dirname, '..', '..', 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');

/** Each scenario the CLI runs today, with the checks that prove the client did what the scenario asks. */
const SCENARIOS: Record<string, string[]> = {
  initialize: ['mcp-client-initialization'],
  tools_call: ['tool-add-numbers'],
  'elicitation-sep1034-client-defaults': [
    'client-elicitation-sep1034-string-default',
    'client-elicitation-sep1034-integer-default',
    'client-elicitation-sep1034-number-default',
    'client-elicitation-sep1034-enum-default',
    'client-elicitation-sep1034-boolean-default',
  ],
  'sse-retry': ['client-sse-graceful-reconnect', 'client-sse-retry-timing', 'client-sse-last-event-id'],
};

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | string;
  errorMessage?: string;
}

interface RunnerResult {
  code: number | null;
  output: string;
  /** The network interfaces the runner saw. */
  interfaces: string[];
  checks: Check[];
}

/** Runs one scenario inside a loopback-only network namespace and reads the checks it saved. */
function runScenario(node24: string, scenario: string): Promise<RunnerResult> {
  const results = mkdtempSync(join(tmpdir(), 'mcp-scope-conformance-'));
  // The runner splits --command at spaces and appends the server's URL.
  const command = `${process.execPath} ${CLI_PATH} conformance`;
  // `ip` asks the kernel about this namespace (/sys/class/net would show the host's interfaces).
  const script = 'ip link set lo up && echo "interfaces: $(ip -o link show | cut -d: -f2 | tr -d " " | tr "\\n" " ")" && exec "$0" "$@"';
  const child = spawn(
    'unshare',
    ['-n', 'sh', '-c', script, node24, RUNNER, 'client', '--command', command, '--scenario', scenario, '--timeout', '20000', '-o', results],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      try {
        const interfaces = /interfaces: (.*)/.exec(output)?.[1].trim().split(/\s+/) ?? [];
        const runs = readdirSync(results).filter((name) => name.startsWith(`${scenario}-`));
        const checks =
          runs.length === 1 ? (JSON.parse(readFileSync(join(results, runs[0], 'checks.json'), 'utf8')) as Check[]) : [];
        resolve({ code, output, interfaces, checks });
      } catch (error) {
        reject(error);
      } finally {
        rmSync(results, { recursive: true, force: true });
      }
    });
  });
}

describe('@modelcontextprotocol/conformance with mcp-scope as the client', () => {
  let node24: string;

  before(() => {
    node24 = join(ensureTestHost(), 'node24', 'bin', 'node');
    ensureCliBuilt();
  });

  for (const [scenario, required] of Object.entries(SCENARIOS)) {
    test(`scenario ${scenario} passes every check`, { timeout: 60_000 }, async () => {
      const run = await runScenario(node24, scenario);
      assert.deepEqual(run.interfaces, ['lo'], `the runner must see only loopback:\n${run.output}`);
      assert.equal(run.code, 0, `the runner failed the scenario:\n${run.output}`);
      assert.match(run.output, /OVERALL: PASSED/);
      const bad = run.checks.filter((check) => check.status === 'FAILURE' || check.status === 'WARNING');
      assert.deepEqual(bad, [], `failed or warned checks:\n${run.output}`);
      for (const id of required) {
        assert.equal(run.checks.find((check) => check.id === id)?.status, 'SUCCESS', `check ${id} did not pass:\n${run.output}`);
      }
    });
  }
});
