// Reading a Server-Sent Events body, shared by Streamable HTTP and the legacy HTTP+SSE transport:
// every event recorded as it arrives, `retry` passed on, and no event larger than the limit.

import type { Readable } from 'node:stream';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { McpScopeError, StreamBrokenError } from '../problems';
import type { RecordedExchange } from '../wire';
import { type HttpReply, readBody } from './keepAliveHttp';

export type { EventSourceMessage };

/** The largest message accepted by default, in characters. */
export const DEFAULT_MAX_MESSAGE_SIZE = 32 * 1024 * 1024;

export interface EventStreamReading {
  /** Receives every event, in order, including events with empty data (priming events). */
  onEvent(event: EventSourceMessage): void;
  /** Receives the `retry` the server asks for, in milliseconds. */
  onRetry?(retryMs: number): void;
  /** Receives a line that is not valid SSE, with the reason. Reading carries on. */
  onInvalid(raw: string, reason: string): void;
  /** What the stream is, for messages: e.g. "the answer to tools/call". */
  what: string;
  /** Aborted when the reader stopped on purpose: the break is then no failure to explain. */
  signal: AbortSignal;
  /** The largest event accepted, in characters (default DEFAULT_MAX_MESSAGE_SIZE). */
  maxMessageSize?: number;
  /** Records each event and the end of the exchange. */
  exchange?: RecordedExchange;
}

/**
 * Reads an SSE body (decoded as text) to its end. Rejects with a StreamBrokenError naming `what` when the connection
 * breaks, with a McpScopeError when an event is over the size limit, or with the abort reason when
 * `signal` ended it.
 */
export async function readEventStream(body: Readable, reading: EventStreamReading): Promise<void> {
  const { exchange, what } = reading;
  const maxSize = reading.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  let overflow = false;
  const parser = createParser({
    maxBufferSize: maxSize,
    onEvent: (event) => {
      // The parser bounds what it buffers; an event that arrived whole is measured here.
      if (event.data.length > maxSize) {
        overflow = true;
        return;
      }
      exchange?.sseEvent(event);
      reading.onEvent(event);
    },
    onRetry: (retryMs) => {
      exchange?.sseRetry(retryMs);
      reading.onRetry?.(retryMs);
    },
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') overflow = true;
      else reading.onInvalid(error.message, `not a valid SSE line in ${what}`);
    },
  });
  const clean = sseTextCleaner();
  try {
    await readBody(body, (chunk) => {
      parser.feed(clean(chunk, false));
      if (overflow) throw tooLarge(what, maxSize);
    });
    parser.feed(clean('', true));
    // An event the server did not finish with a blank line is still delivered, not dropped.
    parser.reset({ consume: true });
    exchange?.end();
  } catch (error) {
    exchange?.end((error as Error).message);
    if (error instanceof McpScopeError || reading.signal.aborted) throw error;
    throw new StreamBrokenError({ summary: `The connection broke while reading ${what}: ${(error as Error).message}.` }, { cause: error });
  }
}

/**
 * Drops a leading BOM and turns CR and CRLF line ends into LF, also when a CRLF is split between
 * two chunks. SSE allows all of these, but eventsource-parser 3.1 reads a BOM as part of the first
 * field name and loses an event whose lines end in a lone CR.
 */
function sseTextCleaner(): (text: string, last: boolean) => string {
  let heldCr = false;
  let first = true;
  return (text, last) => {
    if (first && text !== '') {
      first = false;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    let joined = heldCr ? `\r${text}` : text;
    heldCr = !last && joined.endsWith('\r');
    if (heldCr) joined = joined.slice(0, -1);
    return joined.replace(/\r\n?/g, '\n');
  };
}

/** The error for a message over the size limit. */
export function tooLarge(what: string, maxSize: number): McpScopeError {
  return new McpScopeError({
    summary: `The server sent more than ${maxSize} characters in one message of ${what}; MCP Scope stopped reading it.`,
    advice: 'Check the server for a runaway message; the limit is the transport option maxMessageSize.',
  });
}

/** The media type of an answer, lower case, without parameters ("text/event-stream"). */
export function mediaType(reply: HttpReply): string {
  const value = reply.headers['content-type'] ?? '';
  const end = value.indexOf(';');
  return (end < 0 ? value : value.slice(0, end)).trim().toLowerCase();
}
