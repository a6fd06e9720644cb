// The shared file of saved calls: what is written reads back the same, a hand-edited file keeps its
// comments and the entries MCP Scope cannot read, and a malformed file is named with its line and
// never overwritten.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SavedCall } from '../../src/shared/history';
import type { Problem } from '../../src/shared/model';
import { mergeSavedCalls, readSavedCalls, storedSavedCalls, withoutSavedCall, withSavedCall } from '../../src/vscode/savedCallsFile';

const FILE = '.vscode/mcp-scope.calls.json';
const sum: SavedCall = { name: 'sum of two', serverId: 'everything', tool: 'get-sum', arguments: { a: 2, b: 3 } };
const echo: SavedCall = { name: 'echo <b>"hi"</b>', serverId: 'dev', tool: 'echo', arguments: { text: 'line\nbreak', nested: { list: [1, null, true] } } };

function written(text: string | Problem): string {
  assert.equal(typeof text, 'string', `expected new text, got ${JSON.stringify(text)}`);
  return text as string;
}

describe('the saved calls file', () => {
  test('calls written into a missing file read back the same; a name saved again replaces its call; deleting removes it', () => {
    let text = written(withSavedCall('', sum, FILE));
    text = written(withSavedCall(text, echo, FILE));
    assert.deepEqual(readSavedCalls(text, FILE), { calls: [sum, echo], problems: [], writable: true });
    assert.deepEqual(JSON.parse(text), {
      calls: [
        { name: 'sum of two', server: 'everything', tool: 'get-sum', arguments: { a: 2, b: 3 } },
        { name: echo.name, server: 'dev', tool: 'echo', arguments: echo.arguments },
      ],
    });
    const changed = { ...sum, arguments: { a: 5, b: 8 } };
    text = written(withSavedCall(text, changed, FILE));
    assert.deepEqual(readSavedCalls(text, FILE).calls, [changed, echo]);
    text = written(withoutSavedCall(text, sum.name, FILE));
    assert.deepEqual(readSavedCalls(text, FILE).calls, [echo]);
    assert.equal(written(withoutSavedCall(text, 'no such call', FILE)), text);
    assert.deepEqual(readSavedCalls('', FILE), { calls: [], problems: [], writable: true });
  });

  test('a hand-edited file keeps its comments, its indentation and the entries MCP Scope leaves out, each named by its line', () => {
    const text = [
      '{',
      '\t// Calls the team runs after every deploy.',
      '\t"calls": [',
      '\t\t{ "name": "sum of two", "server": "everything", "tool": "get-sum", "arguments": { "a": 2, "b": 3 } },',
      '\t\t{ "name": "no tool", "server": "everything" },',
      '\t\t"just text",',
      '\t\t{ "name": "sum of two", "server": "other", "tool": "x" },',
      '\t\t{ "name": "bare", "server": "dev", "tool": "ping" },',
      '\t],',
      '}',
    ].join('\n');
    const reading = readSavedCalls(text, FILE);
    assert.deepEqual(reading.calls, [sum, { name: 'bare', serverId: 'dev', tool: 'ping', arguments: {} }]);
    assert.deepEqual(
      reading.problems.map((problem) => problem.summary),
      [
        `${FILE}, line 5: the saved call "no tool" names no "tool", so MCP Scope left it out.`,
        `${FILE}, line 6: the saved call is not an object, so MCP Scope left it out.`,
        `${FILE}, line 7: the saved call has the name of the saved call on line 4, so MCP Scope left it out.`,
      ],
    );
    const next = written(withSavedCall(text, echo, FILE));
    assert.match(next, /\t\/\/ Calls the team runs after every deploy\./);
    assert.match(next, /\{ "name": "no tool", "server": "everything" \}/);
    assert.match(next, /"just text"/);
    assert.match(next, /\n\t\t\{\n\t\t\t"name": "echo <b>\\"hi\\"<\/b>"/, 'the new entry is indented with tabs like the rest');
    assert.deepEqual(readSavedCalls(next, FILE).calls, [sum, { name: 'bare', serverId: 'dev', tool: 'ping', arguments: {} }, echo]);
    // Deleting removes every entry of that name, the one left out too.
    const without = written(withoutSavedCall(next, sum.name, FILE));
    assert.doesNotMatch(without, /sum of two/);
    assert.match(without, /"just text"/);
  });

  test('a malformed file is named with its line and column, shows no calls, and is never written', () => {
    const broken = '{\n  "calls": [\n    { "name": "a", "server": "s", "tool": "t" }\n    { "name": "b" }\n  ]\n}\n';
    const reading = readSavedCalls(broken, FILE);
    assert.equal(reading.writable, false);
    assert.deepEqual(reading.calls, []);
    assert.equal(
      reading.problems[0].summary,
      `${FILE} cannot be read as JSON: CommaExpected at line 4, column 5, so MCP Scope shows none of its saved calls and does not write to it.`,
    );
    for (const refusal of [withSavedCall(broken, sum, FILE), withoutSavedCall(broken, 'a', FILE)]) {
      assert.equal(typeof refusal, 'object');
      assert.match((refusal as Problem).summary, new RegExp(`^MCP Scope did not change ${FILE.replace(/\./g, '\\.')}: .*line 4, column 5`));
      assert.match((refusal as Problem).advice ?? '', /nothing in it was changed/);
    }
    for (const [text, what] of [
      ['[1, 2]', 'is not a JSON object with a "calls" list'],
      ['{\n  "calls": { "name": "x" }\n}', 'has "calls" at line 2 that is not a list'],
    ]) {
      assert.equal(readSavedCalls(text, FILE).problems[0].summary, `${FILE} ${what}, so MCP Scope shows none of its saved calls and does not write to it.`);
      assert.equal(typeof withSavedCall(text, sum, FILE), 'object', `${text} is not overwritten`);
    }
  });

  test('a file without "calls" gets them, and Windows line ends stay', () => {
    const text = '{\r\n  "other": true\r\n}\r\n';
    const next = written(withSavedCall(text, sum, FILE));
    assert.match(next, /"other": true/);
    assert.doesNotMatch(next.replace(/\r\n/g, ''), /\n/, 'no bare LF is added');
    assert.deepEqual(readSavedCalls(next, FILE).calls, [sum]);
  });
});

describe('the saved calls of a workspace of several folders, and of older versions', () => {
  const api = `${FILE} of api`;
  const web = `${FILE} of web`;

  test('every folder\'s calls are listed, each owned by its file; a name one folder has already is left out of the next, named with both files', () => {
    const renamed = { ...echo, name: sum.name, serverId: 'web-server' };
    const broken = { summary: `${web}, line 3: the saved call has no "name", so MCP Scope left it out.` };
    const merged = mergeSavedCalls([
      { file: api, calls: [sum], problems: [] },
      { file: web, calls: [echo, renamed], problems: [broken] },
    ]);
    assert.deepEqual(merged.calls, [sum, echo]);
    assert.deepEqual([...merged.owners], [
      [sum.name, 0],
      [echo.name, 1],
    ]);
    assert.deepEqual(
      merged.problems.map((problem) => problem.summary),
      [broken.summary, `${web}: the saved call "sum of two" has the name of a saved call in ${api}, so MCP Scope left it out.`],
    );
    assert.match(merged.problems[1].advice ?? '', /Rename one of them/);
  });

  test('the saved calls older versions kept in workspace storage are read, the broken ones left out; storage without them gives none', () => {
    const stored = {
      past: [{ serverId: 'everything', tool: 'echo', arguments: {}, at: 1, durationMs: 2, outcome: 'succeeded' }],
      saved: [
        { name: sum.name, serverId: sum.serverId, tool: sum.tool, arguments: sum.arguments },
        { name: 'no tool', serverId: 'everything' },
        'not a call',
        { name: 'no arguments', serverId: 'dev', tool: 'ping' },
      ],
    };
    assert.deepEqual(storedSavedCalls(stored), [sum, { name: 'no arguments', serverId: 'dev', tool: 'ping', arguments: {} }]);
    for (const nothing of [undefined, null, 'text', { past: [] }, { saved: 'x' }]) assert.deepEqual(storedSavedCalls(nothing), []);
  });
});
