import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { calculateJwkThumbprint } from 'jose';
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
  const kid = await calculateJwkThumbprint(createPublicKey(privateKey).export({ format: 'jwk' }));
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}
