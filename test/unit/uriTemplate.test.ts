// RFC 6570 URI templates of resource templates: the variables a form asks for, and the URI read.
// Expected URIs are the RFC's own examples (section 1.2 and 3.2), for string values.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expandUriTemplate, parseUriTemplate, templateVariables } from '../../src/shared/uriTemplate';

const values = { var: 'value', hello: 'Hello World!', path: '/foo/bar', x: '1024', y: '768', empty: '' };

function expand(template: string, given: Record<string, string> = values): string {
  const parsed = parseUriTemplate(template);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  return expandUriTemplate(parsed, given);
}

describe('URI templates', () => {
  test('level 1: simple strings are percent-encoded', () => {
    assert.equal(expand('{var}'), 'value');
    assert.equal(expand('{hello}'), 'Hello%20World%21');
    assert.equal(expand('demo://resource/dynamic/text/{resourceId}', { resourceId: '7' }), 'demo://resource/dynamic/text/7');
  });

  test('level 2: reserved (+) and fragment (#) expansion keep reserved characters', () => {
    assert.equal(expand('{+path}/here'), '/foo/bar/here');
    assert.equal(expand('here?ref={+path}'), 'here?ref=/foo/bar');
    assert.equal(expand('X{#hello}'), 'X#Hello%20World!');
  });

  test('level 3 and 4: every operator, several variables, prefixes', () => {
    assert.equal(expand('map?{x,y}'), 'map?1024,768');
    assert.equal(expand('{x,hello,y}'), '1024,Hello%20World%21,768');
    assert.equal(expand('X{.var}'), 'X.value');
    assert.equal(expand('{/var,x}/here'), '/value/1024/here');
    assert.equal(expand('{;x,y}'), ';x=1024;y=768');
    assert.equal(expand('{?x,y}'), '?x=1024&y=768');
    assert.equal(expand('?fixed=yes{&x}'), '?fixed=yes&x=1024');
    assert.equal(expand('{var:3}'), 'val');
    assert.equal(expand('{+path:6}/here'), '/foo/b/here');
    assert.equal(expand('{/var*}'), '/value');
  });

  test('a variable without a value is left out with its operator', () => {
    assert.equal(expand('file://{host}{/path}{?q}', { host: 'h' }), 'file://h');
    assert.equal(expand('{?empty,x}'), '?x=1024');
  });

  test('the variables are named once each, in order, whatever their operator and modifiers', () => {
    const parsed = parseUriTemplate('{+base}/users{/id}{?fields*,lang:2}{&id}');
    assert.ok(parsed.ok);
    assert.deepEqual(templateVariables(parsed), ['base', 'id', 'fields', 'lang']);
  });

  test('a malformed template says what is wrong', () => {
    const unclosed = parseUriTemplate('file:///{path');
    assert.equal(unclosed.ok, false);
    assert.match(unclosed.ok ? '' : unclosed.reason, /never closed/);
    const bad = parseUriTemplate('x{a b}');
    assert.match(bad.ok ? '' : bad.reason, /does not name its variables/);
    assert.match((parseUriTemplate('a}b') as { reason: string }).reason, /no "\{" before it/);
  });
});
