// A schema node described as one field of a form: which widget, its label, help and constraints.
// Every node gets a description; what the form cannot express becomes a `json` field with the
// reason, so one odd property never costs the rest of the form.

import { childAt, CONDITIONS, isRecord, resolve, type SchemaAt, typeList } from './resolve';

/** A numeric bound; `exclusive` for exclusiveMinimum/Maximum in either the draft-4 or the numeric form. */
export interface Bound {
  value: number;
  exclusive: boolean;
}

export interface EnumOption {
  value: unknown;
  label: string;
}

export interface PropertySpec {
  name: string;
  required: boolean;
  at: SchemaAt;
}

export interface VariantSpec {
  label: string;
  at: SchemaAt;
}

interface FieldCommon {
  /** The accessible name: the schema's title, else the property name the parent gave. */
  label: string;
  description?: string;
  /** The value also accepts null (a type array with "null", or anyOf/oneOf with a null member). */
  nullable: boolean;
  /** The schema's `default`, boxed so that a default of `undefined`-like values stays distinguishable. */
  default?: { value: unknown };
  /** Problems with the schema itself that the user cannot fix, such as a pattern that does not compile. */
  notes: string[];
  /** Reached again through a `$ref` that is already being expanded: only opened on the user's request. */
  recursive: boolean;
  /** The node's `if`/`then`/`else` and `not` (its own and its allOf members'), checked on the value read (see formValue.ts). */
  conditions?: ConditionSpec[];
}

/** One `if` with its `then` and `else`, or one `not`, each a schema in the node's document. */
export type ConditionSpec = { kind: 'if'; if: SchemaAt; then?: SchemaAt; else?: SchemaAt } | { kind: 'not'; not: SchemaAt };

/** An object's patternProperties entry: keys matching `regex` take values of the schema `at`. */
export interface PatternSpec {
  source: string;
  regex: RegExp;
  at: SchemaAt;
}

export type FieldSpec = FieldCommon &
  (
    | { kind: 'string'; format?: string; minLength?: number; maxLength?: number; pattern?: { source: string; regex: RegExp } }
    | { kind: 'number' | 'integer'; minimum?: Bound; maximum?: Bound; multipleOf?: number }
    | { kind: 'boolean' }
    | { kind: 'enum'; options: EnumOption[] }
    | { kind: 'const'; value: unknown }
    | {
        kind: 'object';
        properties: PropertySpec[];
        additional?: SchemaAt;
        /** patternProperties: keys beyond the listed ones matching one of these take its schema. */
        patterns?: PatternSpec[];
        /** `additionalProperties: false`: no property beyond the listed ones is allowed. */
        closed?: boolean;
        minProperties?: number;
        maxProperties?: number;
      }
    | {
        kind: 'array';
        /** A tuple's schemas by position (`prefixItems`, or draft-07's `items` as a list); empty for a plain list. */
        prefix: SchemaAt[];
        /** The schema of every item after the prefix. */
        items: SchemaAt;
        minItems?: number;
        /** Also the prefix's length when nothing may follow it (`items: false`, or `additionalItems: false` beside a list). */
        maxItems?: number;
        uniqueItems: boolean;
      }
    | { kind: 'variant'; variants: VariantSpec[] }
    | { kind: 'json'; reason: string; /** The JSON types the schema names, checked on the parsed value. */ types: string[] }
  );

/** Describes the root of a form (usually an object whose properties are the fields); `name` labels it. */
export function describeRoot(at: SchemaAt, name: string): FieldSpec {
  const spec = describe(at, name);
  // A root that says only "an object" has no fields: the form is empty, not one big JSON editor.
  if (spec.kind === 'json' && isRecord(at.schema) && (at.schema.type === 'object' || at.schema.type === undefined)) {
    const resolved = resolve(at);
    const { properties, oneOf, anyOf } = resolved.ok ? resolved.schema : {};
    if (resolved.ok && !(isRecord(properties) && Object.keys(properties).length > 0) && !oneOf && !anyOf) {
      const { reason: _reason, types: _types, ...common } = spec;
      return { ...common, kind: 'object', properties: [] };
    }
  }
  return spec;
}

/** Describes one node; `name` is the label when the schema has no title. */
export function describe(at: SchemaAt, name: string): FieldSpec {
  const resolved = resolve(at);
  if (!resolved.ok) return jsonField({ label: name, nullable: false, notes: [], recursive: false }, resolved.reason);
  const { schema, recursive } = resolved;
  const here = { ...at, refs: resolved.refs };
  const common: FieldCommon = {
    label: typeof schema.title === 'string' && schema.title.trim() ? schema.title : name,
    ...(typeof schema.description === 'string' && schema.description.trim() && { description: schema.description }),
    nullable: false,
    ...('default' in schema && { default: { value: schema.default } }),
    notes: [],
    recursive,
    ...conditionsOf(here, schema),
  };

  if ('const' in schema) return { ...common, kind: 'const', value: schema.const };

  const types = typeList(schema.type);
  const nullable = types.includes('null');
  const nonNull = types.filter((type) => type !== 'null');

  if (Array.isArray(schema.enum)) {
    const names = Array.isArray(schema.enumNames) ? schema.enumNames : [];
    const values = nullable && !schema.enum.includes(null) ? [...schema.enum, null] : schema.enum;
    if (values.length === 0) return jsonField(common, 'Its enum lists no values.', schema);
    return {
      ...common,
      kind: 'enum',
      options: values.map((value, index) => ({ value, label: typeof names[index] === 'string' ? names[index] : optionText(value) })),
    };
  }

  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) {
    if (schema.oneOf && schema.anyOf) return jsonField(common, 'It has both oneOf and anyOf.', schema);
    const { oneOf, anyOf, ...base } = schema;
    return describeAlternatives(common, here, base, (oneOf ?? anyOf) as unknown[], nullable);
  }

  if (nonNull.length > 1) {
    const variants = nonNull.map((type) => ({ label: type, at: childAt(here, { ...schema, type }) }));
    return { ...common, nullable, kind: 'variant', variants };
  }
  const type = nonNull[0] ?? inferType(schema);
  if (type === undefined) {
    if (nullable) return { ...common, kind: 'const', value: null };
    return jsonField(common, 'The schema does not say what type of value it takes.', schema);
  }
  switch (type) {
    case 'string':
      return describeString({ ...common, nullable }, schema);
    case 'number':
    case 'integer':
      return describeNumber({ ...common, nullable }, schema, type);
    case 'boolean':
      return { ...common, nullable, kind: 'boolean' };
    case 'object':
      return describeObject({ ...common, nullable }, here, schema);
    case 'array':
      return describeArray({ ...common, nullable }, here, schema);
    default:
      return jsonField({ ...common, nullable }, `Its type "${type}" is not one the form knows.`);
  }
}

function jsonField(common: FieldCommon, reason: string, schema?: Record<string, unknown>): FieldSpec {
  return { ...common, kind: 'json', reason, types: typeList(schema?.type) };
}

function describeAlternatives(
  common: FieldCommon,
  here: SchemaAt,
  base: Record<string, unknown>,
  members: unknown[],
  nullable: boolean,
): FieldSpec {
  const resolvedMembers = members.map((member) => ({ member, resolved: resolve(childAt(here, member)) }));
  const isNull = (resolved: (typeof resolvedMembers)[number]['resolved']) =>
    resolved.ok &&
    (resolved.schema.type === 'null' || ('const' in resolved.schema && resolved.schema.const === null) ||
      (Array.isArray(resolved.schema.enum) && resolved.schema.enum.length === 1 && resolved.schema.enum[0] === null));
  const rest = resolvedMembers.filter(({ resolved }) => !isNull(resolved));
  const withNull = nullable || rest.length < resolvedMembers.length;
  if (rest.length === 0) return { ...common, kind: 'const', value: null };

  // A choice of constants is an enum whose options carry the members' titles.
  const constants = rest.map(({ resolved }) => (resolved.ok ? constantOf(resolved.schema) : undefined));
  if (constants.every((constant) => constant !== undefined)) {
    const options = rest.map(({ resolved }, index) => {
      const value = constants[index]!.value;
      const title = resolved.ok && typeof resolved.schema.title === 'string' && resolved.schema.title.trim() ? resolved.schema.title : undefined;
      return { value, label: title ?? optionText(value) };
    });
    if (withNull) options.push({ value: null, label: 'null' });
    return { ...common, kind: 'enum', options };
  }

  // The keywords beside oneOf/anyOf apply to every member; the outer title and help stay outside.
  const { title: _title, description: _description, default: _default, ...constraints } = base;
  const merge = (member: unknown) => (Object.keys(constraints).length === 0 ? member : { allOf: [constraints, member] });
  if (rest.length === 1) {
    const inner = describe(childAt(here, merge(rest[0].member)), common.label);
    const hasTitle = typeof base.title === 'string' && base.title.trim() !== '';
    return orNull(withNull, {
      ...inner,
      label: hasTitle ? common.label : inner.label,
      ...(common.description !== undefined && { description: common.description }),
      ...(common.default !== undefined && { default: common.default }),
      recursive: common.recursive || inner.recursive,
    });
  }
  const variants = rest.map(({ member, resolved }, index) => ({ label: variantLabel(resolved, index), at: childAt(here, merge(member)) }));
  return { ...common, nullable: withNull, kind: 'variant', variants };
}

/** The spec that also accepts null: an extra option for an enum, the null toggle for the rest. */
function orNull(nullable: boolean, spec: FieldSpec): FieldSpec {
  if (!nullable) return spec;
  if (spec.kind === 'enum') return spec.options.some((option) => option.value === null) ? spec : { ...spec, options: [...spec.options, { value: null, label: 'null' }] };
  if (spec.kind === 'const' && spec.value === null) return spec;
  return { ...spec, nullable: true };
}

function constantOf(schema: Record<string, unknown>): { value: unknown } | undefined {
  if ('const' in schema) return { value: schema.const };
  if (Array.isArray(schema.enum) && schema.enum.length === 1) return { value: schema.enum[0] };
  return undefined;
}

/** A name for a variant: its title, else the constant that tells it apart, else its type. */
function variantLabel(resolved: ReturnType<typeof resolve>, index: number): string {
  if (resolved.ok) {
    const { schema } = resolved;
    if (typeof schema.title === 'string' && schema.title.trim()) return schema.title;
    if (isRecord(schema.properties)) {
      for (const property of Object.values(schema.properties)) {
        const constant = isRecord(property) ? constantOf(property) : undefined;
        if (constant && typeof constant.value === 'string') return constant.value;
      }
    }
    const type = typeList(schema.type)[0] ?? inferType(schema);
    if (type) return `${type} (option ${index + 1})`;
  }
  return `Option ${index + 1}`;
}

function inferType(schema: Record<string, unknown>): string | undefined {
  if (isRecord(schema.properties) || isRecord(schema.additionalProperties) || Array.isArray(schema.required)) return 'object';
  if ('items' in schema || 'prefixItems' in schema) return 'array';
  if (['minLength', 'maxLength', 'pattern', 'format'].some((key) => key in schema)) return 'string';
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((key) => key in schema)) return 'number';
  return undefined;
}

function describeString(common: FieldCommon, schema: Record<string, unknown>): FieldSpec {
  const notes: string[] = [];
  let pattern: { source: string; regex: RegExp } | undefined;
  if (typeof schema.pattern === 'string') {
    const regex = compilePattern(schema.pattern);
    if (regex) pattern = { source: schema.pattern, regex };
    else notes.push(`The schema's pattern ${schema.pattern} is not a regular expression this page can run, so it is not checked here.`);
  }
  return {
    ...common,
    notes,
    kind: 'string',
    ...(typeof schema.format === 'string' && { format: schema.format }),
    ...(isCount(schema.minLength) && { minLength: schema.minLength }),
    ...(isCount(schema.maxLength) && { maxLength: schema.maxLength }),
    ...(pattern && { pattern }),
  };
}

/** JSON Schema patterns are ECMA-262 with Unicode; fall back to the non-Unicode reading for older habits. */
function compilePattern(source: string): RegExp | undefined {
  for (const flags of ['u', '']) {
    try {
      return new RegExp(source, flags);
    } catch {
      // Try the next reading; when none compiles the caller reports it.
    }
  }
  return undefined;
}

function describeNumber(common: FieldCommon, schema: Record<string, unknown>, kind: 'number' | 'integer'): FieldSpec {
  const bound = (inclusive: unknown, exclusive: unknown): Bound | undefined => {
    // Draft 6 on: exclusiveMinimum is itself the bound. Draft 4: a boolean that makes minimum exclusive.
    const numeric = typeof exclusive === 'number' && Number.isFinite(exclusive) ? exclusive : undefined;
    const plain = typeof inclusive === 'number' && Number.isFinite(inclusive) ? inclusive : undefined;
    if (plain !== undefined && exclusive === true) return { value: plain, exclusive: true };
    if (numeric !== undefined && plain !== undefined) return numeric >= plain ? { value: numeric, exclusive: true } : { value: plain, exclusive: false };
    if (numeric !== undefined) return { value: numeric, exclusive: true };
    return plain === undefined ? undefined : { value: plain, exclusive: false };
  };
  const minimum = bound(schema.minimum, schema.exclusiveMinimum);
  const maximumRaw = bound(schema.maximum, schema.exclusiveMaximum);
  // For the upper bound the smaller of the two is the stricter one.
  const maximum =
    typeof schema.maximum === 'number' && typeof schema.exclusiveMaximum === 'number'
      ? schema.exclusiveMaximum <= schema.maximum
        ? { value: schema.exclusiveMaximum, exclusive: true }
        : { value: schema.maximum, exclusive: false }
      : maximumRaw;
  const notes: string[] = [];
  const multipleOf = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 && Number.isFinite(schema.multipleOf) ? schema.multipleOf : undefined;
  if (schema.multipleOf !== undefined && multipleOf === undefined) notes.push(`The schema's multipleOf ${JSON.stringify(schema.multipleOf)} is not a positive number, so it is not checked.`);
  return { ...common, notes, kind, ...(minimum && { minimum }), ...(maximum && { maximum }), ...(multipleOf !== undefined && { multipleOf }) };
}

function describeObject(common: FieldCommon, here: SchemaAt, schema: Record<string, unknown>): FieldSpec {
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((name) => typeof name === 'string') : []);
  const listed = isRecord(schema.properties) ? schema.properties : {};
  const additional = isRecord(schema.additionalProperties) ? childAt(here, schema.additionalProperties) : undefined;
  const patterns = describePatterns(here, schema.patternProperties);
  if (typeof patterns === 'string') return jsonField(common, patterns, schema);
  // A required name the schema does not list (as in `then: { required: [...] }`) is a field too, of the schema its key gets.
  const unlisted = [...required].filter((name) => !Object.hasOwn(listed, name));
  const properties = [
    ...Object.entries(listed).map(([name, property]) => ({ name, required: required.has(name), at: childAt(here, property) })),
    ...unlisted.map((name) => ({ name, required: true, at: patterns.find((pattern) => pattern.regex.test(name))?.at ?? additional ?? childAt(here, true) })),
  ];
  if (properties.length === 0 && !additional && patterns.length === 0) return jsonField(common, 'It is an object with no listed properties.', schema);
  return {
    ...common,
    kind: 'object',
    properties,
    ...(additional && { additional }),
    ...(patterns.length > 0 && { patterns }),
    ...(schema.additionalProperties === false && { closed: true }),
    ...(isCount(schema.minProperties) && { minProperties: schema.minProperties }),
    ...(isCount(schema.maxProperties) && { maxProperties: schema.maxProperties }),
  };
}

/** The compiled patternProperties, or why the form cannot use them. */
function describePatterns(here: SchemaAt, patternProperties: unknown): PatternSpec[] | string {
  if (!isRecord(patternProperties)) return [];
  const patterns: PatternSpec[] = [];
  for (const [source, schema] of Object.entries(patternProperties)) {
    const regex = compilePattern(source);
    if (!regex) return `Its keys follow the pattern ${source}, which is not a regular expression this page can run (patternProperties).`;
    patterns.push({ source, regex, at: childAt(here, schema) });
  }
  return patterns;
}

/** Whether an object takes entries beyond its listed properties: a key/value editor. */
export function takesEntries(spec: Extract<FieldSpec, { kind: 'object' }>): boolean {
  return spec.additional !== undefined || spec.patterns !== undefined;
}

/**
 * The schema of an object's unlisted property `key`: every patternProperties schema its key
 * matches (all of them apply), else additionalProperties; undefined when neither applies.
 */
export function entrySchemaAt(spec: Extract<FieldSpec, { kind: 'object' }>, key: string): SchemaAt | undefined {
  const matching = (spec.patterns ?? []).filter((pattern) => pattern.regex.test(key));
  if (matching.length === 1) return matching[0].at;
  if (matching.length > 1) return childAt(matching[0].at, { allOf: matching.map((pattern) => pattern.at.schema) });
  return spec.additional;
}

/** Why `key` cannot be an entry of the object, when its keys must follow patterns and it follows none. */
export function entryKeyProblem(spec: Extract<FieldSpec, { kind: 'object' }>, key: string): string | undefined {
  if (!spec.patterns || spec.additional || entrySchemaAt(spec, key)) return undefined;
  const sources = spec.patterns.map((pattern) => pattern.source);
  return `${spec.label}: the key "${key}" must match ${sources.length === 1 ? 'the pattern' : 'one of the patterns'} ${sources.join(', ')}.`;
}

/** The node's conditions: its own `if`/`not`, then those its allOf members brought (kept apart by resolve). */
function conditionsOf(here: SchemaAt, schema: Record<string, unknown>): { conditions?: ConditionSpec[] } {
  const conditions: ConditionSpec[] = [];
  const { if: _if, then: _then, else: _else, not: _not, [CONDITIONS]: gathered, ...base } = schema;
  // A branch is checked together with the node's own schema, so that its messages name the fields by their titles.
  const branch = (rule: unknown) => childAt(here, { allOf: [base, rule] });
  for (const member of [schema, ...(Array.isArray(gathered) ? gathered : [])]) {
    if (!isRecord(member)) continue;
    if (member.if !== undefined) {
      conditions.push({
        kind: 'if',
        if: childAt(here, member.if),
        ...(member.then !== undefined && { then: branch(member.then) }),
        ...(member.else !== undefined && { else: branch(member.else) }),
      });
    }
    if (member.not !== undefined) conditions.push({ kind: 'not', not: childAt(here, member.not) });
  }
  return conditions.length > 0 ? { conditions } : {};
}

function describeArray(common: FieldCommon, here: SchemaAt, schema: Record<string, unknown>): FieldSpec {
  // Two spellings of a tuple: 2020-12's prefixItems with `items` for the rest, and draft-07's
  // `items` as a list with `additionalItems` for the rest. Either way a missing rest means anything.
  const draft07 = Array.isArray(schema.items);
  if (draft07 && schema.prefixItems !== undefined) return jsonField(common, 'It has both prefixItems and items as a list.', schema);
  if (schema.prefixItems !== undefined && !Array.isArray(schema.prefixItems)) return jsonField(common, 'Its prefixItems is not a list.', schema);
  const positions = (draft07 ? schema.items : (schema.prefixItems ?? [])) as unknown[];
  const rest = draft07 ? schema.additionalItems : schema.items;
  const closed = positions.length > 0 && rest === false;
  const declaredMax = isCount(schema.maxItems) ? schema.maxItems : undefined;
  const maxItems = closed ? Math.min(positions.length, declaredMax ?? positions.length) : declaredMax;
  return {
    ...common,
    kind: 'array',
    prefix: positions.map((position) => childAt(here, position)),
    items: childAt(here, rest === undefined ? true : rest),
    ...(isCount(schema.minItems) && { minItems: schema.minItems }),
    ...(maxItems !== undefined && { maxItems }),
    uniqueItems: schema.uniqueItems === true,
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** How an enum or const value reads in a list: strings bare, anything else as JSON. */
export function optionText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
