import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identityServerForSuite } from '../test-support/identity-server.mjs';

const discoveryPaths = ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server'];
const tokenExchange = 'urn:ietf:params:oauth:grant-type:token-exchange';

describe('discovery and health', () => {
  const server = identityServerForSuite();

  test('GET /alive answers 200', async () => {
    const response = await fetch(`${server.url}/alive`);
    assert.equal(response.status, 200);
  });

  for (const path of discoveryPaths) {
    test(`${path} describes registration, S256 PKCE, token exchange and the scopes`, async () => {
      const response = await fetch(`${server.url}${path}`);
      assert.equal(response.status, 200);
      const metadata = await response.json();
      assert.equal(metadata.issuer, server.url);
      assert.equal(metadata.registration_endpoint, `${server.url}/reg`);
      assert.equal(metadata.token_endpoint, `${server.url}/token`);
      assert.equal(metadata.jwks_uri, `${server.url}/jwks`);
      assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);
      assert.ok(metadata.grant_types_supported.includes(tokenExchange));
      assert.ok(metadata.grant_types_supported.includes('client_credentials'));
      assert.ok(metadata.grant_types_supported.includes('refresh_token'));
      assert.ok(!metadata.grant_types_supported.includes('implicit'));
      for (const scope of ['openid', 'profile', 'offline_access', 'jira.read', 'jira.write', 'db.read', 'db.write']) {
        assert.ok(metadata.scopes_supported.includes(scope), scope);
      }
      assert.ok(metadata.introspection_endpoint);
      assert.ok(metadata.revocation_endpoint);
    });
  }

  test('both discovery documents say the same', async () => {
    const [openid, oauth] = await Promise.all(discoveryPaths.map(async (path) => (await fetch(`${server.url}${path}`)).json()));
    assert.deepEqual(oauth, openid);
  });

  test('the JWKS publishes public keys only', async () => {
    const { keys } = await (await fetch(`${server.url}/jwks`)).json();
    assert.equal(keys.length, 1);
    assert.equal(keys[0].kty, 'RSA');
    assert.equal(keys[0].alg, 'RS256');
    for (const privateMember of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(keys[0][privateMember], undefined);
  });

  test('a loopback browser origin may call discovery, registration, token and JWKS', async () => {
    const origin = 'http://localhost:6274';
    const discovery = await fetch(`${server.url}${discoveryPaths[1]}`, { headers: { origin } });
    assert.ok(discovery.headers.get('access-control-allow-origin'));
    const jwks = await fetch(`${server.url}/jwks`, { headers: { origin } });
    assert.ok(jwks.headers.get('access-control-allow-origin'));
    for (const path of ['/reg', '/token']) {
      const preflight = await fetch(`${server.url}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      assert.equal(preflight.status, 204, path);
      assert.equal(preflight.headers.get('access-control-allow-origin'), origin, path);
    }
  });
});
