// The Aspire dashboard of the system test.sh starts with the AppHost, opened as a developer opens it: with the login
// link the AppHost prints (ASPIRE_DASHBOARD_LOGIN_URL), in Chromium driven by Playwright. Every resource is there,
// running and healthy, and one tools/call through the gateway shows as one trace with spans of the gateway and of Jira.
// Screenshots of both pages go to .artifacts/screenshots/ (for the README and for whoever reads a failure).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { SCREENSHOTS, callTool, eventually, openBrowser } from './browser-helpers.mjs';
import { urlFromEnv } from './helpers.mjs';
import { accessToken } from './oauth-helpers.mjs';

const RESOURCES = ['identity', 'gateway', 'jira', 'db'];
// Telemetry reaches the dashboard in batches (about a second apart); health checks run every few seconds.
const PATIENCE_MS = 30_000;

const gatewayUrl = () => urlFromEnv('MCP_SECURED_GATEWAY_URL', 'the AppHost');
const loginUrl = () => urlFromEnv('ASPIRE_DASHBOARD_LOGIN_URL', "the AppHost (its dashboard's login link)");

/**
 * One stateless (2026-07-28) tools/call of jira__search_issues through the gateway as bob, in a trace of our own: the
 * W3C traceparent it carries names the trace id the dashboard must show.
 */
async function searchIssuesInTrace(token, traceId) {
  const body = await callTool(gatewayUrl(), token, 'jira__search_issues', { jql: 'project = DEMO' }, 'dashboard-test',
    { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` });
  assert.match(body, /DEMO-1/);
}

describe('the Aspire dashboard of the running system', () => {
  let browser;
  let page;
  before(async () => {
    ({ browser, page } = await openBrowser());
    // The login link signs the browser in and lands on the resources page.
    await page.goto(loginUrl().href);
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  });
  after(async () => { await browser?.close(); });

  it('lists every resource running and healthy', async () => {
    const resource = (name) => page.getByText(name, { exact: true }).first();
    for (const name of RESOURCES) {
      await resource(name).waitFor();
    }
    // The links the AppHost adds: the gateway's MCP endpoint, the identity server's discovery document.
    await page.getByText('MCP endpoint', { exact: true }).first().waitFor();
    await page.getByText('OpenID configuration', { exact: true }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-resources.png') });

    for (const name of RESOURCES) {
      // A resource's details pane says its state and its health.
      await resource(name).click();
      await eventually(async () => {
        const details = await page.locator('body').innerText();
        assert.match(details, new RegExp(`Display name\\s+${name}\\s`), `the details of ${name} are not shown`);
        assert.match(details, /State\s+Running\s/, `${name} is not running:\n${details}`);
        assert.match(details, /Health state\s+Healthy\s/, `${name} is not healthy:\n${details}`);
      }, PATIENCE_MS);
    }
  });

  it("shows a tools/call through the gateway as one trace with the gateway's and Jira's spans", async () => {
    const traceId = randomBytes(16).toString('hex');
    await searchIssuesInTrace(await accessToken(gatewayUrl(), 'bob', 'bob-dev-password'), traceId);

    const detail = new URL(`/traces/detail/${traceId}`, loginUrl()).href;
    const spans = await eventually(async () => {
      await page.goto(detail);
      const text = await page.getByText('tools/call search_issues').first().waitFor({ timeout: 2_000 })
        .then(() => page.locator('body').innerText());
      // Each span's row: its name, then the resource that sent it.
      assert.match(text, /tools\/call jira__search_issues\s+gateway\s/, `no gateway span of the call:\n${text}`);
      assert.match(text, /tools\/call search_issues\s+jira\s/, `no jira span of the call:\n${text}`);
      return text;
    }, PATIENCE_MS);
    assert.match(spans, /Resources\s+[2-9]\s/, 'the trace should span more than one resource');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-trace.png') });
  });
});
