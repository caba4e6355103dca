import { mkdirSync } from 'node:fs';
import http from 'node:http';
import { loadIdentityConfig } from '../config/load-identity-config.mjs';
import { Realm } from '../config/realm.mjs';
import { loadOrCreateCookieKeys } from '../keys/cookie-keys.mjs';
import { loadOrCreateSigningKeys } from '../keys/signing-keys.mjs';
import { ClientApprovals } from '../provider/consent.mjs';
import { createProvider } from '../provider/create-provider.mjs';
import { alive } from '../http/alive.mjs';
import { loginRoutes } from '../http/login-routes.mjs';
import { registrationCors } from '../http/registration-cors.mjs';
import { registrationPath, tokenPath } from '../http/routes.mjs';
import { unauthorizedClientError } from '../http/unauthorized-client.mjs';
import { SettingError } from '../settings/setting-error.mjs';

/** Starts the authorization server; the issuer is only known once the port is bound (port 0 picks one). */
export async function serve(settings) {
  const realm = new Realm(loadIdentityConfig(settings.configFile, settings.resourceUris, settings.clientSecrets, settings.allowedRedirectHosts));
  mkdirSync(settings.dataFolder, { recursive: true });
  const signingKeys = await loadOrCreateSigningKeys(settings.dataFolder);
  const cookieKeys = loadOrCreateCookieKeys(settings.dataFolder);

  const server = http.createServer();
  await listen(server, settings.port, settings.host);
  const listeningUrl = `http://${urlHost(settings.host)}:${server.address().port}`;

  const approvals = new ClientApprovals(realm.refreshTokenTtlSeconds);
  const provider = createProvider({
    issuer: settings.issuer ?? listeningUrl,
    realm,
    signingKeys,
    cookieKeys,
    dataFolder: settings.dataFolder,
    approvals,
  });
  provider.use(alive);
  provider.use(registrationCors(registrationPath));
  provider.use(unauthorizedClientError(tokenPath));
  provider.use(loginRoutes(provider, realm, approvals));
  provider.on('server_error', (ctx, error) => {
    console.error(`server error on ${ctx.method} ${ctx.path}: ${error.message}`);
  });
  server.on('request', provider.callback());

  console.log(`EnterpriseMcp.Identity listening on ${listeningUrl}`);
  stopOnSignals(server);
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new SettingError('--port', `cannot listen on ${host}:${port}: ${error.code ?? error.message}`)));
    server.listen(port, host, resolve);
  });
}

function urlHost(host) {
  return host.includes(':') ? `[${host}]` : host;
}

function stopOnSignals(server) {
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
