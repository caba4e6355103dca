/**
 * A realm import that lists client scopes replaces Keycloak's built-in ones, so the ones
 * the tokens rely on (sub, preferred_username, email, realm_access.roles, groups) are spelled out.
 */
export function openIdScopeMappers() {
  return [
    clientScope('basic', false, [
      mapper('sub', 'oidc-sub-mapper', { 'access.token.claim': 'true', 'introspection.token.claim': 'true' }),
      mapper('auth_time', 'oidc-usersessionmodel-note-mapper', {
        'user.session.note': 'AUTH_TIME', 'claim.name': 'auth_time', 'jsonType.label': 'long', 'id.token.claim': 'true', 'access.token.claim': 'true',
      }),
    ]),
    clientScope('profile', true, [
      mapper('username', 'oidc-usermodel-attribute-mapper', {
        'user.attribute': 'username', 'claim.name': 'preferred_username', 'jsonType.label': 'String', ...everywhere,
      }),
      mapper('full name', 'oidc-full-name-mapper', { 'id.token.claim': 'true', 'access.token.claim': 'true', 'userinfo.token.claim': 'true' }),
    ]),
    clientScope('email', true, [
      mapper('email', 'oidc-usermodel-attribute-mapper', { 'user.attribute': 'email', 'claim.name': 'email', 'jsonType.label': 'String', ...everywhere }),
      mapper('email verified', 'oidc-usermodel-property-mapper', { 'user.attribute': 'emailVerified', 'claim.name': 'email_verified', 'jsonType.label': 'boolean', ...everywhere }),
    ]),
    clientScope('roles', false, [
      mapper('realm roles', 'oidc-usermodel-realm-role-mapper', {
        'claim.name': 'realm_access.roles', 'jsonType.label': 'String', multivalued: 'true', 'access.token.claim': 'true', 'introspection.token.claim': 'true',
      }),
    ]),
    clientScope('groups', false, [
      mapper('groups', 'oidc-group-membership-mapper', { 'claim.name': 'groups', 'full.path': 'false', ...everywhere }),
    ]),
    clientScope('web-origins', false, [
      mapper('allowed web origins', 'oidc-allowed-origins-mapper', { 'access.token.claim': 'true', 'introspection.token.claim': 'true' }),
    ]),
  ];
}

const everywhere = {
  'id.token.claim': 'true', 'access.token.claim': 'true', 'userinfo.token.claim': 'true', 'introspection.token.claim': 'true',
};

function clientScope(name, onConsentScreen, protocolMappers) {
  return {
    name,
    protocol: 'openid-connect',
    attributes: { 'include.in.token.scope': String(onConsentScreen), 'display.on.consent.screen': String(onConsentScreen) },
    protocolMappers,
  };
}

function mapper(name, protocolMapper, config) {
  return { name, protocol: 'openid-connect', protocolMapper, consentRequired: false, config };
}
