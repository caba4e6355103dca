import { errors } from 'oidc-provider';

/** The one resource a token request is for: named by URI (`resource`), by name (`audience`), or the default. */
export function targetResource(realm, params, { required = false } = {}) {
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
