// `mcp-scope conformance <url>`: MCP Scope's client as the client under test for
// @modelcontextprotocol/conformance. The runner starts a scenario's server, runs this command with
// the server's URL as its last argument and the scenario's name in MCP_CONFORMANCE_SCENARIO, and
// judges what the server saw. Each scenario here does what that scenario's server expects of a client.

import { McpClient } from '../mcp/client';
import { McpScopeError, problemOf } from '../mcp/problems';
import { HumanReporter } from './humanOutput';
import type { Reporter } from './reporter';
import { EXIT, transportFor } from './session';

type Scenario = (client: McpClient) => Promise<void>;

const SCENARIOS: Record<string, Scenario> = {
  /** The handshake is the test; listing the tools shows the session is usable after it. */
  initialize: async (client) => {
    await client.listTools();
  },
  /** The server offers `add_numbers(a, b)` and checks it was called with numbers. */
  tools_call: async (client) => {
    const tools = await client.listTools();
    if (!tools.some((tool) => tool.name === 'add_numbers')) {
      throw new McpScopeError({ summary: `The tools_call server lists no add_numbers tool (it lists: ${tools.map((t) => t.name).join(', ')}).` });
    }
    const result = await client.callTool('add_numbers', { a: 2, b: 3 });
    if (result.isError) throw new McpScopeError({ summary: `add_numbers reported an error: ${JSON.stringify(result.content)}` });
  },
};

/** Runs the scenario named in MCP_CONFORMANCE_SCENARIO against `url`; diagnostics go to stderr. */
export async function runConformance(url: string, clientInfo: { name: string; version: string }): Promise<number> {
  const name = process.env.MCP_CONFORMANCE_SCENARIO;
  const scenario = name !== undefined ? SCENARIOS[name] : undefined;
  if (scenario === undefined) {
    process.stderr.write(
      `mcp-scope conformance: ${name === undefined ? 'MCP_CONFORMANCE_SCENARIO is not set' : `no adapter for the scenario "${name}"`}; ` +
        `this build runs ${Object.keys(SCENARIOS).join(', ')}. The conformance runner sets the variable itself.\n`,
    );
    return EXIT.failed;
  }
  const reporter: Reporter = new HumanReporter(process.stderr, process.stderr);
  const client = new McpClient(transportFor({ transport: 'http', url }), {
    clientInfo,
    requestTimeoutMs: 10_000,
    onEvent: (event) => reporter.event(event),
  });
  try {
    const server = await client.connect();
    reporter.connected(server, client.sessionId);
    await scenario(client);
    process.stderr.write(`scenario ${name} done\n`);
    return EXIT.ok;
  } catch (error) {
    reporter.failed(problemOf(error), EXIT.failed);
    return EXIT.failed;
  } finally {
    await client.close();
  }
}
