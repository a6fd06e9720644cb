// Streamable HTTP: every client message is one POST to the MCP endpoint, answered with JSON or
// with an SSE stream. The 2025 era adds a session id kept from initialize, an optional GET stream
// for the server's own messages, streams resumed by GET with Last-Event-ID, and DELETE when the
// session ends; the stateless era (2026-07-28) has none of these, and its refusals are JSON-RPC
// errors in 4xx answers.

import type { HttpAnswer, Problem } from '../../shared/model';
import { isRequest, isResponse, parseJsonRpcText, type JsonRpcMessage, type JsonRpcRequest } from '../jsonRpc';
import { isModernProtocolVersion } from '../protocol';
import {
  httpAnswerOf,
  HttpStatusError,
  McpScopeError,
  NetworkError,
  networkProblem,
  problemOf,
  ProtocolViolationError,
  SessionEndedError,
  StreamBrokenError,
} from '../problems';
import type { SendOptions, Transport, TransportHandlers } from '../transport';
import type { RecordedExchange, WireRecorder } from '../wire';
import { DEFAULT_MAX_MESSAGE_SIZE, type EventSourceMessage, mediaType, readEventStream, tooLarge } from './eventStream';
import { type AbortSource, abortedOf, type HttpReply, type HttpRequestInit, KeepAliveHttp, lowerCaseHeaders, readBody } from './keepAliveHttp';

export interface StreamableHttpOptions {
  /** The server's MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  url: string;
  /** Headers sent with every request, e.g. `Authorization`. */
  headers?: Record<string, string>;
  /** How long closing waits for the server to answer the DELETE, in milliseconds (default 5000). */
  closeTimeoutMs?: number;
  /** Receives every exchange as it goes over the wire. */
  recorder?: WireRecorder;
  /** The largest message accepted, in characters (default 32 MiB); a larger one fails its stream with a clear error. */
  maxMessageSize?: number;
  /** How long to wait before resuming a stream when the server sent no `retry`, in milliseconds (default 1000). */
  defaultRetryMs?: number;
  /** How many resumptions in a row may bring no event before the client gives up on a stream (default 3). */
  maxEmptyResumptions?: number;
}

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
/** The headers of every POST, over any the message brings. */
const POST_HEADERS: Readonly<Record<string, string>> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
/** The longest pause between tries to reach a server that stopped answering the GET stream. */
const MAX_UNREACHABLE_WAIT_MS = 4000;

/** Where a stream stands, so that it can be resumed: the last event id seen and the wait the server asked for. */
interface StreamCursor {
  lastEventId?: string;
  retryMs?: number;
  /** How many events arrived on the stream so far, priming events included. */
  events: number;
}

export class StreamableHttpTransport implements Transport {
  sessionId: string | undefined;
  protocolVersion: string | undefined;
  private handlers: TransportHandlers | undefined;
  /** Aborted on close: ends every request and stream still open. */
  private readonly lifetime = new AbortController();
  /** A session the server said it no longer knows: closing does not try to DELETE it. */
  private endedSessionId: string | undefined;
  /** Aborted when the session ends: stops its GET stream. */
  private listening = new AbortController();
  /** Kept-alive connections to the server, ended on close. */
  private readonly connections = new KeepAliveHttp(this.lifetime.signal);
  private url: URL | undefined;

  constructor(private readonly options: StreamableHttpOptions) {}

  start(handlers: TransportHandlers): void {
    this.handlers = handlers;
  }

  async send(message: JsonRpcMessage, options: SendOptions = {}): Promise<void> {
    const what = 'method' in message ? `POST ${message.method}` : 'POST of a response';
    const signals: AbortSource[] = options.cancellation ? [options.cancellation, this.lifetime.signal] : [this.lifetime.signal];
    const { response, exchange, session } = await this.request(what, {
      method: 'POST',
      headers: options.headers ? { ...options.headers, ...POST_HEADERS } : POST_HEADERS,
      body: JSON.stringify(message),
      signals,
    });
    const initializing = isRequest(message) && message.method === 'initialize';
    if (initializing) this.keepSessionId(response);

    if (!response.ok) {
      const sessionSent = initializing ? undefined : session;
      if (this.stateless && isRequest(message) && mediaType(response) === 'application/json') {
        const text = await this.readText(response, exchange, what);
        if (this.deliverRpcError(message, text)) return;
        throw await this.statusError(what, response, exchange, sessionSent, text);
      }
      throw await this.statusError(what, response, exchange, sessionSent);
    }
    if (!isRequest(message)) {
      // Notifications and responses are acknowledged with 202 and no body; a body here means nothing.
      await this.readText(response, exchange, what);
      return;
    }
    if (response.status === 202) {
      exchange?.end();
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
      deliver(await this.readText(response, exchange, what));
    } else if (type === 'text/event-stream') {
      const stream = `the answer to ${message.method}`;
      const cursor: StreamCursor = { events: 0 };
      try {
        await this.readEventStream(response.body, exchange, cursor, (event) => deliver(event.data), stream);
      } catch (error) {
        // A stream with an event id can be resumed (2025 era); one without cannot, and its answer is lost.
        if (abortedOf(signals) || !(error instanceof StreamBrokenError) || !this.resumable(cursor)) throw error;
      }
      if (!answered && this.resumable(cursor)) {
        const signal = options.cancellation ? AbortSignal.any([options.cancellation.signal, this.lifetime.signal]) : this.lifetime.signal;
        await this.resume(stream, cursor, signal, (event) => deliver(event.data), () => answered);
      }
    } else {
      exchange?.end();
      throw new ProtocolViolationError({
        summary: `The server answered ${what} with content type ${response.headers['content-type'] ?? '(none)'}, which is neither application/json nor text/event-stream.`,
        advice: 'Check that the URL points at the MCP endpoint and not at a web page.',
        http: await httpAnswerOf(response),
      });
    }
    if (!answered && this.stateless) {
      throw new StreamBrokenError({
        summary: `The server ended its answer to ${message.method} (id ${message.id}) without sending the response; in the stateless protocol such a request is lost.`,
      });
    }
    if (!answered) {
      throw new ProtocolViolationError({
        summary: `The server ended its answer to ${message.method} (id ${message.id}) without sending the response.`,
        advice: 'A server that closes a stream before the response must send an event id first, so the client can resume it.',
      });
    }
  }

  /** The stateless era (2026-07-28 and later): no session, no GET stream, no resumption. */
  private get stateless(): boolean {
    return isModernProtocolVersion(this.protocolVersion);
  }

  private resumable(cursor: StreamCursor): boolean {
    return !this.stateless && cursor.lastEventId !== undefined;
  }

  /**
   * A stateless-era server answers a request it refuses (unsupported version, unknown method,
   * mismatched headers) with a 4xx whose body is the JSON-RPC error: that error is the answer, and
   * goes to the client like any other. False when the body is something else.
   */
  private deliverRpcError(request: JsonRpcRequest, body: string): boolean {
    const parsed = parseJsonRpcText(body);
    const answer = parsed.ok && parsed.messages.length === 1 ? parsed.messages[0] : undefined;
    if (!answer || !('error' in answer) || answer.id !== request.id) return false;
    this.handlers?.onMessage(answer);
    return true;
  }

  sessionStarted(): void {
    void this.listen(this.listening.signal);
  }

  renewSession(): void {
    this.listening.abort();
    this.listening = new AbortController();
    this.sessionId = undefined;
    this.protocolVersion = undefined;
  }

  async close(): Promise<void> {
    if (this.lifetime.signal.aborted) return;
    this.lifetime.abort();
    this.listening.abort();
    try {
      await this.endSession();
    } finally {
      this.connections.close();
    }
  }

  /** Asks the server to end the session with a DELETE; any failure is reported, not thrown. */
  private async endSession(): Promise<void> {
    if (this.sessionId === undefined || this.sessionId === this.endedSessionId) return;
    try {
      const { response, exchange } = await this.request('DELETE of the session', {
        method: 'DELETE',
        signals: [AbortSignal.timeout(this.options.closeTimeoutMs ?? 5000)],
      });
      await this.readText(response, exchange, 'DELETE of the session');
      // 405: the server does not let clients end sessions; 404: it ended the session itself. Both are fine.
      if (!response.ok && response.status !== 405 && response.status !== 404) {
        this.handlers?.onProblem({
          summary: `The server answered the DELETE that ends session ${this.sessionId} with ${response.status} ${response.statusText}.`,
        });
      }
    } catch (error) {
      this.handlers?.onProblem(problemOf(error));
    }
  }

  /**
   * The GET stream, on which the server may send messages outside any request. Optional (405).
   * A stream the server closes is opened again after its `retry`, resuming from the last event id;
   * while the server is unreachable (restarting, say) it is tried again with a growing pause, so a
   * server that comes back without the session is noticed at once.
   */
  private async listen(signal: AbortSignal): Promise<void> {
    const what = 'the event stream (GET)';
    const cursor: StreamCursor = { events: 0 };
    let emptyInARow = 0;
    let unreachableInARow = 0;
    for (let opened = 0; ; opened++) {
      const eventsBefore = cursor.events;
      try {
        const { response, exchange, session } = await this.request(`GET of ${what}`, {
          method: 'GET',
          headers: { accept: 'text/event-stream', ...(cursor.lastEventId !== undefined && { 'last-event-id': cursor.lastEventId }) },
          signals: [signal],
        });
        if (unreachableInARow > 0) this.handlers?.onNote(`The server answers again; ${what} is open once more.`);
        unreachableInARow = 0;
        if (response.status === 405 && opened === 0) {
          // The server offers no GET stream.
          await this.readText(response, exchange, `GET of ${what}`);
          return;
        }
        if (!response.ok) throw await this.statusError(`GET of ${what}`, response, exchange, session);
        await this.readEventStream(this.eventStreamBody(response, exchange, what), exchange, cursor, (event) => this.deliver(event.data), what);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof SessionEndedError) {
          this.handlers?.onSessionEnded(error);
          return;
        }
        if (error instanceof NetworkError) {
          if (unreachableInARow++ === 0) {
            this.handlers?.onProblem({
              summary: error.problem.summary,
              advice: `MCP Scope keeps trying to reopen ${what} and says so when the server answers again.`,
            });
          }
          const pauseMs = Math.min(this.defaultRetryMs * 2 ** (unreachableInARow - 1), MAX_UNREACHABLE_WAIT_MS);
          if (!(await sleep(pauseMs, signal))) return;
          continue;
        }
        // A cut stream is reopened like a closed one; anything else ends listening.
        if (!(error instanceof StreamBrokenError)) {
          this.handlers?.onProblem(problemOf(error));
          return;
        }
      }
      if (signal.aborted) return;
      emptyInARow = cursor.events > eventsBefore ? 0 : emptyInARow + 1;
      if (emptyInARow > this.maxEmptyResumptions) {
        this.handlers?.onProblem({
          summary: `The server closed ${what} ${emptyInARow} times in a row without sending anything; MCP Scope stopped reopening it.`,
          advice: 'Messages the server sends outside a request will not arrive until you reconnect.',
        });
        return;
      }
      const waitMs = cursor.retryMs ?? this.defaultRetryMs;
      this.handlers?.onNote(
        `The server closed ${what}; reopening it in ${waitMs} ms${cursor.lastEventId !== undefined ? ` from event ${cursor.lastEventId}` : ''}.`,
      );
      if (!(await sleep(waitMs, signal))) return;
    }
  }

  /** Resumes a request's stream by GET with Last-Event-ID until its answer came, as the server's `retry` asks. */
  private async resume(
    what: string,
    cursor: StreamCursor,
    signal: AbortSignal,
    onEvent: (event: EventSourceMessage) => void,
    answered: () => boolean,
  ): Promise<void> {
    let emptyInARow = 0;
    while (!answered()) {
      const waitMs = cursor.retryMs ?? this.defaultRetryMs;
      this.handlers?.onNote(
        `The server closed ${what} before the response; resuming it from event ${cursor.lastEventId} in ${waitMs} ms.`,
      );
      if (!(await sleep(waitMs, signal))) throw signal.reason;
      const eventsBefore = cursor.events;
      const { response, exchange, session } = await this.request(`GET resuming ${what}`, {
        method: 'GET',
        headers: { accept: 'text/event-stream', 'last-event-id': cursor.lastEventId! },
        signals: [signal],
      });
      if (!response.ok) {
        const error = await this.statusError(`GET resuming ${what}`, response, exchange, session);
        error.problem.advice ??= `The server sent event ids, so it should resume the stream from Last-Event-ID ${cursor.lastEventId}.`;
        throw error;
      }
      try {
        await this.readEventStream(this.eventStreamBody(response, exchange, what), exchange, cursor, onEvent, what);
      } catch (error) {
        if (signal.aborted || !(error instanceof StreamBrokenError)) throw error;
      }
      emptyInARow = cursor.events > eventsBefore ? 0 : emptyInARow + 1;
      if (!answered() && emptyInARow >= this.maxEmptyResumptions) {
        throw new McpScopeError({
          summary: `Resuming ${what} brought no event ${emptyInARow} times in a row; MCP Scope gave up waiting for the response.`,
          advice: `The server should replay the events after Last-Event-ID ${cursor.lastEventId} on the GET.`,
        });
      }
    }
  }

  private get defaultRetryMs(): number {
    return this.options.defaultRetryMs ?? 1000;
  }

  private get maxEmptyResumptions(): number {
    return this.options.maxEmptyResumptions ?? 3;
  }

  /** Sends one HTTP request with the session's headers, recording it; a network failure becomes a McpScopeError. */
  private async request(
    what: string,
    init: Omit<HttpRequestInit, 'headers'> & { headers?: Record<string, string> },
  ): Promise<{ response: HttpReply; exchange: RecordedExchange | undefined; session: string | undefined }> {
    const session = this.sessionId;
    const headers = lowerCaseHeaders(this.options.headers, init.headers);
    if (session !== undefined) headers['mcp-session-id'] = session;
    if (this.protocolVersion !== undefined) headers['mcp-protocol-version'] = this.protocolVersion;
    const exchange = this.options.recorder?.httpRequest(init.method, this.options.url, headers, init.body);
    try {
      this.url ??= new URL(this.options.url);
      // Field by field: a spread followed by another key costs microseconds per request on Node 20.
      const response = await this.connections.send(this.url, { method: init.method, headers, body: init.body, signals: init.signals });
      exchange?.response(response);
      return { response, exchange, session };
    } catch (error) {
      const aborted = abortedOf(init.signals);
      if (aborted) {
        exchange?.end('aborted by the client');
        throw aborted.reason;
      }
      const problem = networkProblem(what, this.options.url, error);
      exchange?.end(problem.summary);
      throw new NetworkError(problem, { cause: error });
    }
  }

  private keepSessionId(response: HttpReply): void {
    const id = response.headers['mcp-session-id'];
    if (id === undefined) return;
    if (!VISIBLE_ASCII.test(id)) {
      throw new ProtocolViolationError({
        summary: `The server sent a session id that is not visible ASCII: ${JSON.stringify(id)}.`,
        advice: 'Session ids may only contain characters 0x21 to 0x7E.',
      });
    }
    this.sessionId = id;
  }

  /** The error for an answer with a failing status; a session the server no longer knows gets its own. */
  private async statusError(
    what: string,
    response: HttpReply,
    exchange: RecordedExchange | undefined,
    /** The session id the request carried. */
    session: string | undefined,
    /** The body, when it was already read (and recorded) whole. */
    bodyText?: string,
  ): Promise<HttpStatusError> {
    const http = await httpAnswerOf(response, bodyText);
    if (bodyText === undefined) exchange?.body(http.bodyStart);
    exchange?.end();
    const said = `The server answered ${what} with ${response.status} ${response.statusText}.`;
    if (session !== undefined && response.status === 404) {
      this.endedSessionId = session;
      return new SessionEndedError(
        { summary: `${said} Session ${session} has ended on the server.`, advice: 'MCP Scope starts a new session.', http },
        true,
      );
    }
    if (session !== undefined && response.status === 400 && /session/i.test(http.bodyStart)) {
      this.endedSessionId = session;
      return new SessionEndedError(
        {
          summary: `${said} It no longer accepts session ${session}. (The spec has servers answer an ended session with 404, which would let MCP Scope start a new one by itself.)`,
          advice: 'Reconnect to start a new session.',
          http,
        },
        false,
      );
    }
    const problem: Problem & { http: HttpAnswer } = { summary: said, http };
    if (response.status === 401 || response.status === 403) {
      problem.advice = 'The server wants credentials: add an Authorization header to the server in mcpScope.servers.';
    } else if (response.status === 404 || response.status === 405) {
      problem.advice = 'Check the URL: it must point at the MCP endpoint (often /mcp).';
    } else if (response.status === 409 && what.startsWith('GET')) {
      problem.advice = 'The server allows one GET stream per session and another one is open.';
    }
    return new HttpStatusError(problem);
  }

  /** The body of a response that must be an event stream, or the error saying what came instead. */
  private eventStreamBody(response: HttpReply, exchange: RecordedExchange | undefined, what: string): HttpReply['body'] {
    if (mediaType(response) === 'text/event-stream') return response.body;
    exchange?.end();
    response.body.destroy();
    throw new ProtocolViolationError({
      summary: `The server answered the GET of ${what} with content type ${response.headers['content-type'] ?? '(none)'} instead of text/event-stream.`,
    });
  }

  /** Reads a whole body as text, no longer than the message size limit. */
  private async readText(response: HttpReply, exchange: RecordedExchange | undefined, what: string): Promise<string> {
    let text = '';
    try {
      await readBody(response.body, (chunk) => {
        text += chunk;
        if (text.length > this.maxMessageSize) throw tooLarge(what, this.maxMessageSize);
      });
    } catch (error) {
      exchange?.end((error as Error).message);
      if (error instanceof McpScopeError || this.lifetime.signal.aborted) throw error;
      throw new StreamBrokenError(
        { summary: `The connection broke while reading the answer to ${what}: ${(error as Error).message}.` },
        { cause: error },
      );
    }
    if (text !== '') exchange?.body(text);
    exchange?.end();
    return text;
  }

  /** Reads an SSE body to its end, keeping the cursor and handing each event with data to `onEvent`. */
  private readEventStream(
    body: HttpReply['body'],
    exchange: RecordedExchange | undefined,
    cursor: StreamCursor,
    onEvent: (event: EventSourceMessage) => void,
    what: string,
  ): Promise<void> {
    return readEventStream(body, {
      onEvent: (event) => {
        cursor.events++;
        if (event.id !== undefined) cursor.lastEventId = event.id;
        // A priming event (an id and empty data) carries no message.
        if (event.data !== '') onEvent(event);
      },
      onRetry: (retryMs) => {
        cursor.retryMs = retryMs;
      },
      onInvalid: (raw, reason) => this.handlers?.onMalformed(raw, reason),
      what,
      signal: this.lifetime.signal,
      maxMessageSize: this.maxMessageSize,
      exchange,
    });
  }

  private get maxMessageSize(): number {
    return this.options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
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

/** Waits `ms`; false when `signal` aborted first. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
