// The wire recorder: every HTTP exchange as it went over the wire, before anything is parsed,
// with secret header values redacted so they never reach the timeline, a log or an export.

import type { WireRecord } from '../shared/model';

/** Headers whose values are always secret. */
const ALWAYS_SECRET = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];
const REDACTED = '[redacted]';

/** A recorder that the transports hand each piece of each exchange to. */
export class WireRecorder {
  private nextExchange = 1;
  private readonly secret: Set<string>;

  /**
   * @param onRecord receives every record, in order.
   * @param secretHeaders further header names whose values are redacted (any case).
   */
  constructor(
    private readonly onRecord: (record: WireRecord) => void,
    secretHeaders: readonly string[] = [],
  ) {
    this.secret = new Set([...ALWAYS_SECRET, ...secretHeaders.map((name) => name.toLowerCase())]);
  }

  /** Records an HTTP request as it is sent and returns the handle for the rest of its exchange. */
  httpRequest(method: string, url: string, headers: Record<string, string>, body?: string): RecordedExchange {
    const exchange = this.nextExchange++;
    const record: WireRecord & { type: 'httpRequest' } = { type: 'httpRequest', exchange, method, url, headers: this.redact(headers) };
    if (body !== undefined) record.body = body;
    this.onRecord(record);
    return new RecordedExchange(exchange, performance.now(), this.onRecord, (h) => this.redact(h));
  }

  /** Records a line written to or read from a child process. */
  stdio(stream: 'stdin' | 'stdout' | 'stderr', line: string): void {
    this.onRecord({ type: 'stdio', stream, line });
  }

  private redact(headers: Record<string, string>): Record<string, string> {
    const plain: Record<string, string> = {};
    for (const name of Object.keys(headers)) plain[name] = this.secret.has(name.toLowerCase()) ? REDACTED : headers[name];
    return plain;
  }
}

/** The rest of one HTTP exchange: its response, its body or events, its end. */
export class RecordedExchange {
  private ended = false;

  constructor(
    readonly exchange: number,
    private readonly sentAt: number,
    private readonly onRecord: (record: WireRecord) => void,
    private readonly redact: (headers: Record<string, string>) => Record<string, string>,
  ) {}

  response(response: { status: number; statusText: string; headers: Record<string, string> }): void {
    const { status, statusText } = response;
    this.onRecord({ type: 'httpResponse', exchange: this.exchange, elapsedMs: this.elapsed(), status, statusText, headers: this.redact(response.headers) });
  }

  body(body: string): void {
    this.onRecord({ type: 'httpBody', exchange: this.exchange, elapsedMs: this.elapsed(), body });
  }

  sseEvent(event: { id?: string; event?: string; data: string }): void {
    const { id, event: name, data } = event;
    // Key by key: spreads of the optional keys cost more than the rest of the record, once per event.
    const record: WireRecord & { type: 'sseEvent' } = { type: 'sseEvent', exchange: this.exchange, elapsedMs: this.elapsed(), data };
    if (id !== undefined) record.id = id;
    if (name !== undefined) record.event = name;
    this.onRecord(record);
  }

  sseRetry(retryMs: number): void {
    this.onRecord({ type: 'sseRetry', exchange: this.exchange, elapsedMs: this.elapsed(), retryMs });
  }

  /** Records the end of the exchange, once; `error` says why it ended early. */
  end(error?: string): void {
    if (this.ended) return;
    this.ended = true;
    const record: WireRecord & { type: 'httpEnd' } = { type: 'httpEnd', exchange: this.exchange, elapsedMs: this.elapsed() };
    if (error !== undefined) record.error = error;
    this.onRecord(record);
  }

  private elapsed(): number {
    return Math.round((performance.now() - this.sentAt) * 10) / 10;
  }
}
