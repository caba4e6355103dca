import { registeredClients } from '../config/validate-identity-config.mjs';
import { openIdScopeMappers } from './openid-client-scopes.mjs';

const builtInScopes = ['basic', 'profile', 'email', 'roles', 'groups', 'web-origins'];
const registeredAudienceScope = 'registered-client-audience';

/**
 * The same realm as identity.json, as a Keycloak realm import, so the gateway can be tested
 * against a real Keycloak with the same users, roles, scopes and clients.
 */
export function buildKeycloakRealm(config) {
  const resources = Object.values(config.resources);
  const scopeNames = Object.keys(config.scopes);
  const rolesGranting = (scope) => Object.entries(config.roles).filter(([, scopes]) => scopes.includes(scope)).map(([role]) => role);
  const groupNames = [...new Set(config.users.flatMap((user) => user.groups))];

  return {
    realm: config.realm,
    enabled: true,
    accessTokenLifespan: config.accessTokenTtlSeconds,
    roles: {
      realm: Object.entries(config.roles).map(([role, scopes]) => ({ name: role, description: `Grants ${scopes.join(' ')}` })),
    },
    groups: groupNames.map((name) => ({ name, path: `/${name}` })),
    users: [
      ...config.users.map((user) => humanUser(user)),
      ...config.clients.map((client) => serviceAccountUser(client, config.roles)),
    ],
    clientScopes: [
      ...openIdScopeMappers(),
      ...scopeNames.map((scope) => resourceClientScope(scope, config.scopes[scope])),
      registeredAudience(resources.filter((resource) => resource.clients.includes(registeredClients))),
    ],
    // Keycloak puts a client scope that has role scope mappings into a token only when the
    // subject holds one of those roles: the same "scopes limited to what the subject holds".
    scopeMappings: scopeNames.map((scope) => ({ clientScope: scope, roles: rolesGranting(scope) })),
    // Clients registered in Keycloak get the default default scopes: the audiences open to registered clients.
    defaultDefaultClientScopes: [...builtInScopes, registeredAudienceScope],
    defaultOptionalClientScopes: scopeNames,
    clients: config.clients.map((client) => confidentialClient(client, scopeNames, resources.filter((resource) => resource.clients.includes(client.clientId)))),
  };
}

function humanUser(user) {
  const [firstName, ...rest] = user.name.split(' ');
  return {
    username: user.username,
    enabled: true,
    email: user.email,
    emailVerified: true,
    firstName,
    lastName: rest.join(' '),
    credentials: [{ type: 'password', value: user.password, temporary: false }],
    realmRoles: [...user.roles],
    groups: user.groups.map((group) => `/${group}`),
  };
}

/** Keycloak limits scopes by roles only, so a client holding scopes directly gets the roles that cover them. */
function serviceAccountUser(client, roles) {
  return {
    username: `service-account-${client.clientId}`,
    enabled: true,
    serviceAccountClientId: client.clientId,
    realmRoles: [...new Set([...(client.roles ?? []), ...rolesCovering(client.scopes ?? [], roles)])],
  };
}

function rolesCovering(scopes, roles) {
  const chosen = [];
  const uncovered = new Set(scopes);
  const candidates = Object.entries(roles)
    .filter(([, granted]) => granted.every((scope) => scopes.includes(scope)))
    .sort(([, a], [, b]) => b.length - a.length);
  for (const [role, granted] of candidates) {
    if (granted.some((scope) => uncovered.has(scope))) {
      chosen.push(role);
      granted.forEach((scope) => uncovered.delete(scope));
    }
  }
  return chosen;
}

function resourceClientScope(scope, description) {
  return {
    name: scope,
    description,
    protocol: 'openid-connect',
    attributes: {
      'include.in.token.scope': 'true',
      'display.on.consent.screen': 'true',
      'consent.screen.text': description,
    },
  };
}

/**
 * Which audiences a token may name follows `resources.<name>.clients`: the resources open to every registered
 * client through one client scope, the others through audience mappers on the clients they list.
 */
function registeredAudience(resources) {
  return {
    name: registeredAudienceScope,
    description: 'Audiences of the resources any registered client may obtain tokens for',
    protocol: 'openid-connect',
    attributes: { 'include.in.token.scope': 'false', 'display.on.consent.screen': 'false' },
    protocolMappers: resources.map(audienceMapper),
  };
}

function audienceMapper(resource) {
  return {
    name: `audience ${resource.uri}`,
    protocol: 'openid-connect',
    protocolMapper: 'oidc-audience-mapper',
    consentRequired: false,
    config: {
      'included.custom.audience': resource.uri,
      'access.token.claim': 'true',
      'id.token.claim': 'false',
      'introspection.token.claim': 'true',
    },
  };
}

function confidentialClient(client, scopeNames, audiences) {
  const exchanges = client.grants.includes('urn:ietf:params:oauth:grant-type:token-exchange');
  return {
    clientId: client.clientId,
    name: client.clientId,
    enabled: true,
    protocol: 'openid-connect',
    publicClient: false,
    clientAuthenticatorType: 'client-secret',
    secret: client.secret,
    standardFlowEnabled: false,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: client.grants.includes('client_credentials'),
    fullScopeAllowed: true,
    attributes: {
      'standard.token.exchange.enabled': String(exchanges),
    },
    protocolMappers: audiences.map(audienceMapper),
    // Resource scopes are default scopes so a request naming none gets every scope the client holds.
    defaultClientScopes: [...builtInScopes, ...scopeNames],
    optionalClientScopes: [],
  };
}
