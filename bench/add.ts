/**
 * `multusctl add` for the bridge + macvlan case (spec §6's bar): its wall time against the sum of
 * its own plugin execs (from --trace runs made beside the timed ones), against `add --dry-run`,
 * against a bare Node client making the same API requests, and against `node -e 0`,
 * all measured in this run and printed as ratios. Needs root (namespaces, links); uses the lab's
 * API server in-process. Every link and namespace carries a unique prefix and is removed after.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI, median, ratioLine } from './measure.js';
import { startTestApiServer } from '../test/support/apiserver.js';
import { connect } from '../src/k8s/client.js';
import { addNetns, deleteNetns } from '../src/sys/netns.js';
import { runChecked, run as runProcess } from '../src/sys/run.js';
import { Annotations, NAD_API_VERSION, NAD_KIND } from '../src/constants.js';
import { uniquePrefix } from '../test/support/netns.js';

const RUNS = 9;

/**
 * The one environment of every process this benchmark times, the baseline included: a runtime's
 * (PATH, plus HOME for the CLI's code cache). Not the caller's: NODE_EXTRA_CA_CERTS there makes
 * every node load that CA bundle at start-up (about 50 ms here), while without it Node 20 builds
 * its root store at the first TLS context instead. Timed under different environments, the
 * figures would measure that difference, not multusctl.
 */
const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' };

/** Wall time of one run of `argv` under ENV, with the async runner (this process serves the API). */
async function once(argv: string[]): Promise<number> {
  const r = await runProcess(argv, { env: ENV, timeoutMs: 60_000 });
  if (r.exitCode !== 0) throw new Error(`${argv.join(' ')} exited ${r.exitCode ?? r.signal}: ${r.stderr}`);
  return r.durationMs;
}

/** Runs the CLI as a child (this process keeps serving the API server it talks to). */
async function cli(args: string[]): Promise<{ ms: number; stdout: string; stderr: string }> {
  const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  const r = await runProcess([process.execPath, ...prof, CLI, ...args], { env: { ...ENV, NO_COLOR: '1', KUBECONFIG: '', CNI_PATH: '/usr/lib/cni' }, timeoutMs: 60_000 });
  if (r.exitCode !== 0) throw new Error(`multusctl ${args.join(' ')} exited ${r.exitCode ?? r.signal}: ${r.stderr}`);
  return { ms: r.durationMs, stdout: r.stdout, stderr: r.stderr };
}

/** The binary in plugin mode (as a runtime runs multus): CNI env, the multus config on stdin. */
async function plugin(command: 'ADD' | 'DEL', conf: string, netns: string, uid: string): Promise<number> {
  const env = { ...ENV, CNI_COMMAND: command, CNI_CONTAINERID: 'bench-plugin-mode', CNI_NETNS: netns, CNI_IFNAME: 'eth0', CNI_PATH: '/usr/lib/cni', CNI_ARGS: `IgnoreUnknown=1;K8S_POD_NAMESPACE=default;K8S_POD_NAME=bench;K8S_POD_INFRA_CONTAINER_ID=bench-plugin-mode;K8S_POD_UID=${uid}` };
  const r = await runProcess([process.execPath, CLI], { env, stdin: conf, timeoutMs: 60_000 });
  if (r.exitCode !== 0) throw new Error(`plugin mode ${command} exited ${r.exitCode ?? r.signal}: ${r.stdout}`);
  return r.durationMs;
}

// Not compiled: dist/bench/add.js runs the file in bench/entries as it is.
const FLOOR = fileURLToPath(new URL('../../bench/entries/api-floor.cjs', import.meta.url));

/** The bare Node client making add's API requests (bench/entries/api-floor.cjs). */
async function apiFloor(spec: object): Promise<number> {
  const r = await runProcess([process.execPath, FLOOR], { env: { ...ENV, FLOOR_SPEC: JSON.stringify(spec) }, timeoutMs: 60_000 });
  if (r.exitCode !== 0) throw new Error(`the API floor client exited ${r.exitCode ?? r.signal}: ${r.stderr}`);
  return r.durationMs;
}

/** Sum of the plugin exec durations --trace printed ("ADD bridge (cbr on eth0) 12.3 ms"). */
function pluginMs(trace: string): number {
  return [...trace.matchAll(/^\S.* \(.* on \S+\) (\d+\.\d) ms/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

export async function run(): Promise<string[]> {
  if (process.getuid?.() !== 0) return ['skipped: needs root (network namespaces and links)'];
  const prefix = uniquePrefix('bn');
  const dir = mkdtempSync(join(tmpdir(), 'multus-bench-'));
  const server = await startTestApiServer();
  const parent = `${prefix}e1`;
  const netnsName = `${prefix}pod`;
  // Ctrl-C: remove what this run made before exiting.
  const onSigint = (): void => {
    for (const argv of [['netns', 'delete', netnsName], ['link', 'delete', parent], ['link', 'delete', `${prefix}br`]]) {
      try {
        execFileSync('ip', argv, { stdio: 'ignore' });
      } catch {
        // not there
      }
    }
    process.exit(130);
  };
  process.once('SIGINT', onSigint);
  try {
    const confDir = join(dir, 'net.d');
    const multusDir = join(dir, 'multus.d');
    const dataDir = join(dir, 'ipam');
    mkdirSync(confDir);
    mkdirSync(multusDir);
    await runChecked(['ip', 'link', 'add', parent, 'type', 'veth', 'peer', 'name', `${parent}p`]);
    await runChecked(['ip', 'link', 'set', parent, 'up']);
    writeFileSync(join(multusDir, 'cbr.conflist'), JSON.stringify({ cniVersion: '1.0.0', name: 'cbr', plugins: [{ type: 'bridge', bridge: `${prefix}br`, ipam: { type: 'host-local', subnet: '10.252.7.0/24', dataDir } }] }));
    writeFileSync(
      join(confDir, '00-multus.conf'),
      JSON.stringify({ cniVersion: '1.0.0', name: 'multus-cni-network', type: 'multus', kubeconfig: server.kubeconfigPath, clusterNetwork: 'cbr', confDir: multusDir, cniDir: join(dir, 'cni'), binDir: '/usr/lib/cni' }),
    );
    const cluster = await connect({ kubeconfig: server.kubeconfigPath, env: {} });
    await cluster.nads.create({ apiVersion: NAD_API_VERSION, kind: NAD_KIND, metadata: { name: 'macvlan-conf', namespace: 'default' }, spec: { config: JSON.stringify({ cniVersion: '1.0.0', type: 'macvlan', master: parent, mode: 'bridge', ipam: { type: 'host-local', subnet: '192.168.99.0/24', dataDir } }) } });
    await cluster.pods.create({ metadata: { name: 'bench', namespace: 'default', annotations: { [Annotations.networks]: 'macvlan-conf' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    const netns = await addNetns(netnsName);
    const args = ['--pod', 'default/bench', '--netns', netns, '--conf', confDir];
    const adds: number[] = [];
    const plugins: number[] = [];
    const dels: number[] = [];
    const dry: number[] = [];
    const pluginAdds: number[] = [];
    const floors: number[] = [];
    const bases: number[] = [];
    const rootStores: number[] = [];
    // Node 20 builds its whole root certificate store the first time any TLS context is made, even
    // one given its own `ca` (a side effect of checking whether that context uses the shared store).
    const rootStoreScript = `require('node:tls').createSecureContext({ ca: ${JSON.stringify(server.caCertPem)} })`;
    const multusConf = readFileSync(join(confDir, '00-multus.conf'), 'utf8');
    const uid = (await cluster.pods.get('default', 'bench'))?.metadata?.uid ?? '';
    // add's requests: the pod, cbr as a NAD in multus's namespace (a 404: it is a confDir file), the macvlan NAD.
    const floorSpec = { server: server.url, caCertPem: server.caCertPem, token: server.token, namespace: 'default', pod: 'bench', nads: ['kube-system/network-attachment-definitions/cbr', 'default/network-attachment-definitions/macvlan-conf'] };
    await cli(['add', ...args]);
    await cli(['del', ...args]);
    for (let i = 0; i < RUNS; i += 1) {
      // The timed add prints what a user sees; a --trace run beside it gives the plugin execs
      // (printing every call and result costs time of its own, which is not add's).
      adds.push((await cli(['add', ...args])).ms);
      dels.push((await cli(['del', ...args])).ms);
      plugins.push(pluginMs((await cli(['add', ...args, '--trace'])).stderr));
      await cli(['del', ...args]);
      dry.push((await cli(['add', ...args, '--dry-run'])).ms);
      pluginAdds.push(await plugin('ADD', multusConf, netns, uid));
      await plugin('DEL', multusConf, netns, uid);
      floors.push(await apiFloor(floorSpec));
      // The baselines in the same loop, so a change in the machine's speed weighs on all alike.
      bases.push(await once([process.execPath, '-e', '0']));
      rootStores.push(await once([process.execPath, '-e', rootStoreScript]));
    }
    const helps: number[] = [];
    for (let i = 0; i < RUNS; i += 1) helps.push((await cli(['add', '--help'])).ms);
    const base = median(bases);
    const rootStore = median(rootStores) - base;
    const floor = median(floors);
    const add = median(adds);
    const execs = median(plugins);
    const dryRun = median(dry);
    const lines = [`node -e 0 (baseline; PATH and HOME only)${' '.repeat(9)} ${base.toFixed(1).padStart(8)} ms`];
    lines.push(ratioLine('multusctl add (bridge + macvlan)', add, base));
    lines.push(ratioLine('multusctl add --dry-run', dryRun, base));
    lines.push(ratioLine('multusctl del', median(dels), base));
    lines.push(ratioLine('plugin mode ADD (the runtime\'s multus)', median(pluginAdds), base));
    lines.push(`${'sum of its plugin execs (--trace runs beside)'.padEnd(48)} ${execs.toFixed(1).padStart(8)} ms`);
    lines.push(`${'add / its plugin execs'.padEnd(48)} ${(add / execs).toFixed(2).padStart(8)}×  (multus v4.0.2: about 4×)`);
    lines.push(`${'add / add --dry-run'.padEnd(48)} ${(add / dryRun).toFixed(2).padStart(8)}×`);
    lines.push(`${'own overhead: add − execs − node -e 0'.padEnd(48)} ${(add - execs - base).toFixed(1).padStart(8)} ms  (target ≤ 30 ms)`);
    lines.push(`${"  of which Node's API floor".padEnd(48)} ${(floor - base).toFixed(1).padStart(8)} ms  (a bare node:https client making add's requests − node -e 0)`);
    lines.push(`${"    of which Node's root store (first TLS context)".padEnd(48)} ${rootStore.toFixed(1).padStart(8)} ms  (node -e 'tls.createSecureContext({ ca })' − node -e 0)`);
    lines.push(`${'  the rest: add − execs − that client'.padEnd(48)} ${(add - execs - floor).toFixed(1).padStart(8)} ms  (kubeconfig, multus config, engine, ip, caches, output)`);
    // A valid add runs through bin/run.js's oclif-free front door; --help still goes to oclif, so
    // this is what the front door saves, not part of add's overhead.
    lines.push(`${'oclif start-up, which add no longer pays'.padEnd(48)} ${(median(helps) - base).toFixed(1).padStart(8)} ms  (multusctl add --help − node -e 0)`);
    lines.push(`${'plugin mode: ADD − execs − node -e 0'.padEnd(48)} ${(median(pluginAdds) - execs - base).toFixed(1).padStart(8)} ms`);
    return lines;
  } finally {
    process.off('SIGINT', onSigint);
    await deleteNetns(netnsName).catch(() => {});
    for (const l of [parent, `${prefix}br`]) await runProcess(['ip', 'link', 'delete', l]).catch(() => {});
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
