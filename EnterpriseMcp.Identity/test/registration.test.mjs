import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { createDataFolder, identityServerForSuite, removeDataFolder, startIdentityServer } from '../test-support/identity-server.mjs';
import { pkcePair, registerPublicClient, tokenRequest } from '../test-support/oauth.mjs';

describe('open registration', () => {
  const server = identityServerForSuite({ moreArguments: ['--allowed-redirect-host', 'tools.example.test'] });

  for (const redirect of ['http://evil.example/cb', 'https://evil.example/cb', 'http://127.0.0.1.evil.example/cb', 'http://tools.example.test/cb']) {
    test(`a redirect URI off this machine (${redirect}) is refused with invalid_redirect_uri`, async () => {
      const { status, body } = await registerPublicClient(server.url, { redirect_uris: ['http://127.0.0.1:33418/callback', redirect] });
      assert.equal(status, 400, JSON.stringify(body));
      assert.equal(body.error, 'invalid_redirect_uri');
      assert.match(body.error_description, /loopback/);
    });
  }

  for (const redirect of ['http://127.0.0.1:33418/callback', 'http://[::1]:6274/cb', 'http://localhost/oauth/callback']) {
    test(`a loopback redirect URI (${redirect}) registers`, async () => {
      const { status, body } = await registerPublicClient(server.url, { redirect_uris: [redirect] });
      assert.equal(status, 201, JSON.stringify(body));
    });
  }

  test('a native app registers a private-use URI scheme (RFC 8252)', async () => {
    const { status, body } = await registerPublicClient(server.url, { application_type: 'native', redirect_uris: ['com.example.app:/oauth/cb'] });
    assert.equal(status, 201, JSON.stringify(body));
  });

  test('a host the administrator allows registers over https', async () => {
    const { status, body } = await registerPublicClient(server.url, { redirect_uris: ['https://tools.example.test/cb'] });
    assert.equal(status, 201, JSON.stringify(body));
  });

  test('a client-credentials client is refused with invalid_client_metadata', async () => {
    const { status, body } = await registerPublicClient(server.url, {
      grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic',
    });
    assert.equal(status, 400, JSON.stringify(body));
    assert.equal(body.error, 'invalid_client_metadata');
    assert.equal(body.client_secret, undefined);
  });

  test('an authorization-code client asking for a secret (as the C# SDK does) or leaving the method out is registered public, without one', async () => {
    for (const method of ['client_secret_basic', 'client_secret_post', undefined]) {
      const { status, body } = await registerPublicClient(server.url, { token_endpoint_auth_method: method });
      assert.equal(status, 201, JSON.stringify(body));
      assert.equal(body.token_endpoint_auth_method, 'none');
      assert.equal(body.client_secret, undefined);
    }
  });

  test('a client asking for client credentials next to authorization code is refused', async () => {
    const { status, body } = await registerPublicClient(server.url, {
      grant_types: ['authorization_code', 'client_credentials'], token_endpoint_auth_method: 'client_secret_basic',
    });
    assert.equal(status, 400, JSON.stringify(body));
    assert.equal(body.error, 'invalid_client_metadata');
  });

  test('a registration asking for a grant beyond authorization_code and refresh_token is refused', async () => {
    const { status, body } = await registerPublicClient(server.url, { grant_types: ['authorization_code', 'urn:ietf:params:oauth:grant-type:token-exchange'] });
    assert.equal(status, 400, JSON.stringify(body));
    assert.equal(body.error, 'invalid_client_metadata');
  });

  test('a registered client cannot use client credentials', async () => {
    const { body: client } = await registerPublicClient(server.url);
    const { status, body } = await tokenRequest(server.url, { grant_type: 'client_credentials', client_id: client.client_id });
    assert.equal(status, 400, JSON.stringify(body));
    assert.equal(body.error, 'unauthorized_client');
  });

  test('oversized metadata is refused', async () => {
    const manyRedirects = Array.from({ length: 50 }, (_, index) => `http://127.0.0.1:${20000 + index}/cb`);
    const tooMany = await registerPublicClient(server.url, { redirect_uris: manyRedirects });
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.error, 'invalid_client_metadata');
    const longName = await registerPublicClient(server.url, { client_name: 'x'.repeat(20000) });
    assert.equal(longName.status, 400);
    assert.equal(longName.body.error, 'invalid_client_metadata');
  });
});

test('a registration stored before the policy, redirecting off this machine, gets no code when used', async () => {
  const dataFolder = createDataFolder();
  writeFileSync(path.join(dataFolder, 'clients.json'), JSON.stringify({
    stale: {
      client_id: 'stale', client_id_issued_at: 1, redirect_uris: ['http://evil.example/cb'],
      grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none',
    },
  }));
  const server = await startIdentityServer({ dataFolder });
  try {
    const query = new URLSearchParams({
      client_id: 'stale', response_type: 'code', redirect_uri: 'http://evil.example/cb', scope: 'jira.read',
      code_challenge: pkcePair().challenge, code_challenge_method: 'S256',
    });
    const response = await fetch(`${server.url}/auth?${query}`, { redirect: 'manual' });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null);
  } finally {
    await server.stop();
    removeDataFolder(dataFolder);
  }
});
