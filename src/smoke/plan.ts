/**
 * What one smoke run will create, decided before anything is created (pure, so it is unit
 * tested): the throw-away namespace, the NAD (given ones, or a default that fits the cluster),
 * and two pods on two nodes with their attachments.
 */
import { NAD_API_VERSION, NAD_KIND } from '../constants.js';
import type { NetworkAttachmentDefinition, V1Node } from '../k8s/types.js';
import { usageError } from '../cli/errors.js';
import type { AttachmentRequest } from './test-pod.js';

export const SMOKE_NAMESPACE_PREFIX = 'multusctl-smoke-';
export const SMOKE_LABEL = 'multusctl.io/smoke';
export const DEFAULT_NAD_NAME = 'smoke-net';
/** The bridge the default bridge NAD makes on a node (the bridge plugin leaves it after DEL). */
export const DEFAULT_BRIDGE = 'mctl-smoke0';
/** The lab's second uplink, shared by all lab nodes: macvlan on it reaches the other node. */
export const LAB_MASTER = 'eth1';

export interface SmokeRequest {
  /** --nad: existing NADs ("ns/name" or "name" in --namespace). Empty: create a default one. */
  nads: string[];
  /** The namespace given NADs without one live in. */
  nadNamespace: string;
  /** --master: the default NAD is a macvlan on this node interface. */
  master?: string;
  /** --subnet for the default NAD (default: a random 10.253.X.0/24). */
  subnet?: string;
  singleNode: boolean;
  image?: string;
  /** Random suffix for the namespace (hex). */
  suffix: string;
  /** One random byte, for the default subnet's third octet. */
  octet: number;
}

export interface PlannedPod {
  name: string;
  node: string;
  requests: AttachmentRequest[];
}

/** One attachment every pod gets, and what checks compare it with. */
export interface PlannedAttachment {
  /** "namespace/name" of the NAD. */
  nadRef: string;
  interface: string;
}

export interface SmokePlan {
  namespace: string;
  /** The default NAD to create in `namespace`, when none was given. */
  createNad?: NetworkAttachmentDefinition;
  attachments: PlannedAttachment[];
  pods: PlannedPod[];
  image?: string;
  /** Things the user should know about the choices (e.g. one node only). */
  notes: string[];
}

export function isLabNode(node: V1Node): boolean {
  return node.metadata?.labels?.['multusctl.io/lab'] === 'true';
}

function isReady(node: V1Node): boolean {
  return (node.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Ready, schedulable nodes, preferring ones without NoSchedule taints (control planes), by name. */
export function candidateNodes(nodes: readonly V1Node[]): string[] {
  const usable = nodes.filter((n) => isReady(n) && n.spec?.unschedulable !== true);
  const untainted = usable.filter((n) => !(n.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'));
  const pick = untainted.length > 0 ? untainted : usable;
  return pick.map((n) => n.metadata?.name ?? '').filter((n) => n !== '').sort();
}

export function planSmoke(request: SmokeRequest, nodes: readonly V1Node[]): SmokePlan {
  const namespace = `${SMOKE_NAMESPACE_PREFIX}${request.suffix}`;
  const notes: string[] = [];
  const names = candidateNodes(nodes);
  if (names.length === 0) throw usageError('no Ready, schedulable node to run the smoke pods on', 'check `kubectl get nodes`');

  let createNad: NetworkAttachmentDefinition | undefined;
  let attachments: PlannedAttachment[];
  let singleNode = request.singleNode;
  let ips: string[] | undefined;
  if (request.nads.length > 0) {
    attachments = request.nads.map((ref, i) => ({
      nadRef: ref.includes('/') ? ref : `${request.nadNamespace}/${ref}`,
      interface: `net${i + 1}`,
    }));
  } else {
    const labCluster = nodes.length > 0 && nodes.every(isLabNode);
    const master = request.master ?? (labCluster ? LAB_MASTER : undefined);
    const subnet = request.subnet ?? `10.253.${request.octet}.0/24`;
    const base = subnet.split('/')[0]!.split('.').slice(0, 3).join('.');
    const prefix = subnet.split('/')[1] ?? '24';
    if (!subnet.includes('.') || base.split('.').length !== 3) throw usageError(`--subnet ${subnet} must be an IPv4 CIDR such as 10.253.7.0/24`);
    // host-local allocates per node, so two nodes would both hand out the first address:
    // each pod asks for its own address instead (the `ips` capability).
    ips = [`${base}.11/${prefix}`, `${base}.12/${prefix}`];
    const ipam = { type: 'host-local', ranges: [[{ subnet }]] };
    const plugin = master !== undefined
      ? { type: 'macvlan', master, mode: 'bridge' }
      : { type: 'bridge', bridge: DEFAULT_BRIDGE };
    if (master === undefined && !singleNode) {
      singleNode = true;
      notes.push('no --master given: using a bridge NAD, which only connects pods on the same node, so both pods run on one node (give --master IFACE for a two-node test)');
    }
    createNad = {
      apiVersion: NAD_API_VERSION,
      kind: NAD_KIND,
      metadata: { namespace, name: DEFAULT_NAD_NAME, labels: { [SMOKE_LABEL]: 'true' } },
      spec: { config: JSON.stringify({ cniVersion: '0.4.0', name: DEFAULT_NAD_NAME, ...plugin, capabilities: { ips: true }, ipam }) },
    };
    attachments = [{ nadRef: `${namespace}/${DEFAULT_NAD_NAME}`, interface: 'net1' }];
  }
  if (!singleNode && names.length < 2) {
    singleNode = true;
    notes.push(`only one usable node (${names[0]}): both pods run on it`);
  }
  const nodeA = names[0]!;
  const nodeB = singleNode ? nodeA : names[1]!;
  const pods: PlannedPod[] = ['smoke-a', 'smoke-b'].map((name, i) => ({
    name,
    node: i === 0 ? nodeA : nodeB,
    requests: attachments.map((a) => ({ nad: a.nadRef, interface: a.interface, ...(ips ? { ips: [ips[i]!] } : {}) })),
  }));
  return { namespace, createNad, attachments, pods, image: request.image, notes };
}
