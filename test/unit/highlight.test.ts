// The panel's highlighter for resource text: every character kept, in order, and the tokens a
// reader expects coloured.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { highlight, highlightLanguageOf, type TokenKind } from '../../webview/components/highlight';

const kindsOf = (tokens: ReturnType<typeof highlight>, kind: TokenKind) => tokens.filter((token) => token.kind === kind).map((token) => token.text);

describe('the resource highlighter', () => {
  test('MIME types choose the language, with parameters and +json/+xml suffixes', () => {
    assert.equal(highlightLanguageOf('application/json; charset=utf-8'), 'json');
    assert.equal(highlightLanguageOf('application/vnd.api+json'), 'json');
    assert.equal(highlightLanguageOf('text/markdown'), 'markdown');
    assert.equal(highlightLanguageOf('image/svg+xml'), 'xml');
    assert.equal(highlightLanguageOf('text/yaml'), 'yaml');
    assert.equal(highlightLanguageOf('text/plain'), undefined);
    assert.equal(highlightLanguageOf(undefined), undefined);
  });

  test('JSON: keys, strings, numbers and keywords, and the text is kept exactly', () => {
    const text = '{\n  "name": "a \\"b\\"",\n  "n": -1.5e3,\n  "ok": true, "none": null\n}';
    const tokens = highlight(text, 'json');
    assert.equal(tokens.map((token) => token.text).join(''), text);
    assert.deepEqual(kindsOf(tokens, 'key'), ['"name"', '"n"', '"ok"', '"none"']);
    assert.deepEqual(kindsOf(tokens, 'string'), ['"a \\"b\\""']);
    assert.deepEqual(kindsOf(tokens, 'number'), ['-1.5e3']);
    assert.deepEqual(kindsOf(tokens, 'keyword'), ['true', 'null']);
  });

  test('Markdown: headings, code, emphasis and links', () => {
    const text = '# Title\nSome `code` and **bold** and *it* [link](http://x)\n- item\n```js\n';
    const tokens = highlight(text, 'markdown');
    assert.equal(tokens.map((token) => token.text).join(''), text);
    assert.deepEqual(kindsOf(tokens, 'heading'), ['# Title']);
    assert.deepEqual(kindsOf(tokens, 'code'), ['`code`', '```js']);
    assert.deepEqual(kindsOf(tokens, 'strong'), ['**bold**']);
    assert.deepEqual(kindsOf(tokens, 'link'), ['[link](http://x)']);
  });

  test('XML and HTML: tags, attributes, values and comments; a script tag is just text', () => {
    const text = '<!-- c --><a href="x" id=\'y\'><script>alert(1)</script></a>';
    const tokens = highlight(text, 'xml');
    assert.equal(tokens.map((token) => token.text).join(''), text);
    assert.deepEqual(kindsOf(tokens, 'comment'), ['<!-- c -->']);
    assert.deepEqual(kindsOf(tokens, 'attribute'), ['href', 'id']);
    assert.deepEqual(kindsOf(tokens, 'string'), ['"x"', "'y'"]);
    assert.ok(kindsOf(tokens, 'tag').includes('<script'));
  });

  test('YAML: keys, comments, strings and scalars', () => {
    const text = 'name: "x" # note\nlist:\n  - count: 3\nflag: true\n';
    const tokens = highlight(text, 'yaml');
    assert.equal(tokens.map((token) => token.text).join(''), text);
    assert.deepEqual(kindsOf(tokens, 'key'), ['name', 'list', '  - count', 'flag']);
    assert.deepEqual(kindsOf(tokens, 'comment'), ['# note']);
  });

  test('a text over the limit stays one plain token', () => {
    const text = `[${'1,'.repeat(150_000)}1]`;
    assert.deepEqual(highlight(text, 'json'), [{ text }]);
  });
});
