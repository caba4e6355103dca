import { errors } from 'oidc-provider';
import { allowedResource } from '../grants/target-resource.mjs';

/**
 * RFC 8707: every access token is a JWT for exactly one resource of the identity file, which lists
 * the clients that may obtain it; a request naming none is for the default resource.
 */
export function resourceIndicators(realm) {
  const defaultUri = realm.defaultResource.uri;
  return {
    enabled: true,
    async defaultResource(_ctx, _client, oneOf) {
      if (!oneOf) return defaultUri;
      if (oneOf.length === 1) return oneOf[0];
      return oneOf.find((uri) => realm.findResourceByUri(uri)?.isDefault) ?? oneOf;
    },
    // Without this a request with scope=openid and no resource would get an opaque userinfo token.
    async useGrantedResource() {
      return true;
    },
    async getResourceServerInfo(_ctx, indicator, client) {
      const resource = realm.findResourceByUri(indicator);
      if (!resource) throw new errors.InvalidTarget(`unknown resource ${indicator}`);
      return resourceServerInfo(realm, allowedResource(realm, client.clientId, resource));
    },
  };
}

export function resourceServerInfo(realm, resource) {
  return {
    scope: resource.scopes.join(' '),
    audience: resource.uri,
    accessTokenTTL: realm.accessTokenTtlSeconds,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  };
}
