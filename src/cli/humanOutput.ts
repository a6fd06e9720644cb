// The default output, for people: lists and result text on stdout (so they pipe cleanly), and
// everything that happens on the way (connection, progress, logs, server requests, a stdio
// server's stderr, trouble, and with --wire the exchanges on the wire) on stderr.

import type { ClientEvent } from '../mcp/client';
import type { CallToolResult, InitializeResult, Prompt, Resource, Tool } from '../mcp/protocol';
import { TRANSPORT_NAMES } from '../inspector/serverSession';
import type { Problem, ProgressReport, TransportKind, WireRecord } from '../shared/model';
import type { Reporter } from './reporter';

/** Redrawing a terminal line thousands of times a second only slows the call down. */
const BAR_REDRAW_MS = 50;
const BAR_WIDTH = 24;

export class HumanReporter implements Reporter {
  private barShown = false;
  private lastBarDraw = 0;

  /** `showWire`: print each wire record as one line (`--wire`). */
  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly err: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly showWire = false,
  ) {}

  event(event: ClientEvent): void {
    switch (event.type) {
      case 'progress':
        this.progress(event);
        return;
      case 'log':
        this.note(`[${event.level}]${event.logger !== undefined ? ` ${event.logger}:` : ''} ${textOf(event.data)}`);
        return;
      case 'notification':
        if (event.direction === 'received') this.note(`server: ${event.method}`);
        return;
      case 'malformed':
        this.note(`protocol error: ${event.reason}\n  received: ${oneLine(event.raw, 300)}`);
        return;
      case 'problem':
        this.note(`warning: ${describeProblem(event.problem)}`);
        return;
      case 'serverRequest':
        this.note(`server asks: ${event.method} (id ${event.requestId})`);
        return;
      case 'serverResponse':
        this.note(
          `answered the server's ${event.method} (id ${event.requestId}) ` +
            (event.error ? `with error ${event.error.code}: ${event.error.message}` : `with ${oneLine(JSON.stringify(event.result), 200)}`),
        );
        return;
      case 'note':
        this.note(`note: ${event.text}`);
        return;
      case 'task':
        this.note(`task ${event.task.taskId}: ${event.task.status}${event.task.statusMessage !== undefined ? ` (${event.task.statusMessage})` : ''}`);
        return;
      case 'stderr':
        this.note(`server stderr: ${event.line}`);
        return;
      case 'sessionRenewed':
        this.note(`The server started a new session${event.sessionId !== undefined ? ` (${event.sessionId})` : ''}.`);
        return;
      case 'sessionLost':
        this.note(`session lost: ${describeProblem(event.problem)}`);
        return;
      case 'closed':
        // Its advice comes again with the failure of whatever was waiting; the cause is enough here.
        this.note(`connection closed: ${event.problem.summary}`);
        return;
      case 'request':
      case 'response':
        return;
    }
  }

  wire(record: WireRecord): void {
    if (this.showWire) this.note(describeWire(record));
  }

  fallback(notice: string): void {
    this.note(notice);
  }

  connected(server: InitializeResult, sessionId: string | undefined, transport: TransportKind): void {
    const { name, version } = server.serverInfo;
    const session = sessionId === undefined ? 'no session' : `session ${sessionId}`;
    this.note(`Connected to ${name} ${version} over ${TRANSPORT_NAMES[transport]} (protocol ${server.protocolVersion}, ${session})`);
  }

  tools(tools: Tool[]): void {
    this.out.write(`${count(tools.length, 'tool')}\n`);
    for (const tool of tools) this.entry(`${tool.name}(${parametersOf(tool.inputSchema)})`, tool.title, tool.description);
  }

  resources(resources: Resource[] | undefined): void {
    for (const resource of this.section('resources', resources)) {
      const mime = resource.mimeType !== undefined ? ` (${resource.mimeType})` : '';
      this.entry(`${resource.uri}${mime}`, resource.title ?? resource.name, resource.description);
    }
  }

  prompts(prompts: Prompt[] | undefined): void {
    for (const prompt of this.section('prompts', prompts)) {
      const args = (prompt.arguments ?? []).map((a) => (a.required ? a.name : `${a.name}?`)).join(', ');
      this.entry(`${prompt.name}(${args})`, prompt.title, prompt.description);
    }
  }

  result(tool: string, result: CallToolResult): void {
    this.clearBar();
    if (result.content.length === 0 && result.structuredContent === undefined) this.note(`${tool} returned no content.`);
    for (const block of result.content) this.out.write(ensureNewline(describeContent(block)));
    if (result.structuredContent !== undefined) {
      this.out.write(`structured content:\n${JSON.stringify(result.structuredContent, null, 2)}\n`);
    }
    if (result.isError) this.note(`${tool} reported an error (isError): the text above is its message.`);
  }

  failed(problem: Problem): void {
    this.note(`error: ${describeProblem(problem)}`);
  }

  cancelled(requestId: string | number | undefined): void {
    this.note(
      requestId === undefined
        ? 'Cancelled: closing the session.'
        : `Cancelled: told the server to stop request ${requestId}; closing the session.`,
    );
  }

  /** Heads a list of a capability (`resources`, `prompts`), or says the server does not offer it; returns what to list. */
  private section<T>(capability: string, items: T[] | undefined): T[] {
    if (items === undefined) {
      this.out.write(`\nThe server offers no ${capability} (it does not declare the ${capability} capability).\n`);
      return [];
    }
    this.out.write(`\n${count(items.length, capability.slice(0, -1))}\n`);
    return items;
  }

  /** One item of a list: its signature and title, then its description indented under it. */
  private entry(heading: string, title: string | undefined, description: string | undefined): void {
    this.out.write(`\n  ${heading}${title !== undefined && title.trim() !== '' ? `  · ${title.trim()}` : ''}\n`);
    for (const line of (description ?? '').trim().split(/\r?\n/)) if (line !== '') this.out.write(`      ${line}\n`);
  }

  private progress(report: ProgressReport): void {
    const { progress, total, message } = report;
    const suffix = message !== undefined ? ` ${message}` : '';
    if (!this.err.isTTY) {
      const share = total !== undefined && total > 0 ? `/${total} (${Math.round((progress / total) * 100)}%)` : '';
      this.err.write(`progress ${progress}${share}${suffix}\n`);
      return;
    }
    const now = Date.now();
    const finished = total !== undefined && progress >= total;
    if (!finished && now - this.lastBarDraw < BAR_REDRAW_MS) return;
    this.lastBarDraw = now;
    let line: string;
    if (total !== undefined && total > 0) {
      const share = Math.min(1, Math.max(0, progress / total));
      const filled = Math.round(share * BAR_WIDTH);
      line = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.round(share * 100)}% ${progress}/${total}${suffix}`;
    } else {
      line = `[working] ${progress}${suffix}`;
    }
    this.err.write(`\r\x1b[2K${line}`);
    this.barShown = true;
  }

  /** A line on stderr, below any progress bar, which is redrawn at the next report. */
  private note(text: string): void {
    this.clearBar();
    this.err.write(`${text}\n`);
  }

  private clearBar(): void {
    if (!this.barShown) return;
    this.err.write('\r\x1b[2K');
    this.barShown = false;
    this.lastBarDraw = 0;
  }
}

/** A problem as lines: what happened, what to do, what the server answered. */
function describeProblem(problem: Problem): string {
  const lines = [problem.summary];
  if (problem.advice) lines.push(`  ${problem.advice}`);
  if (problem.http) {
    const { status, statusText, contentType, bodyStart } = problem.http;
    lines.push(`  HTTP ${status} ${statusText}${contentType ? `, ${contentType}` : ''}${bodyStart ? `: ${oneLine(bodyStart, 200)}` : ''}`);
  }
  return lines.join('\n');
}

/**
 * A wire record as one line: `>` what went to the server, `<` what came back, `#n` the HTTP
 * exchange it belongs to, and the milliseconds since its request was sent.
 */
function describeWire(record: WireRecord): string {
  switch (record.type) {
    case 'httpRequest': {
      const headers = Object.entries(record.headers).map(([name, value]) => `${name}: ${value}`).join('; ');
      return `wire #${record.exchange} > ${record.method} ${record.url} [${headers}]${record.body !== undefined ? ` ${oneLine(record.body, 300)}` : ''}`;
    }
    case 'httpResponse': {
      const contentType = record.headers['content-type'];
      return `wire #${record.exchange} < ${record.status} ${record.statusText}${contentType !== undefined ? `, ${contentType}` : ''} (${record.elapsedMs} ms)`;
    }
    case 'httpBody':
      return `wire #${record.exchange} < body ${oneLine(record.body, 300)} (${record.elapsedMs} ms)`;
    case 'sseEvent': {
      const fields = [record.id !== undefined && `id ${record.id}`, record.event !== undefined && `event ${record.event}`].filter(Boolean).join(', ');
      return `wire #${record.exchange} < sse${fields !== '' ? ` (${fields})` : ''} ${oneLine(record.data, 300)} (${record.elapsedMs} ms)`;
    }
    case 'sseRetry':
      return `wire #${record.exchange} < sse retry ${record.retryMs} ms (${record.elapsedMs} ms)`;
    case 'httpEnd':
      return `wire #${record.exchange} end${record.error !== undefined ? `: ${record.error}` : ''} (${record.elapsedMs} ms)`;
    case 'stdio':
      return `wire ${record.stream === 'stdin' ? '>' : '<'} ${record.stream} ${oneLine(record.line, 300)}`;
  }
}

/** A content block as text: text as it is, anything else as a one-line summary. */
function describeContent(block: { type: string; [key: string]: unknown }): string {
  switch (block.type) {
    case 'text':
      return typeof block.text === 'string' ? block.text : '[text content without text]';
    case 'image':
    case 'audio':
      return `[${block.type}, ${String(block.mimeType ?? 'unknown type')}, ${sizeOfBase64(block.data)}]`;
    case 'resource_link':
      return `[resource link: ${String(block.name ?? '')} ${String(block.uri ?? '')}]`;
    case 'resource': {
      const resource = (block.resource ?? {}) as { uri?: unknown; mimeType?: unknown; text?: unknown; blob?: unknown };
      const heading = `[resource ${String(resource.uri ?? '')}${resource.mimeType !== undefined ? `, ${String(resource.mimeType)}` : ''}`;
      if (typeof resource.text === 'string') return `${heading}]\n${resource.text}`;
      return `${heading}, ${sizeOfBase64(resource.blob)}]`;
    }
    default:
      return `[${block.type} content]`;
  }
}

/** `message, count?` from a tool's input schema: required parameters plain, optional ones with `?`. */
function parametersOf(schema: Record<string, unknown>): string {
  const properties = typeof schema.properties === 'object' && schema.properties !== null ? Object.keys(schema.properties) : [];
  const required = Array.isArray(schema.required) ? schema.required : [];
  return properties.map((name) => (required.includes(name) ? name : `${name}?`)).join(', ');
}

function sizeOfBase64(data: unknown): string {
  if (typeof data !== 'string') return 'no data';
  const bytes = Math.floor((data.replace(/=+$/, '').length * 3) / 4);
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

function textOf(data: unknown): string {
  return typeof data === 'string' ? data : JSON.stringify(data);
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
