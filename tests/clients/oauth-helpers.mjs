// An MCP client's OAuth side for the Node tests: the TypeScript SDK's OAuthClientProvider, kept in memory, and the
// user's part of the login (filling in the authorization server's login form) done either over plain HTTP or in Chromium.
import http from 'node:http';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';

/** Decodes a JWT's payload (no verification: the gateway and the backends verify; tests only look). */
export const claimsOf = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

/**
 * An OAuthClientProvider whose `redirectToAuthorization` hands the authorization URL to `login` (which plays the
 * user and returns the code the authorization server redirected back with) and keeps that code for `finishAuth`.
 */
export class TestOAuthProvider {
  constructor({ redirectUrl, login }) {
    this._redirectUrl = redirectUrl;
    this._login = login;
    this.authorizationUrls = [];
    this.pendingCode = undefined;
  }

  get redirectUrl() { return this._redirectUrl; }

  get clientMetadata() {
    return {
      client_name: 'EnterpriseMcp Node tests',
      redirect_uris: [this._redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  clientInformation() { return this._client; }
  saveClientInformation(info) { this._client = info; }
  tokens() { return this._tokens; }
  saveTokens(tokens) { this._tokens = tokens; }
  saveCodeVerifier(verifier) { this._verifier = verifier; }
  codeVerifier() { return this._verifier; }

  async redirectToAuthorization(url) {
    this.authorizationUrls.push(new URL(url));
    this.pendingCode = await this._login(new URL(url));
  }
}

/** The user's part over plain HTTP (see `httpSignIn`), for a client that takes the code from its provider: the code. */
export function httpLogin(username, password, redirectUrl) {
  const signIn = httpSignIn(username, password, redirectUrl);
  return async (authorizationUrl) => codeFrom(await signIn(authorizationUrl), redirectUrl);
}

/**
 * The user's part over plain HTTP: follow the redirects to the login form, post the credentials, approve the client on
 * the consent page when the identity server shows one (a client the user has not approved before), stop at the redirect
 * URI without following it: the URL the browser would go to next, carrying the code.
 */
export function httpSignIn(username, password, redirectUrl) {
  return async (authorizationUrl) => {
    const cookies = new Map();
    const send = async (url, init = {}) => {
      const headers = { ...(init.headers ?? {}), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
      const response = await fetch(url, { ...init, headers, redirect: 'manual' });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
      }
      return response;
    };
    const follow = async (url, init) => {
      for (let hop = 0; hop < 10; hop++) {
        const response = await send(url, init);
        const location = response.headers.get('location');
        if (!location) return { url, page: await response.text() };
        url = new URL(location, url);
        if (url.href.startsWith(redirectUrl)) return { url, page: '' };
        init = undefined;
      }
      throw new Error('too many redirects');
    };
    const submit = ({ url, page }, fields) => {
      const action = /<form[^>]*action="([^"]*)"/i.exec(page)?.[1]?.replaceAll('&amp;', '&');
      return follow(new URL(action ?? url.href, url), {
        method: 'POST', body: new URLSearchParams(fields), headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    };

    const loginPage = await follow(authorizationUrl);
    if (!/name="username"/.test(loginPage.page)) throw new Error(`no login form at ${loginPage.url}: ${loginPage.page.slice(0, 300)}`);
    let landed = await submit(loginPage, { username, password });
    if (/name="decision"/.test(landed.page)) landed = await submit(landed, { decision: 'approve' });
    if (!landed.url.href.startsWith(redirectUrl)) throw new Error(`the login ended at ${landed.url}, not at the redirect URI: ${landed.page.slice(0, 300)}`);
    return landed.url;
  };
}

/**
 * A user's access token for an MCP server, got the way the SDK client gets one (discovery, registration, PKCE, resource
 * indicator) with the user's part over HTTP: for a client that is given a bearer token instead of logging in itself.
 */
export async function accessToken(serverUrl, username, password) {
  // Nothing listens there: the sign-in stops at the redirect and reads the code from it.
  const redirectUrl = 'http://127.0.0.1:1/callback';
  const provider = new TestOAuthProvider({ redirectUrl, login: httpLogin(username, password, redirectUrl) });
  const started = await auth(provider, { serverUrl });
  if (started !== 'REDIRECT') throw new Error(`expected to be sent to log in, got ${started}`);
  const finished = await auth(provider, { serverUrl, authorizationCode: provider.pendingCode });
  if (finished !== 'AUTHORIZED') throw new Error(`the code was not redeemed: ${finished}`);
  return provider.tokens().access_token;
}

/** A loopback server standing in for the client's redirect URI: each callback's URL resolves the next `waitForCallback`. */
export async function startCallbackServer() {
  let resolve;
  let next = new Promise((r) => { resolve = r; });
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, `http://${request.headers.host}`);
    response.writeHead(200, { 'content-type': 'text/html' }).end('<p>Signed in. You may close this window.</p>');
    resolve(url);
    next = new Promise((r) => { resolve = r; });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const redirectUrl = `http://127.0.0.1:${server.address().port}/callback`;
  return { redirectUrl, waitForCallback: () => next, close: () => new Promise((r) => server.close(r)) };
}

export function codeFrom(callback, redirectUrl) {
  const url = new URL(callback);
  if (!url.href.startsWith(redirectUrl)) throw new Error(`the login ended at ${url}, not at the redirect URI`);
  const code = url.searchParams.get('code');
  if (!code) throw new Error(`no code in ${url} (${url.searchParams.get('error')}: ${url.searchParams.get('error_description')})`);
  return code;
}
