/**
 * What every smoke check gets: the cluster port, the plan, a node-helper source, and the state
 * earlier checks leave for later ones (resources created, pods running, live networks read).
 * Cleanup reads the same state, so whatever was created is deleted whatever failed.
 */
import type { Cluster } from '../k8s/ports.js';
import type { NetworkAttachmentDefinition, V1Pod } from '../k8s/types.js';
import type { NodeHelper, PodSandboxRef } from '../node/helper.js';
import { readLiveNetwork, type LiveNetwork } from './live.js';
import type { PlannedPod, SmokePlan } from './plan.js';

export interface SmokeState {
  createdNamespace: boolean;
  /** "namespace/name" of NADs smoke created (deleted in cleanup). */
  createdNads: string[];
  /** Names of pods smoke created in the namespace. */
  createdPods: string[];
  /** Pods already deleted (by del-frees-ips). */
  deletedPods: string[];
  /** The NADs in use, by "namespace/name". */
  nads: Map<string, NetworkAttachmentDefinition>;
  /** Running pods as last read, by name. */
  running: Map<string, V1Pod>;
  /** Live networks read inside the pods, by pod name. */
  live: Map<string, LiveNetwork>;
}

export interface SmokeContext {
  cluster: Cluster;
  plan: SmokePlan;
  /** A node helper for a node (cached by the caller; closed after the run). */
  helper(node: string): Promise<NodeHelper>;
  /** How long pods may take to run (and to go away). */
  podTimeoutMs: number;
  /** The interface every default route must leave by ("eth0" unless asked otherwise). */
  defaultRouteInterface: string;
  state: SmokeState;
  /** Progress for a spinner (stderr, TTY only). */
  progress?(text: string): void;
}

export function newSmokeState(): SmokeState {
  return { createdNamespace: false, createdNads: [], createdPods: [], deletedPods: [], nads: new Map(), running: new Map(), live: new Map() };
}

export function sandboxRef(ctx: SmokeContext, pod: PlannedPod): PodSandboxRef {
  const live = ctx.state.running.get(pod.name);
  return { namespace: ctx.plan.namespace, name: pod.name, uid: live?.metadata?.uid, nodeName: live?.spec?.nodeName ?? pod.node };
}

/** The pod's live network, read once per run and shared by the checks that compare with it. */
export async function liveNetwork(ctx: SmokeContext, pod: PlannedPod): Promise<LiveNetwork> {
  const cached = ctx.state.live.get(pod.name);
  if (cached) return cached;
  const ref = sandboxRef(ctx, pod);
  const live = await readLiveNetwork(await ctx.helper(ref.nodeName), ref);
  ctx.state.live.set(pod.name, live);
  return live;
}

/** Pods of the plan that are running (checks after pods-running only look at these). */
export function runningPods(ctx: SmokeContext): PlannedPod[] {
  return ctx.plan.pods.filter((p) => ctx.state.running.has(p.name) && !ctx.state.deletedPods.includes(p.name));
}

export function addressOnly(cidr: string): string {
  const slash = cidr.indexOf('/');
  return slash < 0 ? cidr : cidr.slice(0, slash);
}
