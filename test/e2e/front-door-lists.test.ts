/**
 * `nad list` and `pod list` through the oclif-free front door and through oclif
 * (MULTUSCTL_NO_FAST_PATH=1) give the same stdout, stderr and exit code, against the real test API
 * server; a module-resolve hook shows which path ran and that the front door loads no oclif code.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { closedPort } from '../support/ports.js';
import { LoadLog } from '../support/load-log.js';
import { writeKubeconfig } from '../../src/lab/apiserver/kubeconfig.js';
import { runCli, type CliResult } from './helpers.js';
import { macvlanFlags, nadWorld, podWith, type NadWorld } from './nad-support.js';
import { join } from 'node:path';

const OCLIF = '// node_modules/@oclif/core/';

describe('nad list and pod list: front door and oclif agree', () => {
  let w: NadWorld;
  const loads = new LoadLog();
  before(async () => {
    w = await nadWorld();
    assert.equal((await w.cli(['nad', 'create', 'fd-a', ...macvlanFlags('10.62.0.0/24')])).code, 0);
    await w.cluster.namespaces.create('fd-other');
    assert.equal((await w.cli(['nad', 'create', 'fd-b', '-n', 'fd-other', ...macvlanFlags('10.63.0.0/24')])).code, 0);
    await w.cluster.pods.create(podWith('fd-user', 'fd-a'));
  });
  after(async () => {
    loads.remove();
    await w.close();
  });

  /** The same argv both ways; returns the front door's result after checking which path ran. */
  async function both(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
    const fast = loads.next();
    const viaDoor = await runCli(args, { env: { KUBECONFIG: '', ...env, ...fast.env }, nodeArgs: fast.nodeArgs });
    const slow = loads.next();
    const viaOclif = await runCli(args, { env: { KUBECONFIG: '', ...env, ...slow.env, MULTUSCTL_NO_FAST_PATH: '1' }, nodeArgs: slow.nodeArgs });
    const door = fast.loaded();
    assert.ok(door.frontDoor && !door.oclifEntry, `front door ran: ${door.chunks.join(' ')}`);
    assert.deepEqual(door.chunksWith(OCLIF), [], 'the front door loads no oclif code');
    assert.ok(slow.loaded().oclifEntry, 'MULTUSCTL_NO_FAST_PATH=1 went through oclif');
    assert.deepEqual({ code: viaDoor.code, stdout: viaDoor.stdout, stderr: viaDoor.stderr }, { code: viaOclif.code, stdout: viaOclif.stdout, stderr: viaOclif.stderr }, args.join(' '));
    return viaDoor;
  }

  it('table, -A -o wide, -o json and -o yaml', async () => {
    const k = ['--kubeconfig', w.server.kubeconfigPath];
    const table = await both(['nad', 'list', ...k]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /fd-a\s+macvlan\s+host-local\s+10\.62\.0\.0\/24\s+1/);
    const wide = await both(['nad', 'list', '-A', '-o', 'wide', ...k]);
    assert.match(wide.stdout, /fd-other\s+fd-b/);
    assert.match(wide.stdout, /fd-user/);
    const json = await both(['nad', 'list', '-o', 'json', ...k]);
    assert.deepEqual((JSON.parse(json.stdout) as Array<{ name: string; pods: string[] }>).map((r) => [r.name, r.pods]), [['fd-a', ['default/fd-user']]]);
    const yaml = await both(['nad', 'list', '-o', 'yaml', '-n', 'fd-other', ...k]);
    assert.match(yaml.stdout, /^- namespace: fd-other\n {2}name: fd-b/m);
  });

  it('pod list: table, -A -o wide, -o json', async () => {
    const k = ['--kubeconfig', w.server.kubeconfigPath];
    const table = await both(['pod', 'list', ...k]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /fd-user/);
    assert.match((await both(['pod', 'list', '-A', '-o', 'wide', ...k])).stdout, /fd-user/);
    const json = await both(['pod', 'list', '-o', 'json', ...k]);
    assert.deepEqual((JSON.parse(json.stdout) as Array<{ name: string }>).map((e) => e.name), ['fd-user']);
    const down = await both(['pod', 'list', '--kubeconfig', join(w.server.dir, 'nope')]);
    assert.equal(down.code, 3);
  });

  it('an unreachable server and a missing kubeconfig fail alike (exit 3, the same message)', async () => {
    const path = join(w.server.dir, 'closed.kubeconfig');
    await writeKubeconfig(path, { url: `https://127.0.0.1:${await closedPort()}`, token: w.server.token, caCertPem: w.server.caCertPem }, { context: 'closed' });
    const down = await both(['nad', 'list', '--kubeconfig', path]);
    assert.equal(down.code, 3);
    assert.match(down.stderr, /^Error: cannot reach the API server at https:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/m);
    const missing = await both(['nad', 'list', '--kubeconfig', join(w.server.dir, 'nope')]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /kubeconfig file .*nope does not exist/);
  });
});
