// The file of saved calls the team shares (`.vscode/mcp-scope.calls.json`): read with the line of
// every entry it leaves out, and changed by edits to its text, so that comments, formatting and
// entries MCP Scope cannot read survive a save. No VS Code API here, so every rule is tested under
// plain Node; src/vscode/sharedCalls.ts reads and writes the file.
//
// {
//   "calls": [
//     { "name": "sum of two", "server": "everything", "tool": "get-sum", "arguments": { "a": 2, "b": 3 } }
//   ]
// }

import { applyEdits, type FormattingOptions, getNodeValue, modify, type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { SavedCall } from '../shared/history';
import type { Problem } from '../shared/model';
import { lineAndColumn } from './serverEntries';

/** Where the file is, from the workspace folder. */
export const SAVED_CALLS_PATH = ['.vscode', 'mcp-scope.calls.json'] as const;

/** What the file gives: its calls, and a problem for the whole file or for each entry left out. */
export interface SavedCallsReading {
  calls: SavedCall[];
  problems: Problem[];
  /** Whether the file could be read as a whole, so that an edit keeps everything in it. */
  writable: boolean;
}

/** The saved calls in `text`, the contents of `file` (named in every problem). An empty text has none. */
export function readSavedCalls(text: string, file: string): SavedCallsReading {
  const parsed = callsNode(text, file);
  if ('summary' in parsed) return { calls: [], problems: [parsed], writable: false };
  const calls: SavedCall[] = [];
  const problems: Problem[] = [];
  const lines = new Map<string, number>();
  for (const node of parsed.calls?.children ?? []) {
    const line = lineAndColumn(text, node.offset).line;
    // Plain objects, as the rest of MCP Scope expects: jsonc-parser builds them without a prototype.
    const call = savedCallOf(JSON.parse(JSON.stringify(getNodeValue(node))));
    const earlier = typeof call === 'string' ? undefined : lines.get(call.name);
    const reason = typeof call === 'string' ? call : earlier !== undefined ? `has the name of the saved call on line ${earlier}` : undefined;
    if (reason !== undefined) {
      problems.push({
        summary: `${file}, line ${line}: the saved call ${reason}, so MCP Scope left it out.`,
        advice: 'Correct it in the file; MCP Scope reads the file again as soon as it changes.',
      });
      continue;
    }
    const valid = call as SavedCall;
    lines.set(valid.name, line);
    calls.push(valid);
  }
  return { calls, problems, writable: true };
}

/** One file's reading, from one workspace folder. */
export interface FileReading {
  file: string;
  calls: SavedCall[];
  problems: Problem[];
}

/**
 * The calls of every folder's file as one list, names unique across the workspace (saved calls are
 * run and removed by name): a call named like one of an earlier file is left out, with a problem.
 * `owners` tells which reading (its index) each listed call came from.
 */
export function mergeSavedCalls(readings: FileReading[]): { calls: SavedCall[]; problems: Problem[]; owners: Map<string, number> } {
  const owners = new Map<string, number>();
  const calls: SavedCall[] = [];
  const problems: Problem[] = [];
  readings.forEach((reading, index) => {
    problems.push(...reading.problems);
    for (const call of reading.calls) {
      const owner = owners.get(call.name);
      if (owner !== undefined) {
        problems.push({
          summary: `${reading.file}: the saved call "${call.name}" has the name of a saved call in ${readings[owner].file}, so MCP Scope left it out.`,
          advice: 'Rename one of them; saved calls are run and removed by name.',
        });
        continue;
      }
      owners.set(call.name, index);
      calls.push(call);
    }
  });
  return { calls, problems, owners };
}

/**
 * The saved calls that builds before the shared file kept in workspace storage, next to the past
 * calls (`{ past, saved: [{ name, serverId, tool, arguments }] }`); anything else stored is ignored.
 */
export function storedSavedCalls(stored: unknown): SavedCall[] {
  const saved = isObject(stored) && Array.isArray(stored.saved) ? (stored.saved as unknown[]) : [];
  return saved.flatMap((entry) => {
    if (!isObject(entry)) return [];
    const call = savedCallOf({ name: entry.name, server: entry.serverId, tool: entry.tool, arguments: entry.arguments });
    return typeof call === 'string' ? [] : [call];
  });
}

/** The text of `file` with `call` saved in it (replacing the call of the same name), or why the file cannot be written. */
export function withSavedCall(text: string, call: SavedCall, file: string): string | Problem {
  const entry = { name: call.name, server: call.serverId, tool: call.tool, arguments: call.arguments };
  if (!text.trim()) return `${JSON.stringify({ calls: [entry] }, null, 2)}\n`;
  const parsed = writableCalls(text, file);
  if ('summary' in parsed) return parsed;
  const format = formatOf(text);
  if (!parsed.calls) return applyEdits(text, modify(text, ['calls'], [entry], { formattingOptions: format }));
  const entries = parsed.calls.children ?? [];
  const index = entries.findIndex((node) => nameOf(node) === call.name);
  const edits =
    index >= 0
      ? modify(text, ['calls', index], entry, { formattingOptions: format })
      : modify(text, ['calls', entries.length], entry, { formattingOptions: format, isArrayInsertion: true });
  return applyEdits(text, edits);
}

/** The text of `file` without the saved calls named `name`, or why the file cannot be written. */
export function withoutSavedCall(text: string, name: string, file: string): string | Problem {
  if (!text.trim()) return text;
  const parsed = writableCalls(text, file);
  if ('summary' in parsed) return parsed;
  const entries = parsed.calls?.children ?? [];
  let next = text;
  // From the last, so that the indexes of the ones before stay right.
  for (let index = entries.length - 1; index >= 0; index--) {
    if (nameOf(entries[index]) === name) next = applyEdits(next, modify(next, ['calls', index], undefined, { formattingOptions: formatOf(text) }));
  }
  return next;
}

/** The `calls` array of the file (absent when the file has none yet), or why the file cannot be read as a whole. */
function callsNode(text: string, file: string): { calls?: Node } | Problem {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, allowEmptyContent: true });
  const unreadable = (what: string): Problem => ({
    summary: `${file} ${what}, so MCP Scope shows none of its saved calls and does not write to it.`,
    advice: 'Correct the file; MCP Scope reads it again as soon as it changes.',
  });
  if (errors.length > 0) {
    const { line, column } = lineAndColumn(text, errors[0].offset);
    return unreadable(`cannot be read as JSON: ${printParseErrorCode(errors[0].error)} at line ${line}, column ${column}`);
  }
  if (!root) return {};
  if (root.type !== 'object') return unreadable('is not a JSON object with a "calls" list');
  const calls = root.children?.find((property) => property.children?.[0].value === 'calls')?.children?.[1];
  if (calls && calls.type !== 'array') return unreadable(`has "calls" at line ${lineAndColumn(text, calls.offset).line} that is not a list`);
  return calls ? { calls } : {};
}

function writableCalls(text: string, file: string): { calls?: Node } | Problem {
  const parsed = callsNode(text, file);
  if (!('summary' in parsed)) return parsed;
  return { summary: `MCP Scope did not change ${file}: ${parsed.summary}`, advice: 'Correct the file (nothing in it was changed), then try again.' };
}

/** The call an entry describes, or what is wrong with it. */
function savedCallOf(value: unknown): SavedCall | string {
  if (!isObject(value)) return 'is not an object';
  const { name, server, tool } = value;
  const args = value.arguments ?? {};
  if (typeof name !== 'string' || !name.trim()) return 'has no "name"';
  if (typeof server !== 'string' || !server) return `"${name}" names no "server"`;
  if (typeof tool !== 'string' || !tool) return `"${name}" names no "tool"`;
  if (!isObject(args)) return `"${name}" has "arguments" that are not an object`;
  return { name, serverId: server, tool, arguments: args };
}

function nameOf(node: Node): unknown {
  const value: unknown = getNodeValue(node);
  return isObject(value) ? value.name : undefined;
}

/** Indents and line ends as the file already has them. */
function formatOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
