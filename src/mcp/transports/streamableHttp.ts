// Streamable HTTP (the 2025 era): every client message is one POST to the MCP endpoint, answered
// with JSON or with an SSE stream; a session id kept from initialize; an optional GET stream for
// the server's own messages; DELETE when the session ends.

import type { Problem } from '../../shared/model';
import { isRequest, isResponse, parseJsonRpcText, type JsonRpcMessage } from '../jsonRpc';
import {
  httpAnswerOf,
  HttpStatusError,
  McpScopeError,
  networkProblem,
  problemOf,
  ProtocolViolationError,
} from '../problems';
import type { Transport, TransportHandlers } from '../transport';
import { type EventSourceMessage, mediaType, readEventStream } from './eventStream';

export interface StreamableHttpOptions {
  /** The server's MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  url: string;
  /** Headers sent with every request, e.g. `Authorization`. */
  headers?: Record<string, string>;
  /** How long closing waits for the server to answer the DELETE, in milliseconds (default 5000). */
  closeTimeoutMs?: number;
}

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

export class StreamableHttpTransport implements Transport {
  sessionId: string | undefined;
  protocolVersion: string | undefined;
  private handlers: TransportHandlers | undefined;
  /** Aborted on close: ends every request and stream still open. */
  private readonly lifetime = new AbortController();

  constructor(private readonly options: StreamableHttpOptions) {}

  start(handlers: TransportHandlers): void {
    this.handlers = handlers;
  }

  async send(message: JsonRpcMessage, options: { signal?: AbortSignal } = {}): Promise<void> {
    const what = 'method' in message ? `POST ${message.method}` : 'POST of a response';
    const response = await this.fetch(what, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify(message),
      signal: options.signal ? AbortSignal.any([options.signal, this.lifetime.signal]) : this.lifetime.signal,
    });
    if (isRequest(message) && message.method === 'initialize') this.keepSessionId(response);

    if (!response.ok) throw await this.statusError(what, response);
    if (!isRequest(message)) {
      // Notifications and responses are acknowledged with 202 and no body; a body here means nothing.
      await response.body?.cancel();
      return;
    }
    if (response.status === 202) {
      throw new ProtocolViolationError({
        summary: `The server answered ${what} with 202 Accepted and no body, but a request needs an answer.`,
        advice: 'The server must answer a request with application/json or text/event-stream.',
      });
    }
    let answered = false;
    const deliver = (raw: string) =>
      this.deliver(raw, (m) => {
        if (isResponse(m) && m.id === message.id) answered = true;
      });
    const type = mediaType(response);
    if (type === 'application/json') {
      deliver(await response.text());
    } else if (type === 'text/event-stream' && response.body) {
      await this.readEventStream(response.body, (event) => deliver(event.data), `the answer to ${message.method}`);
    } else {
      throw new ProtocolViolationError({
        summary: `The server answered ${what} with content type ${response.headers.get('content-type') ?? '(none)'}, which is neither application/json nor text/event-stream.`,
        advice: 'Check that the URL points at the MCP endpoint and not at a web page.',
        http: await httpAnswerOf(response),
      });
    }
    if (!answered) {
      throw new ProtocolViolationError({
        summary: `The server ended its answer to ${message.method} (id ${message.id}) without sending the response.`,
      });
    }
  }

  sessionStarted(): void {
    void this.listen();
  }

  async close(): Promise<void> {
    if (this.lifetime.signal.aborted) return;
    this.lifetime.abort();
    if (this.sessionId === undefined) return;
    try {
      const response = await this.fetch('DELETE of the session', {
        method: 'DELETE',
        signal: AbortSignal.timeout(this.options.closeTimeoutMs ?? 5000),
      });
      await response.body?.cancel();
      // 405: the server does not let clients end sessions; that is allowed.
      if (!response.ok && response.status !== 405 && response.status !== 404) {
        this.handlers?.onProblem({
          summary: `The server answered the DELETE that ends session ${this.sessionId} with ${response.status} ${response.statusText}.`,
        });
      }
    } catch (error) {
      this.handlers?.onProblem(problemOf(error));
    }
  }

  /** The GET stream, on which the server may send messages outside any request. Optional. */
  private async listen(): Promise<void> {
    const what = 'GET of the event stream';
    try {
      const response = await this.fetch(what, {
        method: 'GET',
        headers: { accept: 'text/event-stream' },
        signal: this.lifetime.signal,
      });
      if (response.status === 405) {
        // The server offers no GET stream.
        await response.body?.cancel();
        return;
      }
      if (!response.ok) throw await this.statusError(what, response);
      if (mediaType(response) !== 'text/event-stream' || !response.body) {
        throw new ProtocolViolationError({
          summary: `The server answered the ${what} with content type ${response.headers.get('content-type') ?? '(none)'} instead of text/event-stream.`,
          http: await httpAnswerOf(response),
        });
      }
      await this.readEventStream(response.body, (event) => this.deliver(event.data), 'the event stream (GET)');
      if (!this.lifetime.signal.aborted) {
        this.handlers?.onProblem({
          summary: 'The server closed the event stream (GET).',
          advice: 'Messages it sends outside a request will not arrive until you reconnect.',
        });
      }
    } catch (error) {
      if (!this.lifetime.signal.aborted) this.handlers?.onProblem(problemOf(error));
    }
  }

  private async fetch(what: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Response> {
    const headers = new Headers(this.options.headers);
    for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);
    if (this.sessionId !== undefined) headers.set('mcp-session-id', this.sessionId);
    if (this.protocolVersion !== undefined) headers.set('mcp-protocol-version', this.protocolVersion);
    try {
      return await fetch(this.options.url, { ...init, headers });
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason;
      throw new McpScopeError(networkProblem(what, this.options.url, error), { cause: error });
    }
  }

  private keepSessionId(response: Response): void {
    const id = response.headers.get('mcp-session-id');
    if (id === null) return;
    if (!VISIBLE_ASCII.test(id)) {
      throw new ProtocolViolationError({
        summary: `The server sent a session id that is not visible ASCII: ${JSON.stringify(id)}.`,
        advice: 'Session ids may only contain characters 0x21 to 0x7E.',
      });
    }
    this.sessionId = id;
  }

  private async statusError(what: string, response: Response): Promise<HttpStatusError> {
    const http = await httpAnswerOf(response);
    const problem: Problem & { http: typeof http } = {
      summary: `The server answered ${what} with ${response.status} ${response.statusText}.`,
      http,
    };
    if (this.sessionId !== undefined && (response.status === 404 || response.status === 400)) {
      problem.summary += ` The session ${this.sessionId} may have ended on the server.`;
      problem.advice = 'Reconnect to start a new session.';
    } else if (response.status === 401 || response.status === 403) {
      problem.advice = 'The server wants credentials: add an Authorization header to the server in mcpScope.servers.';
    } else if (response.status === 404 || response.status === 405) {
      problem.advice = 'Check the URL: it must point at the MCP endpoint (often /mcp).';
    }
    return new HttpStatusError(problem);
  }

  /** Reads an SSE body to its end, handing each event with data to `onEvent`. */
  private readEventStream(body: ReadableStream<Uint8Array>, onEvent: (event: EventSourceMessage) => void, what: string): Promise<void> {
    return readEventStream(body, {
      // A priming event (an id and empty data) carries no message.
      onEvent: (event) => event.data !== '' && onEvent(event),
      onInvalid: (raw, reason) => this.handlers?.onMalformed(raw, reason),
      what,
      signal: this.lifetime.signal,
    });
  }

  private deliver(raw: string, seen?: (message: JsonRpcMessage) => void): void {
    const parsed = parseJsonRpcText(raw);
    if (!parsed.ok) {
      this.handlers?.onMalformed(raw, parsed.reason);
      return;
    }
    for (const message of parsed.messages) {
      seen?.(message);
      this.handlers?.onMessage(message);
    }
  }
}
