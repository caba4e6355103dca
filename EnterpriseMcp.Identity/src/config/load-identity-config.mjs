import { readFileSync } from 'node:fs';
import { SettingError } from '../settings/setting-error.mjs';
import { validateIdentityConfig } from './validate-identity-config.mjs';

/**
 * Reads and validates the identity file, then applies the resource URIs given at start
 * (tests run the resource servers on random ports).
 */
export function loadIdentityConfig(configFile, resourceUris = {}) {
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
  return config;
}
