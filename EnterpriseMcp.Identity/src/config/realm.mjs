import { createHash, timingSafeEqual } from 'node:crypto';
import { registeredClients } from './validate-identity-config.mjs';

const defaultMaxClients = 1000;
const openIdScopeDescriptions = {
  openid: 'Your user name',
  profile: 'Your name and groups',
  email: 'Your email address',
  offline_access: 'Access while you are not signed in',
};

/** Answers the questions the provider asks of the identity file: who holds which scopes, which resource a URI names. */
export class Realm {
  #config;
  #resources;

  constructor(config) {
    this.#config = config;
    this.#resources = Object.entries(config.resources).map(([name, resource]) => ({
      name,
      uri: resource.uri,
      scopes: [...resource.scopes],
      isDefault: resource.default === true,
      clients: [...resource.clients],
    }));
  }

  get name() { return this.#config.realm; }
  get accessTokenTtlSeconds() { return this.#config.accessTokenTtlSeconds; }
  get refreshTokenTtlSeconds() { return this.#config.refreshTokenTtlSeconds; }
  get scopeNames() { return Object.keys(this.#config.scopes); }
  get resources() { return this.#resources; }
  get clients() { return this.#config.clients; }
  get defaultResource() { return this.#resources.find((resource) => resource.isDefault); }
  get allowedRedirectHosts() { return this.#config.registration?.allowedRedirectHosts ?? []; }
  get maxRegisteredClients() { return this.#config.registration?.maxClients ?? defaultMaxClients; }

  /** The identity file's text for a resource scope; the OpenID scopes say what they are. */
  describeScope(name) {
    return this.#config.scopes[name] ?? openIdScopeDescriptions[name] ?? '';
  }

  findUser(username) {
    return this.#config.users.find((user) => user.username === username);
  }

  /** Compares digests so the time taken says nothing about the password. */
  checkPassword(username, password) {
    const user = this.findUser(username);
    const digest = (text) => createHash('sha256').update(String(text)).digest();
    const matches = timingSafeEqual(digest(user?.password ?? ''), digest(password));
    return user && matches ? user : undefined;
  }

  findClient(clientId) {
    return this.#config.clients.find((client) => client.clientId === clientId);
  }

  /** Configured in the identity file by an administrator, as opposed to registered by itself. */
  isConfiguredClient(clientId) {
    return this.findClient(clientId) !== undefined;
  }

  /** Whether the resource lists the client, by id or (for a self-registered client) as "registered". */
  mayObtainTokensFor(resource, clientId) {
    return resource.clients.includes(this.isConfiguredClient(clientId) ? clientId : registeredClients);
  }

  scopesOfRoles(roles) {
    return new Set(roles.flatMap((role) => this.#config.roles[role] ?? []));
  }

  scopesOfUser(user) {
    return this.scopesOfRoles(user.roles);
  }

  /** A registered (dynamic) client holds no scopes of its own; only the configured ones do. */
  scopesOfClient(clientId) {
    const client = this.findClient(clientId);
    return client ? new Set([...this.scopesOfRoles(client.roles ?? []), ...(client.scopes ?? [])]) : new Set();
  }

  /** The exact URI, or the same URI with or without a trailing slash. */
  findResourceByUri(uri) {
    const trimmed = String(uri).replace(/\/$/, '');
    return this.#resources.find((resource) => resource.uri.replace(/\/$/, '') === trimmed);
  }

  findResourceByName(name) {
    return this.#resources.find((resource) => resource.name === name);
  }

  resourcesExchangeableBy(clientId) {
    return (this.findClient(clientId)?.exchangeFrom ?? []).map((name) => this.findResourceByName(name));
  }
}
