import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const serverScript = fileURLToPath(new URL('../server.mjs', import.meta.url));

/** Resource URIs as the tests' resource servers would have them: random-looking ports, nothing listening. */
export const resourceUris = {
  gateway: 'http://127.0.0.1:41234/mcp',
  jira: 'http://127.0.0.1:41236/mcp',
  db: 'http://127.0.0.1:41235/mcp',
};

const startTimeoutMs = 15000;

export function createDataFolder() {
  return mkdtempSync(path.join(tmpdir(), 'identity-test-'));
}

export function removeDataFolder(folder) {
  rmSync(folder, { recursive: true, force: true });
}

/**
 * Starts server.mjs on port 0 with the given data folder and resolves once it prints its URL;
 * `extraArguments` replaces the usual arguments, `moreArguments` adds to them.
 */
export function startIdentityServer({ dataFolder, extraArguments, moreArguments = [], env = {} }) {
  const resourceArguments = Object.entries(resourceUris).flatMap(([name, uri]) => ['--resource', `${name}=${uri}`]);
  const args = extraArguments ?? ['--port', '0', '--data', dataFolder, ...resourceArguments, ...moreArguments];
  const child = spawn(process.execPath, [serverScript, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });

  let output = '';
  const url = new Promise((resolve, reject) => {
    // Cleared once the server is up: it must not kill a server that a long test is still using.
    const startTimeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`identity server did not start within ${startTimeoutMs} ms: ${output}`));
    }, startTimeoutMs).unref();
    const onData = (chunk) => {
      output += chunk;
      const match = /EnterpriseMcp\.Identity listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(startTimeout);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.once('exit', (code) => reject(new Error(`identity server exited with ${code}: ${output}`)));
  });

  return url.then((baseUrl) => ({
    url: baseUrl,
    dataFolder,
    output: () => output,
    stop: () => stopProcess(child),
  }));
}

function stopProcess(child) {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

/**
 * The identity server of one suite: started (with a data folder of its own) before the suite's tests, stopped and its
 * folder removed after them. The handle reads through to the running server (`server.url`, `server.output()`), so a
 * suite declares it once: `const server = identityServerForSuite();`. Options as for startIdentityServer.
 */
export function identityServerForSuite(options = {}) {
  let running;
  let dataFolder;
  before(async () => {
    dataFolder = createDataFolder();
    running = await startIdentityServer({ dataFolder, ...options });
  });
  after(async () => {
    await running?.stop();
    removeDataFolder(dataFolder);
  });
  return new Proxy({}, { get: (_target, name) => running?.[name] });
}

/** Runs server.mjs to completion (key commands, bad settings) and returns its exit code and output. */
export function runServerCommand(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [serverScript, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
