/**
 * A throw-away world for `multusctl add|del|check` end to end: the lab's real API server
 * in-process, pod network namespaces, a veth pair in this host's namespace as macvlan's parent
 * and a bridge for the cluster network (all named with the run's unique prefix and removed after,
 * also on Ctrl-C), temp CNI dirs and a multus config file. The CLI runs as a child process.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { NETNS_SKIP, NetnsFixture } from './netns.js';
import { startTestApiServer, type TestApiServer } from './apiserver.js';
import { connect } from '../../src/k8s/client.js';
import type { Cluster } from '../../src/k8s/ports.js';
import { runChecked, run } from '../../src/sys/run.js';
import { inNetns } from '../../src/sys/netns.js';
import { Annotations, NAD_API_VERSION, NAD_KIND } from '../../src/constants.js';
import { runCli, type CliResult } from '../e2e/helpers.js';

export const SYSTEM_CNI_BIN = '/usr/lib/cni';

function deleteLink(name: string): void {
  try {
    execFileSync('ip', ['link', 'delete', name], { stdio: 'ignore' });
  } catch {
    // already gone
  }
}

export class CliWorld {
  readonly fx = new NetnsFixture('mc');
  readonly dir = mkdtempSync(join(tmpdir(), 'multus-cli-'));
  readonly confDir = join(this.dir, 'net.d');
  readonly multusConfDir = join(this.dir, 'multus.d');
  readonly cniDir = join(this.dir, 'cni-multus');
  readonly dataDir = join(this.dir, 'ipam');
  readonly testBin = join(this.dir, 'bin');
  /** Host links this world made (all start with the fixture's prefix). */
  readonly parent = `${this.fx.prefix}e1`;
  readonly bridge = `${this.fx.prefix}br`;
  server?: TestApiServer;
  cluster!: Cluster;

  constructor() {
    for (const d of [this.confDir, this.multusConfDir, this.testBin]) mkdirSync(d);
    const cleanupLinks = (): void => {
      for (const l of [this.parent, this.bridge]) deleteLink(l);
    };
    process.once('SIGINT', cleanupLinks);
    after(async () => {
      cleanupLinks();
      await this.server?.close();
      rmSync(this.dir, { recursive: true, force: true });
    });
  }

  /**
   * The world of one test file: started before its tests with one macvlan NAD (nothing is started
   * where namespaces cannot be made: those tests skip), removed after them.
   */
  static forFile(nad: string, subnet: string, extra: Record<string, unknown> = {}): CliWorld {
    const world = new CliWorld();
    before(async () => {
      if (NETNS_SKIP) return;
      await world.start();
      await world.macvlan(nad, subnet, extra);
    });
    return world;
  }

  async start(): Promise<void> {
    this.server = await startTestApiServer();
    this.cluster = await connect({ kubeconfig: this.server.kubeconfigPath, env: {} });
    await runChecked(['ip', 'link', 'add', this.parent, 'type', 'veth', 'peer', 'name', `${this.parent}p`]);
    await runChecked(['ip', 'link', 'set', this.parent, 'up']);
    await runChecked(['ip', 'link', 'set', `${this.parent}p`, 'up']);
    this.writeConfig();
  }

  /** 00-multus.conf in confDir with the bridge cluster network in multusConfDir. */
  writeConfig(extra: Record<string, unknown> = {}): void {
    writeFileSync(
      join(this.multusConfDir, '10-cbr.conflist'),
      JSON.stringify({
        cniVersion: '1.0.0',
        name: 'cbr',
        // No isGateway: nothing on the host side gets an address.
        plugins: [{ type: 'bridge', bridge: this.bridge, ipam: { type: 'host-local', subnet: '10.251.7.0/24', dataDir: this.dataDir } }],
      }),
    );
    writeFileSync(
      join(this.confDir, '00-multus.conf'),
      JSON.stringify({
        cniVersion: '1.0.0',
        name: 'multus-cni-network',
        type: 'multus',
        kubeconfig: this.server!.kubeconfigPath,
        clusterNetwork: 'cbr',
        confDir: this.multusConfDir,
        cniDir: this.cniDir,
        binDir: this.testBin,
        ...extra,
      }),
    );
    // A later file the runtime (and --conf DIR) must not pick.
    writeFileSync(join(this.confDir, '99-other.conf'), JSON.stringify({ cniVersion: '1.0.0', name: 'other', type: 'loopback' }));
  }

  async nad(name: string, config: object, namespace = 'default'): Promise<void> {
    await this.cluster.nads.create({ apiVersion: NAD_API_VERSION, kind: NAD_KIND, metadata: { name, namespace }, spec: { config: JSON.stringify(config) } });
  }

  macvlan(name: string, subnet: string, extra: Record<string, unknown> = {}): Promise<void> {
    return this.nad(name, { cniVersion: '1.0.0', type: 'macvlan', master: this.parent, mode: 'bridge', ipam: { type: 'host-local', subnet, dataDir: this.dataDir }, ...extra });
  }

  /** A pod in the API and a netns for its sandbox. */
  async pod(name: string, networks?: string): Promise<{ ref: string; netns: string }> {
    await this.cluster.pods.create({
      metadata: { name, namespace: 'default', annotations: networks === undefined ? {} : { [Annotations.networks]: networks } },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    });
    return { ref: `default/${name}`, netns: (await this.fx.add(name)).path };
  }

  plugin(name: string, script: string): void {
    const path = join(this.testBin, name);
    writeFileSync(path, `#!/bin/sh\n${script}\n`);
    chmodSync(path, 0o755);
  }

  cli(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {}): Promise<CliResult> {
    return runCli([...args, '--conf', this.confDir], { env: { CNI_PATH: SYSTEM_CNI_BIN, KUBECONFIG: '', ...options.env }, timeoutMs: options.timeoutMs ?? 60_000, nodeArgs: options.nodeArgs });
  }

  async links(netns: string): Promise<string[]> {
    const r = await run(inNetns(netns, ['ip', '-j', 'link', 'show']));
    return (JSON.parse(r.stdout) as Array<{ ifname: string }>).map((l) => l.ifname).sort();
  }

  async leftovers(netns: string): Promise<{ links: string[]; leases: string[]; cache: string[]; scratch: string[] }> {
    const leases = existsSync(this.dataDir)
      ? readdirSync(this.dataDir).flatMap((n) => readdirSync(join(this.dataDir, n)).filter((f) => !f.startsWith('last_reserved_ip') && f !== 'lock').map((f) => `${n}/${f}`))
      : [];
    const results = join(this.cniDir, 'results');
    return {
      links: await this.links(netns),
      leases,
      cache: existsSync(results) ? readdirSync(results) : [],
      scratch: existsSync(this.cniDir) ? readdirSync(this.cniDir).filter((f) => f !== 'results') : [],
    };
  }
}

export const CLEAN = { links: ['lo'], leases: [], cache: [], scratch: [] };
