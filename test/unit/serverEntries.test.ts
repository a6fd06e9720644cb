// Server entries from settings, .vscode/mcp.json and other clients' files: what is accepted, what
// each variable becomes, and the problems a user sees for bad entries.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  mergeSources,
  parseImportedServers,
  parseMcpJson,
  parseSettingsServers,
  resolveDefinition,
  serversInSettingsFile,
  type ServerDefinition,
  type ServerOrigin,
  stringsOf,
} from '../../src/vscode/serverEntries';
import { inputsReferenced, parseEnvFile } from '../../src/vscode/variables';

const FILE = '/work/api/.vscode/mcp.json';
const folderOrigin: ServerOrigin = { label: '.vscode/mcp.json of api', fromWorkspace: true, location: { file: FILE }, workspaceFolder: '/work/api' };
const userOrigin: ServerOrigin = { label: 'user settings', fromWorkspace: false, location: { settings: 'user' } };
const noFiles = (path: string): string => {
  throw Object.assign(new Error(`ENOENT ${path}`), { code: 'ENOENT' });
};
const values = (inputs: Record<string, string> = {}) => ({
  workspaceFolder: '/work/api',
  userHome: '/home/me',
  env: { TOKEN: 'from-env', PORT: '4000' },
  inputs: new Map(Object.entries(inputs)),
});

function only(definitions: ServerDefinition[]): ServerDefinition {
  assert.equal(definitions.length, 1, `expected one server, got ${definitions.map((d) => d.name).join(', ')}`);
  return definitions[0];
}

describe('.vscode/mcp.json', () => {
  test('reads http, sse and stdio servers with comments and trailing commas, as VS Code writes them', () => {
    const text = `{
      // the server under development
      "servers": {
        "api": { "type": "http", "url": "http://127.0.0.1:\${env:PORT}/mcp", "headers": { "Authorization": "Bearer \${input:token}" } },
        "legacy": { "type": "sse", "url": "http://127.0.0.1:5000/sse" },
        "local": { "type": "stdio", "command": "node", "args": ["\${workspaceFolder}/server.js", 3], "env": { "DEBUG": "1", "GONE": null } },
      },
      "inputs": [{ "type": "promptString", "id": "token", "description": "API token", "password": true }],
    }`;
    const parsed = parseMcpJson(text, FILE, folderOrigin);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.inputs, [{ id: 'token', type: 'promptString', description: 'API token', password: true }]);
    assert.deepEqual(
      parsed.definitions.map((d) => [d.name, d.endpoint.transport]),
      [['api', 'http'], ['legacy', 'sse'], ['local', 'stdio']],
    );
    const [api, , local] = parsed.definitions;
    assert.deepEqual(inputsReferenced(stringsOf(api)), ['token']);
    assert.deepEqual(resolveDefinition(api, values({ token: 's3cret' }), noFiles), {
      name: 'api',
      origin: '.vscode/mcp.json of api',
      transport: 'http',
      url: 'http://127.0.0.1:4000/mcp',
      headers: { Authorization: 'Bearer s3cret' },
    });
    assert.deepEqual(resolveDefinition(local, values(), noFiles), {
      name: 'local',
      origin: '.vscode/mcp.json of api',
      transport: 'stdio',
      command: 'node',
      args: ['/work/api/server.js', '3'],
      env: { DEBUG: '1' },
      cwd: '/work/api',
    });
  });

  test('infers the transport from url or command when "type" is absent', () => {
    const parsed = parseMcpJson('{"servers":{"a":{"url":"http://h/mcp"},"b":{"command":"uvx","args":["srv"]}}}', FILE, folderOrigin);
    assert.deepEqual(parsed.definitions.map((d) => d.endpoint.transport), ['http', 'stdio']);
  });

  test('an empty file has no servers and no problem', () => {
    assert.deepEqual(parseMcpJson('', FILE, folderOrigin), { definitions: [], inputs: [], problems: [] });
  });

  test('broken JSON is one problem naming the file, the line and the column', () => {
    const parsed = parseMcpJson('{\n  "servers": {\n    "a": { "url": "http://h" \n  }\n', FILE, folderOrigin);
    assert.equal(parsed.definitions.length, 0);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0].summary, /^\/work\/api\/\.vscode\/mcp\.json cannot be read as JSON: \w+ at line \d+, column \d+/);
  });

  test('each bad entry is left out with a problem naming the file and the entry; the good ones stay', () => {
    const text = JSON.stringify({
      servers: {
        good: { type: 'http', url: 'http://127.0.0.1/mcp' },
        noUrl: { type: 'http' },
        badType: { type: 'websocket', url: 'ws://x' },
        neither: {},
        badArgs: { command: 'node', args: 'server.js' },
        unknownInput: { url: 'http://h/mcp', headers: { 'X-Key': '${input:missing}' } },
      },
      inputs: [{ type: 'promptString' }],
    });
    const parsed = parseMcpJson(text, FILE, folderOrigin);
    assert.deepEqual(parsed.definitions.map((d) => d.name), ['good']);
    const summaries = parsed.problems.map((p) => p.summary);
    assert.deepEqual(summaries, [
      `${FILE}: inputs[0] id: needs an "id", so it was left out.`,
      `${FILE}: server "noUrl" is an http server and needs a "url", so it was left out.`,
      `${FILE}: server "badType" has type "websocket"; use "http", "sse" or "stdio", so it was left out.`,
      `${FILE}: server "neither" needs a "url" (for an http or sse server) or a "command" (for a stdio server), so it was left out.`,
      `${FILE}: server "badArgs" args: args must be a list of strings, so it was left out.`,
      `${FILE}: server "unknownInput" uses \${input:missing}, which "inputs" does not declare, so it was left out.`,
    ]);
  });

  test('"servers" that is not an object is a problem, not a crash', () => {
    const parsed = parseMcpJson('{"servers": []}', FILE, folderOrigin);
    assert.deepEqual(parsed.problems.map((p) => p.summary), [`${FILE} "servers" is not an object of named servers, so MCP Scope took no servers from it.`]);
  });
});

describe('variables', () => {
  const definition = (endpoint: object, extra: Partial<ServerDefinition> = {}): ServerDefinition =>
    only(parseMcpJson(JSON.stringify({ servers: { s: { ...endpoint, ...extra } }, inputs: [{ type: 'promptString', id: 'k' }] }), FILE, folderOrigin).definitions);

  test('an input without a value, an unknown variable, and a url that is not http are problems naming the server', () => {
    const withInput = definition({ url: 'http://h/mcp', headers: { A: '${input:k}' } });
    const unknown = definition({ url: 'http://h/${config:x}' });
    const notHttp = definition({ url: '${env:PORT}' });
    assert.equal(
      (resolveDefinition(withInput, values(), noFiles) as { summary: string }).summary,
      'Server "s" (.vscode/mcp.json of api) cannot be used: ${input:k} has no value: no input with the id "k" was given a value, so it was left out.',
    );
    assert.match((resolveDefinition(unknown, values(), noFiles) as { summary: string }).summary, /\$\{config:x\} has no value: MCP Scope knows/);
    assert.match((resolveDefinition(notHttp, values(), noFiles) as { summary: string }).summary, /its url "4000" does not start with http/);
  });

  test('${workspaceFolder} without a folder is a problem; a missing ${env:X} becomes empty, as in VS Code', () => {
    const stdio = definition({ command: '${workspaceFolder}/run', env: { A: 'x${env:NOPE}y' } });
    const resolved = resolveDefinition(stdio, values(), noFiles) as { env: Record<string, string> };
    assert.deepEqual(resolved.env, { A: 'xy' });
    const noFolder = resolveDefinition(stdio, { env: {}, inputs: new Map() }, noFiles) as { summary: string };
    assert.match(noFolder.summary, /\$\{workspaceFolder\} has no value: no workspace folder is open/);
  });

  test('envFile is read relative to the working directory; env wins over it; a missing file is a problem', () => {
    const stdio = definition({ command: 'node', env: { B: 'entry' } }, { envFile: '${workspaceFolder}/.env' } as never);
    const files: Record<string, string> = { '/work/api/.env': '# keys\nexport A=1\nB="two"\nC=\'3 # not a comment\'\nD=4 # a comment\n' };
    const read = (path: string) => files[path] ?? noFiles(path);
    assert.deepEqual((resolveDefinition(stdio, values(), read) as { env: object }).env, { A: '1', B: 'entry', C: '3 # not a comment', D: '4' });
    const relative = definition({ command: 'node', cwd: '/srv' }, { envFile: 'missing.env' } as never);
    assert.match((resolveDefinition(relative, values(), read) as { summary: string }).summary, /its envFile \/srv\/missing\.env cannot be read \(ENOENT\)/);
  });

  test('an env file line that is not NAME=value is named', () => {
    assert.throws(() => parseEnvFile('A=1\nnot a line\n'), /line 2 is not NAME=value: "not a line"/);
  });
});

describe('mcpScope.servers', () => {
  test('entries of every transport, with a pinned protocol version and a timeout', () => {
    const parsed = parseSettingsServers(
      [
        { name: 'api', url: 'http://127.0.0.1:3000/mcp', protocolVersion: '2025-06-18', timeoutSeconds: 5 },
        { name: 'old', type: 'sse', url: 'http://127.0.0.1:3001/sse' },
        { name: 'local', type: 'stdio', command: 'node', args: ['s.js'] },
      ],
      userOrigin,
    );
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(resolveDefinition(parsed.definitions[0], values(), noFiles), {
      name: 'api',
      origin: 'user settings',
      protocolVersion: '2025-06-18',
      requestTimeoutMs: 5000,
      transport: 'http',
      url: 'http://127.0.0.1:3000/mcp',
    });
    assert.deepEqual(parsed.definitions.map((d) => d.endpoint.transport), ['http', 'sse', 'stdio']);
  });

  test('a header value with ${secret} becomes a password input kept per server', () => {
    const [api] = parseSettingsServers([{ name: 'api', url: 'http://h/mcp', headers: { Authorization: 'Bearer ${secret}' } }], userOrigin).definitions;
    assert.deepEqual(api.inputs, [{ id: 'secret-header.authorization', type: 'promptString', description: 'The Authorization header for api', password: true }]);
    assert.equal(api.inputScope, 'settings/api');
    const resolved = resolveDefinition(api, values({ 'secret-header.authorization': 'tok' }), noFiles) as { headers: object };
    assert.deepEqual(resolved.headers, { Authorization: 'Bearer tok' });
  });

  test('entries without a name, with a bad pin or timeout, and a value that is not a list are problems naming the entry', () => {
    const parsed = parseSettingsServers(
      [{ url: 'http://h/mcp' }, { name: 'a', url: 'http://h/mcp', protocolVersion: 'latest', timeoutSeconds: 0 }, 'x'],
      userOrigin,
    );
    assert.deepEqual(parsed.problems.map((p) => p.summary), [
      'mcpScope.servers[0] in user settings needs a "name", so it was left out.',
      'Server "a" (mcpScope.servers[1] in user settings) protocolVersion: protocolVersion must be a date like 2025-06-18; timeoutSeconds: timeoutSeconds must be above 0, so it was left out.',
      'mcpScope.servers[2] in user settings needs a "name", so it was left out.',
    ]);
    assert.match(parseSettingsServers({}, userOrigin).problems[0].summary, /mcpScope\.servers in user settings is not a list of servers/);
  });

  test('a name used twice keeps the first and names both places', () => {
    const user = parseSettingsServers([{ name: 'api', url: 'http://a/mcp' }], userOrigin);
    const file = parseMcpJson('{"servers":{"api":{"url":"http://b/mcp"},"other":{"url":"http://c/mcp"}}}', FILE, folderOrigin);
    const merged = mergeSources([user, file]);
    assert.deepEqual(merged.definitions.map((d) => [d.name, d.origin.label]), [['api', 'user settings'], ['other', '.vscode/mcp.json of api']]);
    assert.deepEqual(merged.problems.map((p) => p.summary), [
      'Server "api" in .vscode/mcp.json of api has the name of a server in user settings, so it was left out.',
    ]);
  });
});

describe('importing other clients’ config files', () => {
  test('Claude Desktop: stdio servers under mcpServers', () => {
    const text = JSON.stringify({
      mcpServers: {
        filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] },
        github: { command: 'docker', args: ['run', '-i', 'ghcr.io/github/github-mcp-server'], env: { GITHUB_TOKEN: 'x' } },
      },
      globalShortcut: 'Ctrl+Space',
    });
    const { entries, problems } = parseImportedServers(text, '/home/me/claude_desktop_config.json');
    assert.deepEqual(problems, []);
    assert.deepEqual(entries, [
      { name: 'filesystem', type: 'stdio', command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'] },
      { name: 'github', type: 'stdio', command: 'docker', args: ['run', '-i', 'ghcr.io/github/github-mcp-server'], env: { GITHUB_TOKEN: 'x' } },
    ]);
  });

  test('Cursor: remote servers with url and headers next to stdio ones; bad entries are named', () => {
    const text = `{
      "mcpServers": {
        "remote": { "url": "https://example.test/mcp", "headers": { "Authorization": "Bearer abc" } },
        "sse": { "type": "sse", "url": "http://127.0.0.1:8000/sse" },
        "broken": { "args": ["x"] }
      }
    }`;
    const { entries, problems } = parseImportedServers(text, '/home/me/.cursor/mcp.json');
    assert.deepEqual(entries, [
      { name: 'remote', type: 'http', url: 'https://example.test/mcp', headers: { Authorization: 'Bearer abc' } },
      { name: 'sse', type: 'sse', url: 'http://127.0.0.1:8000/sse' },
    ]);
    assert.deepEqual(problems.map((p) => p.summary), [
      '/home/me/.cursor/mcp.json: server "broken" needs a "url" (for an http or sse server) or a "command" (for a stdio server), so it was left out.',
    ]);
  });

  test('a file without servers says which keys it looked for', () => {
    const { entries, problems } = parseImportedServers('{"theme":"dark"}', '/tmp/settings.json');
    assert.equal(entries.length, 0);
    assert.equal(problems[0].summary, '/tmp/settings.json has no "mcpServers" (Claude Desktop, Cursor) or "servers" (VS Code) object, so MCP Scope took no servers from it.');
  });
});

describe('workspace settings read from their file (Restricted Mode hides them from the API)', () => {
  test('mcpScope.servers of .vscode/settings.json (with comments) and of a .code-workspace file; a broken file names itself', () => {
    const servers = [{ name: 'a', url: 'http://127.0.0.1:1/mcp' }];
    assert.deepEqual(serversInSettingsFile(`// mine\n{ "mcpScope.servers": ${JSON.stringify(servers)}, }`, '/w/.vscode/settings.json', false), { value: servers });
    assert.deepEqual(serversInSettingsFile(JSON.stringify({ folders: [], settings: { 'mcpScope.servers': servers } }), '/w/x.code-workspace', true), { value: servers });
    assert.deepEqual(serversInSettingsFile('{ "editor.tabSize": 2 }', '/w/.vscode/settings.json', false), { value: undefined });
    const broken = serversInSettingsFile('{ "mcpScope.servers": [', '/w/.vscode/settings.json', false);
    assert.match('summary' in broken ? broken.summary : '', /^\/w\/\.vscode\/settings\.json cannot be read as JSON: .* at line 1, column \d+/);
  });
});

describe('what starts a server (Start and Connect)', () => {
  test('an entry may name a launch configuration or a task, in settings and in mcp.json; both at once is a problem', () => {
    const origin: ServerOrigin = { label: 'user settings', fromWorkspace: false, location: { settings: 'user' } };
    const { definitions, problems } = parseSettingsServers(
      [
        { name: 'debugged', url: 'http://127.0.0.1:3000/mcp', launch: 'Debug server' },
        { name: 'both', url: 'http://127.0.0.1:3001/mcp', launch: 'Debug server', task: 'npm: dev' },
      ],
      origin,
    );
    assert.deepEqual(definitions[0].starter, { launch: 'Debug server' });
    assert.equal(problems[0].summary, 'Server "both" (mcpScope.servers[1] in user settings) names both a launch configuration and a task to start it; keep one, so it was left out.');
    const json = parseMcpJson(JSON.stringify({ servers: { dev: { type: 'http', url: 'http://127.0.0.1:3002/mcp', task: 'npm: dev' } } }), '/w/.vscode/mcp.json', {
      label: '.vscode/mcp.json of w',
      fromWorkspace: true,
      location: { file: '/w/.vscode/mcp.json' },
    });
    assert.deepEqual(json.definitions[0].starter, { task: 'npm: dev' });
  });
});
