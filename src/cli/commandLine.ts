// What the person typed, checked and turned into one command; every mistake becomes a UsageError
// that says what was wrong and how to write it instead.

import { parseArgs } from 'node:util';
import type { HttpEndpoint } from '../mcp/endpoint';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../mcp/protocol';

export const USAGE = `Usage:
  mcp-scope list <url> [--resources] [--prompts] [options]
  mcp-scope call <url> <tool> [--args JSON] [options]
  mcp-scope conformance <url>      (the client under test for @modelcontextprotocol/conformance)

Options:
  --args JSON                 the tool's arguments, a JSON object (default {})
  --resources                 list: also list the server's resources
  --prompts                   list: also list the server's prompts
  -H, --header "Name: value"  send this HTTP header with every request (repeatable)
  --timeout <seconds>         how long one request may wait for its answer; progress restarts
                              the wait (default 60)
  --protocol-version <v>      pin the protocol version (${SUPPORTED_PROTOCOL_VERSIONS.join(', ')})
  --json                      print every event as one JSON object per line on stdout
  -h, --help                  show this help
  -V, --version               show the version

Exit status: 0 success, 1 the tool reported an error (isError), 2 the call failed (connection,
protocol, timeout) or the command line is wrong, 130 cancelled with Ctrl+C.`;

/** How a session is set up, whatever the command. */
export interface SessionOptions {
  endpoint: HttpEndpoint;
  timeoutMs: number;
  protocolVersion?: string;
  json: boolean;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | ({ kind: 'list'; resources: boolean; prompts: boolean } & SessionOptions)
  | ({ kind: 'call'; tool: string; args: Record<string, unknown> } & SessionOptions)
  | { kind: 'conformance'; url: string };

/** A command line that cannot be run as written; the message says why and what to write. */
export class UsageError extends Error {}

const DEFAULT_TIMEOUT_SECONDS = 60;

/** Reads the arguments after `mcp-scope`. Throws UsageError for anything it cannot run. */
export function parseCommandLine(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        args: { type: 'string' },
        resources: { type: 'boolean', default: false },
        prompts: { type: 'boolean', default: false },
        header: { type: 'string', short: 'H', multiple: true, default: [] },
        timeout: { type: 'string' },
        'protocol-version': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'V', default: false },
      },
    });
  } catch (error) {
    // parseArgs names the option; its codes (ERR_PARSE_ARGS_…) are not for people.
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, url, tool, ...extra] = positionals;
  if (command === undefined) throw new UsageError('Say what to do: list, call or conformance.');
  if (!['list', 'call', 'conformance'].includes(command)) {
    throw new UsageError(`Unknown command "${command}": use list, call or conformance.`);
  }
  if (url === undefined) throw new UsageError(`${command} needs the server's URL, e.g. http://127.0.0.1:3000/mcp.`);
  checkUrl(url);
  if (command === 'conformance') {
    if (tool !== undefined) throw new UsageError(`conformance takes only the URL; "${tool}" is one argument too many.`);
    return { kind: 'conformance', url };
  }

  const session: SessionOptions = {
    endpoint: { transport: 'http', url, headers: parseHeaders(values.header) },
    timeoutMs: parseTimeout(values.timeout) * 1000,
    ...(values['protocol-version'] !== undefined && { protocolVersion: parseProtocolVersion(values['protocol-version']) }),
    json: values.json,
  };
  if (command === 'list') {
    if (tool !== undefined) throw new UsageError(`list takes only the URL; "${tool}" is one argument too many (did you mean call?).`);
    if (values.args !== undefined) throw new UsageError('--args belongs to call, not list.');
    return { kind: 'list', resources: values.resources, prompts: values.prompts, ...session };
  }
  if (tool === undefined) throw new UsageError('call needs the name of the tool after the URL (list shows the names).');
  if (extra.length > 0) {
    throw new UsageError(`call takes the URL and one tool name; "${extra[0]}" is one argument too many (arguments go in --args '{"name": value}').`);
  }
  if (values.resources || values.prompts) throw new UsageError('--resources and --prompts belong to list, not call.');
  return { kind: 'call', tool, args: parseToolArguments(values.args), ...session };
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL: write it in full, e.g. http://127.0.0.1:3000/mcp.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`"${url}" is not an http:// or https:// URL.`);
  }
}

/** `Name: value` (or `Name:value`) into a header map; a name given twice keeps the last value. */
function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^`|~\w-]+$/.test(name)) {
      throw new UsageError(`--header "${line}" is not "Name: value" with a valid header name, e.g. --header "Authorization: Bearer abc".`);
    }
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

function parseTimeout(text: string | undefined): number {
  if (text === undefined) return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--timeout "${text}" is not a positive number of seconds, e.g. --timeout 30 or --timeout 0.5.`);
  }
  return seconds;
}

function parseProtocolVersion(version: string): string {
  if (!SUPPORTED_PROTOCOL_VERSIONS.includes(version)) {
    throw new UsageError(`--protocol-version ${version} is not one MCP Scope speaks: use one of ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}.`);
  }
  return version;
}

function parseToolArguments(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--args is not valid JSON (${(error as Error).message}): write an object, e.g. --args '{"message": "hi"}'.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--args must be a JSON object of the tool's arguments, e.g. --args '{"message": "hi"}', not ${JSON.stringify(value)}.`);
  }
  return value as Record<string, unknown>;
}
