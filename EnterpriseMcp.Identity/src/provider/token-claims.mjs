/**
 * Claims added to every access token, in Keycloak's shape (preferred_username, groups,
 * realm_access.roles) so the gateway reads this server's tokens and Keycloak's alike.
 */
export function tokenClaims(realm) {
  return async function extraTokenClaims(_ctx, token) {
    // Token exchange sets its claims (carried over from the subject token, plus act) itself.
    if (token.extra) return token.extra;

    if (token.kind === 'ClientCredentials') {
      const client = realm.findClient(token.clientId);
      return { realm_access: { roles: [...(client?.roles ?? [])] } };
    }

    const user = token.accountId && realm.findUser(token.accountId);
    if (!user) return undefined;
    return {
      preferred_username: user.username,
      groups: [...user.groups],
      realm_access: { roles: [...user.roles] },
    };
  };
}
