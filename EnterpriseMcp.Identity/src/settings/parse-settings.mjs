import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHostName } from '../config/validate-identity-config.mjs';
import { SettingError } from './setting-error.mjs';

const projectFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const defaultDataFolder = path.join(projectFolder, '.data');
export const defaultConfigFile = path.join(projectFolder, 'identity.json');

const commands = new Set(['serve', 'rotate-keys', 'retire-keys']);
const valueOptions = new Set(['--port', '--host', '--issuer', '--data', '--config', '--resource', '--allowed-redirect-host']);
const listOptions = { '--resource': 'resources', '--allowed-redirect-host': 'allowedRedirectHosts' };
const resourceEnvPrefix = 'IDENTITY_RESOURCE_';
const clientSecretEnvPrefix = 'IDENTITY_CLIENT_SECRET_';

/**
 * Reads the command line and the IDENTITY_* environment into one settings object.
 * A command-line option wins over its environment variable.
 */
export function parseSettings(argv, env) {
  const options = readOptions(argv);

  return {
    command: options.command,
    port: parsePort(options['--port'] ?? env.IDENTITY_PORT ?? '5100', options['--port'] ? '--port' : 'IDENTITY_PORT'),
    host: options['--host'] ?? env.IDENTITY_HOST ?? '127.0.0.1',
    issuer: parseIssuer(options['--issuer'] ?? env.IDENTITY_ISSUER, options['--issuer'] ? '--issuer' : 'IDENTITY_ISSUER'),
    dataFolder: path.resolve(options['--data'] ?? env.IDENTITY_DATA ?? defaultDataFolder),
    configFile: path.resolve(options['--config'] ?? env.IDENTITY_CONFIG ?? defaultConfigFile),
    resourceUris: { ...resourceUrisFromEnv(env), ...resourceUrisFromArguments(options.resources) },
    clientSecrets: clientSecretsFromEnv(env),
    allowedRedirectHosts: allowedRedirectHosts(options.allowedRedirectHosts, env.IDENTITY_ALLOWED_REDIRECT_HOSTS),
  };
}

function readOptions(argv) {
  const options = { command: 'serve', resources: [], allowedRedirectHosts: [] };
  let index = 0;
  if (argv[0] !== undefined && !argv[0].startsWith('-')) {
    if (!commands.has(argv[0])) {
      throw new SettingError('command', `unknown command "${argv[0]}" (expected one of ${[...commands].join(', ')})`);
    }
    options.command = argv[0];
    index = 1;
  }
  for (; index < argv.length; index += 1) {
    const [name, inlineValue] = splitInlineValue(argv[index]);
    if (!valueOptions.has(name)) {
      throw new SettingError(name, 'unknown option');
    }
    const value = inlineValue ?? argv[++index];
    if (value === undefined || value === '') {
      throw new SettingError(name, 'needs a value');
    }
    if (name in listOptions) {
      options[listOptions[name]].push(value);
    } else {
      options[name] = value;
    }
  }
  return options;
}

function splitInlineValue(argument) {
  const equals = argument.indexOf('=');
  return argument.startsWith('--') && equals > 0
    ? [argument.slice(0, equals), argument.slice(equals + 1)]
    : [argument, undefined];
}

function parsePort(text, setting) {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new SettingError(setting, `"${text}" is not a port number (0-65535; 0 picks a free port)`);
  }
  return port;
}

function parseIssuer(text, setting) {
  if (text === undefined) return undefined;
  const url = URL.parse(text);
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.search || url.hash) {
    throw new SettingError(setting, `"${text}" is not an http(s) URL without query or fragment`);
  }
  return text.replace(/\/$/, '');
}

function resourceUrisFromArguments(pairs) {
  return Object.fromEntries(pairs.map((pair) => {
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      throw new SettingError('--resource', `"${pair}" is not NAME=URI`);
    }
    const name = pair.slice(0, equals).toLowerCase();
    return [name, parseResourceUri(pair.slice(equals + 1), `--resource ${name}`)];
  }));
}

function resourceUrisFromEnv(env) {
  return Object.fromEntries(Object.entries(env)
    .filter(([key, value]) => key.startsWith(resourceEnvPrefix) && value)
    .map(([key, value]) => [key.slice(resourceEnvPrefix.length).toLowerCase(), parseResourceUri(value, key)]));
}

function parseResourceUri(text, setting) {
  const url = URL.parse(text);
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.hash) {
    throw new SettingError(setting, `"${text}" is not an absolute http(s) URI without fragment`);
  }
  return text;
}

/** Hosts (besides loopback) that registered clients may redirect to: added to the identity file's list. */
function allowedRedirectHosts(fromArguments, fromEnv) {
  const [hosts, setting] = fromArguments.length
    ? [fromArguments, '--allowed-redirect-host']
    : [(fromEnv ?? '').split(',').map((host) => host.trim()).filter(Boolean), 'IDENTITY_ALLOWED_REDIRECT_HOSTS'];
  const bad = hosts.find((host) => !isHostName(host));
  if (bad !== undefined) throw new SettingError(setting, `"${bad}" is not a host name (lower-case, no scheme, port or path)`);
  return hosts;
}

/**
 * Client secrets from IDENTITY_CLIENT_SECRET_<CLIENT> (client id upper-cased, '-' as '_'): only from the environment,
 * since a command line is visible to every user of the machine. The AppHost generates them.
 */
function clientSecretsFromEnv(env) {
  return Object.fromEntries(Object.entries(env)
    .filter(([key]) => key.startsWith(clientSecretEnvPrefix))
    .map(([key, value]) => {
      if (!value || value.length < 16) {
        throw new SettingError(key, 'a client secret needs at least 16 characters');
      }
      return [key.slice(clientSecretEnvPrefix.length), value];
    }));
}
