import { recordRequest } from './grant-scopes.mjs';

/**
 * oidc-provider's loadExistingGrant. A client configured in the identity file is first-party: its grant holds the
 * requested scopes the user holds without asking. A registered client gets a grant only once the user approved it on
 * the consent page (remembered per user and client, across sessions); until then this returns nothing, the grant
 * oidc-provider starts is empty and its consent prompt asks.
 */
export function grantLoader(realm, approvals) {
  return async function loadExistingGrant(ctx) {
    const { oidc } = ctx;
    const { accountId } = oidc.account;
    const { clientId } = oidc.client;
    const firstParty = realm.isConfiguredClient(clientId);
    const grantId = oidc.result?.consent?.grantId
      ?? oidc.session.grantIdFor(clientId)
      ?? await approvals.grantIdFor(accountId, clientId);
    let grant = grantId && await oidc.provider.Grant.find(grantId);
    if (!grant && !firstParty) return undefined;
    grant ??= new oidc.provider.Grant({ accountId, clientId });

    recordRequest(grant, {
      realm,
      accountId,
      requested: [...(oidc.requestParamScopes ?? [])],
      resourceScopes: Object.entries(oidc.resourceServers ?? {}).map(([indicator, server]) => [indicator, server.scopes]),
      grantHeld: firstParty,
    });
    await grant.save();
    return grant;
  };
}
