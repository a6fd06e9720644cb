// A whole value against a schema, the way a tool result's structuredContent is checked against the
// tool's outputSchema.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkValue } from '../../src/shared/schemaForm/checkValue';

const weather = {
  type: 'object',
  properties: {
    temperature: { type: 'number', minimum: -100 },
    conditions: { type: 'string', enum: ['sunny', 'rain'] },
    hours: { type: 'array', items: { type: 'integer' }, maxItems: 2 },
  },
  required: ['temperature', 'conditions'],
};

test('a value that fits has no problems', () => {
  assert.deepEqual(checkValue(weather, { temperature: 21.5, conditions: 'sunny', hours: [1, 2] }), []);
});

test('each place that breaks a bound or misses a required property gets its own message, with its JSON pointer', () => {
  const problems = checkValue(weather, { temperature: -300, hours: [1, 2, 3] });
  assert.equal(problems.length, 3, problems.join('\n'));
  assert.match(problems.find((p) => p.startsWith('/temperature: ')) ?? '', /-100/);
  assert.match(problems.find((p) => p.startsWith('/conditions: ')) ?? '', /required/);
  assert.match(problems.find((p) => p.startsWith('/hours')) ?? '', /2/);
});

test('a value of the wrong shape is named with its place', () => {
  assert.deepEqual(checkValue(weather, { temperature: 'warm', conditions: 'sunny' }), ['/temperature: expected a number, got "warm".']);
  assert.deepEqual(checkValue(weather, { temperature: 1, conditions: 'fog' }), ['/conditions: expected one of the listed values, got "fog".']);
});

test('every value of the wrong type or not among the allowed ones is listed, at any depth, beside the other problems', () => {
  const station = {
    type: 'object',
    properties: {
      readings: { type: 'array', items: weather },
      name: { type: 'string', minLength: 3 },
      mode: { oneOf: [{ const: 'auto' }, { const: 'manual' }] },
      open: { type: 'boolean' },
    },
    required: ['readings', 'name'],
  };
  const problems = checkValue(station, {
    readings: [
      { temperature: 'warm', conditions: 'fog' },
      { temperature: -300, conditions: 'rain', hours: [1, 'two'] },
    ],
    name: 'ab',
    mode: 'sometimes',
    open: 'yes',
  });
  assert.deepEqual(problems.sort(), [
    '/mode: expected one of the listed values, got "sometimes".',
    '/name: name must be at least 3 characters long.',
    '/open: expected true or false, got "yes".',
    '/readings/0/conditions: expected one of the listed values, got "fog".',
    '/readings/0/temperature: expected a number, got "warm".',
    '/readings/1/hours/1: expected a number, got "two".',
    '/readings/1/temperature: temperature must be at least -100.',
  ]);
});

test('a result that breaks an if/then of the output schema says so at its place', () => {
  const priced = {
    type: 'object',
    properties: { currency: { type: 'string' }, amount: { type: 'number' } },
    if: { properties: { currency: { const: 'JPY' } } },
    then: { properties: { amount: { multipleOf: 1 } } },
  };
  assert.deepEqual(checkValue(priced, { currency: 'EUR', amount: 1.5 }), []);
  assert.deepEqual(checkValue(priced, { currency: 'JPY', amount: 1.5 }), [
    `/amount: amount must be a multiple of 1 (asked by the schema's "then", as the value matches its "if").`,
  ]);
});

test('a value that is not even an object is one clear message', () => {
  const problems = checkValue(weather, 42);
  assert.equal(problems.length, 1);
  assert.ok(problems[0].length > 0);
});

test('properties the schema does not list are allowed, unless additionalProperties is false', () => {
  assert.deepEqual(checkValue(weather, { temperature: 1, conditions: 'rain', station: { id: 'LHR' } }), []);
  const closed = { ...weather, additionalProperties: false };
  assert.deepEqual(checkValue(closed, { temperature: 1, conditions: 'rain', station: 'LHR', city: 'London' }), [
    '/station: the schema allows no property "station".',
    '/city: the schema allows no property "city".',
  ]);
});
