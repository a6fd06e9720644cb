// Secrets stay out of settings and of the log: which values are set apart, and how they are shown.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseCommandLine } from '../../src/vscode/commandLine';
import { isSecretName, redactHeaders, redactUrls } from '../../src/vscode/redaction';
import { parseSettingsServers, resolveDefinition, separateSecrets } from '../../src/vscode/serverEntries';

describe('secrets', () => {
  test('secret headers and env values are set apart and written as ${secret}; a later read asks for them by the same id', () => {
    const { entry, secrets } = separateSecrets(
      { name: 'api', type: 'http', url: 'http://h/mcp', headers: { Authorization: 'Bearer abc', 'X-Trace': 'on', Cookie: 'sid=1', 'X-Api-Key': '${input:k}' } },
      isSecretName,
    );
    assert.deepEqual(entry.headers, { Authorization: '${secret}', 'X-Trace': 'on', Cookie: '${secret}', 'X-Api-Key': '${input:k}' });
    assert.deepEqual([...secrets], [['secret-header.authorization', 'Bearer abc'], ['secret-header.cookie', 'sid=1']]);

    const [definition] = parseSettingsServers([entry], { label: 'user settings', fromWorkspace: false, location: { settings: 'user' } }).definitions;
    const resolved = resolveDefinition(definition, { env: {}, inputs: new Map([...secrets, ['k', 'key']]) }, () => '');
    assert.deepEqual((resolved as { headers: object }).headers, { Authorization: 'Bearer abc', 'X-Trace': 'on', Cookie: 'sid=1', 'X-Api-Key': 'key' });

    const stdio = separateSecrets({ name: 'gh', type: 'stdio', command: 'srv', env: { GITHUB_TOKEN: 'ghp_x', DEBUG: '1' } }, isSecretName);
    assert.deepEqual(stdio.entry.env, { GITHUB_TOKEN: '${secret}', DEBUG: '1' });
    assert.deepEqual([...stdio.secrets], [['secret-env.GITHUB_TOKEN', 'ghp_x']]);
  });

  test('the log shows secret headers redacted, keeping the scheme, and URLs without passwords or secret query values', () => {
    assert.deepEqual(redactHeaders({ Authorization: 'Bearer abc.def', 'X-Api-Key': 'k', Accept: 'application/json' }), {
      Authorization: 'Bearer ••••',
      'X-Api-Key': '••••',
      Accept: 'application/json',
    });
    assert.equal(
      redactUrls('connecting to https://user:pw@h.test/mcp?api_key=123&x=1 and http://127.0.0.1:3000/mcp'),
      'connecting to https://user:redacted@h.test/mcp?api_key=redacted&x=1 and http://127.0.0.1:3000/mcp',
    );
  });
});

describe('command lines typed into Add Server', () => {
  test('spaces separate, quotes group, backslashes escape', () => {
    assert.deepEqual(parseCommandLine(`node "my server/index.js" --name 'a b' x\\ y`), ['node', 'my server/index.js', '--name', 'a b', 'x y']);
    assert.deepEqual(parseCommandLine('  uvx   mcp-server-git  '), ['uvx', 'mcp-server-git']);
    assert.deepEqual(parseCommandLine('run ""'), ['run', '']);
  });
});
