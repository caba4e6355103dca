// The fixture server's Prometheus endpoint (/metrics) after real MCP traffic from the TypeScript SDK client.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { connectClient, serverUrl } from './helpers.mjs';

const TOOL_CALLS = 3;

/** Parses the sample lines of a text exposition: [{ name, labels: {..}, value }]. */
function parseSamples(body) {
  const samples = [];
  for (const line of body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/.exec(line);
    assert.ok(m, `not a sample line: ${line}`);
    const labels = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    samples.push({ name: m[1], labels, value: Number(m[3].replace(/^\+Inf$/, 'Infinity')) });
  }
  return samples;
}

describe('/metrics', () => {
  let response;
  let body;

  before(async () => {
    const { client } = await connectClient({ name: 'metrics-test' });
    try {
      await client.listTools();
      for (let i = 0; i < TOOL_CALLS; i++) await client.callTool({ name: 'test_simple_text', arguments: {} });
      await client.listResources();
    } finally {
      await client.close();
    }
    response = await fetch(new URL('/metrics', serverUrl()));
    body = await response.text();
  });

  it('answers 200 in the Prometheus text format', () => {
    assert.equal(response.status, 200);
    const type = response.headers.get('content-type') ?? '';
    assert.ok(type.startsWith('text/plain'), `content type ${type}`);
  });

  it('has the mcp.server.operation.duration histogram per MCP method', () => {
    const buckets = body.split('\n').filter((l) => /^mcp_server_operation_duration\w*_bucket\{/.test(l));
    assert.ok(buckets.length > 0, 'no mcp_server_operation_duration..._bucket lines');
    for (const method of ['tools/call', 'tools/list', 'resources/list']) {
      assert.ok(
        buckets.some((l) => l.includes(`mcp_method_name="${method}"`)),
        `no bucket line with mcp_method_name="${method}"`,
      );
    }
    const family = /^mcp_server_operation_duration\w*(?=_bucket\{)/.exec(buckets[0])[0];
    assert.ok(body.includes(`# TYPE ${family} histogram`), `no "# TYPE ${family} histogram" line`);
  });

  it('has consistent histogram series for tools/call', () => {
    const samples = parseSamples(body).filter(
      (s) => s.name.startsWith('mcp_server_operation_duration') && s.labels.mcp_method_name === 'tools/call',
    );
    // One series per label set other than le (e.g. per tool name).
    const series = new Map();
    for (const s of samples) {
      const { le, ...rest } = s.labels;
      const key = JSON.stringify(Object.entries(rest).sort());
      if (!series.has(key)) series.set(key, { buckets: [], count: undefined, sum: undefined });
      const entry = series.get(key);
      if (s.name.endsWith('_bucket')) entry.buckets.push([Number(le === '+Inf' ? Infinity : le), s.value]);
      else if (s.name.endsWith('_count')) entry.count = s.value;
      else if (s.name.endsWith('_sum')) entry.sum = s.value;
    }
    assert.ok(series.size > 0, 'no tools/call series');
    let calls = 0;
    for (const [key, { buckets, count, sum }] of series) {
      buckets.sort((a, b) => a[0] - b[0]);
      assert.equal(buckets.at(-1)?.[0], Infinity, `${key}: no le="+Inf" bucket`);
      for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i][1] >= buckets[i - 1][1], `${key}: buckets not cumulative`);
      assert.equal(count, buckets.at(-1)[1], `${key}: _count differs from the +Inf bucket`);
      assert.ok(sum >= 0, `${key}: no _sum`);
      calls += count;
    }
    assert.ok(calls >= TOOL_CALLS, `tools/call counted ${calls} times, expected at least ${TOOL_CALLS}`);
  });

  // promtool check metrics exits 1 when the text does not parse ("error while linting: ..."), 3 when it
  // parses but has lint problems (missing HELP, counter without _total, "_count" on a gauge, ...), 0 when
  // clean. The service defaults serve a clean exposition, so anything but 0 (or promtool missing) fails.
  it('passes promtool check metrics without a lint', () => {
    const result = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8', timeout: 30_000 });
    assert.ifError(result.error);
    const output = `${result.stdout}${result.stderr}`.trim();
    assert.equal(result.status, 0, `promtool check metrics exited ${result.status}:\n${output}`);
  });
});
