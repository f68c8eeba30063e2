/**
 * Plugin mode end to end: the built binary installed as `multus` in a plugin directory and called
 * the way a runtime calls it (through src/cni's libcni, which execs it like any plugin), with the
 * lab's real API server and the real Debian plugins. Also VERSION, errors and exit codes raw.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { NETNS_SKIP } from '../support/netns.js';
import { CLEAN, CliWorld, SYSTEM_CNI_BIN } from '../support/cli-world.js';
import { CLI } from '../e2e/helpers.js';
import { addNetworkList, checkNetworkList, delNetworkList, type CniConfig, type RuntimeConf } from '../../src/cni/libcni.js';
import { localPluginExec } from '../../src/cni/local-exec.js';
import { networkConfigList, type NetworkConfigList } from '../../src/cni/conf.js';
import { writeCacheEntry } from '../../src/cni/cache.js';
import { PluginError } from '../../src/cni/errors.js';
import { Annotations } from '../../src/constants.js';
import { parseNetworkStatus } from '../../src/multus/network-status.js';

const opts = { skip: NETNS_SKIP, timeout: 180_000 };
const world = new CliWorld();
const runtimeBin = join(world.dir, 'runtime-bin');
let runtime: CniConfig;
let multusList: NetworkConfigList;

before(async () => {
  if (NETNS_SKIP) return;
  await world.start();
  await world.macvlan('macvlan-conf', '192.168.90.0/24');
  mkdirSync(runtimeBin);
  symlinkSync(CLI, join(runtimeBin, 'multus'));
  runtime = { exec: localPluginExec(), path: [runtimeBin, SYSTEM_CNI_BIN], cacheDir: join(world.dir, 'runtime-cache'), timeoutMs: 60_000 };
  multusList = networkConfigList(JSON.parse(readFileSync(join(world.confDir, '00-multus.conf'), 'utf8')) as Record<string, unknown>);
});

async function rtFor(name: string, netns: string): Promise<RuntimeConf> {
  const uid = (await world.cluster.pods.get('default', name))!.metadata!.uid!;
  return {
    containerId: `sandbox-${name}`,
    netns,
    ifName: 'eth0',
    args: [['IgnoreUnknown', '1'], ['K8S_POD_NAMESPACE', 'default'], ['K8S_POD_NAME', name], ['K8S_POD_INFRA_CONTAINER_ID', `sandbox-${name}`], ['K8S_POD_UID', uid]],
    capabilityArgs: {},
  };
}

function raw(env: Record<string, string>, stdin: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(runtimeBin, 'multus'), [], { input: stdin, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('VERSION: the versions multus supports, exit 0', opts, () => {
  const r = raw({ CNI_COMMAND: 'VERSION' }, '');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { cniVersion: '1.1.0', supportedVersions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'] });
});

test('as the runtime\'s multus: ADD gives eth0 + net1 and network-status; CHECK; DEL twice cleans everything', opts, async () => {
  const pod = await world.pod('pm', 'macvlan-conf');
  const rt = await rtFor('pm', pod.netns);
  const result = await addNetworkList(runtime, multusList, rt);
  assert.equal(result.cniVersion, '1.0.0');
  assert.match((result.ips as Array<{ address: string }>)[0]!.address, /^10\.251\.7\.\d+\/24$/);
  assert.deepEqual(await world.links(pod.netns), ['eth0', 'lo', 'net1']);
  const status = parseNetworkStatus((await world.cluster.pods.get('default', 'pm'))!.metadata!.annotations![Annotations.networkStatus]!);
  assert.deepEqual(status.map((s) => [s.name, s.interface]), [['cbr', 'eth0'], ['default/macvlan-conf', 'net1']]);
  // CHECK through multus is upstream's: with clusterNetwork it checks nothing and succeeds.
  await checkNetworkList(runtime, multusList, rt);
  await delNetworkList(runtime, multusList, rt);
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
  await delNetworkList(runtime, multusList, rt);
});

test('a missing NAD: exit 1 with a CNI error (code 999, the Multus message) on stdout; nothing left', opts, async () => {
  const pod = await world.pod('pm-nonad', 'nope');
  const rt = await rtFor('pm-nonad', pod.netns);
  const err = await addNetworkList(runtime, multusList, rt).then(
    () => assert.fail('ADD should fail'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PluginError, String(err));
  assert.equal(err.code, 999);
  assert.match(err.msg, /^Multus: \[default\/pm-nonad\/[0-9a-f-]+\]: error loading k8s delegates k8s args: .*cannot find a network-attachment-definition \(nope\) in namespace \(default\)/);
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
});

test('a pod the API does not know: upstream master\'s empty result, no delegate runs', opts, async () => {
  const netns = (await world.fx.add('pm-ghost')).path;
  const rt: RuntimeConf = { containerId: 'sandbox-ghost', netns, ifName: 'eth0', args: [['IgnoreUnknown', '1'], ['K8S_POD_NAMESPACE', 'default'], ['K8S_POD_NAME', 'ghost']], capabilityArgs: {} };
  const result = await addNetworkList(runtime, multusList, rt);
  assert.deepEqual(result, { cniVersion: '1.0.0', interfaces: [{ name: 'eth0', sandbox: netns }], ips: [{ address: '0.0.0.0/0', gateway: '0.0.0.0' }] });
  assert.deepEqual(await world.leftovers(netns), CLEAN);
  await delNetworkList(runtime, multusList, rt);
});

test('skel behaviour: undecodable config → code 6, missing env → code 4, CHECK on 0.3.1 → code 1; all exit 1', opts, () => {
  const env = { CNI_COMMAND: 'ADD', CNI_CONTAINERID: 'x', CNI_NETNS: '/proc/self/ns/net', CNI_IFNAME: 'eth0', CNI_PATH: SYSTEM_CNI_BIN };
  const bad = raw(env, '{ nope');
  assert.equal(bad.code, 1);
  assert.equal((JSON.parse(bad.stdout) as { code: number }).code, 6);
  const noEnv = raw({ CNI_COMMAND: 'ADD' }, JSON.stringify({ cniVersion: '1.0.0', name: 'm', type: 'multus', delegates: [{ type: 'loopback' }] }));
  assert.equal(noEnv.code, 1);
  assert.deepEqual(JSON.parse(noEnv.stdout), { cniVersion: '1.0.0', code: 4, msg: 'required env variables [CNI_CONTAINERID CNI_NETNS CNI_IFNAME] missing' });
  const check = raw({ ...env, CNI_COMMAND: 'CHECK' }, JSON.stringify({ cniVersion: '0.3.1', name: 'm', type: 'multus', delegates: [{ type: 'loopback' }] }));
  assert.equal(check.code, 1);
  assert.equal((JSON.parse(check.stdout) as { code: number }).code, 1);
});

test('SIGTERM during ADD (a plugin hangs): plugin mode rolls back, prints a CNI error and exits 1', opts, async () => {
  const marker = join(world.dir, 'pm-hang-started');
  world.plugin('pm-hang', `cat >/dev/null; if [ "$CNI_COMMAND" = ADD ]; then touch '${marker}'; exec sleep 60; fi; exit 0`);
  await world.nad('mv-pm-hang', { cniVersion: '1.0.0', type: 'pm-hang' });
  const pod = await world.pod('pm-term', 'macvlan-conf,mv-pm-hang');
  const rt = await rtFor('pm-term', pod.netns);
  const child = spawn(join(runtimeBin, 'multus'), [], {
    env: { PATH: process.env.PATH ?? '', CNI_COMMAND: 'ADD', CNI_CONTAINERID: rt.containerId, CNI_NETNS: rt.netns, CNI_IFNAME: 'eth0', CNI_PATH: SYSTEM_CNI_BIN, CNI_ARGS: rt.args.map(([k, v]) => `${k}=${v}`).join(';') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  child.stdin.end(readFileSync(join(world.confDir, '00-multus.conf'), 'utf8'));
  for (let i = 0; i < 300 && !existsSync(marker); i += 1) await sleep(100);
  assert.ok(existsSync(marker), 'the hanging plugin never started');
  child.kill('SIGTERM');
  assert.equal(await exited, 1);
  const err = JSON.parse(stdout) as { code: number; msg: string };
  assert.match(err.msg, /error adding container to network "mv-pm-hang"/);
  assert.deepEqual(await world.leftovers(pod.netns), CLEAN);
});

test('GC goes to the cluster network only, from CNI 1.1.0 on, with every attachment of multus\'s result cache as valid', opts, async () => {
  const log = join(world.dir, 'gc-log');
  const marker = join(world.dir, 'gc-down');
  world.plugin('gc-probe', `printf '%s\\t%s\\n' "$CNI_COMMAND" "$(cat)" >> '${log}'; if [ -e '${marker}' ]; then echo '{"cniVersion":"1.1.0","code":11,"msg":"gc refused"}'; exit 1; fi; exit 0`);
  const cniDir = join(world.dir, 'gc-cni');
  // Two attachments multus made (its own cache, two networks): both count as valid.
  for (const [network, ifName] of [['gcn', 'eth0'], ['other', 'net1']] as const) {
    await writeCacheEntry(cniDir, { networkName: network, containerId: 'pod-a', ifName, config: { cniVersion: '1.1.0', name: network, type: 'gc-probe' }, result: { cniVersion: '1.1.0' } });
  }
  const conf = (version: string, dir = cniDir): string =>
    JSON.stringify({ cniVersion: '1.1.0', name: 'm', type: 'multus', binDir: world.testBin, cniDir: dir, delegates: [{ cniVersion: version, name: 'gcn', plugins: [{ type: 'gc-probe' }] }, { cniVersion: version, type: 'gc-probe', name: 'other' }] });
  const env = { CNI_COMMAND: 'GC', CNI_PATH: SYSTEM_CNI_BIN };
  const calls = (): Array<[string, Record<string, unknown>]> =>
    readFileSync(log, 'utf8').split('\n').filter((l) => l !== '').map((l) => [l.slice(0, l.indexOf('\t')), JSON.parse(l.slice(l.indexOf('\t') + 1)) as Record<string, unknown>]);
  writeFileSync(log, '');

  const ok = raw(env, conf('1.1.0'));
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.equal(calls().length, 1, 'only the cluster network, once');
  const [command, stdin] = calls()[0]!;
  assert.equal(command, 'GC');
  const valid = [{ containerID: 'pod-a', ifname: 'eth0' }, { containerID: 'pod-a', ifname: 'net1' }];
  assert.deepEqual(stdin['cni.dev/valid-attachments'], valid);
  assert.deepEqual(stdin['cni.dev/attachments'], valid);
  assert.deepEqual([stdin.name, stdin.cniVersion, stdin.type], ['gcn', '1.1.0', 'gc-probe']);

  assert.equal(raw(env, conf('1.0.0')).code, 0, 'a 1.0.0 cluster network has no plugin GC');
  assert.equal(calls().length, 1, 'and gets no call');

  writeFileSync(marker, '');
  const down = raw(env, conf('1.1.0'));
  assert.equal(down.code, 1);
  const err = JSON.parse(down.stdout) as { code: number; msg: string };
  assert.equal(err.code, 999);
  assert.match(err.msg, /^error in GC command: failed to GC plugin gc-probe: .*gc refused/);

  const unused = join(world.dir, 'gc-never-used');
  const none = raw(env, conf('1.1.0', unused));
  assert.equal(none.code, 1, 'like upstream: no result cache to read is an error');
  assert.equal((JSON.parse(none.stdout) as { msg: string }).msg, `error in gather valid attachments: open ${join(unused, 'results')}: no such file or directory`);
});

test('STATUS goes to the cluster network only, from CNI 1.1.0 on, and returns its error code as is', opts, () => {
  const log = join(world.dir, 'status-log');
  const marker = join(world.dir, 'status-down');
  world.plugin('status-probe', `cat >/dev/null; echo "$CNI_COMMAND" >> '${log}'; if [ -e '${marker}' ]; then echo '{"cniVersion":"1.1.0","code":50,"msg":"The plugin is not available"}'; exit 1; fi; exit 0`);
  const conf = (version: string): string =>
    JSON.stringify({ cniVersion: '1.1.0', name: 'm', type: 'multus', binDir: world.testBin, cniDir: world.cniDir, delegates: [{ cniVersion: version, name: 'st', plugins: [{ type: 'status-probe' }] }, { cniVersion: version, type: 'status-probe', name: 'other' }] });
  const env = { CNI_COMMAND: 'STATUS', CNI_PATH: SYSTEM_CNI_BIN };
  const ok = raw(env, conf('1.1.0'));
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.equal(readFileSync(log, 'utf8'), 'STATUS\n', 'only the first delegate is asked');
  writeFileSync(marker, '');
  const down = raw(env, conf('1.1.0'));
  assert.equal(down.code, 1);
  assert.deepEqual(JSON.parse(down.stdout), { cniVersion: '1.1.0', code: 50, msg: 'The plugin is not available' });
  const old = raw(env, conf('1.0.0'));
  assert.equal(old.code, 0, 'a 1.0.0 cluster network has no STATUS: nothing to ask');
  assert.equal(readFileSync(log, 'utf8'), 'STATUS\nSTATUS\n');
});
