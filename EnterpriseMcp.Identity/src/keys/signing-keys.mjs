import { createHash, generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { readPrivateJson, writePrivateJson } from './private-file.mjs';

const publicMembers = ['kty', 'kid', 'alg', 'use', 'n', 'e'];

/**
 * The RS256 signing keys in <data>/jwks.json, newest first: the provider signs with the
 * first and still publishes the others so tokens they signed keep verifying during a roll.
 */
export function signingKeysFile(dataFolder) {
  return path.join(dataFolder, 'jwks.json');
}

export async function loadOrCreateSigningKeys(dataFolder) {
  const existing = readPrivateJson(signingKeysFile(dataFolder));
  if (existing?.keys?.length) return existing;
  const created = { keys: [await generateSigningKey()] };
  writePrivateJson(signingKeysFile(dataFolder), created);
  return created;
}

export async function rotateSigningKeys(dataFolder) {
  const current = await loadOrCreateSigningKeys(dataFolder);
  const rotated = { keys: [await generateSigningKey(), ...current.keys] };
  writePrivateJson(signingKeysFile(dataFolder), rotated);
  return rotated;
}

export async function retireSigningKeys(dataFolder) {
  const current = await loadOrCreateSigningKeys(dataFolder);
  const retired = { keys: current.keys.slice(0, 1) };
  writePrivateJson(signingKeysFile(dataFolder), retired);
  return retired;
}

export function publicSigningKeys(jwks) {
  return {
    keys: jwks.keys.map((key) => Object.fromEntries(publicMembers.filter((name) => name in key).map((name) => [name, key[name]]))),
  };
}

async function generateSigningKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: rsaThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

/**
 * RFC 7638: SHA-256 of the required members in lexicographic order. Computed with node:crypto
 * because WebCrypto's digest was seen to never settle when several servers started at once on Node 20.
 */
function rsaThumbprint({ e, n }) {
  return createHash('sha256').update(JSON.stringify({ e, kty: 'RSA', n })).digest('base64url');
}
