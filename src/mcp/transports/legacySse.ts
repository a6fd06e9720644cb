// The legacy HTTP+SSE transport (2024-11-05): a GET opens an event stream whose first `endpoint`
// event names the URL to POST each message to; everything the server sends, answers included,
// arrives on that one stream.

import { parseJsonRpcText, type JsonRpcMessage } from '../jsonRpc';
import {
  ConnectionClosedError,
  httpAnswerOf,
  HttpStatusError,
  NetworkError,
  networkProblem,
  problemOf,
  ProtocolViolationError,
} from '../problems';
import type { SendOptions, Transport, TransportHandlers } from '../transport';
import type { RecordedExchange, WireRecorder } from '../wire';
import { type EventSourceMessage, mediaType, readEventStream } from './eventStream';
import { abortedOf, type HttpReply, type HttpRequestInit, KeepAliveHttp, lowerCaseHeaders } from './keepAliveHttp';

export interface LegacySseOptions {
  /** The server's SSE endpoint, e.g. `http://127.0.0.1:3000/sse`. */
  url: string;
  /** Headers sent with every request, e.g. `Authorization`. */
  headers?: Record<string, string>;
  /** How long to wait for the `endpoint` event, from opening the stream, in milliseconds (default 10000). */
  endpointTimeoutMs?: number;
  /** Receives every exchange as it goes over the wire. */
  recorder?: WireRecorder;
}

const STREAM = 'the event stream (legacy HTTP+SSE)';

export class LegacySseTransport implements Transport {
  protocolVersion: string | undefined;
  readonly sessionId = undefined;
  private handlers: TransportHandlers | undefined;
  /** Aborted on close, or when the stream is of no use: ends the stream and every POST. */
  private readonly lifetime = new AbortController();
  /** Kept-alive connections to the server, ended on close. */
  private readonly connections = new KeepAliveHttp(this.lifetime.signal);
  /** Where to POST messages: the URL of the `endpoint` event, once it came. */
  private postUrl: URL | undefined;
  private endpointKnown: Promise<URL> = Promise.reject(new Error('LegacySseTransport.send() before start()'));
  private endpointFound: (url: URL) => void = () => undefined;
  private endpointMissing: (error: unknown) => void = () => undefined;

  constructor(private readonly options: LegacySseOptions) {
    this.endpointKnown.catch(() => undefined);
  }

  /** Opens the event stream; the first `send` waits for its `endpoint` event. */
  start(handlers: TransportHandlers): void {
    this.handlers = handlers;
    this.endpointKnown = new Promise((resolve, reject) => {
      this.endpointFound = resolve;
      this.endpointMissing = reject;
    });
    // The first send reports a stream that never named its endpoint; nobody else waits for it.
    this.endpointKnown.catch(() => undefined);
    const waitMs = this.options.endpointTimeoutMs ?? 10_000;
    const timer = setTimeout(
      () =>
        this.refuse(
          new ProtocolViolationError({
            summary: `The server at ${this.options.url} sent no endpoint event within ${waitMs / 1000} s, so MCP Scope does not know where to send messages.`,
            advice: 'Check that the URL is the SSE endpoint of a legacy HTTP+SSE server (often /sse), or use the server’s Streamable HTTP endpoint.',
          }),
        ),
      waitMs,
    );
    this.endpointKnown.then(
      () => clearTimeout(timer),
      () => clearTimeout(timer),
    );
    void this.listen();
  }

  async send(message: JsonRpcMessage, options: SendOptions = {}): Promise<void> {
    const url = await this.endpointKnown;
    const what = 'method' in message ? `POST ${message.method}` : 'POST of a response';
    const { response, exchange } = await this.request(what, url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signals: options.cancellation ? [options.cancellation, this.lifetime.signal] : [this.lifetime.signal],
    });
    if (!response.ok) {
      const http = await httpAnswerOf(response);
      exchange?.body(http.bodyStart);
      exchange?.end();
      throw new HttpStatusError({
        summary: `The server answered ${what} to ${url.href} with ${response.status} ${response.statusText}.`,
        ...(response.status === 404 && { advice: 'The server no longer knows this connection: connect again.' }),
        http,
      });
    }
    // 202 Accepted: the answer comes on the event stream; any body here means nothing.
    response.body.resume();
    exchange?.end();
  }

  sessionStarted(): void {
    // The one event stream is already open.
  }

  async close(): Promise<void> {
    this.lifetime.abort();
    this.connections.close();
    // Settles the wait for the endpoint, if it is still on, so that its timer ends too.
    this.endpointMissing(new ConnectionClosedError({ summary: 'The connection was closed before the server named its endpoint.' }));
  }

  private async listen(): Promise<void> {
    const url = this.options.url;
    const what = 'GET of the event stream';
    try {
      const { response, exchange } = await this.request(what, new URL(url), {
        method: 'GET',
        headers: { accept: 'text/event-stream' },
        signals: [this.lifetime.signal],
      });
      if (!response.ok) {
        const http = await httpAnswerOf(response);
        exchange?.body(http.bodyStart);
        exchange?.end();
        throw new HttpStatusError({
          summary: `The server answered the ${what} at ${url} with ${response.status} ${response.statusText}.`,
          advice:
            response.status === 401 || response.status === 403
              ? 'The server wants credentials: add an Authorization header to the server’s configuration.'
              : 'Check the URL: a legacy HTTP+SSE server’s event stream is often at /sse.',
          http,
        });
      }
      if (mediaType(response) !== 'text/event-stream') {
        throw new ProtocolViolationError({
          summary: `The server answered the ${what} at ${url} with content type ${response.headers['content-type'] ?? '(none)'} instead of text/event-stream.`,
          advice: 'Check that the URL points at the server’s SSE endpoint and not at a web page.',
          http: await httpAnswerOf(response),
        });
      }
      await readEventStream(response.body, {
        onEvent: (event) => this.receive(event),
        onInvalid: (raw, reason) => this.handlers?.onMalformed(raw, reason),
        what: STREAM,
        signal: this.lifetime.signal,
        exchange,
      });
      if (this.lifetime.signal.aborted) return;
      this.refuse(
        new ConnectionClosedError({
          summary: `The server closed ${STREAM} at ${url}; the answers to requests travel on it, so none can arrive any more.`,
          advice: 'Connect again; if it keeps happening, check the server’s log and any proxy’s timeouts.',
        }),
      );
    } catch (error) {
      if (!this.lifetime.signal.aborted) this.refuse(error);
    }
  }

  private receive(event: EventSourceMessage): void {
    if (event.event === 'endpoint') {
      if (this.postUrl) {
        this.handlers?.onMalformed(event.data, `a second endpoint event; messages still go to ${this.postUrl.href}`);
        return;
      }
      try {
        this.postUrl = this.endpointOf(event.data);
        this.endpointFound(this.postUrl);
      } catch (error) {
        this.refuse(error);
      }
      return;
    }
    if (event.event !== undefined && event.event !== 'message') {
      this.handlers?.onMalformed(event.data, `an SSE event of type "${event.event}", which the legacy HTTP+SSE transport does not use`);
      return;
    }
    // An event without data (a keep-alive) carries no message.
    if (event.data === '') return;
    const parsed = parseJsonRpcText(event.data);
    if (!parsed.ok) {
      this.handlers?.onMalformed(event.data, parsed.reason);
      return;
    }
    for (const message of parsed.messages) this.handlers?.onMessage(message);
  }

  /** The POST URL the `endpoint` event names, resolved against the stream's URL; only the same origin is accepted. */
  private endpointOf(data: string): URL {
    let url: URL;
    try {
      url = new URL(data.trim(), this.options.url);
    } catch {
      throw new ProtocolViolationError({ summary: `The server's endpoint event names ${JSON.stringify(data)}, which is not a URL.` });
    }
    const origin = new URL(this.options.url).origin;
    if (url.origin !== origin) {
      throw new ProtocolViolationError({
        summary: `The server's endpoint event points at ${url.href}, which is on another origin than its event stream (${origin}). MCP Scope does not send messages, or the headers configured for this server, to another origin.`,
        advice: 'If the server really takes messages there, configure the server on that origin; otherwise the server, or a proxy in front of it, announces the wrong address.',
      });
    }
    return url;
  }

  /**
   * The stream is of no more use. Before the endpoint is known, the first send learns why; after
   * it, the connection has ended and every waiting request with it.
   */
  private refuse(error: unknown): void {
    const known = this.postUrl !== undefined;
    this.lifetime.abort();
    if (known) this.handlers?.onClosed(problemOf(error));
    else this.endpointMissing(error);
  }

  private async request(
    what: string,
    url: URL,
    init: HttpRequestInit,
  ): Promise<{ response: HttpReply; exchange: RecordedExchange | undefined }> {
    const headers = lowerCaseHeaders(this.options.headers, init.headers);
    const exchange = this.options.recorder?.httpRequest(init.method, url.href, headers, init.body);
    try {
      const response = await this.connections.send(url, { ...init, headers });
      exchange?.response(response);
      return { response, exchange };
    } catch (error) {
      const aborted = abortedOf(init.signals);
      if (aborted) {
        exchange?.end('aborted by the client');
        throw aborted.reason;
      }
      const problem = networkProblem(what, url.href, error);
      exchange?.end(problem.summary);
      throw new NetworkError(problem, { cause: error });
    }
  }
}
