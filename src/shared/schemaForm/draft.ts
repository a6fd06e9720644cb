// A form's draft: what the user typed, kept as typed ("0.10" stays "0.10"), shaped by the field's
// kind. Drafts are plain JSON (they are saved with VS Code's setState) and come back untrusted,
// so every reader below takes `unknown` and falls back to the field's initial draft on a mismatch.
//
//   string, number, integer, json  → the text ('' = not set)
//   enum                           → the chosen option as JSON text ('' = not set)
//   boolean                        → true | false, or null (not set) when optional without a default
//   const                          → null (the value is fixed)
//   object                         → { [property]: draft } | null (null = not set)
//   object with additionalProperties → also `{ [MAP_ENTRIES]: [key, draft][] }`
//   array (a tuple too)            → draft[] | null
//   variant (oneOf/anyOf)          → { variant: index, drafts: { [index]: draft } } | null
//   nullable (any kind)            → { isNull: boolean, value: draft }

import { entryPath, type FieldPath, pathOf } from './fieldPath';
import { describe, entrySchemaAt, type FieldSpec } from './fieldSpec';
import { isRecord } from './resolve';

export type Draft = unknown;

/** The key under which an object's draft keeps its additionalProperties entries. */
export const MAP_ENTRIES = '\u0000entries';

export interface VariantDraft {
  variant: number;
  drafts: Record<string, Draft>;
}

export interface NullableDraft {
  isNull: boolean;
  value: Draft;
}

/** How many items a new array starts with at most, whatever its minItems says. */
const MAX_INITIAL_ITEMS = 20;

/**
 * An optional boolean without a default has a third state, "not set", which leaves it out of the
 * value: otherwise an unticked box would always send false and the tool could never be called
 * without it. Required booleans and those with a default stay a plain true/false box.
 */
export function isThreeStateBoolean(spec: FieldSpec, required: boolean): boolean {
  return spec.kind === 'boolean' && !required && spec.default === undefined;
}

export function asText(draft: Draft): string {
  return typeof draft === 'string' ? draft : '';
}

export function asNullable(draft: Draft): NullableDraft | undefined {
  return isRecord(draft) && typeof draft.isNull === 'boolean' && 'value' in draft ? (draft as unknown as NullableDraft) : undefined;
}

export function asVariant(spec: Extract<FieldSpec, { kind: 'variant' }>, draft: Draft): VariantDraft | undefined {
  if (!isRecord(draft) || !Number.isInteger(draft.variant) || !isRecord(draft.drafts)) return undefined;
  const variant = draft.variant as number;
  return variant >= 0 && variant < spec.variants.length ? { variant, drafts: draft.drafts } : undefined;
}

export function asObject(draft: Draft): Record<string, Draft> | undefined {
  return isRecord(draft) ? draft : undefined;
}

export function asEntries(draft: Record<string, Draft>): [string, Draft][] {
  const entries = draft[MAP_ENTRIES];
  return Array.isArray(entries) ? entries.filter((entry): entry is [string, Draft] => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'string') : [];
}

/** The spec of a property, an item, a map value or a variant, described on demand. */
export function childSpec(spec: FieldSpec, which: string | number): FieldSpec {
  switch (spec.kind) {
    case 'object': {
      const property = spec.properties.find((candidate) => candidate.name === which);
      if (property) return describe(property.at, property.name);
      const entry = entrySchemaAt(spec, String(which));
      if (entry) return describe(entry, String(which));
      // A key that follows none of the patterns yet (being typed): its value takes the first one's schema, its key is flagged.
      if (spec.patterns) return describe(spec.patterns[0].at, String(which));
      throw new Error(`${spec.label} has no property ${String(which)}.`);
    }
    case 'array':
      return describe(spec.prefix[Number(which)] ?? spec.items, itemName(spec, Number(which)));
    case 'variant':
      return describe(spec.variants[Number(which)].at, spec.label);
    default:
      throw new Error(`A ${spec.kind} field has no children.`);
  }
}

/** The name of a list's item when its schema has no title: "Tags item 2". */
export function itemName(spec: Extract<FieldSpec, { kind: 'array' }>, index: number): string {
  return `${spec.label} item ${index + 1}`;
}

/** The draft a field starts with: its default when it has one and it fits, else empty. */
export function initialDraft(spec: FieldSpec, required: boolean): Draft {
  if (spec.default) {
    const fromDefault = draftFromValue(spec, spec.default.value);
    if (fromDefault.ok) return fromDefault.draft;
  }
  if (spec.nullable && spec.kind !== 'enum' && spec.kind !== 'const') {
    return { isNull: false, value: initialDraft({ ...spec, nullable: false, default: undefined }, required) } satisfies NullableDraft;
  }
  switch (spec.kind) {
    case 'boolean':
      return isThreeStateBoolean(spec, required) ? null : false;
    case 'const':
      return null;
    case 'object':
      // Optional objects wait for the user to add them; a recursive one too, or it would never end.
      if (!required || spec.recursive) return null;
      return Object.fromEntries(spec.properties.map((property) => [property.name, initialDraft(describe(property.at, property.name), property.required)]));
    case 'array': {
      if (!required || spec.recursive) return null;
      // A tuple starts with every position; how many of them to send is the user's to trim.
      const count = Math.min(Math.max(spec.minItems ?? 0, spec.prefix.length), MAX_INITIAL_ITEMS);
      return Array.from({ length: count }, (_, index) => initialDraft(childSpec(spec, index), true));
    }
    case 'variant':
      return required && !spec.recursive ? initialVariant(spec, 0) : null;
    default:
      return '';
  }
}

export function initialVariant(spec: Extract<FieldSpec, { kind: 'variant' }>, variant: number): VariantDraft {
  return { variant, drafts: { [variant]: initialDraft(childSpec(spec, variant), true) } };
}

export type DraftFromValue = { ok: true; draft: Draft } | { ok: false; error: string };

export interface DraftFromValueOptions {
  /**
   * Skip properties an object's schema does not list, unless it forbids them
   * (`additionalProperties: false`), as JSON Schema allows them: for checking a value, where
   * nothing is edited. By default the form refuses what it has no field for, so nothing is lost.
   */
  skipUnlisted?: boolean;
  /**
   * Collects every place whose value has the wrong type or is not an allowed one, by path (the
   * message without the field's name), and goes on with that place left empty; without it the
   * first such place fails the whole value.
   */
  mismatches?: Record<FieldPath, string>;
}

/**
 * The draft that shows `value` in the form (for defaults and for JSON typed in the JSON view),
 * or why the form cannot show it. Reading the draft back gives the same value.
 */
export function draftFromValue(spec: FieldSpec, value: unknown, options: DraftFromValueOptions = {}, path: FieldPath = ''): DraftFromValue {
  const fail = (expected: string): DraftFromValue => {
    const message = `expected ${expected}, got ${JSON.stringify(value) ?? 'nothing'}.`;
    if (!options.mismatches) return { ok: false, error: `${spec.label}: ${message}` };
    options.mismatches[path] = message;
    return { ok: true, draft: initialDraft({ ...spec, default: undefined }, true) };
  };
  if (spec.nullable && spec.kind !== 'enum' && spec.kind !== 'const') {
    const inner: FieldSpec = { ...spec, nullable: false, default: undefined };
    if (value === null) return { ok: true, draft: { isNull: true, value: initialDraft(inner, true) } satisfies NullableDraft };
    const draft = draftFromValue(inner, value, options, path);
    return draft.ok ? { ok: true, draft: { isNull: false, value: draft.draft } satisfies NullableDraft } : draft;
  }
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string' ? { ok: true, draft: value } : fail('text');
    case 'number':
    case 'integer':
      return typeof value === 'number' && Number.isFinite(value) ? { ok: true, draft: String(value) } : fail('a number');
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, draft: value } : fail('true or false');
    case 'enum': {
      const text = JSON.stringify(value);
      return spec.options.some((option) => JSON.stringify(option.value) === text) ? { ok: true, draft: text } : fail('one of the listed values');
    }
    case 'const':
      return JSON.stringify(value) === JSON.stringify(spec.value) ? { ok: true, draft: null } : fail(JSON.stringify(spec.value));
    case 'json':
      return value === undefined ? fail('a JSON value') : { ok: true, draft: JSON.stringify(value, null, 2) };
    case 'object':
      return objectDraftFromValue(spec, value, fail, options, path);
    case 'array': {
      if (!Array.isArray(value)) return fail('a list');
      const items: Draft[] = [];
      for (const [index, item] of value.entries()) {
        const draft = draftFromValue(childSpec(spec, index), item, options, pathOf(path, index));
        if (!draft.ok) return draft;
        items.push(draft.draft);
      }
      return { ok: true, draft: items };
    }
    case 'variant': {
      // Each variant is tried as a whole: the first that takes the value without a mismatch is the one.
      const strict = { ...options, mismatches: undefined };
      for (const index of spec.variants.keys()) {
        const draft = draftFromValue(childSpec(spec, index), value, strict, path);
        if (draft.ok) return { ok: true, draft: { variant: index, drafts: { [index]: draft.draft } } satisfies VariantDraft };
      }
      return fail(`one of: ${spec.variants.map((variant) => variant.label).join(', ')}`);
    }
  }
}

function objectDraftFromValue(
  spec: Extract<FieldSpec, { kind: 'object' }>,
  value: unknown,
  fail: (expected: string) => DraftFromValue,
  options: DraftFromValueOptions,
  path: FieldPath,
): DraftFromValue {
  if (!isRecord(value)) return fail('an object');
  const draft: Record<string, Draft> = {};
  for (const property of spec.properties) {
    const child = describe(property.at, property.name);
    if (!(property.name in value)) {
      // Left out: an empty field, whatever its default would have put there.
      draft[property.name] = initialDraft({ ...child, default: undefined }, false);
      continue;
    }
    const inner = draftFromValue(child, value[property.name], options, pathOf(path, property.name));
    if (!inner.ok) return inner;
    draft[property.name] = inner.draft;
  }
  const entries: [string, Draft][] = [];
  for (const [key, item] of Object.entries(value)) {
    if (spec.properties.some((property) => property.name === key)) continue;
    // In the form, a key no pattern takes still becomes an entry, its key flagged, so nothing typed is lost.
    const takes = entrySchemaAt(spec, key) !== undefined || (spec.patterns !== undefined && !spec.closed && !options.skipUnlisted);
    if (!takes) {
      if (options.skipUnlisted && !spec.closed) continue;
      const refusal = `${spec.closed ? 'the schema allows no' : 'the form has no field for the'} property "${key}".`;
      if (!options.mismatches) return { ok: false, error: `${spec.label}: ${refusal}` };
      options.mismatches[pathOf(path, key)] = refusal;
      continue;
    }
    const inner = draftFromValue(childSpec(spec, key), item, options, entryPath(path, entries.length));
    if (!inner.ok) return inner;
    entries.push([key, inner.draft]);
  }
  if (spec.additional || spec.patterns) draft[MAP_ENTRIES] = entries;
  return { ok: true, draft };
}
