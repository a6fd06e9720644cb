// One run of `list` or `call`: connect, do the work, close the session, and decide the exit status.
// Ctrl+C cancels the running call (notifications/cancelled) and closes the session (DELETE).

import { McpClient } from '../mcp/client';
import type { HttpEndpoint } from '../mcp/endpoint';
import type { RequestId } from '../mcp/jsonRpc';
import { problemOf, RequestTimeoutError } from '../mcp/problems';
import type { Problem } from '../shared/model';
import type { Transport } from '../mcp/transport';
import { StreamableHttpTransport } from '../mcp/transports/streamableHttp';
import type { Command } from './commandLine';
import type { Reporter } from './reporter';

export const EXIT = { ok: 0, toolError: 1, failed: 2, interrupted: 130 } as const;

/**
 * The one place the CLI creates a transport.
 * TODO(after the transports merge): hand the endpoint to the transport-selection function, so that
 * legacy SSE and stdio endpoints work here too.
 */
export function transportFor(endpoint: HttpEndpoint): Transport {
  return new StreamableHttpTransport({ url: endpoint.url, headers: endpoint.headers });
}

export interface RunContext {
  clientInfo: { name: string; version: string };
  reporter: Reporter;
  /** Settles when the user asks to stop (Ctrl+C). */
  interrupted: Promise<void>;
}

/** Runs `list` or `call` and returns the exit status. */
export async function runSession(command: Extract<Command, { kind: 'list' | 'call' }>, context: RunContext): Promise<number> {
  const { reporter } = context;
  const client = new McpClient(transportFor(command.endpoint), {
    clientInfo: context.clientInfo,
    requestTimeoutMs: command.timeoutMs,
    ...(command.protocolVersion !== undefined && { protocolVersion: command.protocolVersion }),
    onEvent: (event) => reporter.event(event),
  });
  let runningCall: RequestId | undefined;
  let interrupted = false;
  const cancel = new AbortController();

  const work = (async (): Promise<number> => {
    const server = await client.connect();
    reporter.connected(server, client.sessionId);
    if (command.kind === 'list') {
      reporter.tools(await client.listTools());
      if (command.resources) reporter.resources(server.capabilities.resources ? await client.listResources() : undefined);
      if (command.prompts) reporter.prompts(server.capabilities.prompts ? await client.listPrompts() : undefined);
      return EXIT.ok;
    }
    const result = await client.callTool(command.tool, command.args, {
      signal: cancel.signal,
      onSent: (id) => (runningCall = id),
    });
    runningCall = undefined;
    reporter.result(command.tool, result);
    return result.isError ? EXIT.toolError : EXIT.ok;
  })().catch((error: unknown) => {
    // Once interrupted, the call fails because we cancelled it: nothing more to tell.
    if (!interrupted) reporter.failed(problemForCli(error), EXIT.failed);
    return EXIT.failed;
  });

  const outcome = await Promise.race([work, context.interrupted.then(() => 'interrupted' as const)]);
  if (outcome !== 'interrupted') {
    await client.close();
    return outcome;
  }
  interrupted = true;
  // The client tells the server (notifications/cancelled), and closing waits for that to arrive.
  cancel.abort();
  reporter.cancelled(runningCall);
  await client.close();
  return EXIT.interrupted;
}

/** The client's problem, with advice that names the CLI's own flag where the client's names a setting. */
function problemForCli(error: unknown): Problem {
  const problem = problemOf(error);
  if (!(error instanceof RequestTimeoutError)) return problem;
  return { ...problem, advice: 'Give it longer with --timeout <seconds> if the server is just slow, or check the server for a hang.' };
}
