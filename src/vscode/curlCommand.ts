// A recorded HTTP request as a curl command line that sends it again, without its secrets: a
// secret header is written as a shell variable the user sets. No VS Code here, so it is testable
// under plain Node.

import type { WireRecord } from '../shared/model';
import { isSecretName, redactUrls } from './redaction';

/** What the recorder writes instead of a secret header's value (src/mcp/wire.ts). */
const RECORDED_SECRET = '[redacted]';

/** Headers curl writes itself from the request it sends. */
const LEFT_TO_CURL = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

export interface CurlCommand {
  /** The command line, one option per line, joined with backslash line ends (POSIX shells). */
  text: string;
  /** The shell variables the command expects, one per secret header, in the order they appear. */
  variables: string[];
  /** Whether secret parts of the URL were replaced with "redacted". */
  urlRedacted: boolean;
}

/**
 * The curl command for a recorded request. Its body goes as is (`--data-raw`); `-N` keeps curl
 * from buffering an event-stream answer. A header whose name looks secret, or whose value the
 * recorder redacted, becomes `"$MCP_SCOPE_<NAME>"`: its value never appears in the command.
 */
export function curlCommandOf(request: Extract<WireRecord, { type: 'httpRequest' }>): CurlCommand {
  const variables: string[] = [];
  const url = redactUrls(request.url);
  const lines = [`curl -sS -N -X ${request.method} ${shellQuote(url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    if (LEFT_TO_CURL.has(name.toLowerCase())) continue;
    if (value === RECORDED_SECRET || isSecretName(name)) {
      const variable = variableFor(name);
      variables.push(variable);
      lines.push(`-H "${escapeInDoubleQuotes(name)}: $${variable}"`);
    } else {
      lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
    }
  }
  if (request.body !== undefined) lines.push(`--data-raw ${shellQuote(request.body)}`);
  return { text: lines.join(' \\\n  '), variables, urlRedacted: url !== request.url };
}

/** `Authorization` → `MCP_SCOPE_AUTHORIZATION`, `Mcp-Session-Id` → `MCP_SCOPE_MCP_SESSION_ID`. */
export function variableFor(headerName: string): string {
  return `MCP_SCOPE_${headerName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** Single quotes keep everything literal; a single quote inside ends them, is escaped, and starts them again. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function escapeInDoubleQuotes(text: string): string {
  return text.replace(/[\\"$`]/g, (character) => `\\${character}`);
}
