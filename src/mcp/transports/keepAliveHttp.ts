// The HTTP requests of the HTTP transports, sent with node:http or node:https over one keep-alive
// agent per transport. Not fetch: undici and its web streams cost about three times the CPU of
// node:http per small round trip, which a client making many sequential calls pays on every one.

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpRequestInit {
  method: 'GET' | 'POST' | 'DELETE';
  /** Header values by lower-case name. */
  headers: Record<string, string>;
  body?: string;
  /** Aborting it fails a request still waiting for its answer with an AbortError, and cuts a body being read. */
  signal?: AbortSignal;
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
    for (const [name, value] of Object.entries(source ?? {})) headers[name.toLowerCase()] = value;
  }
  return headers;
}

/** Sends requests over kept-alive connections until `close`. */
export class KeepAliveHttp {
  private readonly http = new HttpAgent({ keepAlive: true });
  private readonly https = new HttpsAgent({ keepAlive: true });

  /** Resolves when the answer's headers came; rejects with the network error, or the AbortError of `init.signal`. */
  send(url: URL, init: HttpRequestInit): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const { signal } = init;
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      // Not request's own `signal` option: its listener outlives the exchange, and aborting later
      // destroys a socket the agent has since handed to another request.
      let body: IncomingMessage | undefined;
      const onAbort = () => (body ?? request).destroy(new Error('aborted by the client'));
      const stopWatching = () => signal?.removeEventListener('abort', onAbort);
      const headers = init.body === undefined ? init.headers : { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) };
      const onReply = (reply: IncomingMessage) => {
        body = reply;
        reply.once('close', stopWatching);
        reply.setEncoding('utf8');
        const status = reply.statusCode ?? 0;
        resolve({ status, statusText: reply.statusMessage ?? '', ok: status >= 200 && status < 300, headers: joinedHeaders(reply), body: reply });
      };
      const request =
        url.protocol === 'https:'
          ? httpsRequest(url, { method: init.method, headers, agent: this.https }, onReply)
          : httpRequest(url, { method: init.method, headers, agent: this.http }, onReply);
      signal?.addEventListener('abort', onAbort, { once: true });
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

function joinedHeaders(message: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
