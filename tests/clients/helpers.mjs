// Shared by the Node tests: where the fixture server is, and a connected TypeScript SDK client.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** The MCP endpoint of the fixture server that test.sh started (MCP_SERVER_URL). */
export function serverUrl() {
  return urlFromEnv('MCP_SERVER_URL', 'the fixture server');
}

/** An MCP endpoint that test.sh started and named in the environment variable `name`. */
export function urlFromEnv(name, what) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through test.sh, or start ${what} and set it`);
  }
  return new URL(value);
}

/**
 * A TypeScript SDK client (2025 generation: initialize handshake, stateful session) connected to the
 * fixture server, or to `url`. `capabilities` are the client capabilities it announces.
 */
export async function connectClient({ capabilities = {}, name = 'enterprise-mcp-node-tests', url = serverUrl() } = {}) {
  const client = new Client({ name, version: '1.0.0' }, { capabilities });
  const transport = new StreamableHTTPClientTransport(url);
  await client.connect(transport);
  return { client, transport };
}

/** Every tool of the server, following nextCursor. */
export async function listAllTools(client) {
  const tools = [];
  let cursor;
  do {
    const page = await client.listTools(cursor ? { cursor } : {});
    tools.push(...page.tools);
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}
