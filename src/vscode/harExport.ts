// The HTTP exchanges of the timeline as a HAR 1.2 archive (http://www.softwareishard.com/blog/har-12-spec/),
// built from the wire records alone, so it shows what went over the wire; no VS Code here, so it is
// testable under plain Node.

import type { TimelineEvent, WireRecord } from '../shared/model';
import { redactHeaders, redactUrls } from './redaction';

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    /** One page per server, so a HAR viewer groups the exchanges by server. */
    pages: HarPage[];
    entries: HarEntry[];
  };
}

export interface HarPage {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: Record<string, never>;
}

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  pageref: string;
  startedDateTime: string;
  /** Milliseconds from sending the request to the last thing recorded of it. */
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: [];
    headers: HarHeader[];
    queryString: HarHeader[];
    postData?: { mimeType: string; text: string };
    headersSize: -1;
    bodySize: number;
  };
  response: {
    /** 0 when no response came (refused, cut off). */
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: [];
    headers: HarHeader[];
    content: { size: number; mimeType: string; text: string };
    redirectURL: '';
    headersSize: -1;
    bodySize: number;
  };
  cache: Record<string, never>;
  /** `wait` is the time to the response's headers, `receive` the body after them; the rest is not measured. */
  timings: { blocked: -1; dns: -1; connect: -1; ssl: -1; send: 0; wait: number; receive: number };
  /** Why the exchange ended early, or that it was still open when exported. */
  comment?: string;
}

type HttpRecord = Exclude<WireRecord, { type: 'stdio' }>;

/** One exchange as it is gathered from its records. */
interface Exchange {
  serverId: string;
  sentAt: number;
  request: Extract<WireRecord, { type: 'httpRequest' }>;
  response?: Extract<WireRecord, { type: 'httpResponse' }>;
  body: string;
  lastElapsedMs: number;
  end?: Extract<WireRecord, { type: 'httpEnd' }>;
}

/**
 * The HTTP exchanges among `events` as a HAR log, oldest first. Secret header values are redacted
 * (the recorder already redacts the usual ones; headers whose names look secret are redacted here
 * too), and so are passwords and secret-looking query values in URLs. stdio records are left out:
 * HAR describes HTTP only.
 */
export function harOf(events: readonly TimelineEvent[], creator: { name: string; version: string }): Har {
  const exchanges: Exchange[] = [];
  /** The exchange each `server#number` refers to now: numbers start again with each new connection. */
  const current = new Map<string, Exchange>();
  for (const event of events) {
    if (event.kind !== 'wire' || event.record.type === 'stdio') continue;
    const record: HttpRecord = event.record;
    const key = `${event.serverId}#${record.exchange}`;
    if (record.type === 'httpRequest') {
      const exchange: Exchange = { serverId: event.serverId, sentAt: event.time, request: record, body: '', lastElapsedMs: 0 };
      exchanges.push(exchange);
      current.set(key, exchange);
      continue;
    }
    const exchange = current.get(key);
    if (!exchange) continue; // Its request is older than the timeline's limit.
    exchange.lastElapsedMs = Math.max(exchange.lastElapsedMs, record.elapsedMs);
    switch (record.type) {
      case 'httpResponse':
        exchange.response = record;
        break;
      case 'httpBody':
        exchange.body += record.body;
        break;
      case 'sseEvent':
        exchange.body += sseText(record);
        break;
      case 'sseRetry':
        exchange.body += `retry: ${record.retryMs}\n\n`;
        break;
      case 'httpEnd':
        exchange.end = record;
        break;
    }
  }

  const pages = new Map<string, HarPage>();
  for (const exchange of exchanges) {
    if (!pages.has(exchange.serverId)) {
      pages.set(exchange.serverId, { startedDateTime: new Date(exchange.sentAt).toISOString(), id: exchange.serverId, title: exchange.serverId, pageTimings: {} });
    }
  }
  return {
    log: {
      version: '1.2',
      creator,
      pages: [...pages.values()],
      entries: exchanges.map(entryOf),
    },
  };
}

function entryOf(exchange: Exchange): HarEntry {
  const { request, response, end } = exchange;
  const time = end?.elapsedMs ?? exchange.lastElapsedMs;
  const wait = response?.elapsedMs ?? time;
  const url = redactUrls(request.url);
  const requestHeaders = headerList(request.headers);
  const responseHeaders = headerList(response?.headers ?? {});
  const comment = end?.error ? `Ended early: ${end.error}` : end ? undefined : 'Still open when the timeline was exported.';
  return {
    pageref: exchange.serverId,
    startedDateTime: new Date(exchange.sentAt).toISOString(),
    time,
    request: {
      method: request.method,
      url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: requestHeaders,
      queryString: [...new URL(url).searchParams].map(([name, value]) => ({ name, value })),
      ...(request.body !== undefined && { postData: { mimeType: headerValue(requestHeaders, 'content-type') ?? 'application/json', text: request.body } }),
      headersSize: -1,
      bodySize: request.body === undefined ? 0 : byteLength(request.body),
    },
    response: {
      status: response?.status ?? 0,
      statusText: response?.statusText ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: responseHeaders,
      content: { size: byteLength(exchange.body), mimeType: headerValue(responseHeaders, 'content-type') ?? '', text: exchange.body },
      redirectURL: '',
      headersSize: -1,
      bodySize: response ? byteLength(exchange.body) : -1,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait, receive: Math.max(0, time - wait) },
    ...(comment && { comment }),
  };
}

/** An event as the stream carried it, field by field, ending with its blank line. */
function sseText(record: Extract<WireRecord, { type: 'sseEvent' }>): string {
  const lines = [
    ...(record.id !== undefined ? [`id: ${record.id}`] : []),
    ...(record.event !== undefined ? [`event: ${record.event}`] : []),
    ...record.data.split('\n').map((line) => `data: ${line}`),
  ];
  return `${lines.join('\n')}\n\n`;
}

function headerList(headers: Readonly<Record<string, string>>): HarHeader[] {
  return Object.entries(redactHeaders(headers)).map(([name, value]) => ({ name, value }));
}

function headerValue(headers: readonly HarHeader[], name: string): string | undefined {
  return headers.find((header) => header.name.toLowerCase() === name)?.value;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
