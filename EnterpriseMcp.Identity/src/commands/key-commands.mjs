import { retireSigningKeys, rotateSigningKeys } from '../keys/signing-keys.mjs';

/** `rotate-keys`: a new signing key in front, the previous ones still published until `retire-keys`. */
export async function rotateKeys(settings) {
  const { keys } = await rotateSigningKeys(settings.dataFolder);
  console.log(`signing key ${keys[0].kid} is now in use; ${keys.length} keys published (restart the server to apply)`);
}

export async function retireKeys(settings) {
  const { keys } = await retireSigningKeys(settings.dataFolder);
  console.log(`only signing key ${keys[0].kid} is kept (restart the server to apply)`);
}
