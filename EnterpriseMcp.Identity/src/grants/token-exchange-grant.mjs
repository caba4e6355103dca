import { errors } from 'oidc-provider';
import { resourceServerInfo } from '../provider/resource-indicators.mjs';
import { publicSigningKeys } from '../keys/signing-keys.mjs';
import { verifySubjectToken } from './subject-token.mjs';
import { targetResource } from './target-resource.mjs';

export const tokenExchangeGrantType = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const tokenExchangeParameters = [
  'subject_token', 'subject_token_type', 'requested_token_type', 'actor_token', 'actor_token_type',
  'resource', 'audience', 'scope',
];

const accessTokenType = 'urn:ietf:params:oauth:token-type:access_token';
const subjectTokenTypes = new Set([accessTokenType, 'urn:ietf:params:oauth:token-type:jwt']);
const carriedClaims = ['preferred_username', 'groups', 'realm_access'];

/**
 * RFC 8693: the gateway trades a user's token for its own audience into one for a backend
 * resource, narrowed to the scopes that resource accepts, never wider nor longer-lived than the original.
 */
export function tokenExchangeGrant(provider, realm, signingKeys) {
  return async function handleTokenExchange(ctx) {
    const { client, params } = ctx.oidc;
    if (!params.subject_token) throw new errors.InvalidRequest('subject_token is required');
    if (!subjectTokenTypes.has(params.subject_token_type)) {
      throw new errors.InvalidRequest(`subject_token_type must be ${[...subjectTokenTypes].join(' or ')}`);
    }
    if (params.requested_token_type && params.requested_token_type !== accessTokenType) {
      throw new errors.InvalidRequest(`requested_token_type must be ${accessTokenType}`);
    }
    if (params.actor_token) throw new errors.InvalidRequest('actor_token is not supported');

    const target = targetResource(realm, client, params, { required: true });
    const subject = await verifySubjectToken({
      token: params.subject_token,
      issuer: provider.issuer,
      publicJwks: publicSigningKeys(signingKeys),
      allowedAudiences: realm.resourcesExchangeableBy(client.clientId).map((resource) => resource.uri),
    });

    const scope = exchangedScope(params.scope, subject.scope, target);
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = Math.max(1, Math.min(realm.accessTokenTtlSeconds, subject.exp - now));

    const grant = new provider.Grant({ accountId: subject.sub, clientId: client.clientId });
    grant.addResourceScope(target.uri, scope);
    const grantId = await grant.save();

    const token = new provider.AccessToken({
      accountId: subject.sub,
      client,
      grantId,
      gty: 'token_exchange',
      scope,
      expiresIn,
      extra: {
        ...Object.fromEntries(carriedClaims.filter((name) => name in subject).map((name) => [name, subject[name]])),
        act: { sub: client.clientId },
      },
    });
    token.resourceServer = new provider.ResourceServer(target.uri, resourceServerInfo(realm, target));
    ctx.oidc.entity('AccessToken', token);
    const accessToken = await token.save();

    ctx.body = {
      access_token: accessToken,
      issued_token_type: accessTokenType,
      token_type: 'Bearer',
      expires_in: expiresIn,
      scope,
    };
  };
}

function exchangedScope(requestedText, subjectText, target) {
  const subjectScopes = new Set(subjectText ? String(subjectText).split(' ') : []);
  const requested = requestedText ? requestedText.split(' ') : [...subjectScopes];
  const escalated = requested.filter((name) => !subjectScopes.has(name));
  if (requestedText && escalated.length) {
    throw new errors.InvalidScope('requested scope exceeds the subject token', escalated.join(' '));
  }
  const scope = requested.filter((name) => target.scopes.includes(name)).join(' ');
  if (!scope) throw new errors.InvalidScope('no scope of the subject token applies to the target resource');
  return scope;
}
