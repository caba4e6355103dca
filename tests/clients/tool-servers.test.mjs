// The TypeScript SDK's client against the tool servers, each started by test.sh with
// `dotnet run --project ...` and no configuration: their embedded defaults.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connectClient, listAllTools, urlFromEnv } from './helpers.mjs';

const text = (result) => result.content.filter((c) => c.type === 'text').map((c) => c.text).join('\n');

function checkToolShapes(tools) {
  for (const tool of tools) {
    assert.match(tool.name, /^[a-zA-Z0-9_-]{1,64}$/, `tool name ${tool.name} is not accepted by model APIs`);
    assert.equal(tool.inputSchema?.type, 'object', `${tool.name} has no object input schema`);
    assert.ok(tool.description, `${tool.name} has no description`);
    assert.equal(typeof tool.annotations?.readOnlyHint, 'boolean', `${tool.name} does not say whether it is read-only`);
  }
}

describe('Db tool server (embedded sample database)', () => {
  let client;
  before(async () => ({ client } = await connectClient({ url: urlFromEnv('MCP_DB_URL', 'the Db tool server') })));
  after(async () => client?.close());

  it('lists its read tools, and no execute unless writes are turned on', async () => {
    const tools = await listAllTools(client);
    checkToolShapes(tools);
    const names = tools.map((t) => t.name);
    for (const name of ['list_tables', 'describe_table', 'query', 'explain']) assert.ok(names.includes(name), `${name} missing`);
    assert.ok(!names.includes('execute'), 'execute is off by default');
  });

  it('queries the sample dataset with structured rows', async () => {
    const result = await client.callTool({ name: 'query', arguments: { sql: 'SELECT count(*) AS n FROM employees', max_rows: 10 } });
    assert.notEqual(result.isError, true, text(result));
    assert.ok(result.structuredContent, 'structured content with columns and rows');
  });

  it('refuses a write through query, and the rows stay', async () => {
    const count = () => client.callTool({ name: 'query', arguments: { sql: 'SELECT count(*) AS n FROM employees' } });
    const before = await count();
    const result = await client.callTool({ name: 'query', arguments: { sql: 'DELETE FROM employees' } });
    assert.equal(result.isError, true, text(result));
    assert.deepEqual((await count()).structuredContent, before.structuredContent);
  });
});
