import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SignJWT, decodeJwt, importJWK } from 'jose';
import { createDataFolder, removeDataFolder, resourceUris, startIdentityServer } from '../test-support/identity-server.mjs';
import {
  gatewayClient, registerPublicClient, reportingBot, tokenRequest, userTokens, verifyAccessToken,
} from '../test-support/oauth.mjs';

const tokenExchange = 'urn:ietf:params:oauth:grant-type:token-exchange';
const accessTokenType = 'urn:ietf:params:oauth:token-type:access_token';

describe('token exchange', () => {
  let server;
  let dataFolder;
  let bobGatewayToken;

  const exchange = (parameters, client = gatewayClient) => tokenRequest(server.url, {
    grant_type: tokenExchange,
    subject_token: bobGatewayToken,
    subject_token_type: accessTokenType,
    resource: resourceUris.jira,
    ...parameters,
  }, client);

  /** A token signed with the server's own key, as only a stolen key or a bug could make one. */
  const signWithServerKey = async (claims) => {
    const { keys: [privateJwk] } = JSON.parse(readFileSync(path.join(dataFolder, 'jwks.json'), 'utf8'));
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt', kid: privateJwk.kid })
      .sign(await importJWK(privateJwk, 'RS256'));
  };

  before(async () => {
    dataFolder = createDataFolder();
    server = await startIdentityServer({ dataFolder });
    const clientId = (await registerPublicClient(server.url)).body.client_id;
    const { body } = await userTokens(server.url, {
      clientId, username: 'bob', password: 'bob-dev-password', scope: 'jira.read jira.write db.read db.write', resource: resourceUris.gateway,
    });
    bobGatewayToken = body.access_token;
  });
  after(async () => {
    await server?.stop();
    removeDataFolder(dataFolder);
  });

  test('the gateway exchanges bob\'s gateway token for a jira token acting for him', async () => {
    const { status, body } = await exchange({});
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.issued_token_type, accessTokenType);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.scope, 'jira.read jira.write');
    assert.ok(body.expires_in > 0 && body.expires_in <= 600);

    const { payload, header } = await verifyAccessToken(server.url, body.access_token);
    const subject = decodeJwt(bobGatewayToken);
    assert.equal(header.typ, 'at+jwt');
    assert.equal(payload.sub, 'bob');
    assert.deepEqual(payload.act, { sub: 'mcp-gateway' });
    assert.equal(payload.aud, resourceUris.jira);
    assert.equal(payload.client_id, 'mcp-gateway');
    assert.equal(payload.scope, 'jira.read jira.write');
    assert.equal(payload.preferred_username, 'bob');
    assert.deepEqual(payload.groups, ['engineering']);
    assert.deepEqual(payload.realm_access, { roles: ['developer'] });
    assert.ok(payload.exp <= subject.exp);
  });

  test('a narrower scope may be asked for', async () => {
    const { body } = await exchange({ scope: 'jira.read' });
    assert.equal(body.scope, 'jira.read');
  });

  test('the target may be named by audience instead of resource', async () => {
    const { status, body } = await exchange({ resource: undefined, audience: 'db' });
    assert.equal(status, 200, JSON.stringify(body));
    const { payload } = await verifyAccessToken(server.url, body.access_token);
    assert.equal(payload.aud, resourceUris.db);
    assert.equal(payload.scope, 'db.read');
  });

  test('a client without the token-exchange grant is refused with unauthorized_client', async () => {
    const { status, body } = await exchange({}, reportingBot);
    assert.equal(status, 400);
    assert.equal(body.error, 'unauthorized_client');
  });

  test('a tampered subject token is refused with invalid_grant', async () => {
    const [header, payload, signature] = bobGatewayToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url'));
    claims.sub = 'alice';
    const tampered = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    const { status, body } = await exchange({ subject_token: tampered });
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_grant');
  });

  test('an expired subject token is refused with invalid_grant', async () => {
    const claims = { ...decodeJwt(bobGatewayToken), iat: 1_000_000, exp: 1_000_600 };
    const { status, body } = await exchange({ subject_token: await signWithServerKey(claims) });
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_grant');
  });

  test('a subject token for jira rather than the gateway is refused with invalid_grant', async () => {
    const jiraToken = (await exchange({})).body.access_token;
    const { status, body } = await exchange({ subject_token: jiraToken, resource: resourceUris.db });
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_grant');
  });

  test('asking for a scope the subject token lacks is refused with invalid_scope', async () => {
    const { body: carolish } = await exchange({ scope: 'jira.read' });
    assert.equal(carolish.scope, 'jira.read');
    const bobDb = await exchange({ resource: resourceUris.db, scope: 'db.write' });
    assert.equal(bobDb.status, 400);
    assert.equal(bobDb.body.error, 'invalid_scope');
  });

  test('an unknown target is refused with invalid_target', async () => {
    const { status, body } = await exchange({ resource: 'http://127.0.0.1:1/unknown' });
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_target');
  });

  test('a missing subject token is refused with invalid_request', async () => {
    const { status, body } = await exchange({ subject_token: '' });
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_request');
  });
});
