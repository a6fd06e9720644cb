// How fast MCP Scope's client is (bare, and recording the wire as the inspector does), against
// two peers measured in the same run on the same server (its own process, on 127.0.0.1): the
// SDK's client, and a raw node:http keep-alive client speaking the same JSON-RPC by hand (the
// floor: no validation, no events). The server is
// bench/leanServer.ts, a bare node:http one whose own cost stays below the clients', or with
// `--server sdk` bench/sdkServer.ts, the SDK's McpServer (slower than the clients it serves, so
// it hides their differences in the progress test).
//   tools/call round trip       median of many sequential calls in one session
//   initialize + tools/list     median over fresh sessions
//   10,000 progress             time from sending the call until its 10,000th progress is delivered
// Peers take turns round by round, so a busy machine slows them alike. Goals: the round trip
// within 1.2x of raw node:http; 10,000 progress notifications in less than half the SDK's time.
// Run: npm run bench:client [-- --rounds 5] [-- --server lean|sdk]

import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpClient } from '../src/mcp/client';
import { StreamableHttpTransport } from '../src/mcp/transports/streamableHttp';
import { WireRecorder } from '../src/mcp/wire';

const PROGRESS_COUNT = 10_000;
const ROUNDS = Number(argument('--rounds')) || 5;
const SERVERS = {
  lean: { file: 'leanServer.ts', description: 'bench/leanServer.ts (bare node:http, stateful Streamable HTTP)' },
  sdk: { file: 'sdkServer.ts', description: 'bench/sdkServer.ts (SDK McpServer, stateful Streamable HTTP)' },
};
const SERVER_NAME = argument('--server') ?? 'lean';
const CALLS_PER_ROUND = 200;
const CALLS_PER_TURN = 20;
const SESSIONS_PER_ROUND = 10;
const WARM_UP_CALLS = 100;
const clientInfo = { name: 'mcp-scope-bench', version: '0.0.0' };

function argument(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  return at < 0 ? undefined : process.argv[at + 1];
}

/** One connected session of a benchmarked client. */
interface BenchSession {
  listTools(): Promise<unknown>;
  echo(text: string): Promise<unknown>;
  /** Calls `progress` and resolves once `count` notifications were delivered and the call answered. */
  progress(count: number, onProgress: () => void): Promise<unknown>;
  close(): Promise<void>;
}

interface Peer {
  name: string;
  /** Initializes a session (`initialize` and `notifications/initialized`). */
  open(url: string): Promise<BenchSession>;
}

const mcpScope: Peer = {
  name: 'MCP Scope',
  async open(url) {
    const client = new McpClient(new StreamableHttpTransport({ url }), { clientInfo });
    await client.connect();
    return {
      listTools: () => client.listTools(),
      echo: (text) => client.callTool('echo', { text }),
      progress: (count, onProgress) => client.callTool('progress', { count }, { onProgress }),
      close: () => client.close(),
    };
  },
};

/** MCP Scope as the inspector runs it: every exchange recorded, before parsing, to a listener that counts the records. */
const mcpScopeRecording: Peer = {
  name: 'MCP Scope + wire records',
  async open(url) {
    let records = 0;
    const recorder = new WireRecorder(() => void records++);
    const client = new McpClient(new StreamableHttpTransport({ url, recorder }), { clientInfo, onEvent: () => undefined });
    await client.connect();
    return {
      listTools: () => client.listTools(),
      echo: (text) => client.callTool('echo', { text }),
      progress: (count, onProgress) => client.callTool('progress', { count }, { onProgress }),
      close: async () => {
        await client.close();
        if (records === 0) throw new Error('the wire recorder recorded nothing');
      },
    };
  },
};

const sdk: Peer = {
  name: 'SDK 1.32.2',
  async open(url) {
    const client = new Client(clientInfo);
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    return {
      listTools: () => client.listTools(),
      echo: (text) => client.callTool({ name: 'echo', arguments: { text } }),
      progress: (count, onProgress) => client.callTool({ name: 'progress', arguments: { count } }, undefined, { onprogress: onProgress }),
      close: () => client.close(),
    };
  },
};

/** JSON-RPC over node:http by hand: a keep-alive agent, a session id, SSE split on blank lines. */
const rawHttp: Peer = {
  name: 'raw node:http',
  async open(url) {
    const agent = new Agent({ keepAlive: true });
    let sessionId: string | undefined;
    let nextId = 1;
    const post = (message: object, onMessage?: (message: { id?: number; method?: string; result?: unknown }) => boolean) =>
      new Promise<void>((resolve, reject) => {
        const headers: Record<string, string> = {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2025-11-25',
        };
        if (sessionId) headers['mcp-session-id'] = sessionId;
        const req = httpRequest(url, { method: 'POST', agent, headers }, (res) => {
          const id = res.headers['mcp-session-id'];
          if (typeof id === 'string') sessionId = id;
          if (!onMessage) {
            res.resume();
            res.on('end', resolve);
            return;
          }
          const sse = (res.headers['content-type'] ?? '').startsWith('text/event-stream');
          let buffer = '';
          let done = false;
          const handle = (text: string) => {
            if (!done && text !== '' && onMessage(JSON.parse(text))) {
              done = true;
              resolve();
            }
          };
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            if (!sse) return;
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              const data = buffer
                .slice(0, end)
                .split('\n')
                .filter((line) => line.startsWith('data:'))
                .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
                .join('\n');
              buffer = buffer.slice(end + 2);
              handle(data);
            }
          });
          res.on('end', () => {
            if (!sse) handle(buffer);
            if (!done) reject(new Error(`raw node:http: no answer to ${JSON.stringify(message).slice(0, 80)}`));
          });
        });
        req.on('error', reject);
        req.end(JSON.stringify(message));
      });
    const call = async (method: string, params: Record<string, unknown>, onProgress?: () => void) => {
      const id = nextId++;
      let result: unknown;
      const withToken = onProgress ? { ...params, _meta: { progressToken: id } } : params;
      await post({ jsonrpc: '2.0', id, method, params: withToken }, (message) => {
        if (message.id === id) {
          result = message.result;
          return true;
        }
        if (message.method === 'notifications/progress') onProgress?.();
        return false;
      });
      return result;
    };
    await call('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo });
    await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    return {
      listTools: () => call('tools/list', {}),
      echo: (text) => call('tools/call', { name: 'echo', arguments: { text } }),
      progress: (count, onProgress) => call('tools/call', { name: 'progress', arguments: { count } }, onProgress),
      async close() {
        await new Promise<void>((resolve) => {
          const headers: Record<string, string> = sessionId ? { 'mcp-session-id': sessionId } : {};
          httpRequest(url, { method: 'DELETE', agent, headers }, (res) => res.resume().on('end', resolve))
            .on('error', () => resolve())
            .end();
        });
        agent.destroy();
      },
    };
  },
};

const PEERS = [mcpScope, mcpScopeRecording, sdk, rawHttp];

/** Times `count` sequential calls into `into`, and the client process's CPU time per call into `cpu`. */
async function roundTrips(session: BenchSession, count: number, into: number[], cpu: number[] = []): Promise<void> {
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await session.echo(`call ${i}`);
    into.push(performance.now() - started);
  }
  const { user, system } = process.cpuUsage(cpuBefore);
  cpu.push((user + system) / 1000 / count);
}

async function initializeAndList(peer: Peer, url: string, into: number[]): Promise<void> {
  for (let i = 0; i < SESSIONS_PER_ROUND; i++) {
    const started = performance.now();
    const session = await peer.open(url);
    await session.listTools();
    into.push(performance.now() - started);
    await session.close();
  }
}

/** Times one call's 10,000 progress notifications into `into`, and the client's CPU time for them into `cpu`. */
async function progressDelivery(session: BenchSession, into: number[], cpu: number[]): Promise<void> {
  let delivered = 0;
  let allDeliveredAt = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await session.progress(PROGRESS_COUNT, () => {
    if (++delivered === PROGRESS_COUNT) allDeliveredAt = performance.now();
  });
  const { user, system } = process.cpuUsage(cpuBefore);
  if (delivered !== PROGRESS_COUNT) throw new Error(`only ${delivered} of ${PROGRESS_COUNT} progress notifications were delivered`);
  into.push(allDeliveredAt - started);
  cpu.push((user + system) / 1000);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function startServer(file: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before listening: ${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /listening (\d+)/.exec(output)?.[1];
      if (port) resolve({ url: `http://127.0.0.1:${port}/mcp`, child });
    });
  });
}

/** The load averages over 1, 5 and 15 minutes, against the number of cores. */
function machineLoad(): string {
  return `${loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;
}

async function main(): Promise<void> {
  if (!Object.hasOwn(SERVERS, SERVER_NAME)) throw new Error(`--server ${SERVER_NAME}: use one of ${Object.keys(SERVERS).join(', ')}`);
  const server = SERVERS[SERVER_NAME as keyof typeof SERVERS];
  const loadBefore = machineLoad();
  const { url, child } = await startServer(server.file);
  try {
    const samples = new Map(PEERS.map((peer) => [peer.name, { roundTrip: [] as number[], roundTripCpu: [] as number[], initList: [] as number[], progress: [] as number[], progressCpu: [] as number[] }]));
    const sessions = new Map<string, BenchSession>();
    for (const peer of PEERS) {
      const session = await peer.open(url);
      await roundTrips(session, WARM_UP_CALLS, []);
      sessions.set(peer.name, session);
    }
    for (let round = 0; round < ROUNDS; round++) {
      // A different peer goes first each round.
      const order = PEERS.map((_, i) => PEERS[(i + round) % PEERS.length]);
      // Round trips in short turns, so that a burst of load elsewhere on the machine falls on every peer.
      for (let turn = 0; turn < CALLS_PER_ROUND / CALLS_PER_TURN; turn++) {
        for (const peer of order) {
          const into = samples.get(peer.name)!;
          await roundTrips(sessions.get(peer.name)!, CALLS_PER_TURN, into.roundTrip, into.roundTripCpu);
        }
      }
      for (const peer of order) await initializeAndList(peer, url, samples.get(peer.name)!.initList);
      for (const peer of order) {
        const into = samples.get(peer.name)!;
        await progressDelivery(sessions.get(peer.name)!, into.progress, into.progressCpu);
      }
      process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
    }
    for (const session of sessions.values()) await session.close();

    const medians = new Map(
      [...samples].map(([name, s]) => [name, { roundTrip: median(s.roundTrip), roundTripCpu: median(s.roundTripCpu), initList: median(s.initList), progress: median(s.progress), progressCpu: median(s.progressCpu) }]),
    );
    const ms = (value: number) => `${value < 10 ? value.toFixed(3) : value.toFixed(1)} ms`;
    const rows = [
      ['median', ...PEERS.map((peer) => peer.name)],
      ['tools/call round trip', ...PEERS.map((peer) => ms(medians.get(peer.name)!.roundTrip))],
      // The client's own CPU time per call: steadier than wall time on a busy machine.
      ['  client CPU per call', ...PEERS.map((peer) => ms(medians.get(peer.name)!.roundTripCpu))],
      ['initialize + tools/list', ...PEERS.map((peer) => ms(medians.get(peer.name)!.initList))],
      [`${PROGRESS_COUNT.toLocaleString('en')} progress delivered`, ...PEERS.map((peer) => ms(medians.get(peer.name)!.progress))],
      ['  client CPU for them', ...PEERS.map((peer) => ms(medians.get(peer.name)!.progressCpu))],
    ];
    const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
    console.log(`Client benchmark: Node ${process.version}, loopback, server ${server.description}`);
    console.log(`Machine load (1, 5, 15 min): ${loadBefore} before, ${machineLoad()} after; a busy machine makes every number noisy`);
    console.log(
      `${ROUNDS} rounds: ${ROUNDS * CALLS_PER_ROUND} round trips, ${ROUNDS * SESSIONS_PER_ROUND} sessions, ${ROUNDS} progress calls per client\n`,
    );
    for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('   ').trimEnd());
    const raw = medians.get(rawHttp.name)!;
    const theSdk = medians.get(sdk.name)!;
    console.log('');
    for (const peer of [mcpScope, mcpScopeRecording]) {
      const ours = medians.get(peer.name)!;
      const roundTripRatio = ours.roundTrip / raw.roundTrip;
      const progressRatio = ours.progress / theSdk.progress;
      console.log(`${peer.name}:`);
      console.log(`  round trip / raw node:http:        ${roundTripRatio.toFixed(2)}x   goal <= 1.20x  ${roundTripRatio <= 1.2 ? 'met' : 'MISSED'}`);
      console.log(`  client CPU per call / raw:         ${(ours.roundTripCpu / raw.roundTripCpu).toFixed(2)}x`);
      console.log(`  10,000 progress / SDK:             ${progressRatio.toFixed(2)}x   goal <  0.50x  ${progressRatio < 0.5 ? 'met' : 'MISSED'}`);
      console.log(`  client CPU for the progress / SDK: ${(ours.progressCpu / theSdk.progressCpu).toFixed(2)}x`);
      console.log(`  initialize + tools/list / SDK:     ${(ours.initList / theSdk.initList).toFixed(2)}x   (no goal)`);
    }
  } finally {
    child.kill();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
