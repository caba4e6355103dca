// The Prometheus of the system test.sh starts with the AppHost (PROMETHEUS_URL, from the AppHost's connection guide),
// opened in Chromium as an operator opens it: after a tools/call through the gateway, the gateway's call metrics answer a
// query in the graph page, and the alert rules of deploy/prometheus are loaded on the alerts page. Screenshots of both
// go to .artifacts/screenshots/ (for the README and for whoever reads a failure).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SCREENSHOTS, callTool, eventually, openBrowser, showRepositoryPaths } from './browser-helpers.mjs';
import { urlFromEnv } from './helpers.mjs';
import { accessToken } from './oauth-helpers.mjs';

// The AppHost's Prometheus scrapes every 15 s by default: a call shows within one scrape, plus a margin.
const PATIENCE_MS = 60_000;
const CALLS_BY_TOOL = 'sum by (gen_ai_tool_name, mcp_gateway_decision, mcp_gateway_outcome) (mcp_gateway_calls_total)';

const gatewayUrl = () => urlFromEnv('MCP_SECURED_GATEWAY_URL', 'the AppHost');
const prometheusUrl = () => urlFromEnv('PROMETHEUS_URL', "the AppHost (its connection guide's prometheus line)");

async function query(expression) {
  const response = await fetch(new URL(`/api/v1/query?query=${encodeURIComponent(expression)}`, prometheusUrl()));
  assert.equal(response.status, 200);
  return (await response.json()).data.result;
}

describe("the running system's Prometheus", () => {
  let browser;
  let page;
  before(async () => {
    ({ browser, page } = await openBrowser());
  });
  after(async () => { await browser?.close(); });

  it("shows the gateway's calls by tool, decision and outcome after a tools/call", async () => {
    await callTool(gatewayUrl(), await accessToken(gatewayUrl(), 'bob', 'bob-dev-password'), 'jira__list_projects', {}, 'prometheus-ui-test');
    await eventually(async () => {
      const series = await query(`${CALLS_BY_TOOL}`);
      assert.ok(series.some((s) => s.metric.gen_ai_tool_name === 'jira__list_projects' && s.metric.mcp_gateway_outcome === 'answered'),
        `no answered jira__list_projects calls yet: ${JSON.stringify(series)}`);
    }, PATIENCE_MS, 1_000);

    const graph = new URL('/graph', prometheusUrl());
    graph.searchParams.set('g0.expr', CALLS_BY_TOOL);
    graph.searchParams.set('g0.tab', '1');
    await page.goto(graph.href);
    await page.getByText('jira__list_projects').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'prometheus-calls.png') });
  });

  it('has the alert rules of deploy/prometheus loaded', async () => {
    // Through the top bar, as an operator goes there: Debian's build serves the classic pages (/classic/alerts).
    await page.goto(prometheusUrl().href);
    await page.getByRole('link', { name: 'Alerts', exact: true }).first().click();
    for (const alert of ['McpToolErrorRatioHigh', 'McpBackendCircuitOpen', 'McpCallerCallRateSpike', 'McpAuditWriteFailures']) {
      await page.getByText(alert).first().waitFor({ timeout: 15_000 });
    }
    // Each group's heading names its rule file by its path on this machine.
    await showRepositoryPaths(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'prometheus-alerts.png') });
  });
});
