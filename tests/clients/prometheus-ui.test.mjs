// The Prometheus of the system test.sh starts with the AppHost (PROMETHEUS_URL, from the AppHost's connection guide),
// opened in Chromium as an operator opens it: after a tools/call through the gateway, the gateway's call metrics answer a
// query in the graph page, and the alert rules of deploy/prometheus are loaded on the alerts page. Screenshots of both
// go to .artifacts/screenshots/ (for the README and for whoever reads a failure).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { urlFromEnv } from './helpers.mjs';
import { accessToken } from './oauth-helpers.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = path.join(here, '..', '..', '.artifacts', 'screenshots');
// The AppHost's Prometheus scrapes every 15 s by default: a call shows within one scrape, plus a margin.
const PATIENCE_MS = 60_000;
const CALLS_BY_TOOL = 'sum by (gen_ai_tool_name, mcp_gateway_decision, mcp_gateway_outcome) (mcp_gateway_calls_total)';

const gatewayUrl = () => urlFromEnv('MCP_SECURED_GATEWAY_URL', 'the AppHost');
const prometheusUrl = () => urlFromEnv('PROMETHEUS_URL', "the AppHost (its connection guide's prometheus line)");

async function eventually(check) {
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

/** One stateless tools/call of jira__list_projects through the gateway as bob. */
async function listProjects(token) {
  const response = await fetch(gatewayUrl(), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': 'jira__list_projects',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {
        name: 'jira__list_projects',
        arguments: {},
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': {},
          'io.modelcontextprotocol/clientInfo': { name: 'prometheus-ui-test', version: '1.0.0' },
        },
      },
    }),
  });
  const body = await response.text();
  assert.equal(response.status, 200, body);
}

async function query(expression) {
  const response = await fetch(new URL(`/api/v1/query?query=${encodeURIComponent(expression)}`, prometheusUrl()));
  assert.equal(response.status, 200);
  return (await response.json()).data.result;
}

describe("the running system's Prometheus", () => {
  let browser;
  let page;
  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  });
  after(async () => { await browser?.close(); });

  it("shows the gateway's calls by tool, decision and outcome after a tools/call", async () => {
    await listProjects(await accessToken(gatewayUrl(), 'bob', 'bob-dev-password'));
    await eventually(async () => {
      const series = await query(`${CALLS_BY_TOOL}`);
      assert.ok(series.some((s) => s.metric.gen_ai_tool_name === 'jira__list_projects' && s.metric.mcp_gateway_outcome === 'answered'),
        `no answered jira__list_projects calls yet: ${JSON.stringify(series)}`);
    });

    const graph = new URL('/graph', prometheusUrl());
    graph.searchParams.set('g0.expr', CALLS_BY_TOOL);
    graph.searchParams.set('g0.tab', '1');
    await page.goto(graph.href);
    await page.getByText('jira__list_projects').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'prometheus-calls.png') });
  });

  it('has the alert rules of deploy/prometheus loaded', async () => {
    await page.goto(new URL('/alerts', prometheusUrl()).href);
    for (const alert of ['McpToolErrorRatioHigh', 'McpBackendCircuitOpen', 'McpCallerCallRateSpike', 'McpAuditWriteFailures']) {
      await page.getByText(alert).first().waitFor({ timeout: 15_000 });
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'prometheus-alerts.png') });
  });
});
