// The subset of JSON Schema the tool form understands: a field per top-level property, with a
// widget for strings, numbers, integers, booleans and enums; any other property is edited as JSON.
// Drafts are kept as the user typed them (so "0.10" stays "0.10") and turned into arguments on Run.

import type { JsonSchema } from './model';

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

export interface FormField {
  /** The property name: the key in the arguments object. */
  name: string;
  kind: FieldKind;
  /** The accessible name: the schema's title, else the property name. */
  label: string;
  description?: string;
  required: boolean;
  /** The choices of an enum, as the server listed them. */
  options?: unknown[];
  /** The draft a new form starts with: the schema's default, as text. */
  initial: string;
}

/** A form's values, as typed, by property name. */
export type Draft = Record<string, string>;

export function formFields(schema: JsonSchema): FormField[] {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((n) => typeof n === 'string') : []);
  return Object.entries(properties).map(([name, raw]) => {
    const property = isRecord(raw) ? raw : {};
    const kind = fieldKind(property);
    return {
      name,
      kind,
      label: typeof property.title === 'string' && property.title.trim() ? property.title : name,
      ...(typeof property.description === 'string' && { description: property.description }),
      required: required.has(name),
      ...(kind === 'enum' && { options: property.enum as unknown[] }),
      initial: 'default' in property ? draftOf(kind, property.default) : kind === 'boolean' ? 'false' : '',
    };
  });
}

/** The draft a new form starts with. */
export function initialDraft(fields: FormField[]): Draft {
  return Object.fromEntries(fields.map((field) => [field.name, field.initial]));
}

/** The arguments object for a draft, or the message for each field that is not valid. */
export function argumentsOf(
  fields: FormField[],
  draft: Draft,
): { ok: true; arguments: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const args: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const text = draft[field.name] ?? field.initial;
    const value = valueOf(field, text);
    if ('error' in value) errors[field.name] = value.error;
    else if (value.value !== undefined) args[field.name] = value.value;
    else if (field.required) errors[field.name] = `${field.label} is required.`;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, arguments: args };
}

/** Checks one field's text: the message to show next to it, if any. */
export function fieldError(field: FormField, text: string): string | undefined {
  const value = valueOf(field, text);
  return 'error' in value ? value.error : undefined;
}

function valueOf(field: FormField, text: string): { value: unknown } | { error: string } {
  switch (field.kind) {
    case 'boolean':
      return { value: text === 'true' };
    case 'string':
      return { value: text === '' ? undefined : text };
    case 'enum': {
      if (text === '') return { value: undefined };
      const option = field.options?.find((candidate) => JSON.stringify(candidate) === text);
      return option === undefined ? { error: `Choose one of the listed values.` } : { value: option };
    }
    case 'number':
    case 'integer': {
      const trimmed = text.trim();
      if (trimmed === '') return { value: undefined };
      if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return { error: `${field.label} must be a number.` };
      const number = Number(trimmed);
      if (!Number.isFinite(number)) return { error: `${field.label} is too large to send as a JSON number.` };
      if (field.kind === 'integer' && !Number.isInteger(number)) return { error: `${field.label} must be a whole number.` };
      return { value: number };
    }
    case 'json': {
      if (text.trim() === '') return { value: undefined };
      try {
        return { value: JSON.parse(text) };
      } catch (error) {
        return { error: `Not valid JSON: ${(error as Error).message}` };
      }
    }
  }
}

function fieldKind(property: Record<string, unknown>): FieldKind {
  if (Array.isArray(property.enum) && property.enum.length > 0) return 'enum';
  switch (property.type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return property.type;
    default:
      return 'json';
  }
}

function draftOf(kind: FieldKind, value: unknown): string {
  if (kind === 'enum' || kind === 'json') return JSON.stringify(value, null, kind === 'json' ? 2 : undefined) ?? '';
  if (kind === 'boolean') return value === true ? 'true' : 'false';
  return value === undefined || value === null ? '' : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
