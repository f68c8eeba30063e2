/** What kubectl prints for NADs is input nad validate and nad create -f accept (List and single objects). */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../../src/sys/run.js';
import { macvlanFlags, nadWorld, type NadWorld } from './nad-support.js';

const skip = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0 ? 'kubectl is not installed' : false;

describe('kubectl output → multusctl nad', { skip }, () => {
  let w: NadWorld;
  // Asynchronous: the API server answers from this process while kubectl runs.
  const kubectl = async (...args: string[]): Promise<string> => {
    const r = await run(['kubectl', '--kubeconfig', w.server.kubeconfigPath, '--cache-dir', join(w.server.dir, 'kcache'), ...args], { timeoutMs: 60_000 });
    assert.equal(r.exitCode, 0, r.stderr);
    return r.stdout;
  };
  before(async () => {
    w = await nadWorld();
    for (const [name, subnet] of [['k-one', '10.81.0.0/24'], ['k-two', '10.82.0.0/24']] as const) {
      const r = await w.cli(['nad', 'create', name, ...macvlanFlags(subnet)]);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(() => w.close());

  it('kubectl get -o json (a List) and -o yaml validate clean', async () => {
    const list = await w.cli(['nad', 'validate', '-', '-o', 'json'], { stdin: await kubectl('get', 'network-attachment-definitions', '-o', 'json') });
    assert.equal(list.code, 0, list.stderr);
    assert.equal((JSON.parse(list.stdout) as { summary: { nads: number } }).summary.nads, 2);
    const one = await w.cli(['nad', 'validate', '-'], { stdin: await kubectl('get', 'network-attachment-definitions', 'k-one', '-o', 'yaml') });
    assert.equal(one.code, 0, one.stderr);
  });

  it('kubectl get -o yaml (with uid, resourceVersion) recreates in another namespace with nad create -f -', async () => {
    await w.cluster.namespaces.create('copy');
    const r = await w.cli(['nad', 'create', '-f', '-', '-n', 'copy'], { stdin: await kubectl('get', 'network-attachment-definitions', 'k-two', '-o', 'yaml') });
    assert.equal(r.code, 0, r.stderr);
    const copy = await w.cluster.nads.get('copy', 'k-two');
    const orig = await w.cluster.nads.get('default', 'k-two');
    assert.equal(copy?.spec?.config, orig?.spec?.config);
    assert.notEqual(copy?.metadata.uid, orig?.metadata.uid);
  });
});
