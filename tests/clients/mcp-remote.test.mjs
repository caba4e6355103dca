// mcp-remote, the stdio proxy that local-only MCP hosts (Claude Desktop, Cursor, ...) put in front of a remote server,
// against the gateway with identity on (MCP_SECURED_GATEWAY_URL): it discovers the identity server, registers itself,
// prints the authorization URL and waits on its own loopback callback. The user's part is played over HTTP and the
// redirect is delivered to that callback, as a browser would; then the test is the local host, speaking JSON-RPC on the
// proxy's stdin and stdout. Its token store is a temporary folder, and its "browser" (BROWSER) opens nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { urlFromEnv } from './helpers.mjs';
import { claimsOf, httpSignIn } from './oauth-helpers.mjs';

const gatewayUrl = () => urlFromEnv('MCP_SECURED_GATEWAY_URL', 'the gateway with identity on');
const here = path.dirname(fileURLToPath(import.meta.url));

async function mcpRemoteBin() {
  const dir = path.join(here, 'node_modules', 'mcp-remote');
  const { bin } = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  return path.join(dir, bin['mcp-remote']);
}

/** A loopback port nothing listens on now, for the proxy's callback (its default is derived from the URL and may be taken). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * mcp-remote for the secured gateway as a host starts it, plus `args`. Its standard error is kept (`log()`) and waited
 * on line by line (`waitForLog`); its standard output is read as newline-delimited JSON-RPC answers to `request`.
 */
async function startMcpRemote(configDir, args = []) {
  const callbackPort = await freePort();
  const child = spawn(process.execPath, [await mcpRemoteBin(), gatewayUrl().href, String(callbackPort), '--host', '127.0.0.1', ...args], {
    env: { PATH: process.env.PATH, HOME: configDir, MCP_REMOTE_CONFIG_DIR: configDir, BROWSER: 'true' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const lines = [];
  const watchers = new Set();
  createInterface({ input: child.stderr }).on('line', (line) => {
    lines.push(line);
    for (const watcher of watchers) watcher(line);
  });
  const log = () => lines.join('\n');
  const waitForLog = (pattern, what, timeoutMs = 60_000) => new Promise((resolve, reject) => {
    const found = lines.find((line) => pattern.test(line));
    if (found) return resolve(found);
    const timer = setTimeout(() => { watchers.delete(watch); reject(new Error(`mcp-remote did not log ${what} within ${timeoutMs} ms:\n${log()}`)); }, timeoutMs);
    const watch = (line) => {
      if (!pattern.test(line)) return;
      clearTimeout(timer);
      watchers.delete(watch);
      resolve(line);
    };
    watchers.add(watch);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      watchers.delete(watch);
      reject(new Error(`mcp-remote exited (${code ?? signal}) before it logged ${what}:\n${log()}`));
    });
  });

  const pending = new Map();
  let nextId = 1;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line);
    if (message.id !== undefined && pending.has(message.id)) {
      pending.get(message.id)(message);
      pending.delete(message.id);
    }
  });
  const send = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  const request = (method, params = {}, timeoutMs = 30_000) => {
    const id = nextId++;
    send({ id, method, params });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { pending.delete(id); reject(new Error(`no answer to ${method} within ${timeoutMs} ms:\n${log()}`)); }, timeoutMs);
      pending.set(id, (message) => {
        clearTimeout(timer);
        if (message.error) reject(new Error(`${method} failed: ${JSON.stringify(message.error)}\n${log()}`));
        else resolve(message.result);
      });
    });
  };
  const notify = (method, params = {}) => send({ method, params });

  // A host ends the proxy by closing its standard input; SIGTERM only if it does not go.
  const stop = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGTERM'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return { waitForLog, log, request, notify, stop };
}

/** The user signs in as bob where mcp-remote sent them, and the browser follows the redirect to mcp-remote's callback. */
async function signInAsBob(proxy) {
  await proxy.waitForLog(/Please authorize this client by visiting:/, 'that it needs a sign-in');
  const authorizationUrl = new URL(await proxy.waitForLog(/^https?:\/\/\S+$/, 'the authorization URL'));
  const redirectUri = authorizationUrl.searchParams.get('redirect_uri');
  const callback = await httpSignIn('bob', 'bob-dev-password', redirectUri)(authorizationUrl);
  const delivered = await fetch(callback);
  assert.equal(delivered.status, 200, `mcp-remote's callback answered ${delivered.status}: ${await delivered.text()}`);
  return authorizationUrl;
}

/** The exchange a local host has with mcp-remote: initialize, list the tools, call one. */
async function listAndCallAsAHost(proxy) {
  const initialized = await proxy.request('initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'enterprise-mcp-node-tests (via mcp-remote)', version: '1.0.0' },
  });
  assert.ok(initialized.protocolVersion, JSON.stringify(initialized));
  assert.ok(initialized.capabilities?.tools, `the gateway should offer tools: ${JSON.stringify(initialized)}`);
  proxy.notify('notifications/initialized');

  const { tools } = await proxy.request('tools/list');
  const names = tools.map((tool) => tool.name);
  assert.ok(names.includes('jira__search_issues'), `bob should see jira__search_issues: ${names}`);
  assert.ok(names.includes('db__query'), `bob should see db__query: ${names}`);
  assert.ok(!names.includes('db__execute'), `bob should not see db__execute: ${names}`);

  const issues = await proxy.request('tools/call', { name: 'jira__search_issues', arguments: { jql: 'project = DEMO' } });
  assert.notEqual(issues.isError, true, JSON.stringify(issues));
  assert.match(JSON.stringify(issues.content), /DEMO-1/);
}

describe('mcp-remote (stdio proxy with OAuth) through the gateway', () => {
  let configDir;
  before(async () => { configDir = await mkdtemp(path.join(tmpdir(), 'mcp-remote-')); });
  after(async () => { if (configDir) await rm(configDir, { recursive: true, force: true }); });

  it('registers, sends bob to sign in with PKCE for the gateway, and relays initialize, tools/list and tools/call over Streamable HTTP', async () => {
    const proxy = await startMcpRemote(path.join(configDir, 'http-first'));
    try {
      const authorizationUrl = await signInAsBob(proxy);
      assert.equal(authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
      assert.equal(authorizationUrl.searchParams.get('resource'), gatewayUrl().href, 'the resource indicator is the gateway');
      await proxy.waitForLog(/Proxy established successfully .* StreamableHTTPClientTransport/, 'the proxy over Streamable HTTP');
      await listAndCallAsAHost(proxy);
    } finally {
      await proxy.stop();
    }
  });

  it('with --transport sse-first, falls back to Streamable HTTP on the 405 the gateway answers to the SSE GET, and works', async () => {
    const proxy = await startMcpRemote(path.join(configDir, 'sse-first'), ['--transport', 'sse-first']);
    try {
      await signInAsBob(proxy);
      await proxy.waitForLog(/Received error .*\b405\b/, 'the 405 on its SSE GET');
      await proxy.waitForLog(/Proxy established successfully .* StreamableHTTPClientTransport/, 'the proxy over Streamable HTTP');
      await listAndCallAsAHost(proxy);
    } finally {
      await proxy.stop();
    }
  });

  it('a second start with the same token store signs in without the user, and the stored token is bob\'s for the gateway', async () => {
    const store = path.join(configDir, 'reuse');
    const first = await startMcpRemote(store);
    try {
      await signInAsBob(first);
      await first.waitForLog(/Proxy established successfully/, 'the proxy');
    } finally {
      await first.stop();
    }
    const stored = await readdir(path.join(store, 'mcp-remote-v1'));
    const tokensFile = stored.find((name) => name.endsWith('_tokens.json'));
    assert.ok(tokensFile, `mcp-remote stored no tokens: ${stored}`);
    const claims = claimsOf(JSON.parse(await readFile(path.join(store, 'mcp-remote-v1', tokensFile), 'utf8')).access_token);
    assert.equal(claims.sub, 'bob');
    assert.equal(claims.aud, gatewayUrl().href);

    const second = await startMcpRemote(store);
    try {
      await second.waitForLog(/Proxy established successfully/, 'the proxy');
      assert.doesNotMatch(second.log(), /Please authorize this client/);
      await listAndCallAsAHost(second);
    } finally {
      await second.stop();
    }
  });
});
