/**
 * A stand-in kubelet for tests that run `pod attach` and `smoke` against the test API server
 * (the lab's real API server, in-process) before or without a whole lab. It registers lab-style
 * Node objects whose netns are real namespaces this fixture made, watches pods, and for each pod
 * bound to one of its nodes either "starts" it — a real pod netns with eth0 (default route) and
 * one veth per requested network, all of them on one shared bridge so pods on different nodes
 * reach each other, a host-local-style lease file per IP under the node's root, network-status,
 * phase Running — or fails it the way a broken CNI does: a FailedCreatePodSandBox event with
 * Multus's message, the pod left Pending. Graceful deletes are honoured: the "DEL" removes the
 * netns and the leases, then the pod is deleted for good. `faults` plant problems on purpose.
 * Every namespace and link carries the fixture's prefix and is removed in `close()`.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, LabAnnotations, LAB_NODE_LABEL } from '../../../src/constants.js';
import type { Cluster } from '../../../src/k8s/ports.js';
import type { V1Pod } from '../../../src/k8s/types.js';
import { parseNetworkAnnotation } from '../../../src/multus/annotation.js';
import { runChecked } from '../../../src/sys/run.js';
import type { NetnsFixture } from '../../support/netns.js';
import { call, type ApiTarget } from './kube-http.js';

export interface KubeletFaults {
  /** Pods (by name) whose sandbox fails with this message. */
  failPods?: Map<string, string>;
  /** Pods (by name) left Pending without a word, as a slow runtime would. */
  holdPods?: Set<string>;
  /** DEL leaves the lease files behind. */
  leakLeases?: boolean;
  /** network-status lists a wrong IP for net1. */
  wrongStatus?: boolean;
  /** The default route leaves by net1 instead of eth0. */
  defaultViaNet1?: boolean;
}

export class NetnsKubelet {
  readonly root = mkdtempSync(join(tmpdir(), 'mctl-kubelet-'));
  readonly faults: KubeletFaults = {};
  private readonly stop = new AbortController();
  private watching?: Promise<void>;
  private fabric = '';
  private count = 0;
  private binds = 0;
  private readonly handled = new Set<string>();
  private readonly nodes = new Map<string, { netns: string; netnsName: string; root: string }>();
  private readonly pods = new Map<string, { netns: string; leases: string[] }>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly cluster: Cluster, private readonly target: ApiTarget, private readonly fx: NetnsFixture) {}

  async start(nodeNames: readonly string[]): Promise<void> {
    this.fabric = (await this.fx.add('fab')).name;
    await this.ip(this.fabric, 'link', 'add', 'br0', 'type', 'bridge');
    await this.ip(this.fabric, 'link', 'set', 'br0', 'up');
    for (const name of nodeNames) {
      const ns = await this.fx.add(name.slice(-5));
      const root = join(this.root, name);
      mkdirSync(join(root, 'etc/cni/net.d'), { recursive: true });
      this.nodes.set(name, { netns: ns.path, netnsName: ns.name, root });
      const r = await call(this.target, 'POST', '/api/v1/nodes', {
        apiVersion: 'v1', kind: 'Node',
        metadata: { name, labels: { [LAB_NODE_LABEL]: 'true' }, annotations: { [LabAnnotations.netns]: ns.path, [LabAnnotations.root]: root } },
        status: { conditions: [{ type: 'Ready', status: 'True' }] },
      });
      if (r.status >= 300) throw new Error(`node ${name}: ${r.status} ${r.text}`);
    }
    this.watching = (async () => {
      while (!this.stop.signal.aborted) {
        await this.cluster.pods.watch({}, (type, pod) => this.enqueue(type, pod), this.stop.signal).catch(() => {});
        if (!this.stop.signal.aborted) await new Promise((r) => setTimeout(r, 100));
      }
    })();
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.watching;
    await this.queue;
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Lease files left in a network's directory on a node (what smoke must find gone). */
  leases(node: string, network: string): string[] {
    try {
      return readdirSync(join(this.nodes.get(node)!.root, 'var/lib/cni/networks', network)).filter((f) => f !== 'lock' && !f.startsWith('last_'));
    } catch {
      return [];
    }
  }

  private enqueue(type: string, pod: V1Pod): void {
    this.queue = this.queue.then(() => this.handle(type, pod)).catch((err: unknown) => {
      process.stderr.write(`netns-kubelet: ${(err as Error).message}\n`);
    });
  }

  private async handle(type: string, pod: V1Pod): Promise<void> {
    const key = `${pod.metadata?.namespace}/${pod.metadata?.name}`;
    const node = pod.spec?.nodeName;
    if (type === 'DELETED') return;
    if (node === undefined) {
      await this.bind(pod);
      return;
    }
    if (!this.nodes.has(node)) return;
    if (pod.metadata?.deletionTimestamp) {
      await this.teardown(key);
      await this.cluster.pods.delete(pod.metadata.namespace!, pod.metadata.name!, { gracePeriodSeconds: 0 }).catch(() => false);
      return;
    }
    if (this.handled.has(key)) return;
    if (this.faults.holdPods?.has(pod.metadata!.name!)) return;
    this.handled.add(key);
    const failure = this.faults.failPods?.get(pod.metadata!.name!);
    if (failure !== undefined) {
      await this.cluster.events.record(pod, { type: 'Warning', reason: 'FailedCreatePodSandBox', message: failure, source: 'kubelet' });
      return;
    }
    await this.startPod(key, pod, node);
  }

  /** Schedules an unbound pod round-robin (pods/binding), as the lab's kubelet does. */
  private async bind(pod: V1Pod): Promise<void> {
    if (pod.metadata?.deletionTimestamp) return;
    const names = [...this.nodes.keys()];
    const node = names[this.binds++ % names.length]!;
    const { namespace, name } = pod.metadata!;
    const r = await call(this.target, 'POST', `/api/v1/namespaces/${namespace}/pods/${name}/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: node } });
    if (r.status >= 300) throw new Error(`binding ${namespace}/${name}: ${r.status} ${r.text}`);
  }

  private async startPod(key: string, pod: V1Pod, nodeName: string): Promise<void> {
    const n = ++this.count;
    const node = this.nodes.get(nodeName)!;
    const ns = await this.fx.add(`p${n}`);
    const statuses: object[] = [];
    const leases: string[] = [];
    // eth0: a veth to the node, the default route through it.
    await this.ip(ns.name, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', `${this.fx.prefix}h${n}`, 'netns', node.netnsName);
    await this.ip(ns.name, 'addr', 'add', `10.244.0.${n + 1}/24`, 'dev', 'eth0');
    await this.ip(ns.name, 'link', 'set', 'eth0', 'up');
    await this.ip(ns.name, 'link', 'set', 'lo', 'up');
    await this.ip(ns.name, 'route', 'add', 'default', 'dev', 'eth0');
    statuses.push({ name: 'test-cluster', interface: 'eth0', ips: [`10.244.0.${n + 1}`], default: true, dns: {} });
    const elements = parseNetworkAnnotation(pod.metadata?.annotations?.[Annotations.networks] ?? '', pod.metadata!.namespace!);
    for (const [i, element] of elements.entries()) {
      const ifname = element.interface ?? `net${i + 1}`;
      const nad = await this.cluster.nads.get(element.namespace, element.name);
      const config = JSON.parse(nad?.spec?.config ?? '{}') as { name?: string; ipam?: { ranges?: Array<Array<{ subnet: string }>>; subnet?: string } };
      const subnet = config.ipam?.ranges?.[0]?.[0]?.subnet ?? config.ipam?.subnet ?? '10.250.0.0/24';
      const address = element.ips?.[0] ?? `${subnet.split('.').slice(0, 3).join('.')}.${100 + n}/${subnet.split('/')[1]}`;
      const peer = `${this.fx.prefix}f${n}${i}`;
      await this.ip(ns.name, 'link', 'add', ifname, 'type', 'veth', 'peer', 'name', peer, 'netns', this.fabric);
      await this.ip(this.fabric, 'link', 'set', peer, 'master', 'br0', 'up');
      await this.ip(ns.name, 'addr', 'add', address, 'dev', ifname);
      await this.ip(ns.name, 'link', 'set', ifname, 'up');
      const ip = address.split('/')[0]!;
      const leaseDir = join(node.root, 'var/lib/cni/networks', config.name ?? element.name);
      mkdirSync(leaseDir, { recursive: true });
      writeFileSync(join(leaseDir, ip), `${pod.metadata?.uid}\r\n${ifname}`);
      leases.push(join(leaseDir, ip));
      if (this.faults.defaultViaNet1 && i === 0) await this.ip(ns.name, 'route', 'replace', 'default', 'dev', ifname);
      statuses.push({ name: `${element.namespace}/${element.name}`, interface: ifname, ips: [this.faults.wrongStatus ? '192.0.2.99' : ip], dns: {} });
    }
    this.pods.set(key, { netns: ns.name, leases });
    const ns_ = pod.metadata!.namespace!;
    const name = pod.metadata!.name!;
    await this.cluster.pods.patchAnnotations(ns_, name, { [LabAnnotations.netns]: ns.path, [Annotations.networkStatus]: JSON.stringify(statuses) });
    const current = await this.cluster.pods.get(ns_, name);
    if (current) await this.cluster.pods.updateStatus({ ...current, status: { phase: 'Running', podIP: `10.244.0.${n + 1}`, conditions: [{ type: 'Ready', status: 'True' }] } });
  }

  private async teardown(key: string): Promise<void> {
    const pod = this.pods.get(key);
    if (pod === undefined) return;
    this.pods.delete(key);
    if (!this.faults.leakLeases) for (const lease of pod.leases) rmSync(lease, { force: true });
    await runChecked(['ip', 'netns', 'delete', pod.netns]).catch(() => {});
  }

  private async ip(netns: string, ...args: string[]): Promise<void> {
    await runChecked(['ip', '-n', netns, ...args]);
  }
}
