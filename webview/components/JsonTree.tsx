import type { ComponentChildren } from 'preact';

/** How many entries of one object or array are drawn; the rest are counted. */
const ENTRY_LIMIT = 500;

/**
 * Any JSON value as a tree: objects and arrays fold (a <details>, so the keyboard opens and
 * closes them with Enter and Space), everything else is shown as JSON text.
 */
export function JsonTree({ value, label, openDepth = 2 }: { value: unknown; label?: string; openDepth?: number }) {
  return (
    <div class="json-tree" role="group" aria-label={label ?? 'JSON'}>
      <JsonNode value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}

function JsonNode({ name, value, depth, openDepth }: { name?: ComponentChildren; value: unknown; depth: number; openDepth: number }) {
  const key = name !== undefined && <span class="json-key">{name}: </span>;
  if (typeof value !== 'object' || value === null) {
    return (
      <div class="json-leaf">
        {key}
        <span class={`json-${value === null ? 'null' : typeof value}`}>{JSON.stringify(value) ?? String(value)}</span>
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  const shape = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  if (entries.length === 0) {
    return (
      <div class="json-leaf">
        {key}
        <span class="json-empty">{Array.isArray(value) ? '[]' : '{}'}</span>
      </div>
    );
  }
  return (
    <details class="json-branch" open={depth < openDepth}>
      <summary>
        {key}
        <span class="json-shape">{shape}</span>
      </summary>
      <div class="json-children">
        {entries.slice(0, ENTRY_LIMIT).map(([entryName, entry]) => (
          <JsonNode key={entryName} name={entryName} value={entry} depth={depth + 1} openDepth={openDepth} />
        ))}
        {entries.length > ENTRY_LIMIT && <div class="placeholder">… {entries.length - ENTRY_LIMIT} more not shown</div>}
      </div>
    </details>
  );
}
