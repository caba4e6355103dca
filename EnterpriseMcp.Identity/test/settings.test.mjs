import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  createDataFolder, removeDataFolder, runServerCommand, serverScript, startIdentityServer,
} from '../test-support/identity-server.mjs';
import { reportingBot, tokenRequest, verifyAccessToken } from '../test-support/oauth.mjs';

const identityFile = path.join(path.dirname(serverScript), 'identity.json');

describe('settings', () => {
  let dataFolder;

  before(() => { dataFolder = createDataFolder(); });
  after(() => removeDataFolder(dataFolder));

  const refused = async (args, env = {}) => {
    const { code, stderr } = await runServerCommand(args, env);
    const lines = stderr.split('\n').filter((line) => line && !line.includes('oidc-provider WARNING'));
    assert.equal(code, 2, stderr);
    assert.equal(lines.length, 1, stderr);
    return lines[0];
  };

  test('a bad port is refused naming --port', async () => {
    assert.match(await refused(['--port', 'eighty', '--data', dataFolder]), /--port/);
  });

  test('a bad port from the environment names IDENTITY_PORT', async () => {
    assert.match(await refused(['--data', dataFolder], { IDENTITY_PORT: '99999' }), /IDENTITY_PORT/);
  });

  test('an unknown option is refused naming it', async () => {
    assert.match(await refused(['--colour', 'blue']), /--colour/);
  });

  test('an override for a resource the file does not name is refused', async () => {
    assert.match(await refused(['--port', '0', '--data', dataFolder, '--resource', 'mail=http://127.0.0.1:1/mcp']), /mail/);
  });

  test('an identity file with an unknown role is refused naming the key', async () => {
    const config = JSON.parse((await import('node:fs')).readFileSync(identityFile, 'utf8'));
    config.users[0].roles = ['superuser'];
    const file = path.join(dataFolder, 'broken-identity.json');
    writeFileSync(file, JSON.stringify(config));
    assert.match(await refused(['--port', '0', '--data', dataFolder, '--config', file]), /users\[0\]\.roles names unknown role "superuser"/);
  });

  test('resources without the clients that may obtain them, or naming unknown ones, are refused with every problem listed', async () => {
    const config = JSON.parse((await import('node:fs')).readFileSync(identityFile, 'utf8'));
    delete config.resources.jira.clients;
    config.resources.db.clients = ['mcp-gateway', 'mallory-bot'];
    config.registration = { allowedRedirectHosts: ['https://tools.example.test'], maxClients: 0 };
    const file = path.join(dataFolder, 'resource-clients-identity.json');
    writeFileSync(file, JSON.stringify(config));
    const line = await refused(['--port', '0', '--data', dataFolder, '--config', file]);
    assert.match(line, /resources\.jira\.clients must list the clients that may obtain tokens for it/);
    assert.match(line, /resources\.db\.clients names unknown client "mallory-bot"/);
    assert.match(line, /registration\.allowedRedirectHosts "https:\/\/tools\.example\.test" is not a host name/);
    assert.match(line, /registration\.maxClients must be a positive whole number/);
  });

  test('an allowed redirect host that is not a host name is refused naming the setting', async () => {
    assert.match(await refused(['--port', '0', '--data', dataFolder, '--allowed-redirect-host', 'https://x.test/']), /--allowed-redirect-host/);
    assert.match(await refused(['--port', '0', '--data', dataFolder], { IDENTITY_ALLOWED_REDIRECT_HOSTS: 'ok.test,bad host' }), /IDENTITY_ALLOWED_REDIRECT_HOSTS/);
  });

  test('the environment sets port, data folder and resource URIs, and SIGTERM exits cleanly', async () => {
    const server = await startIdentityServer({
      extraArguments: [],
      env: { IDENTITY_PORT: '0', IDENTITY_DATA: dataFolder, IDENTITY_RESOURCE_GATEWAY: 'http://127.0.0.1:45678/mcp' },
    });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const { body } = await tokenRequest(server.url, { grant_type: 'client_credentials', resource: 'http://127.0.0.1:45678/mcp' }, reportingBot);
      const { payload } = await verifyAccessToken(server.url, body.access_token);
      assert.equal(payload.aud, 'http://127.0.0.1:45678/mcp');
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });

  test('IDENTITY_CLIENT_SECRET_<CLIENT> replaces that client\'s secret, and the file\'s secret no longer works', async () => {
    const secret = 'generated-secret-0123456789';
    const server = await startIdentityServer({
      extraArguments: ['--port', '0', '--data', dataFolder],
      env: { IDENTITY_CLIENT_SECRET_REPORTING_BOT: secret },
    });
    try {
      const form = { grant_type: 'client_credentials', resource: 'http://127.0.0.1:5200/mcp' };
      const generated = await tokenRequest(server.url, form, { ...reportingBot, secret });
      assert.equal(generated.status, 200, JSON.stringify(generated.body));
      const documented = await tokenRequest(server.url, form, reportingBot);
      assert.equal(documented.status, 401);
    } finally {
      await server.stop();
    }
  });

  test('a secret for a client the file does not name, or a short one, is refused naming the variable', async () => {
    assert.match(await refused(['--port', '0', '--data', dataFolder], { IDENTITY_CLIENT_SECRET_MAILER: 'x'.repeat(20) }), /IDENTITY_CLIENT_SECRET_MAILER/);
    assert.match(await refused(['--port', '0', '--data', dataFolder], { IDENTITY_CLIENT_SECRET_MCP_GATEWAY: 'short' }), /IDENTITY_CLIENT_SECRET_MCP_GATEWAY/);
  });

  test('--issuer sets the issuer while the printed URL stays the listening one', async () => {
    const server = await startIdentityServer({
      extraArguments: ['--port', '0', '--data', dataFolder, '--issuer', 'http://identity.test:8080'],
    });
    try {
      const metadata = await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json();
      assert.equal(metadata.issuer, 'http://identity.test:8080');
    } finally {
      await server.stop();
    }
  });
});
