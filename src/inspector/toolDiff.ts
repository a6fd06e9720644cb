// What changed in a server's tool list between two listings: the debugging loop's answer to
// "what did my restart change?".

import type { ToolFieldChange, ToolListChange, ToolSummary } from '../shared/model';

export function diffTools(before: ToolSummary[], after: ToolSummary[]): ToolListChange {
  const old = new Map(before.map((tool) => [tool.name, tool]));
  const now = new Map(after.map((tool) => [tool.name, tool]));
  const changed: ToolListChange['changed'] = [];
  for (const [name, tool] of now) {
    const previous = old.get(name);
    if (!previous) continue;
    const changes = jsonDifferences(previous, tool, '');
    if (changes.length) changed.push({ name, changes });
  }
  return {
    added: [...now.keys()].filter((name) => !old.has(name)),
    removed: [...old.keys()].filter((name) => !now.has(name)),
    changed,
  };
}

export function isUnchanged(change: ToolListChange): boolean {
  return change.added.length === 0 && change.removed.length === 0 && change.changed.length === 0;
}

/** The change in one line, e.g. "1 tool added (b); 1 changed (a: description, inputSchema.required)". */
export function describeToolChange(change: ToolListChange): string {
  const parts: string[] = [];
  const tools = (count: number) => `${count} tool${count === 1 ? '' : 's'}`;
  if (change.added.length) parts.push(`${tools(change.added.length)} added (${change.added.join(', ')})`);
  if (change.removed.length) parts.push(`${tools(change.removed.length)} removed (${change.removed.join(', ')})`);
  if (change.changed.length) {
    const what = change.changed.map(({ name, changes }) => `${name}: ${changes.map((c) => c.path).join(', ')}`);
    parts.push(`${tools(change.changed.length)} changed (${what.join('; ')})`);
  }
  return parts.length ? parts.join('; ') : 'the tools are unchanged';
}

/** Differences down through objects; arrays and other values are compared whole. */
function jsonDifferences(before: unknown, after: unknown, path: string): ToolFieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      if (!(key in after)) return [{ path: at, before: before[key] }];
      if (!(key in before)) return [{ path: at, after: after[key] }];
      return jsonDifferences(before[key], after[key], at);
    });
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
