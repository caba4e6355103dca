import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadIdentityConfig } from '../src/config/load-identity-config.mjs';
import { realmFile, renderRealmFile } from '../src/keycloak/realm-file.mjs';
import { defaultConfigFile } from '../src/settings/parse-settings.mjs';

describe('Keycloak realm import', () => {
  const committed = readFileSync(realmFile, 'utf8');
  const realm = JSON.parse(committed);

  test('the committed realm file is what `npm run realm` writes from identity.json now', () => {
    assert.equal(committed, renderRealmFile(loadIdentityConfig(defaultConfigFile)));
  });

  test('users have non-temporary passwords, their realm roles and groups', () => {
    const bob = realm.users.find((user) => user.username === 'bob');
    assert.deepEqual(bob.credentials, [{ type: 'password', value: 'bob-dev-password', temporary: false }]);
    assert.deepEqual(bob.realmRoles, ['developer']);
    assert.deepEqual(bob.groups, ['/engineering']);
  });

  test('mcp-gateway may exchange tokens and reporting-bot acts with the reporting role', () => {
    const gateway = realm.clients.find((client) => client.clientId === 'mcp-gateway');
    assert.equal(gateway.attributes['standard.token.exchange.enabled'], 'true');
    assert.equal(gateway.serviceAccountsEnabled, true);
    const bot = realm.users.find((user) => user.serviceAccountClientId === 'reporting-bot');
    assert.deepEqual(bot.realmRoles, ['reporting']);
  });

  test('each resource scope is held only by the roles that grant it', () => {
    assert.deepEqual(realm.scopeMappings.find((mapping) => mapping.clientScope === 'db.write').roles, ['admin']);
  });

  test('only the clients a resource lists get its audience: registered clients the gateway, mcp-gateway jira and db', () => {
    const audiences = (mappers) => (mappers ?? []).map((mapper) => mapper.config['included.custom.audience']);
    assert.deepEqual(audiences(realm.clientScopes.find((scope) => scope.name === 'jira.read').protocolMappers), []);
    assert.deepEqual(audiences(realm.clientScopes.find((scope) => scope.name === 'registered-client-audience').protocolMappers), ['http://127.0.0.1:5200/mcp']);
    assert.ok(realm.defaultDefaultClientScopes.includes('registered-client-audience'));
    const client = (id) => realm.clients.find((candidate) => candidate.clientId === id);
    assert.deepEqual(audiences(client('mcp-gateway').protocolMappers), ['http://127.0.0.1:5202/mcp', 'http://127.0.0.1:5201/mcp']);
    assert.deepEqual(audiences(client('reporting-bot').protocolMappers), ['http://127.0.0.1:5200/mcp']);
    assert.ok(!client('mcp-gateway').defaultClientScopes.includes('registered-client-audience'));
  });

  test('tokens carry groups', () => {
    const groups = realm.clientScopes.find((scope) => scope.name === 'groups');
    assert.equal(groups.protocolMappers[0].protocolMapper, 'oidc-group-membership-mapper');
  });
});
