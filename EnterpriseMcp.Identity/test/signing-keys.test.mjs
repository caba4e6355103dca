import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  createDataFolder, removeDataFolder, resourceUris, runServerCommand, startIdentityServer,
} from '../test-support/identity-server.mjs';
import {
  registerPublicClient, reportingBot, tokenKid, tokenRequest, userTokens, verifyAccessToken,
} from '../test-support/oauth.mjs';

// A fixed issuer, as a deployment on a fixed port has: port 0 gives each restart another URL.
const issuer = 'http://identity.test';
const start = (dataFolder) => startIdentityServer({
  extraArguments: ['--port', '0', '--data', dataFolder, '--issuer', issuer, '--resource', `gateway=${resourceUris.gateway}`],
});

const publishedKids = async (server) => (await (await fetch(`${server.url}/jwks`)).json()).keys.map((key) => key.kid);
const botToken = async (server) => (await tokenRequest(server.url, { grant_type: 'client_credentials' }, reportingBot)).body.access_token;

describe('signing keys and registrations across restarts', () => {
  let dataFolder;
  let server;
  let firstKid;
  let firstToken;
  let registeredClientId;

  before(async () => {
    dataFolder = createDataFolder();
    server = await start(dataFolder);
    [firstKid] = await publishedKids(server);
    firstToken = await botToken(server);
    registeredClientId = (await registerPublicClient(server.url)).body.client_id;
    await server.stop();
    server = undefined;
  });
  after(async () => {
    await server?.stop();
    removeDataFolder(dataFolder);
  });

  test('the key files are readable by their owner only', () => {
    for (const file of ['jwks.json', 'cookie-keys.json', 'clients.json']) {
      assert.equal(statSync(path.join(dataFolder, file)).mode & 0o777, 0o600, file);
    }
  });

  test('a restart keeps the signing key and the dynamic registrations', async () => {
    server = await start(dataFolder);
    assert.deepEqual(await publishedKids(server), [firstKid]);
    assert.equal(tokenKid(await botToken(server)), firstKid);
    const { status, body } = await userTokens(server.url, {
      clientId: registeredClientId, username: 'carol', password: 'carol-dev-password', scope: 'jira.read', resource: resourceUris.gateway,
    });
    assert.equal(status, 200, JSON.stringify(body));
    await server.stop();
    server = undefined;
  });

  test('rotate-keys publishes two keys and signs with the new one; old tokens still verify', async () => {
    const rotated = await runServerCommand(['rotate-keys', '--data', dataFolder]);
    assert.equal(rotated.code, 0, rotated.stderr);
    server = await start(dataFolder);
    const kids = await publishedKids(server);
    assert.equal(kids.length, 2);
    assert.equal(kids[1], firstKid);
    assert.notEqual(kids[0], firstKid);
    assert.equal(tokenKid(await botToken(server)), kids[0]);
    const { payload } = await verifyAccessToken(server.url, firstToken, issuer);
    assert.equal(payload.sub, 'reporting-bot');
    await server.stop();
    server = undefined;
  });

  test('retire-keys keeps only the newest key', async () => {
    const retired = await runServerCommand(['retire-keys', '--data', dataFolder]);
    assert.equal(retired.code, 0, retired.stderr);
    server = await start(dataFolder);
    const kids = await publishedKids(server);
    assert.equal(kids.length, 1);
    assert.notEqual(kids[0], firstKid);
    await assert.rejects(verifyAccessToken(server.url, firstToken, issuer));
  });
});
