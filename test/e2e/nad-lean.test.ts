/**
 * `nad validate FILE` and `nad list` never load @kubernetes/client-node: a hook records every
 * module the CLI loads (test/support/load-log.ts); no loaded bundle file may contain client-node's
 * code. The control is `nad list` with a kubeconfig whose user gets its token from an exec
 * credential plugin, the one kind of credential left to client-node: it must load it, so the check
 * can fail.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, REPO_ROOT } from './helpers.js';
import { closedPort } from '../support/ports.js';
import { LoadLog } from '../support/load-log.js';

const loads = new LoadLog();

function loadedChunks(args: string[], kubeconfig: string): { code: number | null; clientLoaded: boolean; chunks: string[]; hasClient: boolean } {
  const run = loads.next();
  const r = spawnSync(process.execPath, [...run.nodeArgs, CLI, ...args], { env: { ...process.env, ...run.env, KUBECONFIG: kubeconfig }, encoding: 'utf8', timeout: 60_000 });
  const loaded = run.loaded();
  return { code: r.status, clientLoaded: loaded.chunksWith('KubeConfig = class').length > 0, chunks: loaded.chunks, hasClient: loaded.chunksWith('function kubeHttp').length > 0 };
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
    const validate = loadedChunks(['nad', 'validate', join(REPO_ROOT, 'examples', 'nads', 'bridge-ok.yaml')], join(dir, 'none'));
    assert.equal(validate.code, 0);
    assert.ok(validate.chunks.length > 0, 'the hook saw the bundle');
    assert.equal(validate.clientLoaded, false, validate.chunks.join('\n'));
    const list = loadedChunks(['nad', 'list'], kubeconfigFor(dir, 'token', port, { token: 't' }));
    assert.equal(list.code, 3, 'nothing listens on the port');
    assert.ok(list.hasClient, `nad list loaded the Kubernetes client: ${list.chunks.join(' ')}`);
    assert.equal(list.clientLoaded, false, list.chunks.join('\n'));
    const plugin = join(dir, 'credential.sh');
    writeFileSync(plugin, `#!/bin/sh\necho '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"t"}}'\n`, { mode: 0o755 });
    const viaPlugin = loadedChunks(['nad', 'list'], kubeconfigFor(dir, 'exec', port, { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } }));
    assert.equal(viaPlugin.code, 3);
    assert.equal(viaPlugin.clientLoaded, true, 'control: an exec credential plugin loads client-node');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
