import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readPrivateJson, writePrivateJson } from './private-file.mjs';

/** Keys that sign the session and interaction cookies, made once per data folder so sessions survive a restart. */
export function loadOrCreateCookieKeys(dataFolder) {
  const file = path.join(dataFolder, 'cookie-keys.json');
  const existing = readPrivateJson(file);
  if (existing?.keys?.length) return existing.keys;
  const keys = [randomBytes(32).toString('base64url')];
  writePrivateJson(file, { keys });
  return keys;
}
