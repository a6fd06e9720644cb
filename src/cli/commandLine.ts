// What the person typed, checked and turned into one command; every mistake becomes a UsageError
// that says what was wrong and how to write it instead.

import { parseArgs } from 'node:util';
import type { ServerEndpoint } from '../mcp/endpoint';
import { KNOWN_PROTOCOL_VERSIONS } from '../mcp/protocol';

export const USAGE = `Usage:
  mcp-scope list <server> [--resources] [--prompts] [options]
  mcp-scope call <server> <tool> [--args JSON] [options]
  mcp-scope conformance <url>      (the client under test for @modelcontextprotocol/conformance)

The server, one of:
  <url>                       Streamable HTTP, falling back to legacy HTTP+SSE when the server
                              refuses it, e.g. http://127.0.0.1:3000/mcp
  --sse <url>                 legacy HTTP+SSE (2024-11-05) directly, e.g. http://127.0.0.1:3000/sse
  --stdio -- <command> [args…]
                              start the server and talk over its stdin and stdout; everything
                              after -- is its command line, so put it last, e.g.
                              mcp-scope call echo --args '{"message":"hi"}' --stdio -- node server.js

Options:
  --args JSON                 the tool's arguments, a JSON object (default {})
  --resources                 list: also list the server's resources
  --prompts                   list: also list the server's prompts
  -H, --header "Name: value"  send this HTTP header with every request (repeatable)
  --secret-header <name>      redact this header's value in the wire records, like Authorization
                              and Cookie always are (repeatable)
  --env NAME=value            stdio: set this variable for the server (repeatable)
  --cwd <dir>                 stdio: the server's working directory (default: the current one)
  --timeout <seconds>         how long one request may wait for its answer; progress restarts
                              the wait (default 60)
  --protocol-version <v>      pin the protocol version (${KNOWN_PROTOCOL_VERSIONS.join(', ')})
  --json                      print every event as one JSON object per line on stdout, the wire
                              records included
  --wire                      also print every exchange on the wire (HTTP requests, responses,
                              SSE events, stdio lines), one line each on stderr
  -h, --help                  show this help
  -V, --version               show the version

Exit status: 0 success, 1 the tool reported an error (isError), 2 the call failed (connection,
protocol, timeout) or the command line is wrong, 130 cancelled with Ctrl+C.`;

/** How a session is set up, whatever the command. */
export interface SessionOptions {
  endpoint: ServerEndpoint;
  timeoutMs: number;
  protocolVersion?: string;
  /** Header names whose values the wire records redact, besides the ones always redacted. */
  secretHeaders: string[];
  json: boolean;
  /** Human output shows the wire records too. */
  wire: boolean;
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
      tokens: true,
      options: {
        args: { type: 'string' },
        resources: { type: 'boolean', default: false },
        prompts: { type: 'boolean', default: false },
        header: { type: 'string', short: 'H', multiple: true, default: [] },
        'secret-header': { type: 'string', multiple: true, default: [] },
        sse: { type: 'string' },
        stdio: { type: 'boolean', default: false },
        env: { type: 'string', multiple: true, default: [] },
        cwd: { type: 'string' },
        timeout: { type: 'string' },
        'protocol-version': { type: 'string' },
        json: { type: 'boolean', default: false },
        wire: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'V', default: false },
      },
    });
  } catch (error) {
    // parseArgs names the option; its codes (ERR_PARSE_ARGS_…) are not for people.
    throw new UsageError((error as Error).message);
  }
  const { values, tokens } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  // Everything after `--` is the stdio server's command line, not ours.
  const terminator = tokens.findIndex((token) => token.kind === 'option-terminator');
  const ours = tokens.slice(0, terminator === -1 ? undefined : terminator);
  const serverCommand = terminator === -1 ? undefined : argv.slice(tokens[terminator].index + 1);
  const positionals = ours.flatMap((token) => (token.kind === 'positional' ? [token.value] : []));

  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('Say what to do: list, call or conformance.');
  if (!['list', 'call', 'conformance'].includes(command)) {
    throw new UsageError(`Unknown command "${command}": use list, call or conformance.`);
  }
  if (command === 'conformance') {
    const [url, extra] = rest;
    if (url === undefined) throw new UsageError('conformance needs the server\'s URL; the conformance runner appends it.');
    checkUrl(url);
    if (extra !== undefined) throw new UsageError(`conformance takes only the URL; "${extra}" is one argument too many.`);
    return { kind: 'conformance', url };
  }

  const { endpoint, operands } = readEndpoint(command, rest, values, serverCommand);
  const session: SessionOptions = {
    endpoint,
    timeoutMs: parseTimeout(values.timeout) * 1000,
    ...(values['protocol-version'] !== undefined && { protocolVersion: parseProtocolVersion(values['protocol-version']) }),
    secretHeaders: values['secret-header'].map(checkHeaderName),
    json: values.json,
    wire: values.wire,
  };
  const [tool, ...extra] = operands;
  const where = endpoint.transport === 'http' ? 'the URL' : `--${endpoint.transport}`;
  if (command === 'list') {
    if (tool !== undefined) throw new UsageError(`list takes only the server; "${tool}" is one argument too many (did you mean call?).`);
    if (values.args !== undefined) throw new UsageError('--args belongs to call, not list.');
    return { kind: 'list', resources: values.resources, prompts: values.prompts, ...session };
  }
  if (tool === undefined) throw new UsageError(`call needs the name of the tool${endpoint.transport === 'http' ? ' after the URL' : ''} (list shows the names).`);
  if (extra.length > 0) {
    throw new UsageError(`call takes ${where} and one tool name; "${extra[0]}" is one argument too many (arguments go in --args '{"name": value}').`);
  }
  if (values.resources || values.prompts) throw new UsageError('--resources and --prompts belong to list, not call.');
  return { kind: 'call', tool, args: parseToolArguments(values.args), ...session };
}

interface EndpointOptions {
  header: string[];
  sse?: string;
  stdio: boolean;
  env: string[];
  cwd?: string;
}

/** The server from `<url>`, `--sse <url>` or `--stdio -- <command…>`, and the operands left after it. */
function readEndpoint(
  command: string,
  operands: string[],
  values: EndpointOptions,
  serverCommand: string[] | undefined,
): { endpoint: ServerEndpoint; operands: string[] } {
  const chosen = [values.sse !== undefined && '--sse', values.stdio && '--stdio'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError('Give one server: a URL, --sse <url> or --stdio -- <command>, not both --sse and --stdio.');
  if (!values.stdio) {
    if (serverCommand !== undefined) {
      throw new UsageError(`"-- ${serverCommand.join(' ')}" is a server command line, which needs --stdio: mcp-scope ${command} … --stdio -- <command> [args…].`);
    }
    if (values.env.length > 0 || values.cwd !== undefined) throw new UsageError('--env and --cwd belong to a stdio server (--stdio -- <command>).');
  }
  if (values.stdio) {
    if (serverCommand === undefined || serverCommand.length === 0) {
      throw new UsageError('--stdio needs the server\'s command line after --, e.g. --stdio -- node server.js.');
    }
    if (values.header.length > 0) throw new UsageError('--header is for HTTP servers; give a stdio server its settings with --env NAME=value.');
    const [program, ...args] = serverCommand;
    return {
      endpoint: {
        transport: 'stdio',
        command: program,
        args,
        ...(values.env.length > 0 && { env: parseEnv(values.env) }),
        ...(values.cwd !== undefined && { cwd: values.cwd }),
      },
      operands,
    };
  }
  const headers = parseHeaders(values.header);
  if (values.sse !== undefined) {
    checkUrl(values.sse);
    return { endpoint: { transport: 'sse', url: values.sse, headers }, operands };
  }
  const [url, ...after] = operands;
  if (url === undefined) {
    throw new UsageError(`${command} needs the server: its URL (e.g. http://127.0.0.1:3000/mcp), --sse <url> or --stdio -- <command>.`);
  }
  checkUrl(url);
  return { endpoint: { transport: 'http', url, headers }, operands: after };
}

/** `NAME=value` pairs into an environment; a name given twice keeps the last value. */
function parseEnv(pairs: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`--env "${pair}" is not NAME=value, e.g. --env LOG_LEVEL=debug.`);
    env[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  return env;
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
    if (!isHeaderName(name)) {
      throw new UsageError(`--header "${line}" is not "Name: value" with a valid header name, e.g. --header "Authorization: Bearer abc".`);
    }
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+.^`|~\w-]+$/.test(name);
}

function checkHeaderName(name: string): string {
  if (!isHeaderName(name)) throw new UsageError(`--secret-header "${name}" is not a header name, e.g. --secret-header X-Api-Key.`);
  return name;
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
  if (!KNOWN_PROTOCOL_VERSIONS.includes(version)) {
    throw new UsageError(`--protocol-version ${version} is not one MCP Scope speaks: use one of ${KNOWN_PROTOCOL_VERSIONS.join(', ')}.`);
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
