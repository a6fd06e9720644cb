// The CLI's headless answer to `elicitation/create`: the requested form as it opens, submitted
// unchanged; what it cannot fill without a person is declined, with the reasons.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { answerWithDefaults } from '../../src/cli/elicitationDefaults';

test('every default is filled in, with its own type; optional fields without one are left out', () => {
  const answer = answerWithDefaults({
    type: 'object',
    properties: {
      name: { type: 'string', default: 'Ada' },
      age: { type: 'integer', default: 36 },
      ratio: { type: 'number', default: 0.25 },
      plan: { type: 'string', enum: ['free', 'team'], default: 'team' },
      subscribed: { type: 'boolean', default: true },
      nickname: { type: 'string' },
      count: { type: 'number' },
    },
  });
  assert.deepEqual(answer, { action: 'accept', content: { name: 'Ada', age: 36, ratio: 0.25, plan: 'team', subscribed: true } });
});

test('an optional box without a default is left out, as the form shows it not set; a required one is sent unticked', () => {
  assert.deepEqual(answerWithDefaults({ type: 'object', properties: { agree: { type: 'boolean' }, adult: { type: 'boolean' } }, required: ['adult'] }), {
    action: 'accept',
    content: { adult: false },
  });
});

test('a required field without a default cannot be answered without a person: declined, naming the field', () => {
  const answer = answerWithDefaults({
    type: 'object',
    properties: { email: { type: 'string', title: 'Email' }, name: { type: 'string', default: 'Ada' } },
    required: ['email'],
  });
  assert.equal(answer.action, 'decline');
  assert.deepEqual(answer.action === 'decline' && answer.reasons, ['Email is required.']);
});

test('a default that breaks its own schema is not sent: declined with the reason', () => {
  const answer = answerWithDefaults({
    type: 'object',
    properties: { age: { type: 'integer', minimum: 18, default: 7 } },
    required: ['age'],
  });
  assert.equal(answer.action, 'decline');
  assert.deepEqual(answer.action === 'decline' && answer.reasons, ['age must be at least 18.']);
});

test('a request without a schema object is declined', () => {
  assert.deepEqual(answerWithDefaults(undefined), { action: 'decline', reasons: ['The request has no requestedSchema object.'] });
});
