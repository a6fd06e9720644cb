// The language a resource's editor opens in, from its MIME type.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageOfMimeType } from '../../src/vscode/mimeLanguages';

test('MIME types name VS Code languages; parameters, case and +json/+xml suffixes are understood; the rest is plain text', () => {
  assert.equal(languageOfMimeType('application/json'), 'json');
  assert.equal(languageOfMimeType('Application/JSON; charset=utf-8'), 'json');
  assert.equal(languageOfMimeType('application/vnd.github+json'), 'json');
  assert.equal(languageOfMimeType('text/markdown'), 'markdown');
  assert.equal(languageOfMimeType('application/atom+xml'), 'xml');
  assert.equal(languageOfMimeType('text/x-python'), 'python');
  assert.equal(languageOfMimeType('application/octet-stream'), 'plaintext');
  assert.equal(languageOfMimeType(undefined), 'plaintext');
});
