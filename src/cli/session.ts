// One run of `list` or `call`: connect, do the work, close the session, and decide the exit status.
// Ctrl+C cancels the running call (notifications/cancelled) and closes the session (DELETE).

import { McpClient } from '../mcp/client';
import type { HttpEndpoint } from '../mcp/endpoint';
import type { RequestId } from '../mcp/jsonRpc';
import { problemOf } from '../mcp/problems';
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
      onSent: (id) => (runningCall = id),
    });
    runningCall = undefined;
    reporter.result(command.tool, result);
    return result.isError ? EXIT.toolError : EXIT.ok;
  })().catch((error: unknown) => {
    // Once interrupted, the call fails because we closed the session: nothing to tell.
    if (!interrupted) reporter.failed(problemOf(error), EXIT.failed);
    return EXIT.failed;
  });

  const outcome = await Promise.race([work, context.interrupted.then(() => 'interrupted' as const)]);
  if (outcome !== 'interrupted') {
    await client.close();
    return outcome;
  }
  interrupted = true;
  // Told and awaited here, not through the call's abort signal: that sends the cancellation
  // without waiting, and closing right after could cut it off.
  const cancelled = runningCall;
  if (cancelled !== undefined) {
    await client.notify('notifications/cancelled', { requestId: cancelled, reason: 'Cancelled with Ctrl+C in mcp-scope.' }).catch(
      (error: unknown) => reporter.event({ type: 'problem', problem: problemOf(error) }),
    );
  }
  reporter.cancelled(cancelled);
  await client.close();
  return EXIT.interrupted;
}
