import { expiredPage, loginPage } from './login-page.mjs';
import { readForm } from './read-form.mjs';

const interactionPath = /^\/interaction\/([^/]+)\/?$/;
const invalidCredentials = 'Invalid username or password.';

/**
 * GET and POST /interaction/:uid. Only sign-in needs a person; consent is given automatically
 * (the grant holds the scopes the user's roles allow), so a consent prompt is finished at once.
 */
export function loginRoutes(provider, realm) {
  return async function login(ctx, next) {
    const match = interactionPath.exec(ctx.path);
    if (!match) return next();
    ctx.set('cache-control', 'no-store');

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

    if (details.prompt.name !== 'login') {
      return finish(ctx, provider, { consent: {} });
    }

    if (ctx.method === 'GET') {
      return render(ctx, provider, realm, details, {});
    }
    if (ctx.method !== 'POST') {
      ctx.status = 405;
      ctx.set('allow', 'GET, POST');
      return undefined;
    }

    const form = await readForm(ctx.req);
    const user = realm.checkPassword(form.get('username') ?? '', form.get('password') ?? '');
    if (!user) {
      ctx.status = 401;
      return render(ctx, provider, realm, details, { username: form.get('username'), error: invalidCredentials });
    }
    return finish(ctx, provider, { login: { accountId: user.username }, consent: {} });
  };
}

async function render(ctx, provider, realm, details, { username, error }) {
  const client = await provider.Client.find(details.params.client_id);
  ctx.type = 'html';
  ctx.body = loginPage({
    realmName: realm.name,
    clientName: client?.clientName ?? details.params.client_id,
    username,
    error,
  });
}

async function finish(ctx, provider, result) {
  const redirectTo = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(redirectTo);
}
