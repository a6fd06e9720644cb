// One run of `list` or `call`: connect, do the work, close the session, and decide the exit status.
// Ctrl+C gives up connecting, or cancels the running request (notifications/cancelled), and closes
// the session (DELETE, or the server process ends).

import type { McpClient } from '../mcp/client';
import { connect } from '../mcp/connect';
import type { RequestId } from '../mcp/jsonRpc';
import { problemOf } from '../mcp/problems';
import { WireRecorder } from '../mcp/wire';
import type { Command } from './commandLine';
import type { Reporter } from './reporter';

export const EXIT = { ok: 0, toolError: 1, failed: 2, interrupted: 130 } as const;

export interface RunContext {
  clientInfo: { name: string; version: string };
  reporter: Reporter;
  /** Settles when the user asks to stop (Ctrl+C). */
  interrupted: Promise<void>;
}

/** Runs `list` or `call` and returns the exit status. */
export async function runSession(command: Extract<Command, { kind: 'list' | 'call' }>, context: RunContext): Promise<number> {
  const { reporter } = context;
  let client: McpClient | undefined;
  let runningCall: RequestId | undefined;
  let interrupted = false;
  // One signal for everything under way: connecting gives up, a running request is cancelled.
  const stop = new AbortController();
  const { signal } = stop;

  const work = (async (): Promise<number> => {
    const connection = await connect(command.endpoint, {
      clientInfo: context.clientInfo,
      requestTimeoutMs: command.timeoutMs,
      timeoutAdvice: 'Give it longer with --timeout <seconds> if the server is just slow, or check the server for a hang.',
      ...(command.protocolVersion !== undefined && { protocolVersion: command.protocolVersion }),
      onEvent: (event) => reporter.event(event),
      onFallback: (notice) => reporter.fallback(notice),
      // Human output without --wire shows no wire record: then none is made.
      ...((command.json || command.wire) && { recorder: new WireRecorder((record) => reporter.wire(record), command.secretHeaders) }),
      signal,
    });
    client = connection.client;
    reporter.connected(connection.initialized, client.sessionId, connection.transport);
    const server = connection.initialized;
    if (command.kind === 'list') {
      reporter.tools(await client.listTools({ signal }));
      if (command.resources) reporter.resources(server.capabilities.resources ? await client.listResources({ signal }) : undefined);
      if (command.prompts) reporter.prompts(server.capabilities.prompts ? await client.listPrompts({ signal }) : undefined);
      return EXIT.ok;
    }
    const result = await client.callTool(command.tool, command.args, {
      signal,
      onSent: (id) => (runningCall = id),
    });
    runningCall = undefined;
    reporter.result(command.tool, result);
    return result.isError ? EXIT.toolError : EXIT.ok;
  })().catch((error: unknown) => {
    // Once interrupted, the work fails because we stopped it: nothing more to tell.
    if (!interrupted) reporter.failed(problemOf(error), EXIT.failed);
    return EXIT.failed;
  });

  const outcome = await Promise.race([work, context.interrupted.then(() => 'interrupted' as const)]);
  if (outcome !== 'interrupted') {
    await client?.close();
    return outcome;
  }
  interrupted = true;
  // Connecting closes the half-made client itself; a connected client tells the server
  // (notifications/cancelled, or tasks/cancel for a task, which needs the connection open until
  // it is answered), and closing waits for that to arrive.
  stop.abort();
  reporter.cancelled(runningCall);
  await work;
  await client?.close();
  return EXIT.interrupted;
}
