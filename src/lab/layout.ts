/**
 * The lab's layout as pure data: names of namespaces, links and files, and the addresses, derived
 * from a few options (directory, prefix, node count, underlay subnet). Everything `lab up` makes and
 * `lab down` removes is named here, so the two can never disagree.
 */
import { join } from 'node:path';
import { CniPaths } from '../constants.js';
import { usageError } from '../cli/errors.js';

export const LAB_DEFAULT_PREFIX = 'mlab-';
export const LAB_DEFAULT_NODES = 2;
export const LAB_MAX_NODES = 8;
/** The underlay (node eth0) network; the host side takes .1, node i takes .(10+i). */
export const LAB_DEFAULT_UNDERLAY = '10.99.0.0/24';
/** Node i's pod subnet is 10.244.i.0/24. */
export const LAB_POD_CIDR_BASE = '10.244';
/** Interface names are limited to 15 bytes and the host link is `<prefix>host`. */
const MAX_PREFIX = 10;

export interface LabOptions {
  dir: string;
  prefix: string;
  nodes: number;
  /** A /24 in CIDR form, e.g. 10.99.0.0/24. */
  underlay: string;
}

export interface LabNodeLayout {
  index: number;
  name: string;
  netnsName: string;
  netnsPath: string;
  /** Persistent mount namespace file (bind mount of the node's ns/mnt). */
  mountns: string;
  /** Host directory standing for the node's `/`. */
  root: string;
  /** eth0 address with prefix length, e.g. 10.99.0.11/24. */
  eth0Cidr: string;
  internalIp: string;
  podCidr: string;
  /** The node-side bridge gateway of its pod subnet. */
  podGateway: string;
  /** Names of the veth ends inside the lab namespace. */
  labEth0: string;
  labEth1: string;
}

export interface LabLayout {
  options: LabOptions;
  labNetns: string;
  /** Bridge of the underlay (node eth0s and the host link). */
  underlayBridge: string;
  /** Bridge of the second uplink (node eth1s). */
  uplinkBridge: string;
  /** The host-side veth end (in the host namespace) and its peer in the lab namespace. */
  hostLink: string;
  hostLinkPeer: string;
  hostCidr: string;
  hostIp: string;
  /** Directory holding the mount-namespace files (private bind mount of itself). */
  mountDir: string;
  /** Pod network namespaces are `<podNetnsPrefix><pod uid>`. */
  podNetnsPrefix: string;
  kubeconfig: string;
  recordFile: string;
  lockFile: string;
  runDir: string;
  logDir: string;
  stateDir: string;
  nodes: LabNodeLayout[];
}

const PREFIX_RE = /^[a-z][a-z0-9]*-$/;

export function validatePrefix(prefix: string): string {
  if (!PREFIX_RE.test(prefix) || prefix.length > MAX_PREFIX) {
    throw usageError(
      `invalid lab prefix "${prefix}": use lower-case letters and digits ending in "-", at most ${MAX_PREFIX} characters`,
      `e.g. ${LAB_DEFAULT_PREFIX}`,
    );
  }
  return prefix;
}

/** The first three octets of a /24 (only /24 underlays are supported). */
export function underlayBase(cidr: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.0\/24$/.exec(cidr);
  if (!m || m.slice(1, 4).some((o) => Number(o) > 255)) {
    throw usageError(`invalid underlay subnet "${cidr}": expected a /24 such as ${LAB_DEFAULT_UNDERLAY}`);
  }
  return `${m[1]}.${m[2]}.${m[3]}`;
}

export function validateNodeCount(nodes: number): number {
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > LAB_MAX_NODES) {
    throw usageError(`invalid node count ${nodes}: the lab runs 1 to ${LAB_MAX_NODES} nodes`);
  }
  return nodes;
}

export function nodeName(index: number): string {
  return `lab-node${index}`;
}

export function labLayout(options: LabOptions): LabLayout {
  const prefix = validatePrefix(options.prefix);
  validateNodeCount(options.nodes);
  const base = underlayBase(options.underlay);
  const mountDir = `/run/${prefix}mnt`;
  const nodes: LabNodeLayout[] = [];
  for (let i = 1; i <= options.nodes; i += 1) {
    const name = nodeName(i);
    const netnsName = `${prefix}node${i}`;
    nodes.push({
      index: i,
      name,
      netnsName,
      netnsPath: `/var/run/netns/${netnsName}`,
      mountns: join(mountDir, name),
      root: join(options.dir, 'nodes', name),
      eth0Cidr: `${base}.${10 + i}/24`,
      internalIp: `${base}.${10 + i}`,
      podCidr: `${LAB_POD_CIDR_BASE}.${i}.0/24`,
      podGateway: `${LAB_POD_CIDR_BASE}.${i}.1`,
      labEth0: `n${i}-eth0`,
      labEth1: `n${i}-eth1`,
    });
  }
  return {
    options: { ...options, prefix },
    labNetns: `${prefix}lab`,
    underlayBridge: 'br-underlay',
    uplinkBridge: 'br-eth1',
    hostLink: `${prefix}host`,
    hostLinkPeer: 'host',
    hostCidr: `${base}.1/24`,
    hostIp: `${base}.1`,
    mountDir,
    podNetnsPrefix: `${prefix}pod-`,
    kubeconfig: join(options.dir, 'kubeconfig'),
    recordFile: join(options.dir, 'lab.json'),
    lockFile: join(options.dir, 'up.lock'),
    runDir: join(options.dir, 'run'),
    logDir: join(options.dir, 'logs'),
    stateDir: options.dir,
    nodes,
  };
}

/** A standard node path (e.g. /etc/cni/net.d) as the host sees it for one node. */
export function nodeHostPath(root: string, path: string): string {
  if (!path.startsWith('/')) return path;
  return join(root, path);
}

/** The node directories bind-mounted at the standard paths inside the node's mount namespace. */
export const NODE_MOUNTS = ['/etc/cni', '/opt/cni', '/var/lib/cni'] as const;

/** The standard CNI directories every node has under its root. */
export const NODE_DIRS = [CniPaths.confDir, CniPaths.binDir, CniPaths.cacheDir, CniPaths.multusConfDir, CniPaths.multusCniDir, CniPaths.hostLocalDir] as const;

/** The pod netns name for a pod UID. */
export function podNetnsName(layout: Pick<LabLayout, 'podNetnsPrefix'>, uid: string): string {
  return `${layout.podNetnsPrefix}${uid}`;
}
