// Reading a Server-Sent Events body, shared by Streamable HTTP and the legacy HTTP+SSE transport.

import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { McpScopeError } from '../problems';

export type { EventSourceMessage };

export interface EventStreamReading {
  /** Receives every event, in order, including events with empty data. */
  onEvent(event: EventSourceMessage): void;
  /** Receives a line that is not valid SSE, with the reason. Reading carries on. */
  onInvalid(raw: string, reason: string): void;
  /** What the stream is, for messages: e.g. "the answer to tools/call". */
  what: string;
  /** Aborted when the reader stopped on purpose: the break is then no failure to explain. */
  signal: AbortSignal;
}

/**
 * Reads an SSE body to its end. Rejects with a McpScopeError naming `what` when the connection
 * breaks, or with the abort reason when `signal` ended it.
 */
export async function readEventStream(body: ReadableStream<Uint8Array>, reading: EventStreamReading): Promise<void> {
  const parser = createParser({
    onEvent: (event) => reading.onEvent(event),
    onError: (error) => reading.onInvalid(error.message, `not a valid SSE line in ${reading.what}`),
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
    // An event the server did not finish with a blank line is still delivered, not dropped.
    parser.reset({ consume: true });
  } catch (error) {
    if (reading.signal.aborted) throw error;
    throw new McpScopeError(
      { summary: `The connection broke while reading ${reading.what}: ${(error as Error).message}.` },
      { cause: error },
    );
  } finally {
    reader.releaseLock();
  }
}

/** The media type of a response, lower case, without parameters ("text/event-stream"). */
export function mediaType(response: Response): string {
  return (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}
