import { approve, consentRequest, denied } from '../provider/consent.mjs';
import { consentPage, expiredPage, loginPage } from './pages.mjs';
import { readForm } from './read-form.mjs';

const interactionPath = /^\/interaction\/([^/]+)\/?$/;
const invalidCredentials = 'Invalid username or password.';

/**
 * GET and POST /interaction/:uid: the sign-in form (prompt "login") and the consent page (prompt "consent",
 * for a registered client the user has not approved yet). Neither page may be framed, so another site
 * cannot overlay them and trick a signed-in user into approving.
 */
export function loginRoutes(provider, realm, approvals) {
  return async function interaction(ctx, next) {
    const match = interactionPath.exec(ctx.path);
    if (!match) return next();
    ctx.set('cache-control', 'no-store');
    ctx.set('x-frame-options', 'DENY');
    ctx.set('content-security-policy', "frame-ancestors 'none'");

    let details;
    try {
      details = await provider.interactionDetails(ctx.req, ctx.res);
    } catch {
      details = undefined;
    }
    if (!details || details.uid !== match[1]) {
      ctx.status = 400;
      ctx.type = 'html';
      ctx.body = expiredPage();
      return undefined;
    }

    if (ctx.method !== 'GET' && ctx.method !== 'POST') {
      ctx.status = 405;
      ctx.set('allow', 'GET, POST');
      return undefined;
    }
    const form = ctx.method === 'POST' ? await readForm(ctx.req) : undefined;
    const clientName = await clientNameOf(provider, details.params.client_id);
    return details.prompt.name === 'login'
      ? signIn(ctx, provider, realm, details, form, clientName)
      : consent(ctx, provider, realm, approvals, details, form, clientName);
  };
}

async function signIn(ctx, provider, realm, details, form, clientName) {
  const show = (values) => html(ctx, loginPage({ realmName: realm.name, clientName, ...values }));
  if (!form) return show({});
  const user = realm.checkPassword(form.get('username') ?? '', form.get('password') ?? '');
  if (!user) {
    ctx.status = 401;
    return show({ username: form.get('username'), error: invalidCredentials });
  }
  return finish(ctx, provider, { login: { accountId: user.username } });
}

async function consent(ctx, provider, realm, approvals, details, form, clientName) {
  const decision = form?.get('decision');
  if (decision === 'approve') return finish(ctx, provider, await approve(provider, realm, approvals, details));
  if (decision === 'deny') return finish(ctx, provider, denied);
  return html(ctx, consentPage({
    realmName: realm.name,
    clientName,
    request: consentRequest(realm, details),
    describeScope: (scope) => realm.describeScope(scope),
  }));
}

async function clientNameOf(provider, clientId) {
  const client = await provider.Client.find(clientId).catch(() => undefined);
  return client?.clientName ?? clientId;
}

function html(ctx, body) {
  ctx.type = 'html';
  ctx.body = body;
}

async function finish(ctx, provider, result) {
  const redirectTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(redirectTo);
}
