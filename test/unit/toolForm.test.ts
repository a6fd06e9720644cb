// The tool form's model: fields from a tool's input schema, and the arguments from what was typed.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { argumentsOf, fieldError, type FormField, formFields, initialDraft } from '../../src/shared/toolForm';

const field = (fields: FormField[], name: string) => {
  const found = fields.find((f) => f.name === name);
  assert.ok(found, `no field ${name}`);
  return found;
};

describe('formFields', () => {
  const schema = {
    type: 'object',
    properties: {
      city: { type: 'string', title: 'City name', description: 'Where to look' },
      days: { type: 'integer' },
      blank: { type: 'string', title: '   ' },
    },
    required: ['city'],
  };

  test('one field per property, labelled by title, else by name', () => {
    const fields = formFields(schema);
    assert.deepEqual(
      fields.map((f) => [f.name, f.label]),
      [
        ['city', 'City name'],
        ['days', 'days'],
        ['blank', 'blank'],
      ],
    );
    assert.equal(field(fields, 'city').description, 'Where to look');
  });

  test('required properties are marked, the others are not', () => {
    const fields = formFields(schema);
    assert.equal(field(fields, 'city').required, true);
    assert.equal(field(fields, 'days').required, false);
  });

  test('the kind follows the type; enums win over type; anything else is JSON', () => {
    const fields = formFields({
      type: 'object',
      properties: {
        s: { type: 'string' },
        n: { type: 'number' },
        i: { type: 'integer' },
        b: { type: 'boolean' },
        e: { type: 'string', enum: ['a', 'b'] },
        o: { type: 'object', properties: { x: { type: 'number' } } },
        a: { type: 'array', items: { type: 'string' } },
        untyped: {},
      },
    });
    assert.deepEqual(
      fields.map((f) => [f.name, f.kind]),
      [
        ['s', 'string'],
        ['n', 'number'],
        ['i', 'integer'],
        ['b', 'boolean'],
        ['e', 'enum'],
        ['o', 'json'],
        ['a', 'json'],
        ['untyped', 'json'],
      ],
    );
    assert.deepEqual(field(fields, 'e').options, ['a', 'b']);
  });

  test('a schema without properties gives an empty form whose arguments are {}', () => {
    const fields = formFields({ type: 'object' });
    assert.deepEqual(fields, []);
    assert.deepEqual(argumentsOf(fields, {}), { ok: true, arguments: {} });
  });
});

describe('defaults and the initial draft', () => {
  const fields = formFields({
    type: 'object',
    properties: {
      name: { type: 'string', default: 'world' },
      ratio: { type: 'number', default: 0.25 },
      loud: { type: 'boolean', default: true },
      quiet: { type: 'boolean' },
      color: { enum: ['red', 'green'], default: 'green' },
      options: { type: 'object', default: { depth: 2 } },
      note: { type: 'string' },
    },
  });

  test('defaults become the initial draft, as text', () => {
    assert.deepEqual(initialDraft(fields), {
      name: 'world',
      ratio: '0.25',
      loud: 'true',
      quiet: 'false',
      color: '"green"',
      options: JSON.stringify({ depth: 2 }, null, 2),
      note: '',
    });
  });

  test('an untouched form sends the defaults, a boolean without default as false, and leaves empty optionals out', () => {
    assert.deepEqual(argumentsOf(fields, initialDraft(fields)), {
      ok: true,
      arguments: { name: 'world', ratio: 0.25, loud: true, quiet: false, color: 'green', options: { depth: 2 } },
    });
  });

  test('a boolean unticked by the user is sent as false', () => {
    const outcome = argumentsOf(fields, { ...initialDraft(fields), loud: 'false' });
    assert.ok(outcome.ok);
    assert.equal(outcome.arguments.loud, false);
  });
});

describe('numbers', () => {
  const fields = formFields({
    type: 'object',
    properties: { amount: { type: 'number', title: 'Amount' }, count: { type: 'integer', title: 'Count' } },
  });
  const amount = field(fields, 'amount');
  const count = field(fields, 'count');

  test('"0.10" for a number gives 0.1, and other number spellings are read', () => {
    assert.deepEqual(argumentsOf(fields, { amount: '0.10', count: '' }), { ok: true, arguments: { amount: 0.1 } });
    for (const [text, value] of [
      ['-3', -3],
      ['.5', 0.5],
      ['1e3', 1000],
      [' 42 ', 42],
    ] as const) {
      const outcome = argumentsOf(fields, { amount: text });
      assert.deepEqual(outcome, { ok: true, arguments: { amount: value } }, `amount ${JSON.stringify(text)}`);
    }
    assert.equal(fieldError(amount, '0.10'), undefined);
  });

  test('"1.5" for an integer is an error naming the field; "2" is fine', () => {
    assert.equal(fieldError(count, '1.5'), 'Count must be a whole number.');
    assert.deepEqual(argumentsOf(fields, { count: '1.5' }), { ok: false, errors: { count: 'Count must be a whole number.' } });
    assert.deepEqual(argumentsOf(fields, { count: '2' }), { ok: true, arguments: { count: 2 } });
  });

  test('text that is not a number is an error', () => {
    for (const text of ['abc', '1,5', '12px', '0x10', 'NaN', 'Infinity']) {
      assert.equal(fieldError(amount, text), 'Amount must be a number.', `amount ${JSON.stringify(text)}`);
      assert.equal(fieldError(count, text), 'Count must be a number.', `count ${JSON.stringify(text)}`);
    }
    const outcome = argumentsOf(fields, { amount: 'abc', count: 'abc' });
    assert.deepEqual(outcome, { ok: false, errors: { amount: 'Amount must be a number.', count: 'Count must be a number.' } });
  });
});

describe('numbers too large for JSON', () => {
  const fields = formFields({ type: 'object', properties: { amount: { type: 'number', title: 'Amount' } } });

  test(
    '"1e400" is an error, not Infinity (which JSON sends to the server as null)',
    () => {
      const outcome = argumentsOf(fields, { amount: '1e400' });
      assert.equal(outcome.ok, false, `sent as ${JSON.stringify(outcome)}`);
    },
  );
});

describe('enums', () => {
  const options = ['low', 'high', 3, true, null];
  const fields = formFields({ type: 'object', properties: { level: { enum: options } }, required: ['level'] });
  const level = field(fields, 'level');

  test('every option round-trips through its draft text to the same value', () => {
    for (const option of options) {
      const outcome = argumentsOf(fields, { level: JSON.stringify(option) });
      assert.deepEqual(outcome, { ok: true, arguments: { level: option } }, `option ${JSON.stringify(option)}`);
    }
  });

  test('a value that is not one of the options is an error; an unchosen required enum too', () => {
    assert.equal(fieldError(level, '"medium"'), 'Choose one of the listed values.');
    assert.equal(fieldError(level, 'low'), 'Choose one of the listed values.', 'the draft is JSON text, not the bare string');
    assert.deepEqual(argumentsOf(fields, { level: '' }), { ok: false, errors: { level: 'level is required.' } });
  });
});

describe('JSON fields', () => {
  const fields = formFields({
    type: 'object',
    properties: { filter: { type: 'object', title: 'Filter' }, tags: { type: 'array' } },
    required: ['filter'],
  });
  const filter = field(fields, 'filter');

  test('an object property is edited as JSON text and sent as the parsed value', () => {
    assert.equal(filter.kind, 'json');
    const outcome = argumentsOf(fields, { filter: '{ "kind": "a", "limit": 0.10, "nested": { "on": true } }', tags: '["x","y"]' });
    assert.deepEqual(outcome, { ok: true, arguments: { filter: { kind: 'a', limit: 0.1, nested: { on: true } }, tags: ['x', 'y'] } });
  });

  test('text that is not JSON is an error; an empty required JSON field is missing', () => {
    assert.match(fieldError(filter, '{ kind: a }') ?? '', /^Not valid JSON/);
    const bad = argumentsOf(fields, { filter: '{ kind: a }' });
    assert.equal(bad.ok, false);
    assert.deepEqual(argumentsOf(fields, { filter: '  ' }), { ok: false, errors: { filter: 'Filter is required.' } });
  });
});

describe('required strings', () => {
  const fields = formFields({
    type: 'object',
    properties: { query: { type: 'string', title: 'Query' }, note: { type: 'string' } },
    required: ['query'],
  });

  test('a filled-in required string is sent; an empty optional one is left out', () => {
    assert.deepEqual(argumentsOf(fields, { query: 'cats', note: '' }), { ok: true, arguments: { query: 'cats' } });
  });

  test(
    'a missing required string is an error, not an empty string sent to the server',
    () => {
      assert.deepEqual(argumentsOf(fields, { query: '', note: '' }), { ok: false, errors: { query: 'Query is required.' } });
    },
  );
});
