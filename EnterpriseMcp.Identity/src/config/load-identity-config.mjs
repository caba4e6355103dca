import { readFileSync } from 'node:fs';
import { SettingError } from '../settings/setting-error.mjs';
import { validateIdentityConfig } from './validate-identity-config.mjs';

/**
 * Reads and validates the identity file, then applies the resource URIs given at start (tests run the resource
 * servers on random ports), the client secrets given in the environment (the AppHost generates them) and the redirect
 * hosts allowed on the command line or in the environment.
 */
export function loadIdentityConfig(configFile, resourceUris = {}, clientSecrets = {}, allowedRedirectHosts = []) {
  let config;
  try {
    config = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (error) {
    throw new SettingError('--config', `cannot read ${configFile}: ${error.message}`);
  }

  const problems = validateIdentityConfig(config);
  if (problems.length > 0) {
    throw new SettingError(`--config ${configFile}`, problems.join('; '));
  }

  for (const [name, uri] of Object.entries(resourceUris)) {
    if (!(name in config.resources)) {
      throw new SettingError(`resource override "${name}"`, `identity.json has no resource named "${name}" (known: ${Object.keys(config.resources).join(', ')})`);
    }
    config.resources[name].uri = uri;
  }

  for (const [envName, secret] of Object.entries(clientSecrets)) {
    const client = config.clients.find((candidate) => secretEnvName(candidate.clientId) === envName);
    if (!client) {
      throw new SettingError(`IDENTITY_CLIENT_SECRET_${envName}`, `identity.json has no such client (known: ${config.clients.map((c) => c.clientId).join(', ')})`);
    }
    client.secret = secret;
  }

  const registration = config.registration ?? {};
  config.registration = {
    ...registration,
    allowedRedirectHosts: [...new Set([...(registration.allowedRedirectHosts ?? []), ...allowedRedirectHosts])],
  };
  return config;
}

function secretEnvName(clientId) {
  return clientId.toUpperCase().replaceAll('-', '_');
}
