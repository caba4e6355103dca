import { errors } from 'oidc-provider';

/**
 * The one resource a token request is for: named by URI (`resource`), by name (`audience`), or the default;
 * refused with invalid_target unless the resource lists the client among those that may obtain tokens for it.
 */
export function targetResource(realm, client, params, { required = false } = {}) {
  return allowedResource(realm, client.clientId, namedResource(realm, params, required));
}

function namedResource(realm, params, required) {
  if (params.resource) {
    const resource = realm.findResourceByUri(params.resource);
    if (!resource) throw new errors.InvalidTarget(`unknown resource ${params.resource}`);
    return resource;
  }
  if (params.audience) {
    const resource = realm.findResourceByName(params.audience);
    if (!resource) throw new errors.InvalidTarget(`unknown audience ${params.audience}`);
    return resource;
  }
  if (required) throw new errors.InvalidRequest('resource (or audience) is required');
  return realm.defaultResource;
}

/** Every grant ends here: authorization code, refresh token, client credentials and token exchange. */
export function allowedResource(realm, clientId, resource) {
  if (!realm.mayObtainTokensFor(resource, clientId)) {
    throw new errors.InvalidTarget(`client ${clientId} may not obtain tokens for ${resource.uri}`);
  }
  return resource;
}
