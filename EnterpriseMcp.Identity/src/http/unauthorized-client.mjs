const notAllowedDescription = 'requested grant type is not allowed for this client';

/**
 * oidc-provider answers a grant the client may not use with invalid_request;
 * RFC 6749 §5.2 names that case unauthorized_client, which clients and tests can tell apart.
 */
export function unauthorizedClientError(tokenPath) {
  return async function renameNotAllowedGrant(ctx, next) {
    await next();
    if (ctx.path === tokenPath && ctx.body?.error === 'invalid_request' && ctx.body.error_description === notAllowedDescription) {
      ctx.body = { error: 'unauthorized_client', error_description: notAllowedDescription };
    }
  };
}
