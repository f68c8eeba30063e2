/**
 * The node-helper factory: `--via auto|local|ssh|pod|lab` to a NodeHelper for one node. auto is
 * lab for a lab node, local when this host is the node, else pod (a privileged helper pod).
 * Transports are imported only when chosen, so ssh2 loads only for `--via ssh`.
 */
import { hostname, networkInterfaces } from 'node:os';
import { CliError, notFoundError } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { Cluster } from '../k8s/ports.js';
import type { V1Node } from '../k8s/types.js';
import { isLabNodeObject } from '../lab/node-argv.js';
import type { NodeHelper, PodSandboxRef } from './helper.js';
import type { SshFlags } from './ssh-target.js';

export const VIA_VALUES = ['auto', 'local', 'ssh', 'pod', 'lab'] as const;
export type Via = (typeof VIA_VALUES)[number];

export interface NodeHelperOptions {
  via: Via;
  ssh?: SshFlags;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  trace?: (line: string) => void;
  /** --via pod: the helper pod's image (default nicolaka/netshoot). */
  helperImage?: string;
  /** --via pod: aborting it (Ctrl-C) stops commands and deletes the helper pod. */
  signal?: AbortSignal;
}

/** The node's InternalIP (the first one), as ssh connects to it. */
export function internalIp(node: V1Node): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}

/** True when this machine is the node: same host name, or one of the node's addresses is ours. */
export function isThisHost(node: V1Node, host = hostname(), interfaces = networkInterfaces()): boolean {
  const name = node.metadata?.name ?? '';
  const short = (s: string): string => s.toLowerCase().split('.')[0]!;
  if (name !== '' && short(name) === short(host)) return true;
  const mine = new Set(Object.values(interfaces).flatMap((list) => (list ?? []).filter((i) => !i.internal).map((i) => i.address)));
  return (node.status?.addresses ?? []).some((a) => (a.type === 'InternalIP' || a.type === 'ExternalIP') && mine.has(a.address));
}

/** Which transport `auto` picks for this node. */
export function autoVia(node: V1Node, thisHost = isThisHost(node)): Exclude<Via, 'auto'> {
  if (isLabNodeObject(node)) return 'lab';
  return thisHost ? 'local' : 'pod';
}

export async function nodeHelperFor(cluster: Cluster, nodeName: string, options: NodeHelperOptions): Promise<NodeHelper> {
  const node = await cluster.nodes.get(nodeName);
  if (!node) throw notFoundError(`node ${nodeName} not found`, 'list nodes with `kubectl get nodes`');
  const via = options.via === 'auto' ? autoVia(node) : options.via;
  options.trace?.(`node helper for ${nodeName}: ${via}${options.via === 'auto' ? ' (auto)' : ''}`);
  const lookupPod = (ref: PodSandboxRef) => cluster.pods.get(ref.namespace, ref.name);
  switch (via) {
    case 'lab': {
      if (!isLabNodeObject(node)) {
        throw new CliError(`node ${nodeName} is not a lab node`, { exit: ExitCode.usage, hint: 'use --via local, ssh or pod for a real cluster' });
      }
      const { LabHelper } = await import('./transports/lab.js');
      return new LabHelper(node, lookupPod, options.signal);
    }
    case 'local': {
      const { LocalHelper } = await import('./transports/local.js');
      return new LocalHelper(nodeName, lookupPod, options.signal);
    }
    case 'ssh': {
      const [{ SshHelper }, { resolveSshTarget }] = await Promise.all([import('./transports/ssh.js'), import('./ssh-target.js')]);
      let target;
      try {
        target = resolveSshTarget(options.ssh ?? {}, { name: nodeName, internalIp: internalIp(node) }, options.env);
      } catch (err) {
        throw new CliError(`cannot ssh to node ${nodeName}: ${(err as Error).message}`, { exit: ExitCode.usage, hint: 'check --ssh-host and --ssh-key' });
      }
      return new SshHelper(nodeName, target, lookupPod, { timeoutMs: options.timeoutMs, trace: options.trace, signal: options.signal });
    }
    case 'pod': {
      const { PodHelper } = await import('./transports/pod.js');
      return new PodHelper(cluster, nodeName, { node, image: options.helperImage, signal: options.signal, commandTimeoutMs: options.timeoutMs, log: options.trace });
    }
  }
}
