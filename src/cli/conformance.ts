// `mcp-scope conformance <url>`: MCP Scope's client as the client under test for
// @modelcontextprotocol/conformance. The runner starts a scenario's server, runs this command with
// the server's URL as its last argument and the scenario's name in MCP_CONFORMANCE_SCENARIO, and
// judges what the server saw. Each scenario here does what that scenario's server expects of a client.

import type { McpClient, McpClientOptions } from '../mcp/client';
import { connect } from '../mcp/connect';
import { McpScopeError, problemOf } from '../mcp/problems';
import { elicitationWithDefaults } from './elicitationDefaults';
import { HumanReporter } from './humanOutput';
import type { Reporter } from './reporter';
import { EXIT } from './session';

interface Scenario {
  /** What the client declares and answers, given a way to say what it did. */
  client?: (report: (text: string) => void) => Pick<McpClientOptions, 'capabilities' | 'serverRequestHandlers'>;
  run(client: McpClient): Promise<void>;
}

const SCENARIOS: Record<string, Scenario> = {
  /** The handshake is the test; listing the tools shows the session is usable after it. */
  initialize: {
    run: async (client) => {
      await client.listTools();
    },
  },
  /** The server offers `add_numbers(a, b)` and checks it was called with numbers. */
  tools_call: {
    run: (client) => callListedTool(client, 'add_numbers', { a: 2, b: 3 }),
  },
  /**
   * The server's tool asks the client for a form whose every field has a default, and checks that
   * the accepted content carries each default.
   */
  'elicitation-sep1034-client-defaults': {
    client: (report) => ({
      capabilities: { elicitation: {} },
      serverRequestHandlers: { 'elicitation/create': elicitationWithDefaults(report) },
    }),
    run: (client) => callListedTool(client, 'test_client_elicitation_defaults', {}),
  },
  /**
   * The server closes the tool call's event stream after a priming event with `retry`, and answers
   * on the GET that resumes it; it checks the wait and the Last-Event-ID.
   */
  'sse-retry': {
    run: (client) => callListedTool(client, 'test_reconnection', {}),
  },
};

/** Calls a tool the server must list; a tool that is missing or reports an error fails the scenario. */
async function callListedTool(client: McpClient, name: string, args: Record<string, unknown>): Promise<void> {
  const tools = await client.listTools();
  if (!tools.some((tool) => tool.name === name)) {
    throw new McpScopeError({ summary: `The scenario's server lists no ${name} tool (it lists: ${tools.map((t) => t.name).join(', ')}).` });
  }
  const result = await client.callTool(name, args);
  if (result.isError) throw new McpScopeError({ summary: `${name} reported an error: ${JSON.stringify(result.content)}` });
  process.stderr.write(`${name} answered: ${JSON.stringify(result.content)}\n`);
}

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
  let client: McpClient | undefined;
  try {
    const connection = await connect(
      { transport: 'http', url },
      {
        clientInfo,
        requestTimeoutMs: 10_000,
        onEvent: (event) => reporter.event(event),
        onFallback: (notice) => reporter.fallback(notice),
        ...scenario.client?.((text) => process.stderr.write(`${text}\n`)),
      },
    );
    client = connection.client;
    reporter.connected(connection.initialized, client.sessionId, connection.transport);
    await scenario.run(client);
    process.stderr.write(`scenario ${name} done\n`);
    return EXIT.ok;
  } catch (error) {
    reporter.failed(problemOf(error), EXIT.failed);
    return EXIT.failed;
  } finally {
    await client?.close();
  }
}
