// The schema form's model (src/shared/schemaForm): schemas described as fields, drafts as typed,
// the value a draft stands for with a message per field, and JSON back into a draft.

import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { isMultipleOf, parseDecimal } from '../../src/shared/schemaForm/decimal';
import { childSpec, type Draft, draftFromValue, initialDraft, MAP_ENTRIES } from '../../src/shared/schemaForm/draft';
import { describeRoot, type FieldSpec } from '../../src/shared/schemaForm/fieldSpec';
import { readForm } from '../../src/shared/schemaForm/formValue';
import { rootAt } from '../../src/shared/schemaForm/resolve';

const form = (schema: unknown) => describeRoot(rootAt(schema), 'Arguments');
const objectOf = (properties: Record<string, unknown>, required: string[] = [], extra: Record<string, unknown> = {}) =>
  form({ type: 'object', properties, required, ...extra });
/** The spec of the root's property `name`. */
const field = (spec: FieldSpec, name: string) => childSpec(spec, name);
/** Reads `{ [name]: draft }` against the root: the value and the errors. */
const readOne = (spec: FieldSpec, name: string, draft: Draft) => readForm(spec, { ...(initialDraft(spec, true) as object), [name]: draft });
/** The value → draft → value round trip, which must give the value back with no error. */
function assertRoundTrip(spec: FieldSpec, value: unknown) {
  const draft = draftFromValue(spec, value);
  assert.ok(draft.ok, `the form cannot show ${JSON.stringify(value)}: ${draft.ok ? '' : draft.error}`);
  assert.deepEqual(readForm(spec, draft.draft), { value, errors: {} }, `round trip of ${JSON.stringify(value)}`);
}

suite('fields from a schema', () => {
  test('a field per property, labelled by title else name, with help, required marks and kinds', () => {
    const spec = objectOf(
      {
        city: { type: 'string', title: 'City name', description: 'Where to look' },
        days: { type: 'integer' },
        blank: { type: 'string', title: '   ' },
        on: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        where: { type: 'object', properties: { lat: { type: 'number' } } },
        anything: {},
      },
      ['city'],
    );
    assert.equal(spec.kind, 'object');
    const kinds = Object.fromEntries((spec.kind === 'object' ? spec.properties : []).map((p) => [p.name, [field(spec, p.name).kind, field(spec, p.name).label, p.required]]));
    assert.deepEqual(kinds, {
      city: ['string', 'City name', true],
      days: ['integer', 'days', false],
      blank: ['string', 'blank', false],
      on: ['boolean', 'on', false],
      tags: ['array', 'tags', false],
      where: ['object', 'where', false],
      anything: ['json', 'anything', false],
    });
    assert.equal(field(spec, 'city').description, 'Where to look');
  });

  test('types are inferred from the keywords when "type" is missing', () => {
    const spec = objectOf({ p: { properties: { x: {} } }, i: { items: { type: 'number' } }, s: { pattern: '^a' }, n: { minimum: 1 } });
    assert.deepEqual(['p', 'i', 's', 'n'].map((name) => field(spec, name).kind), ['object', 'array', 'string', 'number']);
  });

  test('a root without properties is an empty form that sends {}', () => {
    for (const schema of [{ type: 'object' }, {}, { type: 'object', properties: {} }, { type: 'object', additionalProperties: true }]) {
      const spec = form(schema);
      assert.equal(spec.kind, 'object', JSON.stringify(schema));
      assert.deepEqual(readForm(spec, initialDraft(spec, true)), { value: {}, errors: {} });
    }
  });

  test('what the form cannot express is a JSON editor for that field alone, with the reason', () => {
    const spec = objectOf({
      tuple: { type: 'array', items: [{ type: 'string' }], prefixItems: [{ type: 'number' }] },
      prefix: { type: 'array', prefixItems: { type: 'string' } },
      remote: { $ref: 'https://example.com/schema.json' },
      dangling: { $ref: '#/$defs/nothing' },
      clash: { allOf: [{ type: 'string' }, { type: 'number' }] },
      both: { oneOf: [{ type: 'string' }, { type: 'number' }], anyOf: [{ type: 'string' }] },
      patterned: { type: 'object', patternProperties: { '^x-(': { type: 'string' } } },
      weird: { type: 'date' },
      never: false,
      fine: { type: 'string' },
    });
    for (const name of ['tuple', 'prefix', 'remote', 'dangling', 'clash', 'both', 'patterned', 'weird', 'never']) {
      const child = field(spec, name);
      assert.equal(child.kind, 'json', name);
      assert.ok(child.kind === 'json' && child.reason.length > 10, `${name} says why`);
    }
    assert.equal(field(spec, 'fine').kind, 'string');
    const reading = readForm(spec, { ...(initialDraft(spec, true) as object), tuple: '["a", 1]', fine: 'ok' });
    assert.deepEqual(reading, { value: { tuple: ['a', 1], fine: 'ok' }, errors: {} });
    const tuple = field(spec, 'tuple');
    assert.match(tuple.kind === 'json' ? tuple.reason : '', /both prefixItems and items as a list/);
  });

  test('garbage in a schema gives fields, never an exception', () => {
    const schemas: unknown[] = [
      null, 42, 'string', [], { type: 'object', properties: 'nope' }, { type: 'object', properties: { a: null, b: 7, c: [] } },
      { type: 'object', required: 'a', properties: { a: { type: 'string', pattern: '(' } } }, { type: 'object', properties: { e: { enum: [] } } },
      { type: 'object', properties: { m: { type: 'number', multipleOf: -1, minimum: 'x' } } }, { $ref: '#' }, { allOf: [{ $ref: '#' }] },
      { type: 'object', properties: { s: { type: 'array', minItems: 1e9, items: { type: 'string' } } }, required: ['s'] },
    ];
    for (const schema of schemas) {
      const spec = form(schema);
      const draft = initialDraft(spec, true);
      assert.doesNotThrow(() => readForm(spec, draft), JSON.stringify(schema));
    }
  });
});

suite('strings', () => {
  const spec = objectOf({
    code: { type: 'string', title: 'Code', minLength: 2, maxLength: 4, pattern: '^[A-Z]+$' },
    day: { type: 'string', format: 'date', title: 'Day' },
    at: { type: 'string', format: 'date-time', title: 'At' },
    mail: { type: 'string', format: 'email', title: 'Mail' },
    link: { type: 'string', format: 'uri', title: 'Link' },
    emoji: { type: 'string', maxLength: 2, title: 'Emoji' },
  });
  const error = (name: string, text: string) => readOne(spec, name, text).errors[`/${name}`];

  test('length and pattern, each with a message naming the field', () => {
    assert.equal(error('code', 'A'), 'Code must be at least 2 characters long.');
    assert.equal(error('code', 'ABCDE'), 'Code must be at most 4 characters long.');
    assert.equal(error('code', 'ab'), 'Code must match the pattern ^[A-Z]+$.');
    assert.equal(error('code', 'ABC'), undefined);
    assert.equal(error('emoji', '👍👍'), undefined, 'length counts characters, not UTF-16 units');
  });

  test('formats date, date-time, email and uri', () => {
    assert.equal(error('day', '2026-02-28'), undefined);
    assert.match(error('day', '2026-02-30') ?? '', /must be a date like/);
    assert.match(error('day', '28.02.2026') ?? '', /must be a date like/);
    assert.equal(error('at', '2026-11-20T09:30:00Z'), undefined);
    assert.equal(error('at', '2026-11-20T09:30:00.123+01:00'), undefined);
    assert.match(error('at', '2026-11-20 9:30') ?? '', /date and time/);
    assert.equal(error('mail', 'ada@example.com'), undefined);
    assert.match(error('mail', 'ada@') ?? '', /email address/);
    assert.equal(error('link', 'https://example.com/a?b=c'), undefined);
    assert.equal(error('link', 'file:///tmp/x'), undefined);
    assert.match(error('link', 'example.com') ?? '', /absolute URI/);
  });

  test('a pattern that does not compile is a note on the field, not an exception, and is not checked', () => {
    const bad = objectOf({ p: { type: 'string', pattern: '([a-z' } });
    const child = field(bad, 'p');
    assert.equal(child.kind, 'string');
    assert.match(child.notes.join(' '), /pattern \(\[a-z is not a regular expression/);
    assert.deepEqual(readOne(bad, 'p', 'anything').errors, {});
  });

  test('an empty optional string is left out; an empty required one is an error', () => {
    const required = objectOf({ q: { type: 'string', title: 'Query' }, note: { type: 'string' } }, ['q']);
    assert.deepEqual(readForm(required, { q: '', note: '' }), { value: {}, errors: { '/q': 'Query is required.' } });
    assert.deepEqual(readForm(required, { q: 'cats', note: '' }), { value: { q: 'cats' }, errors: {} });
  });
});

suite('numbers', () => {
  const spec = objectOf({
    amount: { type: 'number', title: 'Amount' },
    count: { type: 'integer', title: 'Count' },
    price: { type: 'number', title: 'Price', multipleOf: 0.01, minimum: 0 },
    tenth: { type: 'number', title: 'Tenth', multipleOf: 0.1 },
    ratio: { type: 'number', title: 'Ratio', exclusiveMinimum: 0, exclusiveMaximum: 1 },
    old: { type: 'number', title: 'Old', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true },
    range: { type: 'integer', title: 'Range', minimum: 1, maximum: 5 },
  });
  const read = (name: string, text: string) => readOne(spec, name, text);
  const error = (name: string, text: string) => read(name, text).errors[`/${name}`];

  test('the draft is kept as typed ("0.10" stays "0.10") and sent as the number it means', () => {
    const draft = { ...(initialDraft(spec, true) as object), amount: '0.10' };
    assert.deepEqual(readForm(spec, draft).value, { amount: 0.1 });
    assert.equal((draft as Record<string, unknown>).amount, '0.10');
    for (const [text, value] of [['-3', -3], ['.5', 0.5], ['1e3', 1000], [' 42 ', 42], ['1E-2', 0.01], ['5e+1', 50]] as const) {
      assert.deepEqual(read('amount', text), { value: { amount: value }, errors: {} }, text);
    }
  });

  test('text that is not a number, and numbers JSON cannot carry, are errors', () => {
    for (const text of ['abc', '1,5', '12px', '0x10', 'NaN', 'Infinity', '-', '.', '+1', '1e']) assert.equal(error('amount', text), 'Amount must be a number.', text);
    assert.equal(error('amount', '1e400'), 'Amount is too large to send as a JSON number.');
    assert.equal(error('amount', '-1e400'), 'Amount is too large to send as a JSON number.');
    assert.match(error('amount', '1e-400') ?? '', /too small .* would arrive as 0/);
    assert.equal(error('amount', '0e-400'), undefined, 'zero written small is still zero');
  });

  test('integers: whole numbers only, and only those JSON carries exactly', () => {
    assert.equal(error('count', '1.5'), 'Count must be a whole number.');
    assert.equal(error('count', '1.0000000000000001'), 'Count must be a whole number.', 'decided on the text, not on the rounded double');
    assert.equal(error('count', '2.0'), undefined);
    assert.equal(error('count', '1e2'), undefined);
    assert.match(error('count', '9007199254740993') ?? '', /beyond ±9007199254740991/);
  });

  test('multipleOf is exact for decimals', () => {
    assert.equal(error('tenth', '0.3'), undefined, '0.3 is a multiple of 0.1 although 0.3 % 0.1 is not 0 in floating point');
    assert.equal(error('tenth', '0.30'), undefined);
    assert.equal(error('tenth', '3e-1'), undefined);
    assert.equal(error('tenth', '0.35'), 'Tenth must be a multiple of 0.1.');
    assert.equal(error('price', '19.99'), undefined);
    assert.equal(error('price', '1.005'), 'Price must be a multiple of 0.01.');
    assert.equal(error('price', '-1'), 'Price must be at least 0.');
    assert.ok(isMultipleOf(parseDecimal('1e300')!, parseDecimal('1e-300')!));
    assert.ok(!isMultipleOf(parseDecimal('1.0000000000000000001')!, parseDecimal('1')!));
  });

  test('bounds: inclusive, exclusive as numbers (draft 6) and as booleans (draft 4)', () => {
    assert.equal(error('ratio', '0'), 'Ratio must be greater than 0.');
    assert.equal(error('ratio', '1'), 'Ratio must be less than 1.');
    assert.equal(error('ratio', '0.5'), undefined);
    assert.equal(error('old', '0'), 'Old must be greater than 0.');
    assert.equal(error('old', '10'), 'Old must be less than 10.');
    assert.equal(error('old', '9.99'), undefined);
    assert.equal(error('range', '0'), 'Range must be at least 1.');
    assert.equal(error('range', '6'), 'Range must be at most 5.');
    assert.equal(error('range', '5'), undefined);
  });
});

suite('tuples', () => {
  const point = { type: 'array', title: 'Point', prefixItems: [{ type: 'number', title: 'Latitude' }, { type: 'number', title: 'Longitude' }], items: { type: 'string' } };
  const row = { type: 'array', title: 'Row', items: [{ type: 'string' }, { type: 'integer', minimum: 0 }], additionalItems: false };

  test('prefixItems (2020-12) and items as a list (draft 7) give a field per position, then the rest', () => {
    const spec = objectOf({ point, row, open: { type: 'array', items: [{ type: 'boolean' }] } }, ['point', 'row']);
    const point_ = field(spec, 'point');
    assert.equal(point_.kind, 'array');
    assert.deepEqual([0, 1, 2, 3].map((index) => [childSpec(point_, index).kind, childSpec(point_, index).label]), [
      ['number', 'Latitude'],
      ['number', 'Longitude'],
      ['string', 'Point item 3'],
      ['string', 'Point item 4'],
    ]);
    const row_ = field(spec, 'row');
    assert.deepEqual([0, 1].map((index) => childSpec(row_, index).kind), ['string', 'integer']);
    assert.equal(row_.kind === 'array' && row_.maxItems, 2, 'additionalItems: false: nothing after the positions');
    const open = field(spec, 'open');
    assert.equal(open.kind === 'array' && childSpec(open, 1).kind, 'json', 'no additionalItems: anything may follow');
    // A required tuple opens with every position, each waiting for its value.
    assert.deepEqual(initialDraft(spec, true), { point: ['', ''], row: ['', ''], open: null });
    assert.deepEqual(Object.keys(readForm(spec, initialDraft(spec, true)).errors), ['/point/0', '/point/1', '/row/0', '/row/1']);
  });

  test('each position is read and checked by its own schema, and a closed tuple takes no more', () => {
    const spec = objectOf({ point, row }, ['point', 'row']);
    assert.deepEqual(readForm(spec, { point: ['52.5', '13.4', 'Berlin'], row: ['a', '3'] }), { value: { point: [52.5, 13.4, 'Berlin'], row: ['a', 3] }, errors: {} });
    assert.deepEqual(readForm(spec, { point: ['north', '13.4'], row: ['a', '-1'] }).errors, {
      '/point/0': 'Latitude must be a number.',
      '/row/1': 'Row item 2 must be at least 0.',
    });
    assert.equal(readForm(spec, { point: [], row: ['a', '1', 'extra'] }).errors['/row'], 'Row takes at most 2 items.');
    assert.equal(readOne(objectOf({ row: { ...row, items: [{ type: 'string' }], maxItems: 5 } }), 'row', ['a', 'b']).errors['/row'], 'Row takes at most 1 item.');
  });

  test('the JSON view and edit-in-form fill tuples position by position', () => {
    const spec = objectOf({ point, row });
    for (const value of [{ point: [1.5, -2] }, { point: [1.5, -2, 'a', 'b'] }, { point: [1.5] }, { row: ['x', 0] }, { point: [] }]) assertRoundTrip(spec, value);
    const wrong = draftFromValue(spec, { point: ['1.5', 2] });
    assert.deepEqual(wrong, { ok: false, error: 'Latitude: expected a number, got "1.5".' });
  });
});

suite('booleans, enums and constants', () => {
  test('a required boolean starts false, one with a default starts there; both are always sent', () => {
    const spec = objectOf({ quiet: { type: 'boolean' }, loud: { type: 'boolean', default: true } }, ['quiet']);
    assert.deepEqual(readForm(spec, initialDraft(spec, true)).value, { quiet: false, loud: true });
    assert.deepEqual(readForm(spec, { quiet: true, loud: false }).value, { quiet: true, loud: false });
    assert.deepEqual(readForm(spec, { quiet: null, loud: null }).value, { quiet: false, loud: false }, 'a two-state box has no "not set"');
  });

  test('an optional boolean without a default starts not set and is left out until chosen', () => {
    const spec = objectOf({ dryRun: { type: 'boolean' }, maybe: { type: ['boolean', 'null'] } });
    assert.deepEqual(readForm(spec, initialDraft(spec, true)), { value: {}, errors: {} });
    assert.deepEqual(readOne(spec, 'dryRun', true).value, { dryRun: true });
    assert.deepEqual(readOne(spec, 'dryRun', false).value, { dryRun: false });
    assert.deepEqual(readOne(spec, 'maybe', { isNull: true, value: null }).value, { maybe: null });
    // The JSON view and "edit in form" give all three states back, left out included.
    for (const value of [{}, { dryRun: true }, { dryRun: false }, { maybe: false }, { maybe: null }]) assertRoundTrip(spec, value);
  });

  test('an optional boolean inside a list item or a nullable field keeps its three states', () => {
    const spec = objectOf({
      steps: { type: 'array', items: { type: 'object', properties: { skip: { type: 'boolean' } } } },
      extra: { anyOf: [{ type: 'object', properties: { verbose: { type: 'boolean' } } }, { type: 'null' }] },
    });
    for (const value of [{ steps: [{}, { skip: false }, { skip: true }] }, { extra: {} }, { extra: { verbose: false } }, { extra: null }]) assertRoundTrip(spec, value);
  });

  test('enum options take their titles from enumNames, or from oneOf/anyOf of consts', () => {
    const spec = objectOf({
      named: { type: 'string', enum: ['a', 'b'], enumNames: ['Alpha', 'Beta'] },
      oneOf: { oneOf: [{ const: 'r', title: 'Red' }, { const: 'g', title: 'Green' }] },
      anyOf: { type: 'integer', anyOf: [{ const: 1, title: 'One' }, { enum: [2] }] },
      mixed: { enum: ['low', 3, true, null, { x: 1 }] },
    });
    const options = (name: string) => {
      const child = field(spec, name);
      return child.kind === 'enum' ? child.options.map((option) => [option.value, option.label]) : child.kind;
    };
    assert.deepEqual(options('named'), [['a', 'Alpha'], ['b', 'Beta']]);
    assert.deepEqual(options('oneOf'), [['r', 'Red'], ['g', 'Green']]);
    assert.deepEqual(options('anyOf'), [[1, 'One'], [2, '2']]);
    assert.deepEqual(options('mixed'), [['low', 'low'], [3, '3'], [true, 'true'], [null, 'null'], [{ x: 1 }, '{"x":1}']]);
    for (const value of ['low', 3, true, null, { x: 1 }]) assertRoundTrip(spec, { mixed: value });
  });

  test('a value not among the options is an error; an unchosen required enum is missing', () => {
    const spec = objectOf({ level: { enum: ['low', 'high'], title: 'Level' } }, ['level']);
    assert.deepEqual(readForm(spec, { level: '"medium"' }).errors, { '/level': 'Level: choose one of the listed values.' });
    assert.deepEqual(readForm(spec, { level: '' }).errors, { '/level': 'Level is required.' });
    assert.ok(!draftFromValue(spec, { level: 'medium' }).ok);
  });

  test('a const is sent as itself and only fits itself', () => {
    const spec = objectOf({ kind: { const: 'circle' }, r: { type: 'number' } });
    assert.deepEqual(readForm(spec, initialDraft(spec, true)).value, { kind: 'circle' });
    assert.ok(!draftFromValue(spec, { kind: 'square' }).ok);
  });
});

suite('nullable values', () => {
  const spec = objectOf({
    note: { type: ['string', 'null'], title: 'Note' },
    count: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }], title: 'Count' },
    color: { type: ['string', 'null'], enum: ['red', 'green'] },
    when: { oneOf: [{ type: 'null' }, { $ref: '#/$defs/day' }], default: null },
    $dummy: { type: 'null' },
  }, [], { $defs: { day: { type: 'string', format: 'date' } } });

  test('type arrays and anyOf/oneOf with null give the field a null toggle', () => {
    assert.deepEqual(['note', 'count', 'when'].map((name) => [field(spec, name).kind, field(spec, name).nullable]), [
      ['string', true],
      ['integer', true],
      ['string', true],
    ]);
    const color = field(spec, 'color');
    assert.ok(color.kind === 'enum' && color.options.some((option) => option.value === null), 'a nullable enum lists null');
    assert.equal(field(spec, '$dummy').kind, 'const');
  });

  test('null when toggled, the typed value otherwise, the inner checks still apply', () => {
    const draft = initialDraft(spec, true) as Record<string, unknown>;
    assert.deepEqual(draft.when, { isNull: true, value: '' }, 'the default null is applied');
    assert.deepEqual(readForm(spec, draft).value, { when: null, $dummy: null });
    assert.equal((readForm(spec, { ...draft, note: { isNull: true, value: 'kept' } }).value as Record<string, unknown>).note, null);
    assert.deepEqual(readForm(spec, { ...draft, count: { isNull: false, value: '-1' } }).errors, { '/count': 'Count must be at least 0.' });
    for (const value of [{ note: null, when: null, $dummy: null }, { note: 'x', count: 3, when: '2026-01-02', $dummy: null }]) assertRoundTrip(spec, value);
  });
});

suite('objects, arrays and maps', () => {
  const spec = objectOf(
    {
      address: {
        type: 'object',
        title: 'Address',
        properties: { street: { type: 'string' }, zip: { type: 'string', pattern: '^\\d{5}$' } },
        required: ['street'],
      },
      extra: { type: 'object', properties: { depth: { type: 'integer', default: 2 } } },
      points: { type: 'array', title: 'Points', minItems: 1, maxItems: 3, uniqueItems: true, items: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } }, required: ['x', 'y'] } },
      labels: { type: 'object', title: 'Labels', additionalProperties: { type: 'string', minLength: 1 } },
      any: { type: 'array' },
    },
    ['address', 'points'],
  );

  test('required objects and arrays start open (minItems items), optional ones left out', () => {
    assert.deepEqual(initialDraft(spec, true), {
      address: { street: '', zip: '' },
      extra: null,
      points: [{ x: '', y: '' }],
      labels: null,
      any: null,
    });
    const reading = readForm(spec, initialDraft(spec, true));
    assert.deepEqual(reading.errors, {
      '/address/street': 'street is required.',
      '/points/0/x': 'x is required.',
      '/points/0/y': 'y is required.',
    });
  });

  test('nested values, item checks and list bounds', () => {
    const draft = {
      address: { street: 'Main St', zip: '123' },
      extra: { depth: '3' },
      points: [{ x: '1', y: '2' }, { x: '1', y: '2' }],
      labels: null,
      any: ['"a"', '{"b": 1}'],
    };
    assert.deepEqual(readForm(spec, draft).errors, {
      '/address/zip': 'zip must match the pattern ^\\d{5}$.',
      '/points': 'Points: item 2 repeats item 1; the items must differ.',
    });
    assert.deepEqual(readForm(spec, { ...draft, points: [] }).errors['/points'], 'Points needs at least 1 item.');
    const four = Array.from({ length: 4 }, (_, i) => ({ x: String(i), y: '0' }));
    assert.deepEqual(readForm(spec, { ...draft, points: four }).errors['/points'], 'Points takes at most 3 items.');
    const fixed = { ...draft, address: { street: 'Main St', zip: '12345' }, points: [{ x: '1', y: '2' }, { x: '0.10', y: '2' }] };
    assert.deepEqual(readForm(spec, fixed), {
      value: { address: { street: 'Main St', zip: '12345' }, extra: { depth: 3 }, points: [{ x: 1, y: 2 }, { x: 0.1, y: 2 }], any: ['a', { b: 1 }] },
      errors: {},
    });
  });

  test('an optional object once added is sent even when empty, with its defaults', () => {
    const extra = field(spec, 'extra');
    assert.deepEqual(initialDraft(extra, true), { depth: '2' });
  });

  test('additionalProperties: entries become keys; empty and repeated keys are errors', () => {
    const base = initialDraft(spec, true) as Record<string, unknown>;
    const withLabels = (entries: [string, string][]) => ({ ...base, address: { street: 's' }, points: [{ x: '1', y: '1' }], labels: { [MAP_ENTRIES]: entries } });
    assert.deepEqual(readForm(spec, withLabels([['env', 'prod'], ['team', 'core']])).value, {
      address: { street: 's' },
      points: [{ x: 1, y: 1 }],
      labels: { env: 'prod', team: 'core' },
    });
    const errors = readForm(spec, withLabels([['', 'x'], ['env', 'a'], ['env', '']])).errors;
    assert.deepEqual(errors, {
      '/labels/*0/key': 'Labels: entry 1 needs a key.',
      '/labels/*2/key': 'Labels: the key "env" is used twice.',
      '/labels/*2': 'env is required.',
    });
  });

  test('round trips: value → draft → the same value', () => {
    assertRoundTrip(spec, { address: { street: 'a', zip: '12345' }, points: [{ x: 1.5, y: -2 }], labels: { a: 'b' }, any: [1, 'two', { three: [3] }] });
    assertRoundTrip(spec, { address: { street: 'a' }, extra: { depth: 0 }, points: [{ x: 0, y: 0 }, { x: 1e21, y: 5e-7 }], labels: {} });
    const unknown = draftFromValue(spec, { address: { street: 'a', country: 'x' }, points: [] });
    assert.ok(!unknown.ok && /no field for the property "country"/.test(unknown.error));
  });
});

suite('$ref, recursion, allOf and variants', () => {
  const tree = {
    type: 'object',
    $defs: { node: { type: 'object', title: 'Node', properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } }, required: ['name'] } },
    properties: { root: { $ref: '#/$defs/node' }, legacy: { $ref: '#/definitions/leaf' }, self: { $ref: '#' } },
    definitions: { leaf: { type: 'number', title: 'Leaf', minimum: 0 } },
    required: ['root'],
  };

  test('local $refs to $defs and definitions resolve, keeping their titles and checks', () => {
    const spec = form(tree);
    assert.equal(field(spec, 'root').kind, 'object');
    assert.equal(field(spec, 'root').label, 'Node');
    const legacy = field(spec, 'legacy');
    assert.ok(legacy.kind === 'number' && legacy.minimum?.value === 0 && legacy.label === 'Leaf');
  });

  test('recursive schemas expand only as far as the user opens them', () => {
    const spec = form(tree);
    const draft = initialDraft(spec, true) as Record<string, unknown>;
    // `self` refers back to the root: recursive, so it waits for the user.
    assert.deepEqual(draft, { root: { name: '', children: null }, legacy: '', self: null });
    assert.equal(field(spec, 'self').recursive, true);
    const children = childSpec(field(spec, 'root'), 'children');
    const child = childSpec(children, 0);
    assert.equal(child.kind, 'object');
    assert.equal(child.recursive, true);
    // Descending a hundred levels describes a hundred levels, no more, and never loops.
    let level = field(spec, 'root');
    for (let depth = 0; depth < 100; depth++) level = childSpec(childSpec(level, 'children'), 0);
    assert.equal(level.kind, 'object');
    const deep = { name: 'a', children: [{ name: 'b', children: [{ name: 'c', children: [] }] }] };
    assertRoundTrip(spec, { root: deep, self: { root: deep, self: { root: { name: 'z' }, self: { root: { name: 'y' } } } } });
  });

  test('a $ref cycle with nothing in between becomes a JSON editor, not a hang', () => {
    const spec = form({ type: 'object', properties: { loop: { $ref: '#/$defs/a' } }, $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } });
    assert.equal(field(spec, 'loop').kind, 'json');
  });

  test('allOf merges properties, required lists and the stricter bounds', () => {
    const spec = form({
      type: 'object',
      properties: { n: { allOf: [{ type: 'number', minimum: 0, maximum: 100 }, { minimum: 10, maximum: 50 }] } },
      allOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }, { $ref: '#/$defs/more' }],
      $defs: { more: { properties: { b: { type: 'integer' } }, required: ['b'] } },
    });
    assert.ok(spec.kind === 'object');
    assert.deepEqual(spec.properties.map((p) => [p.name, p.required]), [['n', false], ['a', true], ['b', true]]);
    const n = field(spec, 'n');
    assert.ok(n.kind === 'number' && n.minimum?.value === 10 && n.maximum?.value === 50);
  });

  test('oneOf/anyOf of shapes is a variant picker; each variant labelled; the value fits the right one', () => {
    const spec = objectOf(
      {
        shape: {
          title: 'Shape',
          oneOf: [
            { type: 'object', properties: { kind: { const: 'circle' }, r: { type: 'number' } }, required: ['kind', 'r'] },
            { type: 'object', title: 'Box', properties: { kind: { const: 'box' }, w: { type: 'number' }, h: { type: 'number' } }, required: ['kind', 'w', 'h'] },
          ],
        },
        id: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
        either: { type: ['string', 'number'] },
      },
      ['shape'],
    );
    const shape = field(spec, 'shape');
    assert.ok(shape.kind === 'variant');
    assert.deepEqual(shape.variants.map((v) => v.label), ['circle', 'Box']);
    const either = field(spec, 'either');
    assert.ok(either.kind === 'variant' && either.variants.length === 2);
    const draft = initialDraft(spec, true) as Record<string, unknown>;
    assert.deepEqual(draft.shape, { variant: 0, drafts: { 0: { kind: null, r: '' } } });
    assert.deepEqual(readForm(spec, { ...draft, shape: { variant: 1, drafts: { 1: { kind: null, w: '2', h: '3' } } } }).value, { shape: { kind: 'box', w: 2, h: 3 } });
    assertRoundTrip(spec, { shape: { kind: 'box', w: 1, h: 2 }, id: 7, either: 'x' });
    assertRoundTrip(spec, { shape: { kind: 'circle', r: 1 }, id: 'seven', either: 2.5 });
    const picked = draftFromValue(spec, { shape: { kind: 'box', w: 1, h: 2 } });
    assert.ok(picked.ok && (picked.draft as Record<string, { variant: number }>).shape.variant === 1);
  });

  test('the keywords beside oneOf apply to every variant', () => {
    const spec = objectOf({ v: { type: 'object', properties: { common: { type: 'string' } }, oneOf: [{ properties: { a: { type: 'number' } } }, { properties: { b: { type: 'number' } } }] } });
    const v = field(spec, 'v');
    assert.ok(v.kind === 'variant');
    const first = childSpec(v, 0);
    assert.ok(first.kind === 'object');
    assert.deepEqual(first.properties.map((p) => p.name), ['common', 'a']);
  });
});

suite('defaults', () => {
  test('defaults become the initial draft, as text where the widget is text', () => {
    const spec = objectOf({
      name: { type: 'string', default: 'world' },
      ratio: { type: 'number', default: 0.25 },
      color: { enum: ['red', 'green'], default: 'green' },
      options: { type: 'object', default: { depth: 2 } },
      tags: { type: 'array', items: { type: 'string' }, default: ['a'] },
      bad: { type: 'integer', default: 'not a number' },
    });
    assert.deepEqual(initialDraft(spec, true), {
      name: 'world',
      ratio: '0.25',
      color: '"green"',
      options: JSON.stringify({ depth: 2 }, null, 2),
      tags: ['a'],
      bad: '',
    });
    assert.deepEqual(readForm(spec, initialDraft(spec, true)).value, { name: 'world', ratio: 0.25, color: 'green', options: { depth: 2 }, tags: ['a'] });
  });
});

suite('drafts that do not fit the schema (saved before the tool changed)', () => {
  test('are read as the initial draft of each field, never thrown on', () => {
    const spec = objectOf({ a: { type: 'string' }, o: { type: 'object', properties: { x: { type: 'number' } } }, v: { oneOf: [{ type: 'object', properties: { p: { type: 'string' } } }, { type: 'object', properties: { q: { type: 'string' } } }] }, n: { type: ['number', 'null'] } }, ['o', 'v']);
    for (const draft of [null, 'text', 42, [], { a: 5, o: 'x', v: { variant: 9, drafts: {} }, n: 'x' }, { o: { x: { y: 1 } }, v: { variant: 0, drafts: null } }]) {
      assert.doesNotThrow(() => readForm(spec, draft), JSON.stringify(draft));
    }
  });
});

suite('property names that look like paths', () => {
  test('"a/b", "a~1b", "*0" and "" each keep their own message and value; $ref pointers unescape ~0 and ~1', () => {
    const spec = objectOf(
      { 'a/b': { type: 'integer', title: 'slash' }, 'a~1b': { type: 'integer', title: 'tilde' }, '*0': { type: 'integer', title: 'star' }, '': { $ref: '#/$defs/x~1y' } },
      [],
      { $defs: { 'x/y': { type: 'integer', title: 'empty name' } } },
    );
    assert.equal(field(spec, '').label, 'empty name');
    const reading = readForm(spec, { 'a/b': 'x', 'a~1b': '1.5', '*0': 'y', '': 'z' });
    assert.equal(Object.keys(reading.errors).length, 4, JSON.stringify(reading.errors));
    assert.deepEqual(Object.values(reading.errors).map((message) => message.split(' ')[0]).sort(), ['empty', 'slash', 'star', 'tilde']);
    assertRoundTrip(spec, { 'a/b': 1, 'a~1b': 2, '*0': 3, '': 4 });
  });
});

suite('patternProperties', () => {
  const spec = objectOf(
    {
      env: { type: 'object', title: 'Environment', patternProperties: { '^[A-Z_]+$': { type: 'string', minLength: 1 }, '^PORT_': { type: 'string', pattern: '^[0-9]+$' } }, additionalProperties: false },
      labels: { type: 'object', properties: { owner: { type: 'string' } }, patternProperties: { '^x-': { type: 'integer' } }, additionalProperties: { type: 'boolean' } },
    },
    ['env'],
  );
  const withEnv = (entries: [string, Draft][]) => ({ ...(initialDraft(spec, true) as object), env: { [MAP_ENTRIES]: entries } });

  test('an object whose extra keys follow patterns is a key/value editor, each value of the schema its key matches', () => {
    const env = field(spec, 'env');
    assert.equal(env.kind, 'object');
    assert.equal(childSpec(env, 'HOME').kind, 'string');
    // A key matching two patterns takes both schemas.
    const port = childSpec(env, 'PORT_HTTP');
    assert.ok(port.kind === 'string' && port.pattern?.source === '^[0-9]+$' && port.minLength === 1, JSON.stringify(port));
    const labels = field(spec, 'labels');
    assert.equal(childSpec(labels, 'x-count').kind, 'integer');
    assert.equal(childSpec(labels, 'other').kind, 'boolean', 'a key no pattern matches takes additionalProperties');
    assert.deepEqual(readForm(spec, withEnv([['HOME', '/root'], ['PORT_HTTP', '8080']])), { value: { env: { HOME: '/root', PORT_HTTP: '8080' } }, errors: {} });
  });

  test('a key that follows no pattern is an error at the key; a value against its pattern’s schema at the value', () => {
    const { errors } = readForm(spec, withEnv([['home', '/root'], ['PORT_HTTP', 'eighty'], ['PATH', '']]));
    assert.deepEqual(errors, {
      '/env/*0/key': 'Environment: the key "home" must match one of the patterns ^[A-Z_]+$, ^PORT_.',
      '/env/*1': 'PORT_HTTP must match the pattern ^[0-9]+$.',
      '/env/*2': 'PATH is required.',
    });
  });

  test('values from JSON come back as entries, and round-trip; a key no pattern takes is kept and flagged, unless the schema forbids it', () => {
    assertRoundTrip(spec, { env: { HOME: '/root', PORT_HTTP: '8080' }, labels: { owner: 'ada', 'x-count': 3, beta: true } });
    const forbidden = draftFromValue(spec, { env: { home: '/root' } });
    assert.ok(!forbidden.ok && forbidden.error === 'Environment: the schema allows no property "home".', JSON.stringify(forbidden));
    const tags = objectOf({ tags: { type: 'object', patternProperties: { '^#': { type: 'string' } } } });
    const odd = draftFromValue(tags, { tags: { '#a': 'x', b: 'y' } });
    assert.ok(odd.ok);
    assert.deepEqual(readForm(tags, odd.draft), { value: { tags: { '#a': 'x', b: 'y' } }, errors: { '/tags/*1/key': 'tags: the key "b" must match the pattern ^#.' } });
  });
});

suite('if/then/else and not', () => {
  const shipping = {
    type: 'object',
    properties: { country: { type: 'string' }, code: { type: 'string', title: 'Postal code' } },
    required: ['country'],
    if: { properties: { country: { const: 'US' } }, required: ['country'] },
    then: { properties: { code: { pattern: '^[0-9]{5}$' } }, required: ['code'] },
    else: { properties: { code: { maxLength: 8 } } },
  };
  const spec = objectOf({ shipping }, ['shipping']);
  const read = (value: Record<string, string>) => readForm(spec, { shipping: value });

  test('the branch the value takes is enforced, each message at the field it is about, saying which keyword asks', () => {
    assert.deepEqual(read({ country: 'US', code: '12345' }).errors, {});
    assert.deepEqual(read({ country: 'FR', code: '75001' }).errors, {});
    assert.deepEqual(read({ country: 'US', code: 'SW1A' }).errors, {
      '/shipping/code': `Postal code must match the pattern ^[0-9]{5}$ (asked by the schema's "then", as the value matches its "if").`,
    });
    assert.deepEqual(read({ country: 'US', code: '' }).errors, {
      '/shipping/code': `Postal code is required (asked by the schema's "then", as the value matches its "if").`,
    });
    assert.deepEqual(read({ country: 'GB', code: 'SW1A 1AA 9' }).errors, {
      '/shipping/code': `Postal code must be at most 8 characters long (asked by the schema's "else", as the value does not match its "if").`,
    });
  });

  test('not: a value that matches the schema under not is an error at the field', () => {
    const notSpec = objectOf({ name: { type: 'string', title: 'Name', not: { enum: ['admin', 'root'] } } }, ['name']);
    assert.deepEqual(readForm(notSpec, { name: 'ada' }).errors, {});
    assert.deepEqual(readForm(notSpec, { name: 'root' }).errors, { '/name': 'Name must not match the schema under "not": {"enum":["admin","root"]}.' });
  });

  test('conditions in every allOf member apply, not only the first', () => {
    const both = objectOf({
      pair: {
        type: 'object',
        properties: { a: { type: 'integer' }, b: { type: 'integer' } },
        allOf: [{ if: { properties: { a: { const: 1 } }, required: ['a'] }, then: { required: ['b'] } }, { not: { required: ['a', 'b'], properties: { a: { const: 2 } } } }],
      },
    });
    assert.deepEqual(readForm(both, { pair: { a: '1', b: '' } }).errors, { '/pair/b': `b is required (asked by the schema's "then", as the value matches its "if").` });
    assert.match(readForm(both, { pair: { a: '2', b: '5' } }).errors['/pair'] ?? '', /must not match the schema under "not"/);
    assert.deepEqual(readForm(both, { pair: { a: '3', b: '' } }).errors, {});
  });
});
