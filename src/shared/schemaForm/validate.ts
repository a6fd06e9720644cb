// The checks on a single value as typed: strings against their length, pattern and format,
// numbers against their grammar, JSON's range, bounds and multipleOf. Each failure is a sentence
// naming the field, shown next to it. No eval: patterns are RegExps compiled once per description.

import { decimalOf, isMultipleOf, parseDecimal } from './decimal';
import type { Bound, FieldSpec } from './fieldSpec';

type StringSpec = Extract<FieldSpec, { kind: 'string' }>;
type NumberSpec = Extract<FieldSpec, { kind: 'number' | 'integer' }>;

/** The message for a string that breaks its schema, or undefined. */
export function checkString(spec: StringSpec, text: string): string | undefined {
  const length = [...text].length;
  if (spec.minLength !== undefined && length < spec.minLength) return `${spec.label} must be at least ${plural(spec.minLength, 'character')} long.`;
  if (spec.maxLength !== undefined && length > spec.maxLength) return `${spec.label} must be at most ${plural(spec.maxLength, 'character')} long.`;
  if (spec.pattern && !spec.pattern.regex.test(text)) return `${spec.label} must match the pattern ${spec.pattern.source}.`;
  const format = spec.format && FORMATS[spec.format];
  if (format && !format.test(text)) return `${spec.label} must be ${format.expected}.`;
  return undefined;
}

const FORMATS: Record<string, { test(text: string): boolean; expected: string }> = {
  date: { test: isDate, expected: 'a date like 2026-11-20' },
  'date-time': { test: isDateTime, expected: 'a date and time like 2026-11-20T09:30:00Z' },
  time: { test: (text) => TIME.test(text), expected: 'a time like 09:30:00Z' },
  email: { test: (text) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text), expected: 'an email address like name@example.com' },
  uri: { test: isUri, expected: 'an absolute URI like https://example.com/path' },
  'uri-reference': { test: (text) => !/\s/.test(text), expected: 'a URI reference without spaces' },
  uuid: { test: (text) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text), expected: 'a UUID like 123e4567-e89b-12d3-a456-426614174000' },
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([zZ]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isDateTime(text: string): boolean {
  const separator = text.search(/[tT ]/);
  return separator === 10 && isDate(text.slice(0, 10)) && TIME.test(text.slice(11));
}

function isUri(text: string): boolean {
  if (!/^[a-zA-Z][a-zA-Z\d+.-]*:\S*$/.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** Reads a number as typed: the value to send, or the message saying why it cannot be sent. */
export function readNumber(spec: NumberSpec, text: string): { value: number } | { error: string } {
  const decimal = parseDecimal(text);
  if (!decimal) return { error: `${spec.label} must be a number.` };
  const value = Number(text.trim());
  if (!Number.isFinite(value)) return { error: `${spec.label} is too large to send as a JSON number.` };
  if (value === 0 && decimal.digits !== 0n) return { error: `${spec.label} is too small to send as a JSON number: it would arrive as 0.` };
  if (spec.kind === 'integer') {
    if (!Number.isInteger(value) || !isMultipleOf(decimal, { digits: 1n, exponent: 0 })) return { error: `${spec.label} must be a whole number.` };
    if (!Number.isSafeInteger(value)) return { error: `${spec.label} is beyond ±9007199254740991, the whole numbers JSON carries exactly.` };
  }
  if (spec.minimum && !above(value, spec.minimum)) {
    return { error: `${spec.label} must be ${spec.minimum.exclusive ? 'greater than' : 'at least'} ${spec.minimum.value}.` };
  }
  if (spec.maximum && !below(value, spec.maximum)) {
    return { error: `${spec.label} must be ${spec.maximum.exclusive ? 'less than' : 'at most'} ${spec.maximum.value}.` };
  }
  if (spec.multipleOf !== undefined && !isMultipleOf(decimal, decimalOf(spec.multipleOf))) {
    return { error: `${spec.label} must be a multiple of ${spec.multipleOf}.` };
  }
  return { value };
}

function above(value: number, bound: Bound): boolean {
  return bound.exclusive ? value > bound.value : value >= bound.value;
}

function below(value: number, bound: Bound): boolean {
  return bound.exclusive ? value < bound.value : value <= bound.value;
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
