const knownGrants = new Set(['client_credentials', 'urn:ietf:params:oauth:grant-type:token-exchange']);

/** In `resources.<name>.clients`, the clients that register themselves (RFC 7591) rather than being listed here. */
export const registeredClients = 'registered';

/**
 * Checks the whole identity file and returns every problem found (not only the first),
 * each naming the key to change.
 */
export function validateIdentityConfig(config) {
  const problems = [];
  const problem = (key, text) => problems.push(`${key} ${text}`);

  if (typeof config.realm !== 'string' || !/^[a-z0-9-]+$/.test(config.realm)) {
    problem('realm', 'must be a lower-case name');
  }
  for (const key of ['accessTokenTtlSeconds', 'refreshTokenTtlSeconds']) {
    if (!Number.isInteger(config[key]) || config[key] <= 0) problem(key, 'must be a positive whole number of seconds');
  }

  const scopes = isObject(config.scopes) ? new Set(Object.keys(config.scopes)) : new Set();
  if (scopes.size === 0) problem('scopes', 'must name at least one scope');
  const checkScopes = (key, list) => {
    if (!Array.isArray(list)) return problem(key, 'must be a list of scope names');
    list.filter((scope) => !scopes.has(scope)).forEach((scope) => problem(key, `names unknown scope "${scope}"`));
  };

  const roles = isObject(config.roles) ? config.roles : {};
  if (!isObject(config.roles)) problem('roles', 'must map each role to the scopes it grants');
  Object.entries(roles).forEach(([role, list]) => checkScopes(`roles.${role}`, list));
  const checkRoles = (key, list) => {
    if (!Array.isArray(list)) return problem(key, 'must be a list of role names');
    list.filter((role) => !(role in roles)).forEach((role) => problem(key, `names unknown role "${role}"`));
  };

  checkRegistration(config.registration, problem);

  const clientIds = new Set(Array.isArray(config.clients) ? config.clients.map((client) => client?.clientId) : []);
  const resources = isObject(config.resources) ? config.resources : {};
  if (Object.keys(resources).length === 0) problem('resources', 'must name at least one resource');
  Object.entries(resources).forEach(([name, resource]) => {
    if (!/^[a-z0-9-]+$/.test(name)) problem(`resources.${name}`, 'must have a lower-case name');
    if (!URL.parse(resource?.uri)) problem(`resources.${name}.uri`, 'must be an absolute URI');
    checkScopes(`resources.${name}.scopes`, resource?.scopes);
    const clientsKey = `resources.${name}.clients`;
    if (!Array.isArray(resource?.clients)) {
      problem(clientsKey, `must list the clients that may obtain tokens for it (client ids, or "${registeredClients}" for every self-registered client)`);
    } else {
      resource.clients.filter((id) => id !== registeredClients && !clientIds.has(id))
        .forEach((id) => problem(clientsKey, `names unknown client "${id}"`));
    }
  });
  const defaults = Object.values(resources).filter((resource) => resource?.default === true);
  if (defaults.length !== 1) problem('resources', 'must mark exactly one resource "default": true');

  checkUniqueList(config.users, 'users', 'username', problem).forEach((user, index) => {
    const key = `users[${index}]`;
    if (typeof user.password !== 'string' || user.password.length === 0) problem(`${key}.password`, 'must be set');
    if (typeof user.name !== 'string') problem(`${key}.name`, 'must be set');
    if (typeof user.email !== 'string' || !user.email.includes('@')) problem(`${key}.email`, 'must be an email address');
    checkRoles(`${key}.roles`, user.roles);
    if (!Array.isArray(user.groups)) problem(`${key}.groups`, 'must be a list of group names');
  });

  checkUniqueList(config.clients, 'clients', 'clientId', problem).forEach((client, index) => {
    const key = `clients[${index}]`;
    if (typeof client.secret !== 'string' || client.secret.length < 8) problem(`${key}.secret`, 'must be at least 8 characters');
    if (!Array.isArray(client.grants) || client.grants.length === 0) {
      problem(`${key}.grants`, 'must list at least one grant type');
    } else {
      client.grants.filter((grant) => !knownGrants.has(grant)).forEach((grant) => problem(`${key}.grants`, `names unsupported grant "${grant}"`));
    }
    checkRoles(`${key}.roles`, client.roles ?? []);
    checkScopes(`${key}.scopes`, client.scopes ?? []);
    (client.exchangeFrom ?? []).filter((name) => !(name in resources))
      .forEach((name) => problem(`${key}.exchangeFrom`, `names unknown resource "${name}"`));
  });

  return problems;
}

function checkRegistration(registration, problem) {
  if (registration === undefined) return;
  if (!isObject(registration)) {
    problem('registration', 'must be an object');
    return;
  }
  const hosts = registration.allowedRedirectHosts ?? [];
  if (!Array.isArray(hosts)) {
    problem('registration.allowedRedirectHosts', 'must be a list of host names');
  } else {
    hosts.filter((host) => !isHostName(host))
      .forEach((host) => problem('registration.allowedRedirectHosts', `"${host}" is not a host name (no scheme, port or path)`));
  }
  const { maxClients } = registration;
  if (maxClients !== undefined && (!Number.isInteger(maxClients) || maxClients <= 0)) {
    problem('registration.maxClients', 'must be a positive whole number');
  }
}

/** A DNS name as it appears in a URL's host, lower-case, without port. */
export function isHostName(text) {
  return typeof text === 'string' && /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(text);
}

function checkUniqueList(list, key, idKey, problem) {
  if (!Array.isArray(list)) {
    problem(key, 'must be a list');
    return [];
  }
  const seen = new Set();
  list.forEach((item, index) => {
    const id = item?.[idKey];
    if (typeof id !== 'string' || !/^[a-z0-9._-]+$/.test(id)) problem(`${key}[${index}].${idKey}`, 'must be a lower-case name');
    if (seen.has(id)) problem(`${key}[${index}].${idKey}`, `"${id}" appears twice`);
    seen.add(id);
  });
  return list.filter(isObject);
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
