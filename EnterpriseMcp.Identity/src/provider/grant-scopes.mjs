import { openIdScopes } from './openid-scopes.mjs';

/**
 * Records an authorization request in a grant. Per resource, the requested scopes the user does not hold are
 * rejected (no prompt asks about what cannot be granted); with `grantHeld` (the user approved, or the client is
 * first-party) the requested scopes the user holds are added. Resource scope names are also provider scopes (so
 * clients may register them) but never OpenID scopes of the ID token, so they are rejected as such.
 *
 * @param resourceScopes indicator (as requested) → the scopes that resource accepts
 */
export function recordRequest(grant, { realm, accountId, requested, resourceScopes, grantHeld }) {
  const user = realm.findUser(accountId);
  const held = user ? realm.scopesOfUser(user) : new Set();

  const requestedOpenId = requested.filter((scope) => openIdScopes.includes(scope));
  if (grantHeld && requestedOpenId.length) grant.addOIDCScope(requestedOpenId.join(' '));
  const requestedResourceScopes = requested.filter((scope) => realm.scopeNames.includes(scope));
  if (requestedResourceScopes.length) grant.rejectOIDCScope(requestedResourceScopes.join(' '));

  for (const [indicator, accepted] of resourceScopes) {
    const forResource = requested.filter((scope) => accepted.has(scope));
    const granted = forResource.filter((scope) => held.has(scope));
    const refused = forResource.filter((scope) => !held.has(scope));
    if (grantHeld && granted.length) grant.addResourceScope(indicator, granted.join(' '));
    if (refused.length) grant.rejectResourceScope(indicator, refused.join(' '));
  }
}

/** The scopes a request would be granted for its resource: asked ∩ held ∩ accepted. */
export function grantableScopes({ realm, accountId, requested, accepted }) {
  const user = realm.findUser(accountId);
  const held = user ? realm.scopesOfUser(user) : new Set();
  return requested.filter((scope) => accepted.has(scope) && held.has(scope));
}
