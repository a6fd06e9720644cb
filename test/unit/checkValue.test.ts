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
  assert.deepEqual(checkValue(weather, { temperature: 'warm', conditions: 'sunny' }), ['temperature: expected a number, got "warm".']);
  assert.deepEqual(checkValue(weather, { temperature: 1, conditions: 'fog' }), ['conditions: expected one of the listed values, got "fog".']);
});

test('a value that is not even an object is one clear message', () => {
  const problems = checkValue(weather, 42);
  assert.equal(problems.length, 1);
  assert.ok(problems[0].length > 0);
});

test('properties the schema does not list are allowed, unless additionalProperties is false', () => {
  assert.deepEqual(checkValue(weather, { temperature: 1, conditions: 'rain', station: { id: 'LHR' } }), []);
  const closed = { ...weather, additionalProperties: false };
  assert.deepEqual(checkValue(closed, { temperature: 1, conditions: 'rain', station: 'LHR' }), ['Value: the schema allows no property "station".']);
});
