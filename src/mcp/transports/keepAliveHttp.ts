// The HTTP requests of the HTTP transports, sent with node:http or node:https over one keep-alive
// agent per transport. Not fetch: undici and its web streams cost about three times the CPU of
// node:http per small round trip, which a client making many sequential calls pays on every one.

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { urlToHttpOptions } from 'node:url';
import { Cancellation } from '../cancellation';

/** What can call an exchange off: a signal, or a request's Cancellation (see ../cancellation.ts). */
export type AbortSource = AbortSignal | Cancellation;

export interface HttpRequestInit {
  method: 'GET' | 'POST' | 'DELETE';
  /** Header values by lower-case name. */
  headers: Record<string, string>;
  body?: string;
  /**
   * Aborting any of them fails a request still waiting for its answer with that signal's reason,
   * and cuts a body being read. Several, rather than one AbortSignal.any of them: that costs a
   * new signal and a registration on the others with every request.
   */
  signals?: readonly AbortSource[];
}

/** The first of `signals` that aborted, if any did. */
export function abortedOf(signals: readonly AbortSource[] | undefined): AbortSource | undefined {
  return signals?.find((signal) => signal.aborted);
}

/** An answer whose headers came; its body is still to be read. */
export interface HttpReply {
  status: number;
  statusText: string;
  ok: boolean;
  /** Header values by lower-case name; a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  /** The body as UTF-8 text chunks. Read it to its end, or `resume()` it to drop it, so the connection can be reused. */
  body: IncomingMessage;
}

/** Header values by lower-case name, the later of two names that differ only in case winning. */
export function lowerCaseHeaders(...sources: (Record<string, string> | undefined)[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const source of sources) {
    if (source) for (const name of Object.keys(source)) headers[name.toLowerCase()] = source[name];
  }
  return headers;
}

/** Sends requests over kept-alive connections until `close`. */
export class KeepAliveHttp {
  private readonly http = new HttpAgent({ keepAlive: true });
  private readonly https = new HttpsAgent({ keepAlive: true });
  /** How to cut each exchange under way that lists `lifetime` among its signals. */
  private readonly cuts = new Set<() => void>();

  /**
   * @param lifetime the owner's signal that most exchanges list (aborted when the owner closes):
   *   watched once for all of them, since adding and removing a listener on an AbortSignal costs
   *   more than the rest of a small exchange's bookkeeping.
   */
  constructor(private readonly lifetime?: AbortSignal) {
    lifetime?.addEventListener('abort', () => {
      for (const cut of this.cuts) cut();
    });
  }

  /** Resolves when the answer's headers came; rejects with the network error, or the reason of the signal that aborted. */
  send(url: URL, init: HttpRequestInit): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const signals = init.signals ?? [];
      const aborted = abortedOf(signals);
      if (aborted) {
        reject(aborted.reason);
        return;
      }
      // Not request's own `signal` option: its listener outlives the exchange, and aborting later
      // destroys a socket the agent has since handed to another request.
      let body: IncomingMessage | undefined;
      const onAbort = () => (body ?? request).destroy(new Error('aborted by the client'));
      const stopWatching = () => {
        for (const signal of signals) {
          if (signal === this.lifetime) this.cuts.delete(onAbort);
          else if (signal instanceof Cancellation) signal.offAbort(onAbort);
          else signal.removeEventListener('abort', onAbort);
        }
      };
      const onReply = (reply: IncomingMessage) => {
        body = reply;
        reply.once('close', stopWatching);
        reply.setEncoding('utf8');
        const status = reply.statusCode ?? 0;
        resolve({ status, statusText: reply.statusMessage ?? '', ok: status >= 200 && status < 300, headers: joinedHeaders(reply), body: reply });
      };
      const { hostname, port, path, auth } = targetOf(url);
      // Node sets Content-Length itself for a body given to end().
      const request =
        url.protocol === 'https:'
          ? httpsRequest({ hostname, port, path, auth, method: init.method, headers: init.headers, agent: this.https }, onReply)
          : httpRequest({ hostname, port, path, auth, method: init.method, headers: init.headers, agent: this.http }, onReply);
      for (const signal of signals) {
        if (signal === this.lifetime) this.cuts.add(onAbort);
        else if (signal instanceof Cancellation) signal.onAbort(onAbort);
        else signal.addEventListener('abort', onAbort, { once: true });
      }
      request.on('error', (error) => {
        stopWatching();
        reject(error);
      });
      request.end(init.body);
    });
  }

  /** Ends every connection, open requests and streams included. */
  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

/** Where a request goes, as request options. */
type Target = Pick<RequestOptions, 'hostname' | 'port' | 'path' | 'auth'>;

const targets = new WeakMap<URL, Target>();

/**
 * The host, port, path and credentials of a URL as request options, worked out once per URL
 * object rather than by every request (the transports keep their URLs and never change them).
 */
function targetOf(url: URL): Target {
  let target = targets.get(url);
  if (target === undefined) {
    const { hostname, port, path, auth } = urlToHttpOptions(url);
    target = { hostname, port, path, auth };
    targets.set(url, target);
  }
  return target;
}

/**
 * Reads a body to its end, handing each chunk to `onChunk`; rejects with the error when the
 * connection breaks or the body closes before its end, and with what `onChunk` throws (the body
 * is then destroyed). Events rather than async iteration: a stream of many small chunks would
 * pay a promise for each.
 */
export function readBody(body: Readable, onChunk: (chunk: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    body.on('data', (chunk: string) => {
      try {
        onChunk(chunk);
      } catch (error) {
        body.destroy();
        reject(error);
      }
    });
    body.once('end', resolve);
    body.once('error', reject);
    // A body closes after its end too; only then is the error (and its stack trace) not needed.
    body.once('close', () => {
      if (!body.readableEnded) reject(new Error('the stream closed before its end'));
    });
  });
}

/**
 * The answer's headers, as node:http gives them: Set-Cookie is the only one it keeps as a list of
 * values, so an answer without it needs no copy (copying cost a microsecond or two per request).
 */
function joinedHeaders(message: IncomingMessage): Record<string, string> {
  const headers = message.headers;
  const cookies = headers['set-cookie'];
  if (cookies === undefined) return headers as Record<string, string>;
  return { ...(headers as Record<string, string>), 'set-cookie': cookies.join(', ') };
}
