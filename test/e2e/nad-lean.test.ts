/**
 * `nad validate FILE` and `nad list` never load @kubernetes/client-node: a module-resolve hook
 * records every module the CLI loads; no loaded bundle chunk may contain client-node's code. The
 * control is `nad list` with a kubeconfig whose user gets its token from an exec credential plugin,
 * the one kind of credential left to client-node: it must load it, so the check can fail.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { CLI, REPO_ROOT } from './helpers.js';
import { closedPort } from '../support/ports.js';

const HOOK = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.MULTUSCTL_LOAD_LOG, r.url + '\\\\n'); return r; }
\`));
`;

function loadedChunks(dir: string, args: string[], kubeconfig = join(dir, 'none')): { code: number | null; clientLoaded: boolean; chunks: string[] } {
  const log = join(dir, `load-${args.join('-').replace(/\W+/g, '_').slice(0, 40)}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', join(dir, 'hook.mjs'), CLI, ...args], { env: { ...process.env, MULTUSCTL_LOAD_LOG: log, KUBECONFIG: kubeconfig }, encoding: 'utf8', timeout: 60_000 });
  const chunks = [...new Set(readFileSync(log, 'utf8').split('\n').filter((u) => u.includes('/dist/bundle/')))];
  const clientLoaded = chunks.some((u) => readFileSync(fileURLToPath(u), 'utf8').includes('KubeConfig = class'));
  return { code: r.status, clientLoaded, chunks };
}

/** A kubeconfig for a closed loopback port whose user is an exec credential plugin (or a token). */
function kubeconfigFor(dir: string, name: string, port: number, user: object): string {
  const path = join(dir, `${name}.kubeconfig`);
  writeFileSync(path, JSON.stringify({ apiVersion: 'v1', kind: 'Config', clusters: [{ name, cluster: { server: `https://127.0.0.1:${port}` } }], users: [{ name, user }], contexts: [{ name, context: { cluster: name, user: name } }], 'current-context': name }));
  return path;
}

test('nad validate FILE and nad list do not load @kubernetes/client-node; an exec credential plugin does', async () => {
  const port = await closedPort();
  const dir = mkdtempSync(join(tmpdir(), 'nad-lean-'));
  try {
    writeFileSync(join(dir, 'hook.mjs'), HOOK);
    const validate = loadedChunks(dir, ['nad', 'validate', join(REPO_ROOT, 'examples', 'nads', 'bridge-ok.yaml')]);
    assert.equal(validate.code, 0);
    assert.ok(validate.chunks.length > 0, 'the hook saw the bundle');
    assert.equal(validate.clientLoaded, false, validate.chunks.join('\n'));
    const list = loadedChunks(dir, ['nad', 'list'], kubeconfigFor(dir, 'token', port, { token: 't' }));
    assert.equal(list.code, 3, 'nothing listens on the port');
    assert.ok(list.chunks.some((u) => readFileSync(fileURLToPath(u), 'utf8').includes('function kubeHttp')), 'nad list loaded the Kubernetes client');
    assert.equal(list.clientLoaded, false, list.chunks.join('\n'));
    const plugin = join(dir, 'credential.sh');
    writeFileSync(plugin, `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'\n`, { mode: 0o755 });
    const viaPlugin = loadedChunks(dir, ['nad', 'list'], kubeconfigFor(dir, 'exec', port, { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } }));
    assert.equal(viaPlugin.code, 3);
    assert.equal(viaPlugin.clientLoaded, true, 'control: an exec credential plugin loads client-node');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
