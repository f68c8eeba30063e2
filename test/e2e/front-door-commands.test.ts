/**
 * `nad list`, `nad get`, `nad delete` and `pod list` through the oclif-free front door and through oclif
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

describe('nad list/get/delete and pod list: front door and oclif agree', () => {
  let w: NadWorld;
  const loads = new LoadLog();
  before(async () => {
    w = await nadWorld();
    assert.equal((await w.cli(['nad', 'create', 'fd-a', ...macvlanFlags('10.62.0.0/24')])).code, 0);
    await w.cluster.namespaces.create('fd-other');
    assert.equal((await w.cli(['nad', 'create', 'fd-b', '-n', 'fd-other', ...macvlanFlags('10.63.0.0/24')])).code, 0);
    await w.cluster.pods.create(podWith('fd-user', 'fd-a'));
  });
  after(() => w.close());

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

  it('nad get (table, -o yaml, -o json, a missing NAD exits 4) and nad delete (refused while used, --force, missing)', async () => {
    const k = ['--kubeconfig', w.server.kubeconfigPath];
    const line = await both(['nad', 'get', 'fd-a', ...k]);
    assert.equal(line.code, 0, line.stderr);
    assert.match(line.stdout, /fd-a/);
    assert.match((await both(['nad', 'get', 'fd-a', '-o', 'yaml', ...k])).stdout, /^kind: NetworkAttachmentDefinition$/m);
    assert.equal(JSON.parse((await both(['nad', 'get', 'fd-b', '-n', 'fd-other', '-o', 'json', ...k])).stdout).metadata.name, 'fd-b');
    const missing = await both(['nad', 'get', 'fd-none', ...k]);
    assert.equal(missing.code, 4);
    assert.equal((await w.cli(['nad', 'create', 'fd-del', ...macvlanFlags('10.64.0.0/24')])).code, 0);
    await w.cluster.pods.create(podWith('fd-del-user', 'fd-del'));
    const refused = await both(['nad', 'delete', 'fd-del', ...k]);
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /fd-del-user/);
    const gone = await both(['nad', 'delete', 'fd-none', ...k]);
    assert.equal(gone.code, 4);
    // A successful delete changes the cluster, so each path deletes its own copy; the outputs must still be equal.
    const fast = await runCli(['nad', 'delete', 'fd-del', '--force', ...k], { env: { KUBECONFIG: '' } });
    assert.equal(fast.code, 0, fast.stderr);
    assert.match(fast.stdout, /networkattachmentdefinition default\/fd-del deleted/);
    assert.equal((await w.cli(['nad', 'create', 'fd-del', ...macvlanFlags('10.64.0.0/24')])).code, 0);
    const slow = await runCli(['nad', 'delete', 'fd-del', '--force', ...k], { env: { KUBECONFIG: '', MULTUSCTL_NO_FAST_PATH: '1' } });
    assert.deepEqual({ code: slow.code, stdout: slow.stdout, stderr: slow.stderr }, { code: fast.code, stdout: fast.stdout, stderr: fast.stderr });
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
