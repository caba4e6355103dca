import { openIdScopes } from './openid-scopes.mjs';

/**
 * Consent without a consent page: the grant holds, per requested resource, the requested
 * scopes the user's roles allow; the others are recorded as rejected so no prompt asks again.
 */
export function automaticGrantLoader(realm) {
  return async function loadExistingGrant(ctx) {
    const { oidc } = ctx;
    const user = realm.findUser(oidc.account.accountId);
    const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
    const grant = (grantId && await oidc.provider.Grant.find(grantId))
      ?? new oidc.provider.Grant({ accountId: oidc.account.accountId, clientId: oidc.client.clientId });

    const requested = [...(oidc.requestParamScopes ?? [])];
    const held = user ? realm.scopesOfUser(user) : new Set();

    const requestedOpenId = requested.filter((scope) => openIdScopes.includes(scope));
    if (requestedOpenId.length) grant.addOIDCScope(requestedOpenId.join(' '));
    // Resource scopes are also in the provider's scope list (so clients may register them);
    // they are granted per resource below, never as OpenID scopes of the ID token.
    const requestedResourceScopes = requested.filter((scope) => realm.scopeNames.includes(scope));
    if (requestedResourceScopes.length) grant.rejectOIDCScope(requestedResourceScopes.join(' '));

    for (const [indicator, resourceServer] of Object.entries(oidc.resourceServers ?? {})) {
      const forResource = requested.filter((scope) => resourceServer.scopes.has(scope));
      const granted = forResource.filter((scope) => held.has(scope));
      const refused = forResource.filter((scope) => !held.has(scope));
      if (granted.length) grant.addResourceScope(indicator, granted.join(' '));
      if (refused.length) grant.rejectResourceScope(indicator, refused.join(' '));
    }

    await grant.save();
    return grant;
  };
}
