// An MCP tool server the way the TypeScript SDK's documentation sets one up for stateless Streamable HTTP:
// Express, a bearer-token check with jose against the issuer's JWKS (key set fetched once and cached by jose),
// and a new McpServer plus transport for every request. The comparison point of bench/tool-server-jwt.sh.
//
//   node server.mjs PORT ISSUER AUDIENCE
import express from 'express';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

const [port, issuer, audience] = process.argv.slice(2);
const keys = createRemoteJWKSet(new URL(`${issuer}/jwks`));

function buildServer() {
  const server = new McpServer({ name: 'ts-baseline', version: '1.0.0' });
  server.registerTool('test_simple_text', { description: 'Answers with a fixed text.' }, async () => ({
    content: [{ type: 'text', text: 'This is a simple text response for testing.' }],
  }));
  return server;
}

async function requireToken(req, res, next) {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Bearer ')) {
    res.status(401).set('WWW-Authenticate', 'Bearer').end();
    return;
  }
  try {
    req.auth = (await jwtVerify(header.slice(7), keys, { issuer, audience })).payload;
    next();
  } catch {
    res.status(401).set('WWW-Authenticate', 'Bearer error="invalid_token"').end();
  }
}

const app = express();
app.use(express.json());
app.post('/mcp', requireToken, async (req, res) => {
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    transport.close();
    server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(Number(port), '127.0.0.1');
