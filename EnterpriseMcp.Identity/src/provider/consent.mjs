import { MemoryAdapter } from '../storage/memory-adapter.mjs';
import { grantableScopes, recordRequest } from './grant-scopes.mjs';

/** Which grant a user's approval of a client made: so a new session (another browser, a new login) is not asked again. */
export class ClientApprovals {
  #store = new MemoryAdapter('ClientApproval');
  #ttlSeconds;

  constructor(ttlSeconds) {
    this.#ttlSeconds = ttlSeconds;
  }

  async grantIdFor(accountId, clientId) {
    return (await this.#store.find(key(accountId, clientId)))?.grantId;
  }

  async remember(accountId, clientId, grantId) {
    await this.#store.upsert(key(accountId, clientId), { grantId }, this.#ttlSeconds);
  }
}

const key = (accountId, clientId) => JSON.stringify([accountId, clientId]);

/** What the consent page shows for an interaction: per requested resource, the scopes the client would get. */
export function consentRequest(realm, details) {
  const accountId = details.session?.accountId;
  const requested = requestedScopes(details.params);
  return {
    accountId,
    clientId: details.params.client_id,
    redirectHost: URL.parse(details.params.redirect_uri ?? '')?.host ?? '',
    openIdScopes: requested.filter((scope) => !realm.scopeNames.includes(scope)),
    resources: requestedResources(realm, details.params).map(([indicator, resource]) => ({
      uri: resource.uri,
      indicator,
      scopes: grantableScopes({ realm, accountId, requested, accepted: new Set(resource.scopes) }),
    })),
  };
}

/** Approve: the grant gets asked ∩ held ∩ accepted for the requested resource, and the approval is remembered. */
export async function approve(provider, realm, approvals, details) {
  const accountId = details.session.accountId;
  const clientId = details.params.client_id;
  const grant = (details.grantId && await provider.Grant.find(details.grantId)) ?? new provider.Grant({ accountId, clientId });
  recordRequest(grant, {
    realm,
    accountId,
    requested: requestedScopes(details.params),
    resourceScopes: requestedResources(realm, details.params).map(([indicator, resource]) => [indicator, new Set(resource.scopes)]),
    grantHeld: true,
  });
  const grantId = await grant.save();
  await approvals.remember(accountId, clientId, grantId);
  return { consent: { grantId } };
}

export const denied = { error: 'access_denied', error_description: 'the user denied the request' };

function requestedScopes(params) {
  return String(params.scope ?? '').split(' ').filter(Boolean);
}

/** The resource indicators as requested (the grant is keyed by them), or the default resource. */
function requestedResources(realm, params) {
  const indicators = [params.resource ?? realm.defaultResource.uri].flat();
  return indicators.map((indicator) => [indicator, realm.findResourceByUri(indicator)]).filter(([, resource]) => resource);
}
