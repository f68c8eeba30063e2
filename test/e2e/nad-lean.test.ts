/**
 * `nad validate FILE` never loads the Kubernetes client: a module-resolve hook records every module
 * the CLI loads; no loaded bundle chunk may contain client-node's code. `nad list` is the control
 * (it must load it), so the check can fail.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { CLI, REPO_ROOT } from './helpers.js';

const HOOK = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
export async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(process.env.MULTUSCTL_LOAD_LOG, r.url + '\\\\n'); return r; }
\`));
`;

function loadedChunks(dir: string, args: string[]): { code: number | null; clientLoaded: boolean; chunks: string[] } {
  const log = join(dir, `load-${args[1]}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', join(dir, 'hook.mjs'), CLI, ...args], { env: { ...process.env, MULTUSCTL_LOAD_LOG: log, KUBECONFIG: join(dir, 'none') }, encoding: 'utf8', timeout: 60_000 });
  const chunks = [...new Set(readFileSync(log, 'utf8').split('\n').filter((u) => u.includes('/dist/bundle/')))];
  const clientLoaded = chunks.some((u) => readFileSync(fileURLToPath(u), 'utf8').includes('CoreV1Api'));
  return { code: r.status, clientLoaded, chunks };
}

test('nad validate FILE does not load @kubernetes/client-node; nad list does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nad-lean-'));
  try {
    writeFileSync(join(dir, 'hook.mjs'), HOOK);
    const validate = loadedChunks(dir, ['nad', 'validate', join(REPO_ROOT, 'examples', 'nads', 'bridge-ok.yaml')]);
    assert.equal(validate.code, 0);
    assert.ok(validate.chunks.length > 0, 'the hook saw the bundle');
    assert.equal(validate.clientLoaded, false, validate.chunks.join('\n'));
    const list = loadedChunks(dir, ['nad', 'list']);
    assert.equal(list.clientLoaded, true, 'control: nad list loads the client');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
