// What the CLI tells its user, whatever the form: people's text or JSON Lines.

import type { ClientEvent } from '../mcp/client';
import type { CallToolResult, InitializeResult, Prompt, Resource, Tool } from '../mcp/protocol';
import type { Problem, TransportKind, WireRecord } from '../shared/model';

export interface Reporter {
  /** Anything the client saw happen: progress, logs, notifications, server requests, protocol errors, problems, notes, stderr. */
  event(event: ClientEvent): void;
  /** One piece of an exchange on the wire, secrets already redacted. */
  wire(record: WireRecord): void;
  /** The server refused Streamable HTTP; legacy HTTP+SSE is tried instead. */
  fallback(notice: string): void;
  connected(server: InitializeResult, sessionId: string | undefined, transport: TransportKind): void;
  tools(tools: Tool[]): void;
  /** `undefined` when the server does not declare the capability, so there is nothing to list. */
  resources(resources: Resource[] | undefined): void;
  prompts(prompts: Prompt[] | undefined): void;
  result(tool: string, result: CallToolResult): void;
  /** The command failed; `exitCode` is what the process ends with. */
  failed(problem: Problem, exitCode: number): void;
  /** The user pressed Ctrl+C; `requestId` is the call the server was told to cancel, if one was running. */
  cancelled(requestId: string | number | undefined): void;
}
