// The TypeScript SDK client and its own OAuth support against the gateway with identity on (test.sh starts it with
// EnterpriseMcp.Identity, and Jira and Db accepting only tokens for themselves): MCP_SECURED_GATEWAY_URL is all it
// is given. It discovers the authorization server (RFC 9728, RFC 8414), registers (RFC 7591), runs authorization code
// with PKCE and a resource indicator, and lists and calls tools. The user's part is played over HTTP, and once by
// Chromium driven by Playwright on the login and consent pages.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { chromium } from 'playwright-core';
import { urlFromEnv } from './helpers.mjs';
import { TestOAuthProvider, claimsOf, codeFrom, httpLogin, startCallbackServer } from './oauth-helpers.mjs';

const gatewayUrl = () => urlFromEnv('MCP_SECURED_GATEWAY_URL', 'the gateway with identity on');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Connects as an MCP client with nothing but the URL: the first attempt sends the user to log in, the second is authorized. */
async function connectWithOAuth(provider, name) {
  const first = new Client({ name, version: '1.0.0' });
  await assert.rejects(first.connect(new StreamableHTTPClientTransport(gatewayUrl(), { authProvider: provider })), UnauthorizedError);
  const transport = new StreamableHTTPClientTransport(gatewayUrl(), { authProvider: provider });
  await transport.finishAuth(provider.pendingCode);
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(transport);
  return client;
}

const toolNames = async (client) => (await client.listTools()).tools.map((tool) => tool.name).sort();

describe('OAuth 2.1 through the gateway with the TypeScript SDK client', () => {
  let callbacks;
  before(async () => { callbacks = await startCallbackServer(); });
  after(async () => callbacks?.close());

  it('discovers, registers, logs bob in with PKCE and a resource indicator, then lists and calls tools', async () => {
    const provider = new TestOAuthProvider({ redirectUrl: callbacks.redirectUrl, login: httpLogin('bob', 'bob-dev-password', callbacks.redirectUrl) });
    const client = await connectWithOAuth(provider, 'oauth-bob');
    try {
      const authorize = provider.authorizationUrls[0];
      assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
      assert.ok(authorize.searchParams.get('code_challenge'), 'PKCE challenge sent');
      assert.equal(authorize.searchParams.get('resource'), gatewayUrl().href, 'the resource indicator is the gateway');
      assert.ok(provider.clientInformation()?.client_id, 'the client registered itself');
      const claims = claimsOf(provider.tokens().access_token);
      assert.equal(claims.aud, gatewayUrl().href);
      assert.equal(claims.sub, 'bob');

      const tools = await toolNames(client);
      assert.ok(tools.includes('jira__create_issue'), `bob should see jira__create_issue: ${tools}`);
      assert.ok(!tools.includes('db__execute'), 'bob should not see db__execute');
      const issue = await client.callTool({ name: 'jira__get_issue', arguments: { key: 'DEMO-1' } });
      assert.notEqual(issue.isError, true, JSON.stringify(issue));
      assert.equal(issue.structuredContent?.key, 'DEMO-1');
    } finally {
      await client.close();
    }
  });

  it('carol does not see jira__create_issue, and calling it gets 403 insufficient_scope that no re-authorization can fix', async () => {
    const provider = new TestOAuthProvider({ redirectUrl: callbacks.redirectUrl, login: httpLogin('carol', 'carol-dev-password', callbacks.redirectUrl) });
    const client = await connectWithOAuth(provider, 'oauth-carol');
    try {
      const tools = await toolNames(client);
      assert.deepEqual(tools, ['jira__get_issue', 'jira__list_projects', 'jira__search_issues']);
      // The gateway answers 403 insufficient_scope, scope="jira.write"; the SDK steps up (it refreshes its token for
      // that scope), and since carol's role cannot grant it the gateway refuses again.
      await assert.rejects(client.callTool({ name: 'jira__create_issue', arguments: { project: 'DEMO', summary: 'x' } }),
        /403 after trying upscoping/);
      assert.ok(!claimsOf(provider.tokens().access_token).scope.split(' ').includes('jira.write'));
    } finally {
      await client.close();
    }
  });

  it('logs bob in on the login page and approves the client on the consent page in a real browser (Chromium driven by Playwright)', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const login = async (authorizationUrl) => {
        const landed = callbacks.waitForCallback();
        await page.goto(authorizationUrl.href);
        await page.getByLabel(/user/i).fill('bob');
        await page.getByLabel(/password/i).fill('bob-dev-password');
        await page.getByRole('button', { name: /sign in/i }).click();
        // A client bob has not approved before: the consent page names it; he approves.
        await page.getByRole('button', { name: /approve/i }).click();
        return codeFrom(await landed, callbacks.redirectUrl);
      };
      const provider = new TestOAuthProvider({ redirectUrl: callbacks.redirectUrl, login });
      const client = await connectWithOAuth(provider, 'oauth-browser');
      try {
        assert.equal(await page.locator('body').innerText(), 'Signed in. You may close this window.');
        assert.ok((await toolNames(client)).includes('jira__create_issue'));
      } finally {
        await client.close();
      }
    } finally {
      await browser.close();
    }
  });
});
