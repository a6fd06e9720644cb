// From a draft to the value it stands for, checking everything on the way: the arguments to send,
// and one message per field that is not right yet, keyed by the field's path.

import { asEntries, asNullable, asObject, asText, asVariant, childSpec, type Draft, draftFromValue, initialDraft, isThreeStateBoolean } from './draft';
import { entryPath, type FieldPath, pathOf } from './fieldPath';
import { describe, entryKeyProblem, type FieldSpec, takesEntries } from './fieldSpec';
import { isRecord, type SchemaAt } from './resolve';
import { plural, checkString, readNumber } from './validate';

export { entryPath, type FieldPath, pathOf } from './fieldPath';

export interface FormReading {
  /** The value the draft stands for, with the fields in error and the unset ones left out. */
  value: unknown;
  /** One message per field in error, by path. Empty when the value may be sent. */
  errors: Record<FieldPath, string>;
}

export function readForm(spec: FieldSpec, draft: Draft): FormReading {
  const errors: Record<FieldPath, string> = {};
  const value = read(spec, draft, '', true, errors);
  return { value, errors };
}

/**
 * What is wrong with a whole `value` under `spec`, by path: every rule a value of the right type
 * breaks, then every place whose value has the wrong type or is not one of the allowed values
 * (named by its path only, except at the root).
 */
export function problemsOf(spec: FieldSpec, value: unknown): Record<FieldPath, string> {
  const mismatches: Record<FieldPath, string> = {};
  const draft = draftFromValue(spec, value, { skipUnlisted: true, mismatches });
  if (!draft.ok) return { '': draft.error };
  const { errors } = readForm(spec, draft.draft);
  // A place of the wrong type reads back as left out: messages about it or below it would only repeat the mismatch.
  const places = Object.keys(mismatches);
  const repeats = (path: FieldPath) => places.some((place) => path === place || path.startsWith(`${place}/`));
  const problems = Object.fromEntries(Object.entries(errors).filter(([path]) => !repeats(path)));
  // Below the root the path names the place; at the root the label does.
  if (mismatches[''] !== undefined) mismatches[''] = `${spec.label}: ${mismatches['']}`;
  return { ...problems, ...mismatches };
}

function read(spec: FieldSpec, draft: Draft, path: FieldPath, required: boolean, errors: Record<FieldPath, string>): unknown {
  const value = readValue(spec, draft, path, required, errors);
  if (spec.conditions && value !== undefined && errors[path] === undefined) checkConditions(spec, value, path, errors);
  return value;
}

/** The value's place under the node's `if`/`then`/`else` and `not`: each broken rule at its own field, saying which keyword asks for it. */
function checkConditions(spec: FieldSpec, value: unknown, path: FieldPath, errors: Record<FieldPath, string>): void {
  const fits = (at: SchemaAt) => Object.keys(problemsOf(describe(at, spec.label), value)).length === 0;
  for (const condition of spec.conditions ?? []) {
    if (condition.kind === 'not') {
      if (fits(condition.not)) errors[path] ??= `${spec.label} must not match the schema under "not": ${schemaText(condition.not.schema)}.`;
      continue;
    }
    const matches = fits(condition.if);
    const branch = matches ? condition.then : condition.else;
    if (!branch) continue;
    const because = matches ? `asked by the schema's "then", as the value matches its "if"` : `asked by the schema's "else", as the value does not match its "if"`;
    for (const [place, message] of Object.entries(problemsOf(describe(branch, spec.label), value))) {
      errors[path + place] ??= `${message.replace(/\.$/, '')} (${because}).`;
    }
  }
}

/** A schema as a short line of JSON, for a message. */
function schemaText(schema: unknown): string {
  const text = JSON.stringify(schema) ?? String(schema);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

function readValue(spec: FieldSpec, draft: Draft, path: FieldPath, required: boolean, errors: Record<FieldPath, string>): unknown {
  const missing = () => {
    if (required) errors[path] = `${spec.label} is required.`;
    return undefined;
  };
  if (spec.nullable && spec.kind !== 'enum' && spec.kind !== 'const') {
    const nullable = asNullable(draft) ?? (initialDraft(spec, required) as { isNull: boolean; value: Draft });
    if (nullable.isNull) return null;
    // The inner field is drawn without the default (it belongs to the nullable whole): read it the same way.
    // Its conditions are the whole's, checked on the value read here.
    return read({ ...spec, nullable: false, default: undefined, conditions: undefined }, nullable.value, path, required, errors);
  }
  switch (spec.kind) {
    case 'string': {
      const text = asText(draft);
      if (text === '') return missing();
      const error = checkString(spec, text);
      if (error) errors[path] = error;
      return error ? undefined : text;
    }
    case 'number':
    case 'integer': {
      const text = asText(draft);
      if (text.trim() === '') return missing();
      const number = readNumber(spec, text);
      if ('error' in number) errors[path] = number.error;
      return 'value' in number ? number.value : undefined;
    }
    case 'boolean':
      if (typeof draft === 'boolean') return draft;
      return isThreeStateBoolean(spec, required) ? undefined : false;
    case 'const':
      return spec.value;
    case 'enum': {
      const text = asText(draft);
      if (text === '') return missing();
      const option = spec.options.find((candidate) => JSON.stringify(candidate.value) === text);
      if (!option) errors[path] = `${spec.label}: choose one of the listed values.`;
      return option?.value;
    }
    case 'json': {
      const text = asText(draft);
      if (text.trim() === '') return missing();
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        errors[path] = `${spec.label} is not valid JSON: ${(error as Error).message}`;
        return undefined;
      }
      if (spec.types.length > 0 && !spec.types.some((type) => isJsonType(value, type))) {
        errors[path] = `${spec.label} must be ${spec.types.map((type) => JSON_TYPE_NAMES[type] ?? type).join(' or ')}.`;
        return undefined;
      }
      return value;
    }
    case 'object':
      return readObject(spec, draft, path, errors, missing);
    case 'array': {
      if (!Array.isArray(draft)) return missing();
      const items = draft.map((item, index) => read(childSpec(spec, index), item, pathOf(path, index), true, errors));
      if (spec.minItems !== undefined && items.length < spec.minItems) errors[path] = `${spec.label} needs at least ${plural(spec.minItems, 'item')}.`;
      else if (spec.maxItems !== undefined && items.length > spec.maxItems) errors[path] = `${spec.label} takes at most ${plural(spec.maxItems, 'item')}.`;
      else if (spec.uniqueItems) {
        const seen = items.map((item) => JSON.stringify(item));
        const twice = seen.findIndex((text, index) => text !== undefined && seen.indexOf(text) !== index);
        if (twice >= 0) errors[path] = `${spec.label}: item ${twice + 1} repeats item ${seen.indexOf(seen[twice]) + 1}; the items must differ.`;
      }
      return items.filter((item) => item !== undefined);
    }
    case 'variant': {
      const chosen = asVariant(spec, draft);
      if (!chosen) return missing();
      const variantSpec = childSpec(spec, chosen.variant);
      return read(variantSpec, chosen.drafts[chosen.variant] ?? initialDraft(variantSpec, true), path, true, errors);
    }
  }
}

function readObject(
  spec: Extract<FieldSpec, { kind: 'object' }>,
  draft: Draft,
  path: FieldPath,
  errors: Record<FieldPath, string>,
  missing: () => undefined,
): unknown {
  const fields = asObject(draft);
  if (!fields) return missing();
  const value: Record<string, unknown> = {};
  for (const property of spec.properties) {
    const child = childSpec(spec, property.name);
    const childDraft = property.name in fields ? fields[property.name] : initialDraft(child, property.required);
    const item = read(child, childDraft, pathOf(path, property.name), property.required, errors);
    if (item !== undefined) value[property.name] = item;
  }
  if (takesEntries(spec)) {
    const seen = new Set(spec.properties.map((property) => property.name));
    for (const [index, [key, entry]] of asEntries(fields).entries()) {
      const at = entryPath(path, index);
      const keyProblem = entryKeyProblem(spec, key);
      if (key === '') errors[`${at}/key`] = `${spec.label}: entry ${index + 1} needs a key.`;
      else if (seen.has(key)) errors[`${at}/key`] = `${spec.label}: the key "${key}" is used twice.`;
      else if (keyProblem) errors[`${at}/key`] = keyProblem;
      seen.add(key);
      const item = read(childSpec(spec, key), entry, at, true, errors);
      if (item !== undefined && key !== '') value[key] = item;
    }
  }
  const count = Object.keys(value).length;
  if (spec.minProperties !== undefined && count < spec.minProperties) errors[path] ??= `${spec.label} needs at least ${plural(spec.minProperties, 'property', 'properties')}.`;
  if (spec.maxProperties !== undefined && count > spec.maxProperties) errors[path] ??= `${spec.label} takes at most ${plural(spec.maxProperties, 'property', 'properties')}.`;
  return value;
}

const JSON_TYPE_NAMES: Record<string, string> = {
  object: 'a JSON object ({…})',
  array: 'a JSON list ([…])',
  string: 'a JSON string ("…")',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'null',
};

function isJsonType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}
