import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { JsonFileAdapter } from '../src/storage/json-file-adapter.mjs';
import { MemoryAdapter } from '../src/storage/memory-adapter.mjs';
import { createDataFolder, removeDataFolder } from '../test-support/identity-server.mjs';

describe('provider state stays bounded', () => {
  let dataFolder;

  before(() => { dataFolder = createDataFolder(); });
  after(() => removeDataFolder(dataFolder));

  test('registrations beyond the limit replace the oldest, in memory and in the file', async () => {
    const file = path.join(dataFolder, 'clients.json');
    const clients = new JsonFileAdapter(file, { maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await clients.upsert(id, { client_id: id });
    assert.equal(await clients.find('a'), undefined);
    assert.equal(await clients.find('b'), undefined);
    assert.deepEqual(await clients.find('e'), { client_id: 'e' });
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(file, 'utf8'))), ['c', 'd', 'e']);
    assert.deepEqual(await new JsonFileAdapter(file, { maxEntries: 3 }).find('c'), { client_id: 'c' });
  });

  test('in-memory state keeps at most 50,000 entries, dropping the oldest', async () => {
    const interactions = new MemoryAdapter('Interaction');
    for (let index = 0; index < 50_100; index += 1) await interactions.upsert(`i${index}`, { uid: `i${index}` }, 3600);
    assert.ok(MemoryAdapter.size <= 50_000, `${MemoryAdapter.size} entries`);
    assert.equal(await interactions.find('i0'), undefined);
    assert.deepEqual(await interactions.find('i50099'), { uid: 'i50099' });
  });
});
