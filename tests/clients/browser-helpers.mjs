// What the browser tests share: Chromium driven by Playwright, a folder for screenshots, patience for what arrives late,
// and a stateless (2026-07-28) tools/call through the gateway written by hand.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = path.dirname(fileURLToPath(import.meta.url));

/** Where screenshots go (for the README and for whoever reads a failure). */
export const SCREENSHOTS = path.join(here, '..', '..', '.artifacts', 'screenshots');

const REPOSITORY = path.resolve(here, '..', '..');

/**
 * Shows paths inside the clone as the repository names them (`deploy/prometheus/rules/...`), not where this clone
 * happens to be on the machine, so that a screenshot for the README says nothing about the machine that took it.
 */
export async function showRepositoryPaths(page) {
  await page.evaluate((root) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent.includes(root)) node.textContent = node.textContent.replaceAll(root, '');
    }
  }, `${REPOSITORY}/`);
}

/** Headless Chromium and one page of it, the screenshot folder made. */
export async function openBrowser() {
  await mkdir(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  return { browser, page };
}

/** Retries `check` (which throws while not yet true) until it passes or `patienceMs` is over; then its last error. */
export async function eventually(check, patienceMs, pauseMs = 500) {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

/** A 2026-07-28 tools/call of `tool` at `gatewayUrl` with `token`; `headers` add to the request's (a traceparent, say). */
export async function callTool(gatewayUrl, token, tool, args, clientName, headers = {}) {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': 'tools/call',
      'mcp-name': tool,
      ...headers,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {
        name: tool,
        arguments: args,
        _meta: {
          'io.modelcontextprotocol/protocolVersion': '2026-07-28',
          'io.modelcontextprotocol/clientCapabilities': {},
          'io.modelcontextprotocol/clientInfo': { name: clientName, version: '1.0.0' },
        },
      },
    }),
  });
  const body = await response.text();
  assert.equal(response.status, 200, body);
  return body;
}
