import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identityServerForSuite, resourceUris } from '../test-support/identity-server.mjs';
import {
  authorize, pkcePair, redirectUri, registerPublicClient, tokenRequest, verifyAccessToken,
} from '../test-support/oauth.mjs';

describe('consent', () => {
  const server = identityServerForSuite();

  const register = async (metadata) => (await registerPublicClient(server.url, { client_name: 'Shiny MCP Client', ...metadata })).body.client_id;
  const signIn = (clientId, options) => authorize(server.url, {
    clientId, username: 'bob', password: 'bob-dev-password', codeChallenge: pkcePair().challenge, ...options,
  });
  const redeem = async (clientId, options) => {
    const { verifier, challenge } = pkcePair();
    const result = await signIn(clientId, { codeChallenge: challenge, ...options });
    const token = await tokenRequest(server.url, {
      grant_type: 'authorization_code', code: result.callback.get('code'), redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier,
    });
    return { ...result, token };
  };


  test('a client the user has not approved gets a consent page naming it, its redirect host and the scopes', async () => {
    const clientId = await register();
    const { page, status } = await signIn(clientId, { scope: 'jira.read db.write', resource: resourceUris.gateway, consent: 'stop' });
    assert.equal(status, 200);
    assert.match(page, /Shiny MCP Client/);
    assert.match(page, new RegExp(clientId));
    assert.match(page, /127\.0\.0\.1:33418/);
    assert.match(page, /jira\.read/);
    assert.match(page, /<button[^>]*name="decision"[^>]*value="approve"/);
    assert.match(page, /<button[^>]*name="decision"[^>]*value="deny"/);
  });

  test('deny sends access_denied back to the client and no code', async () => {
    const clientId = await register();
    const { callback, consentPages } = await signIn(clientId, { scope: 'jira.read', consent: 'deny' });
    assert.equal(consentPages.length, 1);
    assert.equal(callback.get('error'), 'access_denied');
    assert.equal(callback.get('code'), null);
  });

  test('approve sends a code whose token holds asked ∩ held ∩ accepted', async () => {
    const clientId = await register();
    const { consentPages, token } = await redeem(clientId, { scope: 'jira.read jira.write db.write', resource: resourceUris.gateway });
    assert.equal(consentPages.length, 1);
    assert.equal(token.status, 200, JSON.stringify(token.body));
    assert.equal(token.body.scope, 'jira.read jira.write');
    const { payload } = await verifyAccessToken(server.url, token.body.access_token);
    assert.equal(payload.sub, 'bob');
  });

  test('the approval is remembered for the user and client, also in a new browser session', async () => {
    const clientId = await register();
    await redeem(clientId, { scope: 'jira.read', resource: resourceUris.gateway });
    const again = await redeem(clientId, { scope: 'jira.read', resource: resourceUris.gateway });
    assert.equal(again.consentPages.length, 0);
    assert.equal(again.token.body.scope, 'jira.read');
  });

  test('a scope not approved before asks again', async () => {
    const clientId = await register();
    await redeem(clientId, { scope: 'jira.read', resource: resourceUris.gateway });
    const wider = await redeem(clientId, { scope: 'jira.read jira.write', resource: resourceUris.gateway });
    assert.equal(wider.consentPages.length, 1);
    assert.equal(wider.token.body.scope, 'jira.read jira.write');
  });

  test('another user of the same client is asked on their own', async () => {
    const clientId = await register();
    await redeem(clientId, { scope: 'jira.read' });
    const carol = await authorize(server.url, {
      clientId, username: 'carol', password: 'carol-dev-password', scope: 'jira.read', codeChallenge: pkcePair().challenge,
    });
    assert.equal(carol.consentPages.length, 1);
    assert.ok(carol.callback.get('code'));
  });

  test('prompt=none for a client not approved is consent_required', async () => {
    const clientId = await register();
    const { callback } = await signIn(clientId, { scope: 'jira.read', prompt: 'none' });
    assert.ok(['login_required', 'consent_required'].includes(callback.get('error')), callback.get('error'));
    assert.equal(callback.get('code'), null);
  });

  test('the consent page cannot be framed', async () => {
    const clientId = await register();
    const { challenge } = pkcePair();
    const query = new URLSearchParams({
      client_id: clientId, response_type: 'code', redirect_uri: redirectUri, scope: 'jira.read', code_challenge: challenge, code_challenge_method: 'S256',
    });
    const response = await fetch(`${server.url}/auth?${query}`, { redirect: 'follow' });
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  });
});
