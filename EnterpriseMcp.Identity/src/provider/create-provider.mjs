import path from 'node:path';
import Provider from 'oidc-provider';
import { JsonFileAdapter } from '../storage/json-file-adapter.mjs';
import { MemoryAdapter } from '../storage/memory-adapter.mjs';
import { isLoopbackOrigin } from '../http/loopback-origin.mjs';
import { accountFinder } from './accounts.mjs';
import { ClientApprovals } from './consent.mjs';
import { grantLoader } from './grant-loader.mjs';
import { openIdClaims, openIdScopes } from './openid-scopes.mjs';
import { registrationPolicy } from './registration-policy.mjs';
import { resourceIndicators } from './resource-indicators.mjs';
import { staticClients } from './static-clients.mjs';
import { tokenClaims } from './token-claims.mjs';
import {
  clientCredentialsGrant, clientCredentialsGrantType, clientCredentialsParameters,
} from '../grants/client-credentials-grant.mjs';
import {
  tokenExchangeGrant, tokenExchangeGrantType, tokenExchangeParameters,
} from '../grants/token-exchange-grant.mjs';

/** oidc-provider configured from the identity file, the signing keys and the data folder. */
export function createProvider({ issuer, realm, signingKeys, cookieKeys, dataFolder, approvals }) {
  const registeredClients = new JsonFileAdapter(path.join(dataFolder, 'clients.json'), { maxEntries: realm.maxRegisteredClients });
  const accessTokenTtl = realm.accessTokenTtlSeconds;
  const refreshTokenTtl = realm.refreshTokenTtlSeconds;

  const provider = new Provider(issuer, {
    adapter: (modelName) => (modelName === 'Client' ? registeredClients : new MemoryAdapter(modelName)),
    clients: staticClients(realm),
    extraClientMetadata: registrationPolicy(realm),
    // OAuth 2.1: authorization code only, no implicit or hybrid responses.
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    clientBasedCORS: (_ctx, origin) => isLoopbackOrigin(origin),
    scopes: [...openIdScopes, ...realm.scopeNames],
    claims: openIdClaims,
    cookies: { keys: cookieKeys },
    jwks: signingKeys,
    findAccount: accountFinder(realm),
    loadExistingGrant: grantLoader(realm, approvals),
    extraTokenClaims: tokenClaims(realm),
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true },
      resourceIndicators: resourceIndicators(realm),
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
    },
    pkce: { required: () => true },
    // MCP clients register the refresh_token grant but do not ask for offline_access
    // (which oidc-provider only honours with prompt=consent).
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    expiresWithSession: async () => false,
    rotateRefreshToken: true,
    ttl: {
      AccessToken: accessTokenTtl,
      ClientCredentials: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 86400,
      RefreshToken: refreshTokenTtl,
      Grant: refreshTokenTtl,
    },
  });

  provider.registerGrantType(clientCredentialsGrantType, clientCredentialsGrant(provider, realm), clientCredentialsParameters);
  provider.registerGrantType(tokenExchangeGrantType, tokenExchangeGrant(provider, realm, signingKeys), tokenExchangeParameters);
  return provider;
}
