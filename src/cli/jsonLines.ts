// `--json`: one JSON object per line on stdout for every event, each naming itself by `type`, so
// scripts can follow a call as it happens (`jq`, `grep '"type":"progress"'`). A client event keeps
// its own type (`progress`, `log`, `serverRequest`, `note`, `stderr`, `closed`, …); a wire record
// is nested, `{"type":"wire","record":{"type":"httpRequest",…}}`, as it has a `type` of its own.

import type { ClientEvent } from '../mcp/client';
import type { CallToolResult, InitializeResult, Prompt, Resource, Tool } from '../mcp/protocol';
import type { Problem, TransportKind, WireRecord } from '../shared/model';
import type { Reporter } from './reporter';

export class JsonLinesReporter implements Reporter {
  constructor(private readonly out: NodeJS.WritableStream) {}

  event(event: ClientEvent): void {
    if (event.type === 'malformed') this.line('protocolError', { raw: event.raw, reason: event.reason });
    else {
      const { type, ...rest } = event;
      this.line(type, rest);
    }
  }

  wire(record: WireRecord): void {
    this.line('wire', { record });
  }

  fallback(notice: string): void {
    this.line('fallback', { notice });
  }

  connected(server: InitializeResult, sessionId: string | undefined, transport: TransportKind): void {
    this.line('connected', {
      transport,
      protocolVersion: server.protocolVersion,
      serverInfo: server.serverInfo,
      capabilities: server.capabilities,
      ...(server.instructions !== undefined && { instructions: server.instructions }),
      ...(sessionId !== undefined && { sessionId }),
    });
  }

  tools(tools: Tool[]): void {
    this.line('tools', { tools });
  }

  resources(resources: Resource[] | undefined): void {
    this.line('resources', resources === undefined ? { offered: false, resources: [] } : { offered: true, resources });
  }

  prompts(prompts: Prompt[] | undefined): void {
    this.line('prompts', prompts === undefined ? { offered: false, prompts: [] } : { offered: true, prompts });
  }

  result(tool: string, result: CallToolResult): void {
    this.line('result', { tool, result });
  }

  failed(problem: Problem, exitCode: number): void {
    this.line('failed', { problem, exitCode });
  }

  cancelled(requestId: string | number | undefined): void {
    this.line('cancelled', requestId === undefined ? {} : { requestId });
  }

  private line(type: string, fields: object): void {
    this.out.write(`${JSON.stringify({ type, time: Date.now(), ...fields })}\n`);
  }
}
