import { readPrivateJson, writePrivateJson } from '../keys/private-file.mjs';

/**
 * Persists one provider model (registered clients) in a JSON file so dynamic registrations
 * survive a restart. Registrations are rare, so the whole file is rewritten on each change.
 */
export class JsonFileAdapter {
  #file;

  constructor(file) {
    this.#file = file;
  }

  #readAll() {
    return readPrivateJson(this.#file) ?? {};
  }

  async upsert(id, payload) {
    writePrivateJson(this.#file, { ...this.#readAll(), [id]: payload });
  }

  async find(id) {
    return this.#readAll()[id];
  }

  async destroy(id) {
    const { [id]: _removed, ...rest } = this.#readAll();
    writePrivateJson(this.#file, rest);
  }

  async findByUid() { return undefined; }

  async findByUserCode() { return undefined; }

  async consume() {}

  async revokeByGrantId() {}
}
