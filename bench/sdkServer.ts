// The benchmark's second server (`--server sdk`): the SDK's McpServer over its Streamable HTTP
// transport, stateful (a session per initialize), on 127.0.0.1, with the same tools as
// bench/leanServer.ts. Its own cost per progress notification is above the clients', so it shows
// what a client meets in practice rather than how fast the client is.
//   echo {text}        answers the text back: the round trip
//   progress {count}   sends `count` progress notifications on the call's stream, then answers
// Prints `listening <port>` on stdout once it accepts connections.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

function benchServer(): McpServer {
  const server = new McpServer({ name: 'mcp-scope-bench', version: '1.0.0' });
  server.registerTool('echo', { description: 'Answers the text back.', inputSchema: { text: z.string() } }, ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  server.registerTool(
    'progress',
    { description: 'Sends `count` progress notifications, then answers.', inputSchema: { count: z.number().int().positive() } },
    async ({ count }, extra) => {
      const progressToken = extra._meta?.progressToken;
      if (progressToken === undefined) return { content: [{ type: 'text', text: 'no progressToken: nothing sent' }], isError: true };
      for (let progress = 1; progress <= count; progress++) {
        await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total: count } });
      }
      return { content: [{ type: 'text', text: `sent ${count}` }] };
    },
  );
  return server;
}

const sessions = new Map<string, StreamableHTTPServerTransport>();

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const http = createServer((req, res) => {
  void (async () => {
    const body = req.method === 'POST' ? await readJson(req) : undefined;
    const id = req.headers['mcp-session-id'];
    let transport = typeof id === 'string' ? sessions.get(id) : undefined;
    if (!transport && req.method === 'POST' && isInitializeRequest(body)) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => void sessions.set(sessionId, created),
      });
      created.onclose = () => void (created.sessionId && sessions.delete(created.sessionId));
      await benchServer().connect(created);
      transport = created;
    }
    if (!transport) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32001, message: 'Session not found' } }));
      return;
    }
    await transport.handleRequest(req, res, body);
  })().catch((error: unknown) => {
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
