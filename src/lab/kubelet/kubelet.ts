/**
 * The lab kubelet: watches pods through the API (the Cluster port), binds unbound pods round-robin,
 * and for each pod on a lab node makes its sandbox (netns + CNI ADD through the multus engine),
 * reports its status, retries failures with back-off and tears sandboxes down on deletion
 * (CONTRACTS item 7). One instance serves every node of one lab. Containers are not run: a pod's
 * containers are its network namespace.
 */
import { existsSync } from 'node:fs';
import { LabAnnotations, LAB_NODE_LABEL } from '../../constants.js';
import type { Cluster } from '../../k8s/ports.js';
import type { V1Node, V1Pod, V1PodStatus } from '../../k8s/types.js';
import { isConflict, multusApiFromCluster, type MultusApi } from '../../multus/api.js';
import { addNetns, deleteNetns, listNetns, netnsPath } from '../../sys/netns.js';
import { isLabNodeObject, labNodeNetns, labPodNetns } from '../node-argv.js';
import { hasSandboxState, sandboxAdd, sandboxContainerId, sandboxDel, type SandboxRef } from './sandbox.js';
import { pendingStatus, podIpsFrom, retryDelayMs, roundRobin, runningStatus, sandboxFailureMessage } from './status.js';

export type KubeletCluster = Pick<Cluster, 'pods' | 'nodes' | 'events' | 'nads'>;

export interface KubeletOptions {
  cluster: KubeletCluster;
  /** Binds a pod to a node (pods/binding or a spec.nodeName patch). */
  bind(namespace: string, name: string, nodeName: string): Promise<void>;
  /** Pod netns names are `<podNetnsPrefix><uid>`; only nodes whose netns carries `prefix` are ours. */
  prefix: string;
  podNetnsPrefix: string;
  log?: (line: string) => void;
}

const key = (ns: string, name: string): string => `${ns}/${name}`;
const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class Kubelet {
  private readonly api: MultusApi;
  private nodes = new Map<string, V1Node>();
  private readonly busy = new Map<string, Promise<void>>();
  private readonly dirty = new Set<string>();
  private readonly retries = new Map<string, { attempt: number; timer?: NodeJS.Timeout }>();
  /** ns/name → the sandbox we made (so a pod that vanished can still be cleaned). */
  private readonly sandboxes = new Map<string, SandboxRef & { node: string }>();
  private bindings = 0;
  private readonly log: (line: string) => void;
  private signal?: AbortSignal;

  constructor(private readonly opts: KubeletOptions) {
    this.api = multusApiFromCluster(opts.cluster);
    this.log = opts.log ?? (() => {});
  }

  async refreshNodes(): Promise<V1Node[]> {
    const list = await this.opts.cluster.nodes.list({ labelSelector: `${LAB_NODE_LABEL}=true` });
    const ours = list.filter((n) => isLabNodeObject(n) && labNodeNetns(n).startsWith(netnsPath(this.opts.prefix)));
    this.nodes = new Map(ours.map((n) => [n.metadata!.name!, n]));
    return ours.sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!, undefined, { numeric: true }));
  }

  /** Lists, reconciles (orphan namespaces removed, missing ones re-created), then watches until aborted. */
  async run(signal: AbortSignal, onReady?: () => void): Promise<void> {
    this.signal = signal;
    let ready = false;
    while (!signal.aborted) {
      try {
        await this.refreshNodes();
        const pods = await this.opts.cluster.pods.list({});
        await this.removeOrphans(pods);
        for (const pod of pods) this.observe(pod);
        if (!ready) {
          ready = true;
          onReady?.();
        }
        await this.opts.cluster.pods.watch({}, (type, pod) => this.observe(pod, type === 'DELETED'), signal);
      } catch (err) {
        if (signal.aborted) break;
        this.log(`watch failed: ${messageOf(err)}; retrying`);
      }
      await sleep(1000, signal);
    }
    await this.idle();
  }

  /** Resolves when no pod is being worked on. */
  async idle(): Promise<void> {
    while (this.busy.size > 0) await Promise.allSettled([...this.busy.values()]);
  }

  private observe(pod: V1Pod, deleted = false): void {
    const ns = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    const uid = pod.metadata?.uid ?? '';
    const node = pod.spec?.nodeName;
    // Remember every sandbox the API says exists, so one whose pod vanishes (deleted with grace 0
    // by someone else) is torn down too.
    if (node && uid && !pod.spec?.hostNetwork && labPodNetns(pod) && !this.sandboxes.has(key(ns, name))) {
      this.sandboxes.set(key(ns, name), { namespace: ns, name, uid, netns: netnsPath(`${this.opts.podNetnsPrefix}${uid}`), node });
    }
    if (deleted) this.cancelRetry(key(ns, name));
    this.enqueue(ns, name);
  }

  enqueue(ns: string, name: string): void {
    const k = key(ns, name);
    if (this.busy.has(k)) {
      this.dirty.add(k);
      return;
    }
    const work = (async () => {
      do {
        this.dirty.delete(k);
        try {
          await this.sync(ns, name);
        } catch (err) {
          this.log(`${k}: ${messageOf(err)}`);
        }
      } while (this.dirty.has(k) && !this.signal?.aborted);
    })().finally(() => this.busy.delete(k));
    this.busy.set(k, work);
  }

  private cancelRetry(k: string): void {
    const r = this.retries.get(k);
    if (r?.timer) clearTimeout(r.timer);
    this.retries.delete(k);
  }

  private scheduleRetry(ns: string, name: string): number {
    const k = key(ns, name);
    const r = this.retries.get(k) ?? { attempt: 0 };
    if (r.timer) clearTimeout(r.timer);
    const delay = retryDelayMs(r.attempt);
    r.attempt += 1;
    r.timer = setTimeout(() => {
      r.timer = undefined;
      if (!this.signal?.aborted) this.enqueue(ns, name);
    }, delay);
    r.timer.unref();
    this.retries.set(k, r);
    return delay;
  }

  private async nodeFor(name: string): Promise<V1Node | undefined> {
    if (!this.nodes.has(name)) await this.refreshNodes();
    return this.nodes.get(name);
  }

  private async sync(ns: string, name: string): Promise<void> {
    const k = key(ns, name);
    const pod = await this.opts.cluster.pods.get(ns, name);
    const known = this.sandboxes.get(k);
    if (!pod || (known && known.uid !== pod.metadata?.uid)) {
      if (known) await this.teardown(known);
      if (!pod) {
        this.cancelRetry(k);
        return;
      }
    }
    const nodeName = pod.spec?.nodeName;
    if (pod.metadata?.deletionTimestamp) {
      this.cancelRetry(k);
      // The lab's kubelet is the only one: a pod bound to a node that is not (or no longer) a lab
      // node has no sandbox, and nobody else would finish its deletion.
      if (nodeName && (await this.nodeFor(nodeName))) await this.teardownPod(pod, nodeName);
      await this.opts.cluster.pods.delete(ns, name, { gracePeriodSeconds: 0 });
      this.log(`${k}: deleted`);
      return;
    }
    if (!nodeName) {
      await this.bind(pod);
      return;
    }
    const node = await this.nodeFor(nodeName);
    if (!node) return;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    if (pod.spec?.hostNetwork) {
      await this.startHostNetwork(pod, node);
      return;
    }
    const uid = pod.metadata?.uid ?? '';
    const netnsName = `${this.opts.podNetnsPrefix}${uid}`;
    const path = netnsPath(netnsName);
    if (phase === 'Running' && labPodNetns(pod) === path && existsSync(path)) return;
    // A failed sandbox waits for its back-off timer; the watch events our own status writes cause
    // must not retry it early.
    if (this.retries.get(k)?.timer) return;
    await this.startSandbox(pod, node, netnsName);
  }

  private async bind(pod: V1Pod): Promise<void> {
    const nodes = await this.refreshNodes();
    const target = roundRobin(nodes, this.bindings);
    if (!target) return;
    this.bindings += 1;
    const { namespace = '', name = '' } = pod.metadata ?? {};
    await this.opts.bind(namespace, name, target.metadata!.name!);
    await this.event(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${target.metadata!.name!}`, 'default-scheduler');
    this.log(`${namespace}/${name}: bound to ${target.metadata!.name!}`);
    // The MODIFIED event from the binding re-enqueues the pod; enqueue anyway in case the watch lags.
    this.dirty.add(key(namespace, name));
  }

  private hostIp(node: V1Node): string {
    return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
  }

  private async startHostNetwork(pod: V1Pod, node: V1Node): Promise<void> {
    const netns = labNodeNetns(node);
    if (pod.status?.phase === 'Running' && labPodNetns(pod) === netns) return;
    const { namespace = '', name = '' } = pod.metadata ?? {};
    await this.opts.cluster.pods.patchAnnotations(namespace, name, { [LabAnnotations.netns]: netns });
    const hostIp = this.hostIp(node);
    await this.setStatus(namespace, name, (p) => runningStatus(p, { hostIp, podIps: [hostIp], containerId: sandboxContainerId(p.metadata?.uid ?? ''), now: new Date() }));
    this.log(`${namespace}/${name}: running (hostNetwork on ${node.metadata?.name})`);
  }

  private async startSandbox(pod: V1Pod, node: V1Node, netnsName: string): Promise<void> {
    const { namespace = '', name = '', uid = '' } = pod.metadata ?? {};
    const k = key(namespace, name);
    const path = netnsPath(netnsName);
    const ref: SandboxRef = { namespace, name, uid, netns: path };
    // A sandbox left from before (a restart, a failed attempt, a lab down/up): DEL it first so its
    // leases and cache are released, then start again from a fresh namespace.
    if (existsSync(path) || (await hasSandboxState(uid, node))) await this.delQuietly(ref, node);
    await deleteNetns(netnsName);
    // A pod that was Running lost its sandbox (lab down/up, a crash): not ready until it is back.
    if (pod.status?.phase === 'Running') await this.setStatus(namespace, name, (p) => pendingStatus(p, { hostIp: this.hostIp(node), now: new Date() }));
    await addNetns(netnsName);
    this.sandboxes.set(k, { ...ref, node: node.metadata!.name! });
    const containerId = sandboxContainerId(uid);
    const hostIp = this.hostIp(node);
    let outcome;
    try {
      outcome = await sandboxAdd(pod, node, path, { api: this.api, signal: this.signal, log: (l) => this.log(`${k}: ${l}`) });
    } catch (err) {
      const message = messageOf(err);
      await deleteNetns(netnsName).catch(() => {});
      this.sandboxes.delete(k);
      await this.event(pod, 'Warning', 'FailedCreatePodSandBox', sandboxFailureMessage(containerId, message), 'kubelet');
      await this.setStatus(namespace, name, (p) => pendingStatus(p, { hostIp, now: new Date() })).catch((e: unknown) => this.log(`${k}: status: ${messageOf(e)}`));
      const delay = this.scheduleRetry(namespace, name);
      this.log(`${k}: sandbox failed (retry in ${delay} ms): ${message}`);
      return;
    }
    this.cancelRetry(k);
    const podIps = podIpsFrom(outcome.networkStatus);
    await this.opts.cluster.pods.patchAnnotations(namespace, name, { [LabAnnotations.netns]: path });
    await this.setStatus(namespace, name, (p) => runningStatus(p, { hostIp, podIps, containerId, now: new Date() }));
    this.log(`${k}: running on ${node.metadata?.name} (${podIps.join(', ') || 'no IP'})`);
  }

  private async delQuietly(ref: SandboxRef, node: V1Node, withApi = true): Promise<void> {
    try {
      await sandboxDel(ref, node, { api: withApi ? this.api : undefined, log: (l) => this.log(`${ref.namespace}/${ref.name}: ${l}`) });
    } catch (err) {
      this.log(`${ref.namespace}/${ref.name}: DEL: ${messageOf(err)}`);
    }
  }

  private async teardownPod(pod: V1Pod, nodeName: string): Promise<void> {
    const { namespace = '', name = '', uid = '' } = pod.metadata ?? {};
    if (pod.spec?.hostNetwork) return;
    const netnsName = `${this.opts.podNetnsPrefix}${uid}`;
    await this.teardown({ namespace, name, uid, netns: netnsPath(netnsName), node: nodeName });
  }

  private async teardown(ref: SandboxRef & { node: string }): Promise<void> {
    const node = await this.nodeFor(ref.node);
    if (node && (existsSync(ref.netns) || (await hasSandboxState(ref.uid, node)))) await this.delQuietly(ref, node);
    await deleteNetns(`${this.opts.podNetnsPrefix}${ref.uid}`);
    this.sandboxes.delete(key(ref.namespace, ref.name));
  }

  /** Pod namespaces whose pod no longer exists: DEL on every node that has state for it, then removed. */
  private async removeOrphans(pods: V1Pod[]): Promise<void> {
    const uids = new Set(pods.map((p) => p.metadata?.uid ?? ''));
    for (const name of listNetns(this.opts.podNetnsPrefix)) {
      const uid = name.slice(this.opts.podNetnsPrefix.length);
      if (uids.has(uid)) continue;
      for (const node of this.nodes.values()) {
        if (await hasSandboxState(uid, node)) await this.delQuietly({ namespace: '', name: '', uid, netns: netnsPath(name) }, node, false);
      }
      await deleteNetns(name);
      this.log(`removed orphan sandbox ${name}`);
    }
  }

  private async setStatus(ns: string, name: string, build: (pod: V1Pod) => V1PodStatus): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      const pod = await this.opts.cluster.pods.get(ns, name);
      if (!pod || pod.metadata?.deletionTimestamp) return;
      try {
        await this.opts.cluster.pods.updateStatus({ ...pod, status: { ...pod.status, ...build(pod) } });
        return;
      } catch (err) {
        if (!isConflict(err) || attempt >= 5) throw err;
      }
    }
  }

  private async event(pod: V1Pod, type: 'Normal' | 'Warning', reason: string, message: string, source: string): Promise<void> {
    try {
      await this.opts.cluster.events.record(pod, { type, reason, message, source });
    } catch (err) {
      this.log(`event ${reason}: ${messageOf(err)}`);
    }
  }
}
