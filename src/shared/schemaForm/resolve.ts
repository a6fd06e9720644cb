// Turns one schema node as the server sent it into a plain object schema: local `$ref`s followed
// and `allOf` members merged. One level only: children stay raw until someone describes them,
// which is what keeps recursive schemas from expanding without end.

/** A schema node with what is needed to resolve it: the document its `$ref`s point into. */
export interface SchemaAt {
  schema: unknown;
  /** The whole schema the node belongs to (the tool's `inputSchema`). */
  root: unknown;
  /** The `$ref`s already followed on the way from the root to this node. */
  refs: readonly string[];
}

export type ResolvedSchema =
  | { ok: true; schema: Record<string, unknown>; refs: readonly string[]; recursive: boolean }
  | { ok: false; reason: string };

/** The key under which a resolved schema keeps the if/then/else and not of its allOf members, each as a schema of its own. */
export const CONDITIONS = '\u0000conditions';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The root of a form: `#` counts as followed already, so a property that refers back to it is recursive. */
export function rootAt(schema: unknown): SchemaAt {
  return { schema, root: schema, refs: ['#'] };
}

/** A child of a resolved node: same document, same path of references. */
export function childAt(parent: { root: unknown; refs: readonly string[] }, schema: unknown): SchemaAt {
  return { schema, root: parent.root, refs: parent.refs };
}

/** Follows `$ref`s and merges `allOf`; says why not when the node points outside or nowhere. */
export function resolve(at: SchemaAt): ResolvedSchema {
  return resolveWithin(at, new Set());
}

function resolveWithin(at: SchemaAt, merging: Set<unknown>): ResolvedSchema {
  // `true` and `{}` accept anything; `false` accepts nothing (the form says so on the field).
  if (at.schema === true) return { ok: true, schema: {}, refs: at.refs, recursive: false };
  if (at.schema === false) return { ok: false, reason: 'The schema accepts no value here (false).' };
  if (!isRecord(at.schema)) return { ok: false, reason: 'The schema here is not an object.' };
  let schema = at.schema;
  let refs = at.refs;
  let recursive = false;

  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    if (!ref.startsWith('#')) return { ok: false, reason: `It refers to another document (${ref}), which the form does not load.` };
    const target = pointInto(at.root, ref);
    if (target === undefined) return { ok: false, reason: `Its $ref ${ref} points to nothing in the schema.` };
    if (merging.has(target)) return { ok: false, reason: `Its $ref ${ref} refers to itself without a property in between.` };
    recursive = refs.includes(ref);
    refs = recursive ? refs : [...refs, ref];
    merging.add(target);
    const resolved = resolveWithin({ schema: target, root: at.root, refs }, merging);
    merging.delete(target);
    if (!resolved.ok) return resolved;
    // Keywords beside a $ref (title, description, default…) refine the target (draft 2019-09 on).
    const { $ref: _ref, ...siblings } = schema;
    schema = { ...resolved.schema, ...siblings };
    recursive ||= resolved.recursive;
  }

  if (Array.isArray(schema.allOf)) {
    const { allOf, ...base } = schema;
    let merged: Record<string, unknown> = base;
    const conditions: unknown[] = Array.isArray(base[CONDITIONS]) ? [...base[CONDITIONS]] : [];
    for (const member of allOf) {
      if (merging.has(member)) return { ok: false, reason: 'Its allOf contains itself.' };
      merging.add(member);
      const resolved = resolveWithin({ schema: member, root: at.root, refs }, merging);
      merging.delete(member);
      if (!resolved.ok) return { ok: false, reason: `One of its allOf members cannot be read: ${resolved.reason}` };
      // Every member's if/then/else and not applies: merged like other keywords, all but the first would be lost.
      const { if: ifSchema, then: thenSchema, else: elseSchema, not: notSchema, [CONDITIONS]: inner, ...rest } = resolved.schema;
      if (ifSchema !== undefined) conditions.push({ if: ifSchema, then: thenSchema, else: elseSchema });
      if (notSchema !== undefined) conditions.push({ not: notSchema });
      if (Array.isArray(inner)) conditions.push(...inner);
      const combined = mergeSchemas(merged, rest);
      if (typeof combined === 'string') return { ok: false, reason: combined };
      merged = combined;
      recursive ||= resolved.recursive;
    }
    schema = conditions.length > 0 ? { ...merged, [CONDITIONS]: conditions } : merged;
  }
  return { ok: true, schema, refs, recursive };
}

/** The node a local JSON pointer (`#/$defs/x`, `#/definitions/x`, `#`) names, or undefined. */
function pointInto(root: unknown, ref: string): unknown {
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node: unknown = root;
  for (const token of pointer.slice(1).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node) && Object.prototype.hasOwnProperty.call(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];

/**
 * `allOf` as one schema: properties and required lists joined, the stricter of two bounds, types
 * intersected; for any other keyword the first member that has it wins. A clash of types is a
 * reason for the JSON editor (returned as text).
 */
function mergeSchemas(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> | string {
  const merged: Record<string, unknown> = { ...b, ...a };
  if (a.type !== undefined && b.type !== undefined) {
    const left = typeList(a.type);
    const right = typeList(b.type);
    const both = left.filter((type) => right.includes(type) || (type === 'integer' && right.includes('number')));
    for (const type of right) if (type === 'integer' && left.includes('number') && !both.includes(type)) both.push(type);
    if (both.length === 0) return `Its allOf asks for types that never meet (${left.join('/')} and ${right.join('/')}).`;
    merged.type = both.length === 1 ? both[0] : both;
  }
  if (isRecord(a.properties) && isRecord(b.properties)) {
    const properties: Record<string, unknown> = { ...a.properties };
    for (const [name, schema] of Object.entries(b.properties)) {
      properties[name] = name in properties ? { allOf: [properties[name], schema] } : schema;
    }
    merged.properties = properties;
  }
  if (Array.isArray(a.required) || Array.isArray(b.required)) {
    merged.required = [...new Set([...(Array.isArray(a.required) ? a.required : []), ...(Array.isArray(b.required) ? b.required : [])])];
  }
  for (const key of LOWER_BOUNDS) if (typeof a[key] === 'number' && typeof b[key] === 'number') merged[key] = Math.max(a[key], b[key]);
  for (const key of UPPER_BOUNDS) if (typeof a[key] === 'number' && typeof b[key] === 'number') merged[key] = Math.min(a[key], b[key]);
  return merged;
}

export function typeList(type: unknown): string[] {
  if (typeof type === 'string') return [type];
  return Array.isArray(type) ? type.filter((entry): entry is string => typeof entry === 'string') : [];
}
