/** Bad input to the nad commands: one clear line, a hint, the exit code of spec/cli.md, no stack trace. */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { closedPort } from '../support/ports.js';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli, type CliResult } from './helpers.js';
import { nadWorld, type NadWorld } from './nad-support.js';

function oneLineError(r: CliResult, code: number, message: RegExp): void {
  assert.equal(r.code, code, `exit code (stderr: ${r.stderr})`);
  const lines = r.stderr.trim().split('\n');
  assert.match(lines[0]!, /^Error: /);
  assert.match(lines[0]!, message);
  assert.ok(lines.length <= 3, `at most error + hint (+ a warning): ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

describe('nad commands: bad input', () => {
  let w: NadWorld;
  before(async () => {
    w = await nadWorld();
  });
  after(() => w.close());

  it('an unreadable file → exit 2', async () => {
    oneLineError(await runCli(['nad', 'validate', join(w.server.dir, 'nope.yaml')]), 2, /cannot read .*nope\.yaml: no such file/);
  });

  it('a YAML syntax error → exit 2 with file and line', async () => {
    const f = await w.file('bad.yaml', 'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: [x\nspec: {}\n');
    oneLineError(await runCli(['nad', 'validate', f]), 2, /bad\.yaml:\d+:\d+: YAML syntax error/);
  });

  it('a Pod manifest given to nad validate → exit 2 naming the kind', async () => {
    const r = await runCli(['nad', 'validate', '-'], { stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n' });
    oneLineError(r, 2, /stdin:1:1: document 1 is a Pod, not a NetworkAttachmentDefinition/);
  });

  it('an empty stdin → exit 2', async () => {
    oneLineError(await runCli(['nad', 'validate', '-'], { stdin: '' }), 2, /stdin is empty/);
    oneLineError(await runCli(['nad', 'create', '-f', '-'], { stdin: '' }), 2, /stdin is empty/);
  });

  it('a NAD name with upper-case letters → exit 2 (create) / NAD001 exit 1 (validate)', async () => {
    oneLineError(await w.cli(['nad', 'create', 'MyNet', '--type', 'bridge', '--ipam', 'dhcp']), 2, /NAD name "MyNet" has upper-case letters/);
    const f = await w.file('upper.yaml', 'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: MyNet\nspec:\n  config: \'{"cniVersion":"1.0.0","type":"bridge"}\'\n');
    const r = await runCli(['nad', 'validate', f, '-o', 'json']);
    assert.equal(r.code, 1);
    assert.deepEqual((JSON.parse(r.stdout) as { findings: Array<{ id: string; line: number }> }).findings.map((x) => [x.id, x.line]), [['NAD001', 4]]);
  });

  it('creating a NAD that exists → exit 2 with the API server\'s reason', async () => {
    const flags = ['--type', 'bridge', '--ipam', 'dhcp'];
    assert.equal((await w.cli(['nad', 'create', 'twice', ...flags])).code, 0);
    oneLineError(await w.cli(['nad', 'create', 'twice', ...flags]), 2, /already exists/);
  });

  it('missing flags without a terminal → exit 2 naming them, no prompt', async () => {
    oneLineError(await w.cli(['nad', 'create', 'x', '--type', 'macvlan']), 2, /missing --master, --ipam \(stdin is not a terminal/);
  });

  it('an unreachable cluster → exit 3', async () => {
    const text = await readFile(w.server.kubeconfigPath, 'utf8');
    const port = await closedPort();
    const path = join(w.server.dir, 'kubeconfig-closed');
    await writeFile(path, text.replace(w.server.url, `https://127.0.0.1:${port}`), { mode: 0o600 });
    oneLineError(await runCli(['nad', 'list', '--kubeconfig', path, '--timeout', '10s']), 3, /cannot reach the API server at https:\/\/127\.0\.0\.1:\d+/);
  });

  it('an expired or wrong token → exit 3', async () => {
    const text = await readFile(w.server.kubeconfigPath, 'utf8');
    assert.ok(text.includes(w.server.token));
    const path = join(w.server.dir, 'kubeconfig-expired');
    await writeFile(path, text.replace(w.server.token, 'expired-token-0000'), { mode: 0o600 });
    oneLineError(await runCli(['nad', 'list', '--kubeconfig', path]), 3, /rejected the credentials \(401 Unauthorized\)/);
    oneLineError(await runCli(['nad', 'validate', '--kubeconfig', path]), 3, /rejected the credentials/);
  });

  it('validating files never needs a cluster (a broken kubeconfig does not matter)', async () => {
    const f = await w.file('ok.yaml', 'apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: ok\nspec:\n  config: \'{"cniVersion":"1.0.0","type":"bridge"}\'\n');
    const r = await runCli(['nad', 'validate', f, '--kubeconfig', '/nonexistent/kubeconfig']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /OK: 1 NAD, 0 errors/);
  });
});
