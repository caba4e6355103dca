import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { identityServerForSuite, resourceUris } from '../test-support/identity-server.mjs';
import {
  authorize, gatewayClient, pkcePair, registerPublicClient, reportingBot, tokenRequest, userTokens, verifyAccessToken,
} from '../test-support/oauth.mjs';

const tokenExchange = 'urn:ietf:params:oauth:grant-type:token-exchange';
const accessTokenType = 'urn:ietf:params:oauth:token-type:access_token';

describe('which clients may obtain tokens for which resource', () => {
  const server = identityServerForSuite();
  let clientId;

  before(async () => {
    clientId = (await registerPublicClient(server.url)).body.client_id;
  });

  for (const name of ['db', 'jira']) {
    test(`reporting-bot's client credentials for ${name} are refused with invalid_target`, async () => {
      const { status, body } = await tokenRequest(server.url, { grant_type: 'client_credentials', resource: resourceUris[name] }, reportingBot);
      assert.equal(status, 400, JSON.stringify(body));
      assert.equal(body.error, 'invalid_target');
    });
  }

  test('reporting-bot still gets a token for the gateway', async () => {
    const { status, body } = await tokenRequest(server.url, { grant_type: 'client_credentials', resource: resourceUris.gateway }, reportingBot);
    assert.equal(status, 200, JSON.stringify(body));
  });

  test('a registered client asking for jira at the authorization endpoint gets invalid_target', async () => {
    const { callback } = await authorize(server.url, {
      clientId, username: 'bob', password: 'bob-dev-password', scope: 'jira.read', resource: resourceUris.jira, codeChallenge: pkcePair().challenge,
    });
    assert.equal(callback.get('error'), 'invalid_target');
    assert.equal(callback.get('code'), null);
  });

  test('a registered client redeeming or refreshing for jira gets invalid_target', async () => {
    const { body } = await userTokens(server.url, {
      clientId, username: 'bob', password: 'bob-dev-password', scope: 'jira.read', resource: resourceUris.gateway,
    });
    const refreshed = await tokenRequest(server.url, {
      grant_type: 'refresh_token', refresh_token: body.refresh_token, client_id: clientId, resource: resourceUris.jira,
    });
    assert.equal(refreshed.status, 400, JSON.stringify(refreshed.body));
    assert.equal(refreshed.body.error, 'invalid_target');
  });

  test('the gateway gets a jira token by token exchange, and it names the gateway as client and actor', async () => {
    const { body: user } = await userTokens(server.url, {
      clientId, username: 'bob', password: 'bob-dev-password', scope: 'jira.read', resource: resourceUris.gateway,
    });
    const { status, body } = await tokenRequest(server.url, {
      grant_type: tokenExchange, subject_token: user.access_token, subject_token_type: accessTokenType, resource: resourceUris.jira,
    }, gatewayClient);
    assert.equal(status, 200, JSON.stringify(body));
    const { payload } = await verifyAccessToken(server.url, body.access_token);
    assert.equal(payload.client_id, 'mcp-gateway');
    assert.deepEqual(payload.act, { sub: 'mcp-gateway' });
  });

  test('the gateway may not exchange into a resource that does not list it, the gateway resource itself', async () => {
    const { body: user } = await userTokens(server.url, {
      clientId, username: 'bob', password: 'bob-dev-password', scope: 'jira.read', resource: resourceUris.gateway,
    });
    const { status, body } = await tokenRequest(server.url, {
      grant_type: tokenExchange, subject_token: user.access_token, subject_token_type: accessTokenType, resource: resourceUris.gateway,
    }, gatewayClient);
    assert.equal(status, 400, JSON.stringify(body));
    assert.equal(body.error, 'invalid_target');
  });
});
