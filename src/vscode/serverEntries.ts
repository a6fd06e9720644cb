// Server entries as users write them (in `mcpScope.servers`, in `.vscode/mcp.json`, in other
// clients' config files) checked and turned into the inspector's ServerConfig. No VS Code API
// here, so every rule is tested under plain Node; src/vscode/serverSources.ts does the reading.

import { parse, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';
import type { ServerConfig } from '../inspector/serverSession';
import type { ServerEndpoint } from '../mcp/endpoint';
import type { Problem } from '../shared/model';
import { inputsReferenced, parseEnvFile, substitute, type VariableValues } from './variables';

/** Where a server entry is written. */
export interface ServerOrigin {
  /** As a person reads it: "user settings", "workspace settings", ".vscode/mcp.json of api". */
  label: string;
  /** Entries from the workspace's own files run only in a trusted workspace. */
  fromWorkspace: boolean;
  location: { settings: 'user' | 'workspace' } | { file: string };
  /** What `${workspaceFolder}` means for the entry. */
  workspaceFolder?: string;
}

/** An `inputs` entry of mcp.json: a value asked of the user once and kept in SecretStorage. */
export interface InputDefinition {
  id: string;
  type: 'promptString' | 'pickString';
  description: string;
  password: boolean;
  default?: string;
  options?: string[];
}

/** A server entry as written, its variables not substituted yet. */
export interface ServerDefinition {
  name: string;
  origin: ServerOrigin;
  endpoint: ServerEndpoint;
  envFile?: string;
  protocolVersion?: string;
  timeoutSeconds?: number;
  /** The inputs its `${input:…}` variables may name. */
  inputs: InputDefinition[];
  /** Which remembered input values belong to it: inputs of one file are shared by its servers. */
  inputScope: string;
  /** What starts the server (Start and Connect): a launch configuration or a task of the workspace, by name. */
  starter?: ServerStarter;
}

export type ServerStarter = { launch: string } | { task: string };

/** What one source of servers yields: its servers, and a problem for each entry left out. */
export interface ParsedSource {
  definitions: ServerDefinition[];
  problems: Problem[];
}

/** Where the remembered secrets of a `mcpScope.servers` entry are kept. */
export function settingsInputScope(serverName: string): string {
  return `settings/${serverName}`;
}

/** The header or env value in `mcpScope.servers` that says "ask me once, keep it in SecretStorage". */
export const SECRET_PLACEHOLDER = '${secret}';

const Text = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const Entry = z.object({
  type: z.string().optional(),
  url: z.string().optional(),
  headers: z.record(z.string(), Text, 'headers must map header names to strings').optional(),
  command: z.string().optional(),
  args: z.array(Text, 'args must be a list of strings').optional(),
  env: z.record(z.string(), z.union([Text, z.null()]), 'env must map variable names to strings').optional(),
  envFile: z.string().optional(),
  cwd: z.string().optional(),
  protocolVersion: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'protocolVersion must be a date like 2025-06-18')
    .optional(),
  timeoutSeconds: z.number('timeoutSeconds must be a number').positive('timeoutSeconds must be above 0').optional(),
  launch: z.string('launch must be the name of a launch configuration').min(1, 'launch must name a launch configuration').optional(),
  task: z.string('task must be the name of a task').min(1, 'task must name a task').optional(),
});
type Entry = z.infer<typeof Entry>;

/** The spellings of a transport other clients use, mapped to ours. */
const TRANSPORT_NAMES: Record<string, ServerEndpoint['transport']> = {
  http: 'http',
  'streamable-http': 'http',
  streamableHttp: 'http',
  sse: 'sse',
  stdio: 'stdio',
};

/** Checks one entry; `where` names it in problems (file and entry). */
function definitionOf(
  name: string,
  raw: unknown,
  where: string,
  base: Pick<ServerDefinition, 'origin' | 'inputs' | 'inputScope'>,
): ServerDefinition | Problem {
  const parsed = Entry.safeParse(raw);
  if (!parsed.success) return entryProblem(where, parsed.error.issues.map(describeIssue).join('; '));
  const entry = parsed.data;
  const transport = transportOf(entry);
  if (typeof transport !== 'string') return entryProblem(where, transport.error);
  if (entry.launch !== undefined && entry.task !== undefined) return entryProblem(where, 'names both a launch configuration and a task to start it; keep one');
  const endpoint: ServerEndpoint =
    transport === 'stdio'
      ? {
          transport,
          command: entry.command!,
          ...(entry.args && { args: entry.args }),
          ...(entry.env && { env: withoutNulls(entry.env) }),
          ...(entry.cwd !== undefined && { cwd: entry.cwd }),
        }
      : { transport, url: entry.url!.trim(), ...(entry.headers && { headers: entry.headers }) };
  return {
    name,
    ...base,
    endpoint,
    ...(entry.envFile !== undefined && { envFile: entry.envFile }),
    ...(entry.protocolVersion !== undefined && { protocolVersion: entry.protocolVersion }),
    ...(entry.timeoutSeconds !== undefined && { timeoutSeconds: entry.timeoutSeconds }),
    ...(entry.launch !== undefined && { starter: { launch: entry.launch } }),
    ...(entry.task !== undefined && { starter: { task: entry.task } }),
  };
}

function transportOf(entry: Entry): ServerEndpoint['transport'] | { error: string } {
  const named = entry.type === undefined ? undefined : TRANSPORT_NAMES[entry.type];
  if (entry.type !== undefined && !named) return { error: `has type "${entry.type}"; use "http", "sse" or "stdio"` };
  const transport = named ?? (entry.url !== undefined ? 'http' : entry.command !== undefined ? 'stdio' : undefined);
  if (!transport) return { error: 'needs a "url" (for an http or sse server) or a "command" (for a stdio server)' };
  if (transport === 'stdio' && !entry.command?.trim()) return { error: 'is a stdio server and needs a "command"' };
  if (transport !== 'stdio' && !entry.url?.trim()) return { error: `is an ${transport} server and needs a "url"` };
  return transport;
}

function withoutNulls(env: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((pair): pair is [string, string] => pair[1] !== null));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

function entryProblem(where: string, what: string): Problem {
  return { summary: `${where} ${what}, so it was left out.`, advice: 'Correct the entry; MCP Scope picks up the change at once.' };
}

/** The servers of `mcpScope.servers` in one settings scope (a list of entries with a `name`). */
export function parseSettingsServers(value: unknown, origin: ServerOrigin): ParsedSource {
  const definitions: ServerDefinition[] = [];
  const problems: Problem[] = [];
  if (value === undefined) return { definitions, problems };
  if (!Array.isArray(value)) {
    return { definitions, problems: [entryProblem(`mcpScope.servers in ${origin.label}`, 'is not a list of servers')] };
  }
  for (const [index, raw] of value.entries()) {
    const label = `mcpScope.servers[${index}] in ${origin.label}`;
    const name = (raw as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || !name.trim()) {
      problems.push(entryProblem(label, 'needs a "name"'));
      continue;
    }
    const where = `Server "${name.trim()}" (${label})`;
    const { name: _name, ...entry } = raw as Record<string, unknown>;
    const definition = definitionOf(name.trim(), entry, where, { origin, inputs: [], inputScope: settingsInputScope(name.trim()) });
    if ('summary' in definition) problems.push(definition);
    else definitions.push(withSecrets(definition));
  }
  return { definitions, problems };
}

/** The input id of a `${secret}` placeholder in a header or env value of `mcpScope.servers`. */
export function secretInputId(where: 'header' | 'env', name: string): string {
  return where === 'header' ? `secret-header.${name.toLowerCase()}` : `secret-env.${name}`;
}

/** Turns `${secret}` in header and env values into inputs asked for once, as mcp.json's `${input:…}` are. */
function withSecrets(definition: ServerDefinition): ServerDefinition {
  const inputs: InputDefinition[] = [];
  const replace = (where: 'header' | 'env', values: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(values).map(([name, value]) => {
        if (!value.includes(SECRET_PLACEHOLDER)) return [name, value];
        const id = secretInputId(where, name);
        const description = where === 'header' ? `The ${name} header for ${definition.name}` : `The ${name} variable for ${definition.name}`;
        inputs.push({ id, type: 'promptString', description, password: true });
        return [name, value.split(SECRET_PLACEHOLDER).join(`\${input:${id}}`)];
      }),
    );
  const { endpoint } = definition;
  const replaced: ServerEndpoint =
    endpoint.transport === 'stdio'
      ? { ...endpoint, ...(endpoint.env && { env: replace('env', endpoint.env) }) }
      : { ...endpoint, ...(endpoint.headers && { headers: replace('header', endpoint.headers) }) };
  return { ...definition, endpoint: replaced, inputs };
}

const Input = z.object({
  id: z.string('needs an "id"').min(1, 'needs an "id"'),
  type: z.enum(['promptString', 'pickString'], 'type must be "promptString" or "pickString"'),
  description: z.string().optional(),
  password: z.boolean().optional(),
  default: z.string().optional(),
  options: z.array(z.union([z.string(), z.object({ value: z.string() }).transform((option) => option.value)])).optional(),
});

/** The servers and inputs of one `.vscode/mcp.json` (JSON with comments, VS Code's format). */
export function parseMcpJson(text: string, file: string, origin: ServerOrigin): ParsedSource & { inputs: InputDefinition[] } {
  const problems: Problem[] = [];
  const document = parseJsonc(text, file);
  if ('summary' in document) return { definitions: [], inputs: [], problems: [document] };
  if (!isObject(document.value)) {
    return { definitions: [], inputs: [], problems: [fileProblem(file, 'is not a JSON object with "servers"')] };
  }
  const inputs: InputDefinition[] = [];
  const rawInputs = document.value.inputs ?? [];
  for (const [index, raw] of (Array.isArray(rawInputs) ? rawInputs : []).entries()) {
    const parsed = Input.safeParse(raw);
    if (!parsed.success) {
      problems.push(entryProblem(`${file}: inputs[${index}]`, parsed.error.issues.map(describeIssue).join('; ')));
      continue;
    }
    const { id, type, description, password, default: initial, options } = parsed.data;
    inputs.push({
      id,
      type,
      description: description ?? id,
      password: password ?? false,
      ...(initial !== undefined && { default: initial }),
      ...(options && { options }),
    });
  }
  if (!Array.isArray(rawInputs)) problems.push(fileProblem(file, '"inputs" is not a list'));

  const definitions: ServerDefinition[] = [];
  const servers = document.value.servers ?? {};
  if (!isObject(servers)) problems.push(fileProblem(file, '"servers" is not an object of named servers'));
  for (const [name, raw] of Object.entries(isObject(servers) ? servers : {})) {
    const definition = definitionOf(name, raw, `${file}: server "${name}"`, { origin, inputs, inputScope: file });
    if ('summary' in definition) {
      problems.push(definition);
      continue;
    }
    const unknown = inputsReferenced(stringsOf(definition)).filter((id) => !inputs.some((input) => input.id === id));
    if (unknown.length) {
      problems.push(entryProblem(`${file}: server "${name}"`, `uses \${input:${unknown[0]}}, which "inputs" does not declare`));
    } else {
      definitions.push(definition);
    }
  }
  return { definitions, inputs, problems };
}

/** A server entry as MCP Scope writes it into `mcpScope.servers`. */
export interface SettingsEntry {
  name: string;
  type?: ServerEndpoint['transport'];
  url?: string;
  headers?: Record<string, string>;
  command?: string;
  args?: string[];
  env?: Record<string, string>;
  envFile?: string;
  cwd?: string;
}

/**
 * The servers of another MCP client's config file: `mcpServers` (Claude Desktop, Cursor, and
 * most others) or `servers` (VS Code's mcp.json), as entries for `mcpScope.servers`.
 */
export function parseImportedServers(text: string, file: string): { entries: SettingsEntry[]; problems: Problem[] } {
  const document = parseJsonc(text, file);
  if ('summary' in document) return { entries: [], problems: [document] };
  const root = document.value;
  const servers = isObject(root) ? (root.mcpServers ?? root.servers) : undefined;
  if (!isObject(servers)) {
    return { entries: [], problems: [fileProblem(file, 'has no "mcpServers" (Claude Desktop, Cursor) or "servers" (VS Code) object')] };
  }
  const origin: ServerOrigin = { label: file, fromWorkspace: false, location: { file } };
  const entries: SettingsEntry[] = [];
  const problems: Problem[] = [];
  for (const [name, raw] of Object.entries(servers)) {
    const definition = definitionOf(name, raw, `${file}: server "${name}"`, { origin, inputs: [], inputScope: file });
    if ('summary' in definition) problems.push(definition);
    else entries.push(settingsEntryOf(definition));
  }
  return { entries, problems };
}

/** The definition as an entry of `mcpScope.servers`. */
export function settingsEntryOf(definition: ServerDefinition): SettingsEntry {
  const { endpoint } = definition;
  const common = { name: definition.name, ...(definition.envFile !== undefined && { envFile: definition.envFile }) };
  if (endpoint.transport === 'stdio') {
    const { transport: _transport, ...rest } = endpoint;
    return { ...common, type: 'stdio', ...rest };
  }
  return { ...common, type: endpoint.transport, url: endpoint.url, ...(endpoint.headers && { headers: endpoint.headers }) };
}

/**
 * The servers of every source, in order; a name taken by an earlier source leaves the later
 * entry out with a problem naming both places.
 */
export function mergeSources(sources: ParsedSource[]): ParsedSource {
  const definitions: ServerDefinition[] = [];
  const problems: Problem[] = [];
  for (const source of sources) {
    problems.push(...source.problems);
    for (const definition of source.definitions) {
      const first = definitions.find((known) => known.name === definition.name);
      if (!first) definitions.push(definition);
      else
        problems.push({
          summary: `Server "${definition.name}" in ${definition.origin.label} has the name of a server in ${first.origin.label}, so it was left out.`,
          advice: 'Rename one of them: server names must be unique.',
        });
    }
  }
  return { definitions, problems };
}

/** Every string of the entry that may hold variables. */
export function stringsOf(definition: ServerDefinition): string[] {
  const { endpoint } = definition;
  const strings = endpoint.transport === 'stdio'
    ? [endpoint.command, ...(endpoint.args ?? []), ...Object.values(endpoint.env ?? {}), ...(endpoint.cwd ? [endpoint.cwd] : [])]
    : [endpoint.url, ...Object.values(endpoint.headers ?? {})];
  return definition.envFile === undefined ? strings : [...strings, definition.envFile];
}

/**
 * The definition with its variables substituted and its env file read: the ServerConfig the
 * inspector connects with, or the problem that keeps it from being used.
 */
export function resolveDefinition(
  definition: ServerDefinition,
  values: VariableValues,
  readFile: (path: string) => string,
): ServerConfig | Problem {
  const where = `Server "${definition.name}" (${definition.origin.label})`;
  const resolved = (text: string) => substitute(text, values);
  try {
    const { endpoint } = definition;
    const common = {
      name: definition.name,
      origin: definition.origin.label,
      ...(definition.protocolVersion !== undefined && { protocolVersion: definition.protocolVersion }),
      ...(definition.timeoutSeconds !== undefined && { requestTimeoutMs: definition.timeoutSeconds * 1000 }),
    };
    if (endpoint.transport !== 'stdio') {
      const url = resolved(endpoint.url);
      if (!parseHttpUrl(url)) throw new Error(`its url ${JSON.stringify(url)} does not start with http:// or https://`);
      const headers = endpoint.headers && mapValues(endpoint.headers, resolved);
      return { ...common, transport: endpoint.transport, url, ...(headers && { headers }) };
    }
    const cwd = endpoint.cwd === undefined ? values.workspaceFolder : resolved(endpoint.cwd);
    const fromFile = definition.envFile === undefined ? {} : readEnvFile(resolved(definition.envFile), cwd, readFile);
    const env = { ...fromFile, ...(endpoint.env && mapValues(endpoint.env, resolved)) };
    return {
      ...common,
      transport: 'stdio',
      command: resolved(endpoint.command),
      ...(endpoint.args && { args: endpoint.args.map(resolved) }),
      ...(Object.keys(env).length && { env }),
      ...(cwd !== undefined && { cwd }),
    };
  } catch (error) {
    return entryProblem(where, `cannot be used: ${(error as Error).message}`);
  }
}

function readEnvFile(path: string, cwd: string | undefined, readFile: (path: string) => string): Record<string, string> {
  const absolute = path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || !cwd ? path : `${cwd.replace(/[\\/]$/, '')}/${path}`;
  let text: string;
  try {
    text = readFile(absolute);
  } catch (error) {
    throw new Error(`its envFile ${absolute} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseEnvFile(text);
  } catch (error) {
    throw new Error(`its envFile ${absolute}: ${(error as Error).message}`);
  }
}

function mapValues(record: Record<string, string>, map: (value: string) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}

/** A URL the client can reach over HTTP, or undefined. */
export function parseHttpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fileProblem(file: string, what: string): Problem {
  return { summary: `${file} ${what}, so MCP Scope took no servers from it.`, advice: 'Correct the file; MCP Scope picks up the change at once.' };
}

/**
 * `mcpScope.servers` as written in a settings file: a folder's `.vscode/settings.json`, or the
 * `settings` of a `.code-workspace` file. In Restricted Mode VS Code hides the workspace's value of
 * a restricted setting from extensions, so MCP Scope reads the file itself to list those servers.
 */
export function serversInSettingsFile(text: string, file: string, codeWorkspace: boolean): { value: unknown } | Problem {
  const document = parseJsonc(text, file);
  if ('summary' in document) return document;
  const settings = codeWorkspace ? (document.value as { settings?: unknown } | null)?.settings : document.value;
  return { value: typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)['mcpScope.servers'] : undefined };
}

function parseJsonc(text: string, file: string): { value: unknown } | Problem {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, allowEmptyContent: true });
  if (errors.length === 0) return { value: value ?? {} };
  const { line, column } = lineAndColumn(text, errors[0].offset);
  return fileProblem(file, `cannot be read as JSON: ${printParseErrorCode(errors[0].error)} at line ${line}, column ${column}`);
}

/** Where `offset` is in `text`, counted as an editor does: from line 1, column 1. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * The entry with the values of secret-looking headers and env variables taken out: they are
 * returned apart (to keep in SecretStorage) and written as `${secret}`.
 */
export function separateSecrets(entry: SettingsEntry, isSecret: (name: string) => boolean): { entry: SettingsEntry; secrets: Map<string, string> } {
  const secrets = new Map<string, string>();
  const take = (where: 'header' | 'env', values: Record<string, string> | undefined) =>
    values &&
    Object.fromEntries(
      Object.entries(values).map(([name, value]) => {
        if (!isSecret(name) || value.includes('${')) return [name, value];
        secrets.set(secretInputId(where, name), value);
        return [name, SECRET_PLACEHOLDER];
      }),
    );
  const headers = take('header', entry.headers);
  const env = take('env', entry.env);
  return { entry: { ...entry, ...(headers && { headers }), ...(env && { env }) }, secrets };
}
