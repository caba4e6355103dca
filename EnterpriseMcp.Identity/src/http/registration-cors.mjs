import { isLoopbackOrigin } from './loopback-origin.mjs';

/**
 * oidc-provider answers CORS on discovery, JWKS and token itself but not on registration,
 * which browser-based MCP clients call first.
 */
export function registrationCors(registrationPath) {
  return async function corsForRegistration(ctx, next) {
    const origin = ctx.get('origin');
    if (ctx.path !== registrationPath || !isLoopbackOrigin(origin)) return next();
    ctx.vary('Origin');
    ctx.set('access-control-allow-origin', origin);
    if (ctx.method === 'OPTIONS') {
      ctx.set('access-control-allow-methods', 'POST');
      ctx.set('access-control-allow-headers', ctx.get('access-control-request-headers') || 'content-type');
      ctx.set('access-control-max-age', '3600');
      ctx.status = 204;
      return undefined;
    }
    return next();
  };
}
