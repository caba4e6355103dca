/**
 * Keeps short-lived provider state (codes, tokens, sessions, grants) in process memory;
 * it is lost on restart, which for a development server only ends sessions and tokens early.
 */
export class MemoryAdapter {
  static #entries = new Map();
  static #grantMembers = new Map();

  constructor(modelName) {
    this.modelName = modelName;
  }

  #key(id) {
    return `${this.modelName}:${id}`;
  }

  async upsert(id, payload, expiresIn) {
    const key = this.#key(id);
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : undefined;
    MemoryAdapter.#entries.set(key, { payload: structuredClone(payload), expiresAt });
    if (payload.grantId) {
      const members = MemoryAdapter.#grantMembers.get(payload.grantId) ?? new Set();
      members.add(key);
      MemoryAdapter.#grantMembers.set(payload.grantId, members);
    }
  }

  async find(id) {
    return this.#read(this.#key(id));
  }

  async findByUid(uid) {
    return this.#findWhere((payload) => payload.uid === uid);
  }

  async findByUserCode(userCode) {
    return this.#findWhere((payload) => payload.userCode === userCode);
  }

  async consume(id) {
    const entry = MemoryAdapter.#entries.get(this.#key(id));
    if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id) {
    MemoryAdapter.#entries.delete(this.#key(id));
  }

  async revokeByGrantId(grantId) {
    for (const key of MemoryAdapter.#grantMembers.get(grantId) ?? []) {
      MemoryAdapter.#entries.delete(key);
    }
    MemoryAdapter.#grantMembers.delete(grantId);
  }

  #read(key) {
    const entry = MemoryAdapter.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt && entry.expiresAt <= Date.now()) {
      MemoryAdapter.#entries.delete(key);
      return undefined;
    }
    return structuredClone(entry.payload);
  }

  #findWhere(predicate) {
    const prefix = `${this.modelName}:`;
    for (const [key, entry] of MemoryAdapter.#entries) {
      if (key.startsWith(prefix) && predicate(entry.payload)) return this.#read(key);
    }
    return undefined;
  }
}
