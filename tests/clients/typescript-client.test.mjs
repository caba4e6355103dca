// The TypeScript SDK's client (2025 generation, stateful Streamable HTTP session) against the fixture server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateMessageRequestSchema, LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { connectClient, listAllTools, serverUrl } from './helpers.mjs';

const SIMPLE_TEXT = 'This is a simple text response for testing.';

describe('TypeScript SDK client, stateful session', () => {
  let client;
  let transport;
  const samplingRequests = [];

  before(async () => {
    ({ client, transport } = await connectClient({ capabilities: { sampling: {} } }));
    client.setRequestHandler(CreateMessageRequestSchema, async (request) => {
      samplingRequests.push(request.params);
      return {
        role: 'assistant',
        content: { type: 'text', text: 'Answer from the Node test client' },
        model: 'node-test-model',
        stopReason: 'endTurn',
      };
    });
  });

  after(async () => {
    await client?.close();
  });

  it('initializes a session', () => {
    assert.ok(transport.sessionId, 'the server should issue an Mcp-Session-Id');
    assert.match(transport.sessionId, /^[\x21-\x7E]+$/, 'a session id is visible ASCII');
    assert.equal(transport.protocolVersion, LATEST_PROTOCOL_VERSION);
    const capabilities = client.getServerCapabilities();
    assert.ok(capabilities?.tools, 'the server should announce tools');
    assert.ok(capabilities?.resources, 'the server should announce resources');
    assert.ok(capabilities?.prompts, 'the server should announce prompts');
    assert.ok(client.getServerVersion()?.name, 'the server should name itself');
  });

  it('lists tools', async () => {
    const tools = await listAllTools(client);
    const names = tools.map((tool) => tool.name);
    assert.ok(names.includes('test_simple_text'), `test_simple_text missing from ${names.join(', ')}`);
    for (const tool of tools) {
      assert.match(tool.name, /^[a-zA-Z0-9_-]{1,64}$/, `tool name ${tool.name} is not accepted by model APIs`);
      assert.equal(tool.inputSchema?.type, 'object', `${tool.name} has no object input schema`);
    }
  });

  it('calls test_simple_text', async () => {
    const result = await client.callTool({ name: 'test_simple_text', arguments: {} });
    assert.notEqual(result.isError, true, JSON.stringify(result));
    assert.deepEqual(result.content, [{ type: 'text', text: SIMPLE_TEXT }]);
  });

  it('calls a tool with arguments that asks the client for sampling (test_sampling)', async () => {
    const before = samplingRequests.length;
    const result = await client.callTool({ name: 'test_sampling', arguments: { prompt: 'What is 2 + 2?' } });
    assert.notEqual(result.isError, true, JSON.stringify(result));
    assert.equal(samplingRequests.length, before + 1, 'the server should send one sampling/createMessage');
    const request = samplingRequests.at(-1);
    assert.equal(request.messages?.[0]?.content?.text, 'What is 2 + 2?', 'the prompt argument should reach the sampling request');
    const text = result.content.find((c) => c.type === 'text')?.text ?? '';
    assert.ok(text.includes('Answer from the Node test client'), `unexpected result text: ${text}`);
  });

  it('returns a tool error as an isError result (test_error_handling)', async () => {
    const result = await client.callTool({ name: 'test_error_handling', arguments: {} });
    assert.equal(result.isError, true);
    assert.ok(result.content?.[0]?.text, 'an error result carries a message');
  });

  it('receives progress notifications (test_tool_with_progress)', async () => {
    const progress = [];
    const result = await client.callTool(
      { name: 'test_tool_with_progress', arguments: {} },
      undefined,
      { onprogress: (p) => progress.push(p.progress) },
    );
    assert.notEqual(result.isError, true, JSON.stringify(result));
    assert.ok(progress.length >= 3, `expected at least 3 progress notifications, got ${progress.length}`);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i] >= progress[i - 1], 'progress increases');
  });

  it('lists and reads resources', async () => {
    const { resources } = await client.listResources();
    const uris = resources.map((r) => r.uri);
    assert.ok(uris.includes('test://static-text'), `test://static-text missing from ${uris.join(', ')}`);
    const { contents } = await client.readResource({ uri: 'test://static-text' });
    assert.equal(contents[0].uri, 'test://static-text');
    assert.equal(contents[0].mimeType, 'text/plain');
    assert.ok(contents[0].text, 'the static text resource has text');
  });

  it('lists prompts and gets one with arguments', async () => {
    const { prompts } = await client.listPrompts();
    const names = prompts.map((p) => p.name);
    assert.ok(names.includes('test_prompt_with_arguments'), `test_prompt_with_arguments missing from ${names.join(', ')}`);
    const prompt = await client.getPrompt({ name: 'test_prompt_with_arguments', arguments: { arg1: 'alpha', arg2: 'beta' } });
    const text = JSON.stringify(prompt.messages);
    assert.ok(text.includes('alpha') && text.includes('beta'), `arguments not substituted: ${text}`);
  });

  it('answers ping', async () => {
    assert.deepEqual(await client.ping(), {});
  });
});

describe('TypeScript SDK client, session termination', () => {
  it('ends the session with DELETE, after which the session id gets 404', async () => {
    const { client, transport } = await connectClient();
    try {
      await client.listTools();
      const sessionId = transport.sessionId;
      assert.ok(sessionId, 'the server should issue an Mcp-Session-Id');

      await transport.terminateSession();
      assert.equal(transport.sessionId, undefined, 'the SDK forgets a session it ended');

      const response = await fetch(serverUrl(), {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          'Mcp-Session-Id': sessionId,
          'MCP-Protocol-Version': transport.protocolVersion ?? LATEST_PROTOCOL_VERSION,
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'tools/list', params: {} }),
      });
      await response.body?.cancel();
      assert.equal(response.status, 404, 'a request with an ended session id must get 404');
    } finally {
      await client.close();
    }
  });
});
