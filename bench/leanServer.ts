// A lean Streamable HTTP MCP server on bare node:http, for the client benchmark: it does as little
// as a correct server can, so that what the bench measures is the clients and not the server.
// Stateful (2025 era): a session per `initialize`, its id required on every later request (400
// without it, 404 once unknown); POSTed requests answered with JSON, except a call to `progress`,
// answered with an SSE stream; notifications and responses acknowledged with 202; no GET stream
// (405); DELETE ends the session.
//   echo {text}        answers the text back: the round trip
//   progress {count}   sends `count` progress notifications on the call's stream, then answers
// Prints `listening <port>` on stdout once it accepts connections.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const PROTOCOL_VERSIONS = ['2025-11-25', '2025-06-18', '2025-03-26'];

const TOOLS = [
  {
    name: 'echo',
    description: 'Answers the text back.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
  {
    name: 'progress',
    description: 'Sends `count` progress notifications, then answers.',
    inputSchema: { type: 'object', properties: { count: { type: 'integer', minimum: 1 } }, required: ['count'] },
  },
];

interface Message {
  jsonrpc?: unknown;
  id?: string | number;
  method?: unknown;
  params?: { name?: unknown; arguments?: Record<string, unknown>; protocolVersion?: unknown; _meta?: { progressToken?: string | number } };
}

type Answer = { result: Record<string, unknown> } | { error: { code: number; message: string } };

const sessions = new Set<string>();

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { jsonrpc: '2.0', id: null, error: { code: -32000, message } });
}

function toolCall(params: Message['params']): Answer {
  const args = params?.arguments ?? {};
  if (params?.name === 'echo' && typeof args.text === 'string') return { result: { content: [{ type: 'text', text: args.text }] } };
  return { error: { code: -32602, message: `unknown tool or bad arguments: ${JSON.stringify(params?.name)}` } };
}

function answer(message: Message): Answer {
  switch (message.method) {
    case 'ping':
      return { result: {} };
    case 'tools/list':
      return { result: { tools: TOOLS } };
    case 'tools/call':
      return toolCall(message.params);
    default:
      return { error: { code: -32601, message: `method not found: ${String(message.method)}` } };
  }
}

/** Answers a `progress` call with an SSE stream: `count` progress notifications, then the result; waits whenever the socket is full. */
async function streamProgress(res: ServerResponse, id: string | number, count: number, progressToken: string | number | undefined): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const event = (message: object) => `event: message\ndata: ${JSON.stringify(message)}\n\n`;
  if (progressToken !== undefined) {
    for (let progress = 1; progress <= count; progress++) {
      const more = res.write(event({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken, progress, total: count } }));
      if (!more) await new Promise((resolve) => res.once('drain', resolve));
    }
  }
  const text = progressToken === undefined ? 'no progressToken: nothing sent' : `sent ${count}`;
  res.end(event({ jsonrpc: '2.0', id, result: { content: [{ type: 'text', text }], ...(progressToken === undefined && { isError: true }) } }));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  req.setEncoding('utf8');
  for await (const chunk of req) body += chunk;
  return body;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const sessionId = req.headers['mcp-session-id'];
  if (req.method === 'GET') {
    res.writeHead(405, { allow: 'POST, DELETE' }).end();
    return;
  }
  if (req.method === 'DELETE') {
    if (typeof sessionId === 'string' && sessions.delete(sessionId)) res.writeHead(200).end();
    else refuse(res, 404, 'Session not found');
    return;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'GET, POST, DELETE' }).end();
    return;
  }
  let message: Message;
  try {
    message = JSON.parse(await readBody(req)) as Message;
  } catch {
    sendJson(res, 400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    return;
  }
  if (message.method === 'initialize' && message.id !== undefined) {
    const created = randomUUID();
    sessions.add(created);
    const asked = message.params?.protocolVersion;
    const protocolVersion = typeof asked === 'string' && PROTOCOL_VERSIONS.includes(asked) ? asked : PROTOCOL_VERSIONS[0];
    const result = { protocolVersion, capabilities: { tools: {} }, serverInfo: { name: 'mcp-scope-bench-lean', version: '1.0.0' } };
    sendJson(res, 200, { jsonrpc: '2.0', id: message.id, result }, { 'mcp-session-id': created });
    return;
  }
  if (typeof sessionId !== 'string') {
    refuse(res, 400, 'Bad Request: no Mcp-Session-Id header; send initialize first');
    return;
  }
  if (!sessions.has(sessionId)) {
    refuse(res, 404, 'Session not found');
    return;
  }
  // A notification or a response: accepted, nothing to answer.
  if (message.id === undefined || message.method === undefined) {
    res.writeHead(202).end();
    return;
  }
  const args = message.params?.arguments;
  if (message.method === 'tools/call' && message.params?.name === 'progress' && typeof args?.count === 'number') {
    await streamProgress(res, message.id, args.count, message.params._meta?.progressToken);
    return;
  }
  sendJson(res, 200, { jsonrpc: '2.0', id: message.id, ...answer(message) });
}

const http = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  });
});

// Sessions sit idle while the other clients take their turn: keep their sockets open meanwhile, or
// a client may reuse one just as the server closes it (Node's default is 5 s).
http.keepAliveTimeout = 10 * 60_000;

http.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${(http.address() as AddressInfo).port}\n`);
});
