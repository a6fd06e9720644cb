// The server the debugging checks run under js-debug, from a launch configuration: plain
// JavaScript, not bundled, so a breakpoint is set on a line of this very file. A Streamable HTTP
// MCP server answering with JSON on 127.0.0.1:<argv[2]>; its tools are `echo` and the names listed
// in the JSON file argv[3] when it exists, read at start, so that a restart can change them.

import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [port, extraToolsFile] = process.argv.slice(2);
const extraTools = extraToolsFile && existsSync(extraToolsFile) ? JSON.parse(readFileSync(extraToolsFile, 'utf8')) : [];
const tools = ['echo', ...extraTools].map((name) => ({ name, description: `The ${name} tool`, inputSchema: { type: 'object', properties: { text: { type: 'string' } } } }));

function callTool(name, args) {
  const text = `${name}: ${String(args.text ?? '')}`;
  return { content: [{ type: 'text', text }] }; // the debugging checks break here
}

function resultOf(message) {
  switch (message.method) {
    case 'initialize':
      return { protocolVersion: message.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'debugged-server', version: '1.0.0' } };
    case 'ping':
      return {};
    case 'tools/list':
      return { tools };
    case 'tools/call':
      return callTool(message.params.name, message.params.arguments ?? {});
    default:
      return undefined;
  }
}

createServer((req, res) => {
  if (req.method !== 'POST') return void res.writeHead(req.method === 'DELETE' ? 200 : 405).end();
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const message = JSON.parse(body);
    if (message.id === undefined) return void res.writeHead(202).end();
    const result = resultOf(message);
    const answer = result ? { jsonrpc: '2.0', id: message.id, result } : { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: `no ${message.method} here` } };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
}).listen(Number(port), '127.0.0.1');
