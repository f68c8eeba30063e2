/**
 * Finding a pod's network namespace on its node, for transports that run as root on the node
 * (local, ssh): the lab's annotation, the container runtime (`crictl inspectp`: the netns path, or
 * the sandbox PID's /proc/PID/ns/net), libcni's result cache (netns recorded with the pod's
 * K8S_POD_* args), or a named namespace under /var/run/netns holding the pod's IPs. Everything
 * runs as argv through the node's runner, so the same code works locally and over ssh.
 */
import { CliError } from '../cli/errors.js';
import { Annotations, CniPaths, LabAnnotations } from '../constants.js';
import type { V1Pod } from '../k8s/types.js';
import { NETNS_DIR } from '../sys/netns.js';
import { existsArgv } from './commands.js';
import type { NodeHelper, PodSandboxRef } from './helper.js';
import { parseLinks } from './ip-json.js';

export type NodeAccess = Pick<NodeHelper, 'runOnNode' | 'readFile' | 'listDir'>;

/** Where the pod's netns is: a path, or "host" for hostNetwork pods. */
export type NetnsLocation = { kind: 'host' } | { kind: 'path'; path: string; how: string };

type Attempt = { how: string; why: string };

async function pathExists(node: NodeAccess, path: string): Promise<boolean> {
  try {
    return (await node.runOnNode(existsArgv(path))).exitCode === 0;
  } catch (err) {
    if (err instanceof CliError) throw err;
    return false;
  }
}

async function tryRun(node: NodeAccess, argv: string[]): Promise<{ ok: true; stdout: string } | { ok: false; why: string }> {
  try {
    const r = await node.runOnNode(argv, { timeoutMs: 15_000 });
    if (r.exitCode === 0) return { ok: true, stdout: r.stdout };
    return { ok: false, why: r.exitCode === 127 ? `${argv[0]} not installed` : r.stderr.trim().split('\n')[0] || `exit ${r.exitCode}` };
  } catch (err) {
    if (err instanceof CliError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, why: code === 'ENOENT' ? `${argv[0]} not installed` : String((err as Error).message) };
  }
}

interface CrictlPods {
  items?: Array<{ id: string; metadata?: { name?: string; namespace?: string; uid?: string } }>;
}
interface CrictlInspect {
  info?: { pid?: number; runtimeSpec?: { linux?: { namespaces?: Array<{ type?: string; path?: string }> } } };
}

/** The sandbox id of the pod in `crictl pods -o json` output (exact name, namespace and uid). */
export function sandboxIdFromCrictl(json: string, ref: PodSandboxRef): string | undefined {
  const items = ((JSON.parse(json || '{}') as CrictlPods).items ?? []).filter(
    (p) => p.metadata?.name === ref.name && p.metadata?.namespace === ref.namespace && (!ref.uid || !p.metadata?.uid || p.metadata.uid === ref.uid),
  );
  return items[0]?.id;
}

/** The netns path and sandbox PID in `crictl inspectp -o json` output. */
export function netnsFromInspectp(json: string): { path?: string; pid?: number } {
  const info = (JSON.parse(json || '{}') as CrictlInspect).info;
  return { path: info?.runtimeSpec?.linux?.namespaces?.find((n) => n.type === 'network')?.path, pid: info?.pid || undefined };
}

async function fromCrictl(node: NodeAccess, ref: PodSandboxRef): Promise<string | Attempt> {
  const how = 'crictl';
  const list = await tryRun(node, ['crictl', 'pods', '--namespace', ref.namespace, '--name', ref.name, '--state', 'Ready', '-o', 'json']);
  if (!list.ok) return { how, why: list.why };
  const id = sandboxIdFromCrictl(list.stdout, ref);
  if (!id) return { how, why: 'no ready sandbox' };
  const inspect = await tryRun(node, ['crictl', 'inspectp', '-o', 'json', id]);
  if (!inspect.ok) return { how, why: inspect.why };
  const { path, pid } = netnsFromInspectp(inspect.stdout);
  if (path && (await pathExists(node, path))) return path;
  if (pid) return `/proc/${pid}/ns/net`;
  return { how, why: 'sandbox has no network namespace path or pid' };
}

async function fromCniCache(node: NodeAccess, ref: PodSandboxRef): Promise<string | Attempt> {
  const how = 'CNI cache';
  const dir = `${CniPaths.cacheDir}/results`;
  const names = await node.listDir(dir).catch(() => undefined);
  if (!names) return { how, why: `no ${dir}` };
  for (const name of names) {
    const text = await node.readFile(`${dir}/${name}`).catch(() => undefined);
    if (!text) continue;
    let entry: { netns?: string; cniArgs?: Array<[string, string]> };
    try {
      entry = JSON.parse(text) as typeof entry;
    } catch {
      continue;
    }
    const args = new Map(entry.cniArgs ?? []);
    if (args.get('K8S_POD_NAMESPACE') !== ref.namespace || args.get('K8S_POD_NAME') !== ref.name) continue;
    if (ref.uid && args.get('K8S_POD_UID') && args.get('K8S_POD_UID') !== ref.uid) continue;
    if (entry.netns && (await pathExists(node, entry.netns))) return entry.netns;
  }
  return { how, why: 'no entry for the pod' };
}

/** The pod's IPs as the API knows them (status.podIPs and network-status). */
export function podIps(pod: V1Pod | undefined): string[] {
  const ips = new Set<string>((pod?.status?.podIPs ?? []).map((p) => p.ip).filter((ip): ip is string => Boolean(ip)));
  const status = pod?.metadata?.annotations?.[Annotations.networkStatus];
  if (status) {
    try {
      for (const s of JSON.parse(status) as Array<{ ips?: string[] }>) for (const ip of s.ips ?? []) ips.add(ip);
    } catch {
      // unreadable network-status: pod inspect reports it
    }
  }
  return [...ips];
}

async function fromNamedNetns(node: NodeAccess, pod: V1Pod | undefined): Promise<string | Attempt> {
  const how = NETNS_DIR;
  const ips = podIps(pod);
  if (ips.length === 0) return { how, why: 'the pod has no IPs to match' };
  const names = await node.listDir(NETNS_DIR).catch(() => undefined);
  if (!names || names.length === 0) return { how, why: 'no named namespaces' };
  const matches: string[] = [];
  for (const name of names) {
    const r = await tryRun(node, ['ip', '-n', name, '-j', 'addr', 'show']);
    if (!r.ok) continue;
    const local = parseLinks(r.stdout).flatMap((l) => l.addresses.map((a) => a.local));
    if (ips.some((ip) => local.includes(ip))) matches.push(`${NETNS_DIR}/${name}`);
  }
  if (matches.length === 1) return matches[0]!;
  return { how, why: matches.length === 0 ? `no namespace holds ${ips.join(', ')}` : `several namespaces hold the pod's IPs (${matches.join(', ')})` };
}

/** Locates the pod's netns on the node; throws an Error listing what was tried when nothing fits. */
export async function locatePodNetns(node: NodeAccess, ref: PodSandboxRef, pod: V1Pod | undefined): Promise<NetnsLocation> {
  if (pod?.spec?.hostNetwork) return { kind: 'host' };
  const attempts: Attempt[] = [];
  const lab = pod?.metadata?.annotations?.[LabAnnotations.netns];
  if (lab) {
    if (await pathExists(node, lab)) return { kind: 'path', path: lab, how: 'lab annotation' };
    attempts.push({ how: 'lab annotation', why: `${lab} does not exist on this node` });
  }
  for (const [how, find] of [
    ['crictl', () => fromCrictl(node, ref)],
    ['CNI cache', () => fromCniCache(node, ref)],
    [NETNS_DIR, () => fromNamedNetns(node, pod)],
  ] as const) {
    const found = await find();
    if (typeof found === 'string') return { kind: 'path', path: found, how };
    attempts.push(found);
  }
  throw new Error(`cannot find the network namespace of pod ${ref.namespace}/${ref.name} on node ${ref.nodeName} (tried ${attempts.map((a) => `${a.how}: ${a.why}`).join('; ')})`);
}

/** Each pod's netns, located once per node helper (a pod's sandbox does not move while we look). */
export class NetnsCache {
  private readonly found = new Map<string, NetnsLocation>();

  async get(ref: PodSandboxRef, locate: () => Promise<NetnsLocation>): Promise<NetnsLocation> {
    const key = `${ref.namespace}/${ref.name}/${ref.uid ?? ''}`;
    let where = this.found.get(key);
    if (!where) {
      where = await locate();
      this.found.set(key, where);
    }
    return where;
  }
}
