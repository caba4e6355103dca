import { resourceServerInfo } from '../provider/resource-indicators.mjs';
import { targetResource } from './target-resource.mjs';

export const clientCredentialsGrantType = 'client_credentials';
export const clientCredentialsParameters = ['scope', 'resource'];

/**
 * Replaces the built-in handler, which refuses scopes the client does not hold and omits
 * `scope` when none is asked: here the token carries requested ∩ held ∩ resource scopes,
 * or every scope the client holds for the resource when the request names none.
 */
export function clientCredentialsGrant(provider, realm) {
  return async function handleClientCredentials(ctx) {
    const { client, params } = ctx.oidc;
    const resource = targetResource(realm, client, params);
    const held = realm.scopesOfClient(client.clientId);
    const requested = params.scope ? params.scope.split(' ') : [...held];
    const scope = requested.filter((name) => held.has(name) && resource.scopes.includes(name)).join(' ');

    const token = new provider.ClientCredentials({ client, scope: scope || undefined });
    token.resourceServer = new provider.ResourceServer(resource.uri, resourceServerInfo(realm, resource));
    ctx.oidc.entity('ClientCredentials', token);
    const accessToken = await token.save();

    ctx.body = {
      access_token: accessToken,
      expires_in: token.expiration,
      token_type: 'Bearer',
      scope: token.scope || undefined,
    };
  };
}
