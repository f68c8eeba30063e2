/**
 * A throw-away world for multus engine tests with the real Debian CNI plugins: a "node" netns with
 * a parent link (eth1, a veth) where plugins run, pod netns made on demand, temp confDir / cniDir /
 * host-local dataDir / bin dir for misbehaving test plugins, and the in-memory API. `leftovers()`
 * lists everything an attachment can leave behind so failure tests can assert it is all gone.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { NetnsFixture } from './netns.js';
import { MemoryMultusApi } from './multus-api.js';
import { runChecked, run } from '../../src/sys/run.js';
import { inNetns } from '../../src/sys/netns.js';
import { multusConfigFromObject, type MultusConfig } from '../../src/multus/config.js';
import { cniDelegateRunner, type TracedCall } from '../../src/multus/cni-runner.js';
import { localPluginExec } from '../../src/cni/local-exec.js';
import { ipNetnsOps } from '../../src/multus/netns-ops.js';
import type { MultusDeps, MultusRequest } from '../../src/multus/engine.js';
import { formatRuntimeCniArgs } from '../../src/multus/cni-args.js';

export const SYSTEM_CNI_BIN = '/usr/lib/cni';

export class MultusWorld {
  readonly fx = new NetnsFixture('mu');
  readonly dir = mkdtempSync(join(tmpdir(), 'multus-world-'));
  readonly confDir = join(this.dir, 'multus.d');
  readonly cniDir = join(this.dir, 'cni-multus');
  readonly dataDir = join(this.dir, 'ipam');
  readonly testBin = join(this.dir, 'bin');
  readonly api = new MemoryMultusApi();
  readonly calls: TracedCall[] = [];
  nodePath = '';

  constructor() {
    mkdirSync(this.confDir);
    mkdirSync(this.testBin);
    after(() => rmSync(this.dir, { recursive: true, force: true }));
  }

  /** Creates the node namespace with eth1 (a veth, so macvlan has a parent). */
  async start(): Promise<void> {
    const node = await this.fx.add('node');
    this.nodePath = node.path;
    await runChecked(['ip', '-n', node.name, 'link', 'add', 'eth1', 'type', 'veth', 'peer', 'name', 'eth1p']);
    await runChecked(['ip', '-n', node.name, 'link', 'set', 'eth1', 'up']);
    await runChecked(['ip', '-n', node.name, 'link', 'set', 'eth1p', 'up']);
  }

  async pod(suffix: string): Promise<string> {
    return (await this.fx.add(suffix)).path;
  }

  /** A bridge + host-local conflist as the cluster network file, returns its path. */
  clusterNetworkFile(subnet = '10.244.7.0/24'): string {
    const path = join(this.confDir, '10-cbr0.conflist');
    writeFileSync(
      path,
      JSON.stringify({
        cniVersion: '1.0.0',
        name: 'cbr0',
        plugins: [{ type: 'bridge', bridge: 'mucni0', isGateway: true, ipam: { type: 'host-local', subnet, dataDir: this.dataDir, routes: [{ dst: '0.0.0.0/0' }] } }],
      }),
    );
    return path;
  }

  macvlanNad(name: string, subnet: string, extra: Record<string, unknown> = {}): void {
    this.api.addNad('default', name, {
      cniVersion: '1.0.0',
      type: 'macvlan',
      master: 'eth1',
      mode: 'bridge',
      ipam: { type: 'host-local', subnet, dataDir: this.dataDir },
      ...extra,
    });
  }

  /** A test plugin: a shell script in the test bin dir (first in the search path). */
  plugin(name: string, script: string): void {
    const path = join(this.testBin, name);
    writeFileSync(path, `#!/bin/sh\n${script}\n`);
    chmodSync(path, 0o755);
  }

  config(extra: Record<string, unknown> = {}): MultusConfig {
    return multusConfigFromObject({
      cniVersion: '1.0.0',
      name: 'multus-cni-network',
      type: 'multus',
      clusterNetwork: this.clusterNetworkFile(),
      confDir: this.confDir,
      cniDir: this.cniDir,
      binDir: this.testBin,
      ...extra,
    });
  }

  request(config: MultusConfig, netns: string, pod: { namespace: string; name: string; uid?: string }, containerId: string): MultusRequest {
    return {
      config,
      containerId,
      netns,
      ifName: 'eth0',
      cniArgs: formatRuntimeCniArgs({ namespace: pod.namespace, name: pod.name, infraContainerId: containerId, uid: pod.uid ?? `uid-${pod.name}` }),
    };
  }

  deps(config: MultusConfig, extra: Partial<MultusDeps> = {}, timeoutMs = 10_000): MultusDeps {
    return {
      api: this.api,
      runner: cniDelegateRunner({
        exec: localPluginExec({ wrap: (argv) => inNetns(this.nodePath, argv) }),
        binDirs: [config.binDir, SYSTEM_CNI_BIN],
        cacheDir: config.cniDir,
        timeoutMs,
        onCall: (c) => this.calls.push(c),
      }),
      netnsOps: ipNetnsOps(),
      podRetry: { intervalMs: 10, timeoutMs: 50 },
      ...extra,
    };
  }

  async links(netns: string): Promise<string[]> {
    const r = await run(inNetns(netns, ['ip', '-j', 'link', 'show']));
    return (JSON.parse(r.stdout) as Array<{ ifname: string }>).map((l) => l.ifname).sort();
  }

  async addrs(netns: string, ifName: string): Promise<string[]> {
    const r = await run(inNetns(netns, ['ip', '-j', 'addr', 'show', 'dev', ifName]));
    const info = JSON.parse(r.stdout) as Array<{ addr_info: Array<{ local: string; prefixlen: number; family: string; scope: string }> }>;
    return info[0]!.addr_info.filter((a) => a.scope === 'global').map((a) => `${a.local}/${a.prefixlen}`);
  }

  async defaultRoutes(netns: string): Promise<Array<{ dev: string; gateway?: string }>> {
    const r = await run(inNetns(netns, ['ip', '-j', '-4', 'route', 'show', 'default']));
    return JSON.parse(r.stdout || '[]') as Array<{ dev: string; gateway?: string }>;
  }

  /** host-local lease files (not the last_reserved / lock bookkeeping). */
  leases(): string[] {
    if (!existsSync(this.dataDir)) return [];
    return readdirSync(this.dataDir).flatMap((net) =>
      readdirSync(join(this.dataDir, net))
        .filter((f) => !f.startsWith('last_reserved_ip') && f !== 'lock')
        .map((f) => `${net}/${f}`),
    );
  }

  resultCache(): string[] {
    const dir = join(this.cniDir, 'results');
    return existsSync(dir) ? readdirSync(dir) : [];
  }

  scratchFiles(): string[] {
    return existsSync(this.cniDir) ? readdirSync(this.cniDir).filter((f) => f !== 'results') : [];
  }

  /** Everything an attachment can leave behind, for one pod netns. */
  async leftovers(netns: string): Promise<{ links: string[]; leases: string[]; cache: string[]; scratch: string[] }> {
    return { links: await this.links(netns), leases: this.leases(), cache: this.resultCache(), scratch: this.scratchFiles() };
  }
}

export const CLEAN = { links: ['lo'], leases: [], cache: [], scratch: [] };
