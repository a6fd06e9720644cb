// mcp-scope: the headless inspector. Lists a server's tools, resources and prompts, calls a tool and
// shows its progress, logs and result, and serves as the client under test for the conformance suite.

import { parseCommandLine, USAGE, UsageError, type Command } from './cli/commandLine';
import { runConformance } from './cli/conformance';
import { HumanReporter } from './cli/humanOutput';
import { JsonLinesReporter } from './cli/jsonLines';
import { EXIT, runSession } from './cli/session';

/** Set by the build from package.json; absent when run from source. */
declare const MCP_SCOPE_VERSION: string | undefined;
const version = typeof MCP_SCOPE_VERSION === 'string' ? MCP_SCOPE_VERSION : '0.0.0-source';
const clientInfo = { name: 'mcp-scope-cli', version };

async function main(argv: string[]): Promise<number> {
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`mcp-scope: ${error.message}\n\n${USAGE}\n`);
    return EXIT.failed;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    case 'version':
      process.stdout.write(`${version}\n`);
      return EXIT.ok;
    case 'conformance':
      return runConformance(command.url, clientInfo);
    case 'list':
    case 'call':
      return runSession(command, {
        clientInfo,
        reporter: command.json ? new JsonLinesReporter(process.stdout) : new HumanReporter(process.stdout, process.stderr, command.wire),
        interrupted: firstInterrupt(),
      });
  }
}

/** Settles at the first Ctrl+C; a second one ends the process at once, for a server that hangs the close. */
function firstInterrupt(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => {
      process.once('SIGINT', () => process.exit(EXIT.interrupted));
      resolve();
    });
  });
}

// A reader that goes away (`mcp-scope list … | head`) is no failure: stop writing and end quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    // Waits for stdout to drain (a pipe may lag behind), then exits even if a stream still holds the loop.
    process.stdout.write('', () => process.exit(code));
  },
  (error: unknown) => {
    process.stderr.write(`mcp-scope: an unexpected failure, please report it: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(EXIT.failed);
  },
);
