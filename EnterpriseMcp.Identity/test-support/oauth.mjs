import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { CookieJar } from './cookie-jar.mjs';

export const redirectUri = 'http://127.0.0.1:33418/callback';

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Registers a public client the way the MCP TypeScript SDK does. */
export async function registerPublicClient(baseUrl, metadata = {}) {
  const response = await fetch(`${baseUrl}/reg`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      client_name: 'MCP test client',
      redirect_uris: [redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...metadata,
    }),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * Walks the authorization code flow as a browser without JavaScript would: follows redirects
 * by hand, keeps cookies, fills the login form once and answers the consent page once
 * (`consent`: 'approve', 'deny', or 'stop' to return the page). Returns the callback's query
 * parameters (code or error) and the consent pages seen, or the page where it stopped.
 */
export async function authorize(baseUrl, {
  clientId, username, password, scope, resource, prompt, codeChallenge, codeChallengeMethod = 'S256', consent = 'approve',
}) {
  const jar = new CookieJar();
  const query = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: redirectUri, state: 'test-state' });
  if (scope) query.set('scope', scope);
  if (resource) query.set('resource', resource);
  if (prompt) query.set('prompt', prompt);
  if (codeChallenge) query.set('code_challenge', codeChallenge);
  if (codeChallengeMethod && codeChallenge) query.set('code_challenge_method', codeChallengeMethod);

  let url = `${baseUrl}/auth?${query}`;
  let loginPosted = false;
  const consentPages = [];
  for (let step = 0; step < 12; step += 1) {
    if (url.startsWith(redirectUri)) return { callback: new URL(url).searchParams, consentPages };
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location'), url).href;
      continue;
    }
    const page = await response.text();
    let form;
    if (isLoginPage(page) && !loginPosted) {
      loginPosted = true;
      form = { username, password };
    } else if (isConsentPage(page) && consent !== 'stop' && consentPages.length === 0) {
      consentPages.push(page);
      form = { decision: consent };
    } else {
      return { status: response.status, page, consentPages };
    }
    const posted = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    jar.store(posted);
    if (posted.status >= 300 && posted.status < 400) {
      url = new URL(posted.headers.get('location'), url).href;
    } else {
      return { status: posted.status, page: await posted.text(), consentPages };
    }
  }
  throw new Error('authorization did not finish in 12 steps');
}

export const isLoginPage = (page) => page.includes('name="password"');
export const isConsentPage = (page) => page.includes('name="decision"');

export async function tokenRequest(baseUrl, parameters, clientCredentials) {
  const headers = { 'content-type': 'application/x-www-form-urlencoded' };
  if (clientCredentials) {
    headers.authorization = `Basic ${Buffer.from(`${clientCredentials.id}:${clientCredentials.secret}`).toString('base64')}`;
  }
  const present = Object.entries(parameters).filter(([, value]) => value !== undefined);
  const response = await fetch(`${baseUrl}/token`, { method: 'POST', headers, body: new URLSearchParams(present) });
  return { status: response.status, body: await response.json() };
}

/** Signs in and redeems the code: the whole user flow in one call. */
export async function userTokens(baseUrl, {
  clientId, username, password, scope, resource, prompt,
}) {
  const { verifier, challenge } = pkcePair();
  const { callback } = await authorize(baseUrl, {
    clientId, username, password, scope, resource, prompt, codeChallenge: challenge,
  });
  if (!callback) throw new Error('the authorization did not come back to the client');
  const parameters = { grant_type: 'authorization_code', code: callback.get('code'), redirect_uri: redirectUri, client_id: clientId, code_verifier: verifier };
  if (resource) parameters.resource = resource;
  return tokenRequest(baseUrl, parameters);
}

/** Verifies an access token against the JWKS the server publishes, as a resource server would. */
export async function verifyAccessToken(baseUrl, token, issuer = baseUrl) {
  const jwks = createRemoteJWKSet(new URL(`${baseUrl}/jwks`));
  const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer, typ: 'at+jwt', algorithms: ['RS256'] });
  return { payload, header: protectedHeader };
}

export function tokenKid(token) {
  return decodeProtectedHeader(token).kid;
}

export const gatewayClient = { id: 'mcp-gateway', secret: 'mcp-gateway-dev-secret' };
export const reportingBot = { id: 'reporting-bot', secret: 'reporting-bot-dev-secret' };
