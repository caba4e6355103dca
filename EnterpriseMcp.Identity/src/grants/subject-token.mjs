import { createLocalJWKSet, jwtVerify } from 'jose';
import { errors } from 'oidc-provider';

/**
 * Verifies a token-exchange subject token: an access token this server signed (any key still
 * published), for this issuer, not expired, whose audience the exchanging client may exchange from.
 */
export async function verifySubjectToken({ token, issuer, publicJwks, allowedAudiences }) {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(publicJwks), {
      issuer,
      algorithms: ['RS256'],
      typ: 'at+jwt',
      requiredClaims: ['sub', 'exp', 'aud'],
    }));
  } catch {
    throw invalidGrant('subject_token is not a valid, unexpired access token of this issuer');
  }
  if (typeof payload.aud !== 'string' || !allowedAudiences.includes(payload.aud)) {
    throw invalidGrant('subject_token audience may not be exchanged by this client');
  }
  return payload;
}

function invalidGrant(description) {
  const error = new errors.InvalidGrant();
  error.error_description = description;
  return error;
}
