import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { identityServerForSuite, resourceUris } from '../test-support/identity-server.mjs';
import {
  authorize, pkcePair, redirectUri, registerPublicClient, tokenRequest, userTokens, verifyAccessToken,
} from '../test-support/oauth.mjs';

const allFour = 'jira.read jira.write db.read db.write';

describe('authorization code with PKCE', () => {
  const server = identityServerForSuite();
  let clientId;

  before(async () => {
    clientId = (await registerPublicClient(server.url)).body.client_id;
  });

  test('a public client registers like the MCP SDK does, with a loopback redirect and no secret', async () => {
    const { status, body } = await registerPublicClient(server.url, { scope: allFour });
    assert.equal(status, 201);
    assert.ok(body.client_id);
    assert.equal(body.client_secret, undefined);
    assert.equal(body.token_endpoint_auth_method, 'none');
    assert.deepEqual(body.redirect_uris, [redirectUri]);
    assert.deepEqual(body.grant_types, ['authorization_code', 'refresh_token']);
  });

  test('a localhost redirect registers as well', async () => {
    const { status } = await registerPublicClient(server.url, { redirect_uris: ['http://localhost:6274/oauth/callback'] });
    assert.equal(status, 201);
  });

  test('bob signs in and gets a JWT for the gateway with the scopes his developer role holds', async () => {
    const { status, body } = await userTokens(server.url, {
      clientId, username: 'bob', password: 'bob-dev-password', scope: allFour, resource: resourceUris.gateway,
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.scope, 'jira.read jira.write db.read');
    const { payload, header } = await verifyAccessToken(server.url, body.access_token);
    assert.equal(header.typ, 'at+jwt');
    assert.equal(header.alg, 'RS256');
    assert.ok(header.kid);
    assert.equal(payload.aud, resourceUris.gateway);
    assert.equal(payload.sub, 'bob');
    assert.equal(payload.client_id, clientId);
    assert.equal(payload.scope, 'jira.read jira.write db.read');
    assert.equal(payload.preferred_username, 'bob');
    assert.deepEqual(payload.groups, ['engineering']);
    assert.deepEqual(payload.realm_access, { roles: ['developer'] });
    assert.equal(payload.exp - payload.iat, 600);
    assert.ok(payload.jti);
  });

  test('a native client and an explicit prompt=consent are shown the consent page even once approved', async () => {
    const { body: registered } = await registerPublicClient(server.url, { application_type: 'native' });
    const login = { clientId: registered.client_id, username: 'alice', password: 'alice-dev-password', scope: 'offline_access db.write', resource: resourceUris.gateway };
    const first = await authorize(server.url, { ...login, codeChallenge: pkcePair().challenge });
    const second = await authorize(server.url, { ...login, prompt: 'consent', codeChallenge: pkcePair().challenge });
    assert.equal(first.consentPages.length, 1);
    assert.equal(second.consentPages.length, 1);
    const { status, body } = await userTokens(server.url, { ...login, prompt: 'consent' });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.scope, 'db.write');
    assert.ok(body.refresh_token);
  });

  test('carol asking for jira.read and jira.write gets only jira.read', async () => {
    const { body } = await userTokens(server.url, {
      clientId, username: 'carol', password: 'carol-dev-password', scope: 'jira.read jira.write', resource: resourceUris.gateway,
    });
    assert.equal(body.scope, 'jira.read');
    const { payload } = await verifyAccessToken(server.url, body.access_token);
    assert.equal(payload.scope, 'jira.read');
    assert.equal(payload.sub, 'carol');
  });

  test('a request naming no resource gets a token for the default resource, the gateway', async () => {
    const { body } = await userTokens(server.url, {
      clientId, username: 'alice', password: 'alice-dev-password', scope: `openid ${allFour}`,
    });
    const { payload } = await verifyAccessToken(server.url, body.access_token);
    assert.equal(payload.aud, resourceUris.gateway);
    assert.equal(payload.scope, allFour);
    assert.ok(body.id_token);
  });

  test('a resource with a trailing slash is the same resource', async () => {
    const { body } = await userTokens(server.url, {
      clientId, username: 'bob', password: 'bob-dev-password', scope: 'jira.read', resource: `${resourceUris.gateway}/`,
    });
    const { payload } = await verifyAccessToken(server.url, body.access_token);
    assert.equal(payload.aud, resourceUris.gateway);
  });

  test('a wrong password re-renders the form without saying which part was wrong', async () => {
    const { challenge } = pkcePair();
    const result = await authorize(server.url, {
      clientId, username: 'bob', password: 'not-his-password', scope: 'jira.read', resource: resourceUris.gateway, codeChallenge: challenge,
    });
    assert.equal(result.callback, undefined);
    assert.equal(result.status, 401);
    assert.match(result.page, /Invalid username or password\./);
    assert.match(result.page, /<input id="password" name="password" type="password"/);
    assert.match(result.page, /<button type="submit">Sign in<\/button>/);
  });

  test('an unknown user gets the same answer as a wrong password', async () => {
    const { challenge } = pkcePair();
    const result = await authorize(server.url, {
      clientId, username: 'mallory', password: 'bob-dev-password', scope: 'jira.read', codeChallenge: challenge,
    });
    assert.equal(result.status, 401);
    assert.match(result.page, /Invalid username or password\./);
  });

  test('a request without PKCE is refused', async () => {
    const { callback } = await authorize(server.url, { clientId, scope: 'jira.read' });
    assert.equal(callback.get('error'), 'invalid_request');
    assert.equal(callback.get('code'), null);
  });

  test('a plain PKCE challenge is refused', async () => {
    const { verifier } = pkcePair();
    const { callback } = await authorize(server.url, { clientId, scope: 'jira.read', codeChallenge: verifier, codeChallengeMethod: 'plain' });
    assert.equal(callback.get('error'), 'invalid_request');
    assert.equal(callback.get('code'), null);
  });

  test('a wrong code_verifier is refused at the token endpoint', async () => {
    const { challenge } = pkcePair();
    const { callback } = await authorize(server.url, {
      clientId, username: 'bob', password: 'bob-dev-password', scope: 'jira.read', codeChallenge: challenge,
    });
    const { status, body } = await tokenRequest(server.url, {
      grant_type: 'authorization_code', code: callback.get('code'), redirect_uri: redirectUri, client_id: clientId, code_verifier: pkcePair().verifier,
    });
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_grant');
  });

  test('an unknown resource is refused with invalid_target', async () => {
    const { challenge } = pkcePair();
    const { callback } = await authorize(server.url, {
      clientId, scope: 'jira.read', resource: 'http://127.0.0.1:1/unknown', codeChallenge: challenge,
    });
    assert.equal(callback.get('error'), 'invalid_target');
  });

  test('a refresh token is rotated on use and the used one is refused afterwards', async () => {
    const first = await userTokens(server.url, {
      clientId, username: 'bob', password: 'bob-dev-password', scope: 'jira.read db.read', resource: resourceUris.gateway,
    });
    assert.ok(first.body.refresh_token);

    const second = await tokenRequest(server.url, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token, client_id: clientId });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.ok(second.body.refresh_token);
    assert.notEqual(second.body.refresh_token, first.body.refresh_token);
    const { payload } = await verifyAccessToken(server.url, second.body.access_token);
    assert.equal(payload.aud, resourceUris.gateway);
    assert.equal(payload.scope, 'jira.read db.read');

    const replay = await tokenRequest(server.url, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token, client_id: clientId });
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
  });

  test('introspection reports a refresh token active until it is revoked', async () => {
    const { body } = await userTokens(server.url, {
      clientId, username: 'bob', password: 'bob-dev-password', scope: 'jira.read', resource: resourceUris.gateway,
    });
    const post = (path) => fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: body.refresh_token, client_id: clientId }),
    });
    const before = await (await post('/token/introspection')).json();
    assert.equal(before.active, true);
    assert.equal(before.sub, 'bob');
    assert.equal((await post('/token/revocation')).status, 200);
    assert.equal((await (await post('/token/introspection')).json()).active, false);
  });
});
