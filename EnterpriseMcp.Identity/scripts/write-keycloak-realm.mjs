import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadIdentityConfig } from '../src/config/load-identity-config.mjs';
import { defaultConfigFile } from '../src/settings/parse-settings.mjs';
import { realmFile, renderRealmFile } from '../src/keycloak/realm-file.mjs';

// The realm always comes from the committed identity.json with its default resource URIs.
mkdirSync(path.dirname(realmFile), { recursive: true });
writeFileSync(realmFile, renderRealmFile(loadIdentityConfig(defaultConfigFile)));
console.log(`wrote ${path.relative(process.cwd(), realmFile)}`);
