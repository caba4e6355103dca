import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identityServerForSuite, resourceUris } from '../test-support/identity-server.mjs';
import {
  pkcePair, registerPublicClient, reportingBot, tokenRequest, userTokens,
} from '../test-support/oauth.mjs';

const durationMs = 60_000;

/** One attack of each kind; each must be refused. */
const attacks = [
  async (url) => {
    const { status, body } = await registerPublicClient(url, { redirect_uris: [`https://evil.example/cb/${Math.random()}`] });
    return status === 400 && body.error === 'invalid_redirect_uri';
  },
  async (url) => {
    const { status, body } = await registerPublicClient(url, {
      grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic',
    });
    return status === 400 && body.error === 'invalid_client_metadata';
  },
  async (url, clientId) => {
    const query = new URLSearchParams({
      client_id: clientId, response_type: 'code', redirect_uri: 'http://evil.example/cb', scope: 'jira.read',
      code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
    });
    const response = await fetch(`${url}/auth?${query}`, { redirect: 'manual' });
    await response.arrayBuffer();
    return response.status === 400 && !response.headers.get('location');
  },
  async (url) => {
    const resource = Math.random() < 0.5 ? resourceUris.db : resourceUris.jira;
    const { status, body } = await tokenRequest(url, { grant_type: 'client_credentials', resource }, reportingBot);
    return status === 400 && body.error === 'invalid_target';
  },
];

describe('a hostile caller hammering the server', () => {
  const server = identityServerForSuite();

  test('is refused every time while another user keeps signing in and getting tokens', { timeout: durationMs + 30_000 }, async () => {
    const { body: attackerClient } = await registerPublicClient(server.url);
    const { body: userClient } = await registerPublicClient(server.url, { client_name: 'bob\'s client' });
    const deadline = Date.now() + durationMs;
    const attacksMade = [0, 0, 0, 0];
    const attacksLetThrough = [];

    const attacker = async () => {
      for (let round = 0; Date.now() < deadline; round += 1) {
        const kind = round % attacks.length;
        attacksMade[kind] += 1;
        if (!(await attacks[kind](server.url, attackerClient.client_id))) attacksLetThrough.push(kind);
      }
    };
    const logins = [];
    const user = async () => {
      while (Date.now() < deadline) {
        const { status, body } = await userTokens(server.url, {
          clientId: userClient.client_id, username: 'bob', password: 'bob-dev-password', scope: 'jira.read', resource: resourceUris.gateway,
        });
        const refreshed = await tokenRequest(server.url, { grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: userClient.client_id });
        logins.push({ ok: status === 200 && refreshed.status === 200 && !!refreshed.body.access_token });
        await new Promise((resolve) => { setTimeout(resolve, 250); });
      }
    };

    // Four attackers in parallel, each cycling through the attacks, against one user.
    await Promise.all([attacker(), attacker(), attacker(), attacker(), user()]);

    assert.deepEqual(attacksLetThrough, []);
    assert.ok(attacksMade.every((count) => count >= 50), `attacks made: ${attacksMade}`);
    assert.ok(logins.length >= 20, `only ${logins.length} logins in ${durationMs} ms`);
    assert.deepEqual(logins.filter((login) => !login.ok), []);

    const registrations = JSON.parse((await import('node:fs')).readFileSync(`${server.dataFolder}/clients.json`, 'utf8'));
    assert.equal(Object.keys(registrations).length, 2, 'no attack left a registration behind');
  });
});

