const maxEntries = 50_000;
const sweepIntervalMs = 60_000;

/**
 * Keeps short-lived provider state (codes, tokens, sessions, grants, interactions) in process memory; it is lost on
 * restart, which for a development server only ends sessions and tokens early. Memory stays bounded whatever callers
 * do: expired entries are swept every minute, and beyond `maxEntries` the oldest entries are dropped (their sessions,
 * sign-ins in progress or refresh tokens end early).
 */
export class MemoryAdapter {
  static #entries = new Map();
  static #grantMembers = new Map();
  static #sweeper;

  constructor(modelName) {
    this.modelName = modelName;
  }

  #key(id) {
    return `${this.modelName}:${id}`;
  }

  async upsert(id, payload, expiresIn) {
    const key = this.#key(id);
    const expiresAt = expiresIn ? Date.now() + expiresIn * 1000 : undefined;
    MemoryAdapter.#remove(key);
    MemoryAdapter.#entries.set(key, { payload: structuredClone(payload), expiresAt });
    if (payload.grantId) {
      const members = MemoryAdapter.#grantMembers.get(payload.grantId) ?? new Set();
      members.add(key);
      MemoryAdapter.#grantMembers.set(payload.grantId, members);
    }
    MemoryAdapter.#bound();
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
    MemoryAdapter.#remove(this.#key(id));
  }

  async revokeByGrantId(grantId) {
    for (const key of MemoryAdapter.#grantMembers.get(grantId) ?? []) {
      MemoryAdapter.#entries.delete(key);
    }
    MemoryAdapter.#grantMembers.delete(grantId);
  }

  /** How many entries are held, all models together (for tests of the bound). */
  static get size() {
    return MemoryAdapter.#entries.size;
  }

  #read(key) {
    const entry = MemoryAdapter.#entries.get(key);
    if (!entry) return undefined;
    if (isExpired(entry)) {
      MemoryAdapter.#remove(key);
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

  static #remove(key) {
    const entry = MemoryAdapter.#entries.get(key);
    if (!entry) return;
    MemoryAdapter.#entries.delete(key);
    const { grantId } = entry.payload;
    const members = grantId && MemoryAdapter.#grantMembers.get(grantId);
    if (members) {
      members.delete(key);
      if (members.size === 0) MemoryAdapter.#grantMembers.delete(grantId);
    }
  }

  /** Entries are kept in insertion order (an update re-inserts), so the first ones are the oldest. */
  static #bound() {
    for (const key of MemoryAdapter.#entries.keys()) {
      if (MemoryAdapter.#entries.size <= maxEntries) break;
      MemoryAdapter.#remove(key);
    }
    MemoryAdapter.#sweeper ??= setInterval(() => MemoryAdapter.#sweep(), sweepIntervalMs).unref();
  }

  static #sweep() {
    for (const [key, entry] of MemoryAdapter.#entries) {
      if (isExpired(entry)) MemoryAdapter.#remove(key);
    }
  }
}

function isExpired(entry) {
  return entry.expiresAt !== undefined && entry.expiresAt <= Date.now();
}
