import { readPrivateJson, writePrivateJson } from '../keys/private-file.mjs';

/**
 * Persists one provider model (registered clients) in a JSON file so dynamic registrations survive a restart.
 * The file is read once and kept in memory, and rewritten on each change. At most `maxEntries` are kept: when
 * full, a new registration replaces the oldest, so open registration cannot grow the file or memory without
 * bound (a client that loses its registration registers again, as MCP clients do on invalid_client).
 */
export class JsonFileAdapter {
  #file;
  #maxEntries;
  #entries;

  constructor(file, { maxEntries = Infinity } = {}) {
    this.#file = file;
    this.#maxEntries = maxEntries;
    this.#entries = new Map(Object.entries(readPrivateJson(file) ?? {}));
  }

  async upsert(id, payload) {
    this.#entries.delete(id);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size < this.#maxEntries) break;
      this.#entries.delete(oldest);
    }
    this.#entries.set(id, payload);
    this.#write();
  }

  async find(id) {
    return structuredClone(this.#entries.get(id));
  }

  async destroy(id) {
    if (this.#entries.delete(id)) this.#write();
  }

  async findByUid() { return undefined; }

  async findByUserCode() { return undefined; }

  async consume() {}

  async revokeByGrantId() {}

  #write() {
    writePrivateJson(this.#file, Object.fromEntries(this.#entries));
  }
}
