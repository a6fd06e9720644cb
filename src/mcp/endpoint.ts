// Where a server is and how to reach it: the one description every transport, the inspector,
// the settings and the CLI share.

/** A server reached over HTTP: Streamable HTTP, or the legacy HTTP+SSE transport. */
export interface HttpEndpoint {
  /**
   * `http` speaks Streamable HTTP and falls back to legacy HTTP+SSE when the server refuses it
   * the way the spec describes; `sse` goes straight to legacy HTTP+SSE (2024-11-05).
   */
  transport: 'http' | 'sse';
  /** The MCP endpoint, e.g. `http://127.0.0.1:3000/mcp`. */
  url: string;
  /** Headers sent with every request, e.g. `Authorization`. */
  headers?: Record<string, string>;
  /** Speak exactly this protocol version instead of the newest the server supports (Streamable HTTP only). */
  protocolVersion?: string;
}

/** A server MCP Scope starts itself and talks to over its stdin and stdout. */
export interface StdioEndpoint {
  transport: 'stdio';
  command: string;
  args?: string[];
  /** Added to MCP Scope's own environment. */
  env?: Record<string, string>;
  /** The working directory; MCP Scope's own when absent. */
  cwd?: string;
}

export type ServerEndpoint = HttpEndpoint | StdioEndpoint;

/** The endpoint as a person reads it: the URL, or the command line. */
export function describeEndpoint(endpoint: ServerEndpoint): string {
  if (endpoint.transport !== 'stdio') return endpoint.url;
  return [endpoint.command, ...(endpoint.args ?? [])].map(quoteIfNeeded).join(' ');
}

function quoteIfNeeded(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : JSON.stringify(word);
}
