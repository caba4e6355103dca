// The TypeScript SDK's client against the Jira and Db tool servers, each started by test.sh with
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

describe('Jira tool server (embedded tracker)', () => {
  let client;
  before(async () => ({ client } = await connectClient({ url: urlFromEnv('MCP_JIRA_URL', 'the Jira tool server') })));
  after(async () => client?.close());

  it('lists its six tools with truthful read-only hints', async () => {
    const tools = await listAllTools(client);
    checkToolShapes(tools);
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    for (const name of ['get_issue', 'search_issues', 'list_projects']) assert.equal(byName[name]?.annotations.readOnlyHint, true, name);
    for (const name of ['create_issue', 'add_comment', 'transition_issue']) assert.equal(byName[name]?.annotations.readOnlyHint, false, name);
  });

  it('finds the demo issues and reads one', async () => {
    const projects = await client.callTool({ name: 'list_projects', arguments: {} });
    assert.notEqual(projects.isError, true, text(projects));
    const search = await client.callTool({ name: 'search_issues', arguments: { jql: 'ORDER BY created DESC', max_results: 3 } });
    assert.notEqual(search.isError, true, text(search));
    const key = text(search).match(/\b[A-Z][A-Z0-9]+-\d+\b/)?.[0];
    assert.ok(key, `no issue key in ${text(search)}`);
    const issue = await client.callTool({ name: 'get_issue', arguments: { key } });
    assert.notEqual(issue.isError, true, text(issue));
    assert.match(text(issue), new RegExp(key));
  });

  it('says plainly that a missing issue does not exist', async () => {
    const result = await client.callTool({ name: 'get_issue', arguments: { key: 'NOPE-99999' } });
    assert.equal(result.isError, true);
    assert.doesNotMatch(text(result), /\bat [A-Za-z.]+\(|Exception/, 'no stack trace');
  });
});

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
