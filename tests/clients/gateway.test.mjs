// The TypeScript SDK's client against the MCP gateway (EnterpriseMcp.Gateway) that test.sh starts twice:
//   - MCP_GATEWAY_URL: in front of the Jira and Db tool servers, whose names it prefixes `jira__` and `db__`;
//   - MCP_CONFORMANCE_GATEWAY_URL: in front of the fixture server alone, unprefixed, to show that what a
//     backend sends mid-call (progress, a sampling request) travels through the gateway both ways.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateMessageRequestSchema, ElicitRequestSchema, ErrorCode, LoggingMessageNotificationSchema, McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { connectClient, listAllTools, urlFromEnv } from './helpers.mjs';

const text = (result) => result.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');

const JIRA_TOOLS = ['get_issue', 'search_issues', 'list_projects', 'create_issue', 'add_comment', 'transition_issue'];
const DB_TOOLS = ['list_tables', 'describe_table', 'query', 'explain'];

const gatewayUrl = () => urlFromEnv('MCP_GATEWAY_URL', 'the gateway in front of the Jira and Db tool servers');

describe('gateway in front of Jira and Db', () => {
  let client;
  let transport;
  before(async () => ({ client, transport } = await connectClient({ name: 'gateway-test', url: gatewayUrl() })));
  after(async () => client?.close());

  it('connects with a Streamable HTTP session', () => {
    assert.ok(transport.sessionId, 'the gateway should issue an Mcp-Session-Id');
    assert.match(transport.sessionId, /^[\x21-\x7E]+$/, 'a session id is visible ASCII');
    assert.ok(client.getServerCapabilities()?.tools, 'the gateway should announce tools');
    const name = client.getServerVersion()?.name;
    assert.ok(name, 'the gateway should name itself');
    assert.ok(!['enterprise-mcp-jira', 'enterprise-mcp-db'].includes(name), `MCP_GATEWAY_URL should be the gateway, not a tool server (${name})`);
  });

  it('lists the tools of both backends under their prefixes', async () => {
    const tools = await listAllTools(client);
    const names = tools.map((t) => t.name);
    for (const tool of tools) {
      assert.match(tool.name, /^[a-zA-Z0-9_-]{1,64}$/, `tool name ${tool.name} is not accepted by model APIs`);
      assert.equal(tool.inputSchema?.type, 'object', `${tool.name} has no object input schema`);
    }
    for (const name of JIRA_TOOLS) assert.ok(names.includes(`jira__${name}`), `jira__${name} missing from ${names.join(', ')}`);
    for (const name of DB_TOOLS) assert.ok(names.includes(`db__${name}`), `db__${name} missing from ${names.join(', ')}`);
    for (const name of [...JIRA_TOOLS, ...DB_TOOLS]) assert.ok(!names.includes(name), `${name} is listed unprefixed`);
    assert.ok(
      names.every((n) => n.startsWith('jira__') || n.startsWith('db__')),
      `a tool without a backend's prefix: ${names.join(', ')}`,
    );
    assert.equal(new Set(names).size, names.length, `duplicate names in ${names.join(', ')}`);
    // What a backend says about its tools passes through unchanged.
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    assert.equal(byName.jira__get_issue.annotations?.readOnlyHint, true, 'jira__get_issue keeps its read-only hint');
    assert.equal(byName.jira__create_issue.annotations?.readOnlyHint, false, 'jira__create_issue keeps its hint');
    assert.ok(byName.db__query.inputSchema.properties?.sql, 'db__query keeps its sql parameter');
  });

  it('routes jira__list_projects to the Jira server under its own name', async () => {
    const result = await client.callTool({ name: 'jira__list_projects', arguments: {} });
    assert.notEqual(result.isError, true, text(result));
    assert.match(text(result), /\bDEMO\b/, `no DEMO project in ${text(result)}`);
  });

  it('routes db__list_tables to the Db server under its own name', async () => {
    const result = await client.callTool({ name: 'db__list_tables', arguments: {} });
    assert.notEqual(result.isError, true, text(result));
    assert.match(text(result), /\bemployees\b/, `no employees table in ${text(result)}`);
  });

  it('passes arguments through (jira__get_issue of an issue found by jira__search_issues)', async () => {
    const search = await client.callTool({ name: 'jira__search_issues', arguments: { jql: 'project = DEMO', max_results: 1 } });
    assert.notEqual(search.isError, true, text(search));
    const key = text(search).match(/\bDEMO-\d+\b/)?.[0];
    assert.ok(key, `no DEMO issue key in ${text(search)}`);
    const issue = await client.callTool({ name: 'jira__get_issue', arguments: { key } });
    assert.notEqual(issue.isError, true, text(issue));
    assert.match(text(issue), new RegExp(`\\b${key}\\b`));
  });

  it('refuses an unknown tool with invalid params, naming it', async () => {
    await assert.rejects(
      client.callTool({ name: 'nope__missing', arguments: {} }),
      (error) => {
        assert.ok(error instanceof McpError, `not an MCP error: ${error}`);
        assert.equal(error.code, ErrorCode.InvalidParams);
        assert.equal(error.code, -32602);
        assert.match(error.message, /nope__missing/);
        return true;
      },
    );
  });

  it('shows both backends up in /metrics (mcp_gateway_backend_up)', async () => {
    const response = await fetch(new URL('/metrics', gatewayUrl()));
    const body = await response.text();
    assert.equal(response.status, 200);
    const up = {};
    for (const line of body.split('\n')) {
      // e.g. mcp_gateway_backend_up{mcp_gateway_backend="jira"} 1 (possibly with a unit suffix on the name)
      const m = /^mcp_gateway_backend_up\w*\{(.*)\}\s+(\S+)/.exec(line);
      const backend = m && /(?:^|,)mcp_gateway_backend="([^"]*)"/.exec(m[1])?.[1];
      if (backend) up[backend] = Number(m[2]);
    }
    const lines = body.split('\n').filter((l) => l.startsWith('mcp_gateway_backend')).join('\n');
    assert.equal(up.jira, 1, `no mcp_gateway_backend_up{mcp_gateway_backend="jira"} 1 line in:\n${lines || '(no mcp_gateway_backend* lines)'}`);
    assert.equal(up.db, 1, `no mcp_gateway_backend_up{mcp_gateway_backend="db"} 1 line in:\n${lines || '(no mcp_gateway_backend* lines)'}`);
  });
});

describe('gateway in front of the fixture server: relaying mid-call messages', () => {
  const ANSWER = 'Answer relayed through the gateway';
  let client;
  let transport;
  const samplingRequests = [];
  const elicitations = [];
  const logMessages = [];

  before(async () => {
    ({ client, transport } = await connectClient({
      name: 'gateway-relay-test',
      capabilities: { sampling: {}, elicitation: {} },
      url: urlFromEnv('MCP_CONFORMANCE_GATEWAY_URL', 'the gateway in front of the fixture server'),
    }));
    client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
      samplingRequests.push(request.params);
      return {
        role: 'assistant',
        content: { type: 'text', text: ANSWER },
        model: 'node-test-model',
        stopReason: 'endTurn',
      };
    });
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      elicitations.push(request.params);
      return { action: 'accept', content: { username: 'node-user', email: 'node@example.com' } };
    });
    client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logMessages.push(notification.params.data);
    });
  });
  after(async () => client?.close());

  it('lists the fixture tools unprefixed (empty prefix)', async () => {
    assert.ok(transport.sessionId, 'the gateway should issue an Mcp-Session-Id');
    // The relaying tests below would pass against the fixture itself: make sure this is the gateway.
    const server = client.getServerVersion()?.name;
    assert.notEqual(server, 'enterprise-mcp-conformance', 'MCP_CONFORMANCE_GATEWAY_URL should be the gateway, not the fixture');
    const names = (await listAllTools(client)).map((t) => t.name);
    for (const name of ['test_simple_text', 'test_tool_with_progress', 'test_sampling']) {
      assert.ok(names.includes(name), `${name} missing from ${names.join(', ')}`);
    }
  });

  it('relays the backend progress notifications 0, 50, 100 of 100 (test_tool_with_progress)', async () => {
    const progress = [];
    const result = await client.callTool(
      { name: 'test_tool_with_progress', arguments: {} },
      undefined,
      { onprogress: (p) => progress.push({ progress: p.progress, total: p.total }) },
    );
    assert.notEqual(result.isError, true, JSON.stringify(result));
    assert.equal(text(result), 'Progress tool completed', 'the backend should have received the progress token');
    assert.deepEqual(progress, [
      { progress: 0, total: 100 },
      { progress: 50, total: 100 },
      { progress: 100, total: 100 },
    ]);
  });

  it('relays the backend sampling request to the client and its answer back (test_sampling)', async () => {
    const before = samplingRequests.length;
    const result = await client.callTool({ name: 'test_sampling', arguments: { prompt: 'What is 2 + 2?' } });
    assert.notEqual(result.isError, true, JSON.stringify(result));
    assert.equal(samplingRequests.length, before + 1, 'one sampling/createMessage should reach the client');
    const request = samplingRequests.at(-1);
    const content = request.messages?.[0]?.content;
    const prompt = Array.isArray(content) ? content.find((c) => c.type === 'text')?.text : content?.text;
    assert.equal(prompt, 'What is 2 + 2?', 'the prompt argument should reach the sampling request');
    assert.ok(text(result).includes(ANSWER), `the client's answer is not in the result: ${text(result)}`);
    assert.equal(text(result), `LLM response: ${ANSWER}`);
  });

  it('relays the backend elicitation to the client and the answer back (test_elicitation)', async () => {
    const result = await client.callTool({ name: 'test_elicitation', arguments: { message: 'Who are you?' } });
    assert.notEqual(result.isError, true, JSON.stringify(result));
    assert.equal(elicitations.length, 1, 'one elicitation/create should reach the client');
    assert.equal(elicitations[0].message, 'Who are you?');
    assert.match(text(result), /action=accept/);
    assert.match(text(result), /node-user/);
  });

  it('relays log messages only once the session asked for them (logging/setLevel)', async () => {
    await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
    assert.deepEqual(logMessages, [], 'no level was set, so no log message should arrive');
    await client.setLoggingLevel('info');
    await client.callTool({ name: 'test_tool_with_logging', arguments: {} });
    for (let i = 0; i < 50 && logMessages.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(logMessages, ['Tool execution started', 'Tool processing data', 'Tool execution completed']);
  });
});
