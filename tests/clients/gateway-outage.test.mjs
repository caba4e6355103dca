// The TypeScript SDK's client through a gateway whose backend (the Jira tool server, a process of its own)
// is killed and started again: the call fails fast naming the backend, its tools leave the list, the client
// hears tools/list_changed both ways, and the tools return without the gateway restarting.
// Runs the Release builds that test.sh made; starts and stops its own two processes on free loopback ports.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { connectClient, listAllTools } from './helpers.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const assembly = (project) => path.join(root, project, 'bin', 'Release', 'net10.0', `${project}.dll`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function eventually(condition, seconds, what) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`${what} within ${seconds} s`);
}

/** Starts a built server and waits for GET /alive; returns the child process. */
async function startServer(project, port, env, folder) {
  const file = assembly(project);
  assert.ok(existsSync(file), `${file} is missing: build the solution in Release first (test.sh does)`);
  const child = spawn('dotnet', [file, '--urls', `http://127.0.0.1:${port}`], {
    cwd: folder,
    env: { ...process.env, Logging__LogLevel__Default: 'Warning', ...env },
    stdio: 'ignore',
  });
  await eventually(async () => {
    try {
      return (await fetch(`http://127.0.0.1:${port}/alive`)).status === 200;
    } catch {
      return false;
    }
  }, 60, `${project} answering GET /alive`);
  return child;
}

function stop(child) {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('gateway with a backend that is killed and started again', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'gateway-outage-'));
  const jiraEnv = { Jira__Embedded__DatabasePath: path.join(folder, 'jira.db') };
  let jiraPort;
  let jira;
  let gateway;
  let client;
  let listChanges = 0;

  before(async () => {
    jiraPort = await freePort();
    const gatewayPort = await freePort();
    jira = await startServer('EnterpriseMcp.Tools.Jira', jiraPort, jiraEnv, folder);
    gateway = await startServer('EnterpriseMcp.Gateway', gatewayPort, {
      Gateway__Backends__jira__Url: `http://127.0.0.1:${jiraPort}/mcp`,
      Gateway__Backends__jira__FailureThreshold: '1',
      Gateway__Backends__jira__BreakDuration: '00:00:00.500',
    }, folder);
    ({ client } = await connectClient({ url: new URL(`http://127.0.0.1:${gatewayPort}/mcp`) }));
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => { listChanges += 1; });
  });

  after(async () => {
    await client?.close();
    await stop(gateway);
    await stop(jira);
    rmSync(folder, { recursive: true, force: true });
  });

  it('fails fast with the backend named, drops and restores its tools, and says so', async () => {
    const projects = await client.callTool({ name: 'jira__list_projects', arguments: {} });
    assert.notEqual(projects.isError, true);

    await stop(jira);
    await assert.rejects(client.callTool({ name: 'jira__list_projects', arguments: {} }), /Backend 'jira' is unavailable/);
    await eventually(() => listChanges >= 1, 10, 'tools/list_changed after the backend went down');
    const started = Date.now();
    await assert.rejects(client.callTool({ name: 'jira__list_projects', arguments: {} }), /Backend 'jira' is unavailable/);
    assert.ok(Date.now() - started < 5000, 'a call to a backend that is down should not wait for it');
    assert.ok(!(await listAllTools(client)).some((tool) => tool.name.startsWith('jira__')), 'its tools should leave the list');

    const changesWhileDown = listChanges;
    jira = await startServer('EnterpriseMcp.Tools.Jira', jiraPort, jiraEnv, folder);
    await eventually(async () => (await listAllTools(client)).some((tool) => tool.name === 'jira__list_projects'), 30,
      'the restarted backend\'s tools listed again');
    await eventually(() => listChanges > changesWhileDown, 10, 'tools/list_changed after the backend came back');
    const again = await client.callTool({ name: 'jira__list_projects', arguments: {} });
    assert.match(again.content.map((c) => c.text).join('\n'), /DEMO/);
  });
});
