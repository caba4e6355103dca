import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { identityServerForSuite, resourceUris } from '../test-support/identity-server.mjs';
import { gatewayClient, reportingBot, tokenRequest, verifyAccessToken } from '../test-support/oauth.mjs';

describe('client credentials', () => {
  const server = identityServerForSuite();

  test('reporting-bot gets db.read for the resource it asked for, as itself', async () => {
    const { status, body } = await tokenRequest(server.url, { grant_type: 'client_credentials', scope: 'db.read', resource: resourceUris.gateway }, reportingBot);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.scope, 'db.read');
    assert.equal(body.token_type, 'Bearer');
    const { payload, header } = await verifyAccessToken(server.url, body.access_token);
    assert.equal(header.typ, 'at+jwt');
    assert.equal(payload.sub, 'reporting-bot');
    assert.equal(payload.client_id, 'reporting-bot');
    assert.equal(payload.aud, resourceUris.gateway);
    assert.equal(payload.scope, 'db.read');
    assert.deepEqual(payload.realm_access, { roles: ['reporting'] });
  });

  test('without scope= the token carries every scope the client holds for the resource', async () => {
    const { body } = await tokenRequest(server.url, { grant_type: 'client_credentials', resource: resourceUris.db }, gatewayClient);
    assert.equal(body.scope, 'db.read db.write');
    const { payload } = await verifyAccessToken(server.url, body.access_token);
    assert.equal(payload.scope, 'db.read db.write');
  });

  test('without resource= the token is for the default resource, the gateway', async () => {
    const { body } = await tokenRequest(server.url, { grant_type: 'client_credentials' }, reportingBot);
    const { payload } = await verifyAccessToken(server.url, body.access_token);
    assert.equal(payload.aud, resourceUris.gateway);
    assert.equal(payload.scope, 'db.read');
  });

  test('reporting-bot asking for jira.read is not refused but does not get it', async () => {
    const { status, body } = await tokenRequest(server.url, { grant_type: 'client_credentials', scope: 'jira.read db.read', resource: resourceUris.gateway }, reportingBot);
    assert.equal(status, 200);
    assert.equal(body.scope, 'db.read');
    const { payload } = await verifyAccessToken(server.url, body.access_token);
    assert.equal(payload.scope, 'db.read');
  });

  test('client_secret_post is accepted as well as client_secret_basic', async () => {
    const { status, body } = await tokenRequest(server.url, {
      grant_type: 'client_credentials', client_id: gatewayClient.id, client_secret: gatewayClient.secret, resource: resourceUris.jira,
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.scope, 'jira.read jira.write');
  });

  test('a wrong secret is refused', async () => {
    const { status, body } = await tokenRequest(server.url, { grant_type: 'client_credentials' }, { id: 'reporting-bot', secret: 'wrong-secret' });
    assert.equal(status, 401);
    assert.equal(body.error, 'invalid_client');
  });

  test('an unknown resource is refused with invalid_target', async () => {
    const { status, body } = await tokenRequest(server.url, { grant_type: 'client_credentials', resource: 'http://127.0.0.1:1/other' }, reportingBot);
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_target');
  });
});
