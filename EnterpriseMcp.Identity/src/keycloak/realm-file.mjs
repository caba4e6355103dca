import { fileURLToPath } from 'node:url';
import { buildKeycloakRealm } from './build-realm.mjs';

export const realmFile = fileURLToPath(new URL('../../../deploy/keycloak/enterprise-mcp-realm.json', import.meta.url));

/** The realm file's exact text, so the committed file can be compared with a fresh rendering. */
export function renderRealmFile(config) {
  return `${JSON.stringify(buildKeycloakRealm(config), null, 2)}\n`;
}

