// What the CLI tells its user, whatever the form: people's text or JSON Lines.

import type { ClientEvent } from '../mcp/client';
import type { CallToolResult, InitializeResult, Prompt, Resource, Tool } from '../mcp/protocol';
import type { Problem } from '../shared/model';

export interface Reporter {
  /** Anything the client saw happen: progress, logs, notifications, protocol errors, problems. */
  event(event: ClientEvent): void;
  connected(server: InitializeResult, sessionId: string | undefined): void;
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
