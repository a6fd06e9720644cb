// From a server's endpoint to an initialized client: picks the transport, and for an `http`
// server falls back to legacy HTTP+SSE the way the spec's backwards-compatibility section says.

import type { TransportKind } from '../shared/model';
import { McpClient, type McpClientOptions } from './client';
import type { ServerEndpoint } from './endpoint';
import { CancelledError, HttpStatusError, McpScopeError, problemOf } from './problems';
import { type InitializeResult, LEGACY_SSE_VERSIONS, STDIO_VERSIONS, STREAMABLE_HTTP_VERSIONS } from './protocol';
import { LegacySseTransport } from './transports/legacySse';
import { StdioTransport } from './transports/stdio';
import { StreamableHttpTransport } from './transports/streamableHttp';
import type { WireRecorder } from './wire';

/** A client that finished `initialize`, and the transport it ended up on. */
export interface Connection {
  client: McpClient;
  transport: TransportKind;
  initialized: InitializeResult;
}

export interface ConnectOptions extends Omit<McpClientOptions, 'versions'> {
  /**
   * Hears, before it is tried, that an `http` server refused Streamable HTTP and legacy HTTP+SSE is
   * used instead, e.g. "Streamable HTTP refused (405 Method Not Allowed), using legacy HTTP+SSE at …".
   */
  onFallback?: (notice: string) => void;
  /** Aborting it gives up connecting: the client is closed (a started process ends) and the promise rejects. */
  signal?: AbortSignal;
  /** Receives every exchange as it goes over the wire. */
  recorder?: WireRecorder;
}

/** The statuses with which a server that only speaks legacy HTTP+SSE refuses a Streamable HTTP POST. */
const LEGACY_REFUSALS = [400, 404, 405];

/** Connects to a server and runs `initialize`; on failure nothing is left open. */
export async function connect(endpoint: ServerEndpoint, options: ConnectOptions): Promise<Connection> {
  const { onFallback, signal, recorder, ...clientOptions } = options;
  if (endpoint.transport === 'stdio') {
    const { command, args, env, cwd } = endpoint;
    const client = new McpClient(new StdioTransport({ command, args, env, cwd, recorder }), { ...clientOptions, versions: STDIO_VERSIONS });
    return { client, transport: 'stdio', initialized: await initialize(client, signal) };
  }
  const { url, headers } = endpoint;
  const legacy = () =>
    new McpClient(new LegacySseTransport({ url, headers, recorder }), { ...clientOptions, versions: LEGACY_SSE_VERSIONS });
  if (endpoint.transport === 'sse') {
    const client = legacy();
    return { client, transport: 'legacy-sse', initialized: await initialize(client, signal) };
  }

  const streamable = new StreamableHttpTransport({ url, headers, recorder });
  const client = new McpClient(streamable, { ...clientOptions, versions: STREAMABLE_HTTP_VERSIONS });
  try {
    return { client, transport: 'streamable-http', initialized: await initialize(client, signal) };
  } catch (error) {
    if (!(error instanceof HttpStatusError) || !LEGACY_REFUSALS.includes(error.status) || streamable.sessionId !== undefined) {
      throw error;
    }
    const refusal = `${error.status} ${error.problem.http?.statusText ?? ''}`.trim();
    onFallback?.(`Streamable HTTP refused (${refusal}), using legacy HTTP+SSE at ${url}`);
    const fallback = legacy();
    try {
      return { client: fallback, transport: 'legacy-sse', initialized: await initialize(fallback, signal) };
    } catch (legacyError) {
      if (legacyError instanceof CancelledError) throw legacyError;
      const problem = problemOf(legacyError);
      throw new McpScopeError(
        {
          ...problem,
          summary: `Neither transport worked at ${url}: Streamable HTTP was refused (${refusal}), and legacy HTTP+SSE failed: ${problem.summary}`,
          advice: problem.advice ?? 'Check that the URL is the server’s MCP endpoint.',
        },
        { cause: legacyError },
      );
    }
  }
}

/** Runs `initialize`; a failure or an abort closes the client before the promise rejects. */
async function initialize(client: McpClient, signal: AbortSignal | undefined): Promise<InitializeResult> {
  if (signal?.aborted) {
    await client.close();
    throw new CancelledError({ summary: 'Connecting was cancelled.' });
  }
  const abandon = () => void client.close();
  signal?.addEventListener('abort', abandon, { once: true });
  try {
    return await client.connect();
  } catch (error) {
    await client.close();
    if (signal?.aborted) throw new CancelledError({ summary: 'Connecting was cancelled.' }, { cause: error });
    throw error;
  } finally {
    signal?.removeEventListener('abort', abandon);
  }
}
