/**
 * `debug node`: the node's CNI config files in the order the runtime reads them (is multus
 * first?), the multus config, binaries in binDir against the types NADs use, NAD masters against
 * the node's interfaces, host-local leases against live pods (leaks), the thick-mode socket. Pure:
 * node-gather.ts reads the facts through a node helper.
 */
import type { Link } from '../node/ip-json.js';
import type { Finding } from './findings.js';
import type { NadSummary } from './nad-summary.js';

export const NodeFinding = {
  noCniConfig: 'no-cni-config',
  cniConfigInvalid: 'cni-config-invalid',
  multusConfigMissing: 'multus-config-missing',
  multusNotFirst: 'multus-not-first',
  readinessIndicatorMissing: 'readiness-indicator-missing',
  binaryMissing: 'binary-missing',
  masterMissing: 'master-missing',
  leaseLeak: 'lease-leak',
  thickSocketMissing: 'thick-socket-missing',
} as const;

const CONF_EXT = ['.conf', '.conflist', '.json'];
export const MULTUS_TYPES = ['multus', 'multus-shim'];

export interface ConfFile {
  name: string;
  /** The network name and the types it runs, when it parses. */
  network?: string;
  types?: string[];
  /** IPAM plugin types its plugins use. */
  ipam?: string[];
  error?: string;
}

export interface MultusView {
  file: string;
  mode: 'thin' | 'thick';
  clusterNetwork?: string;
  defaultNetworks: string[];
  binDir: string;
  confDir: string;
  cniDir: string;
  readinessIndicatorFile?: string;
  readinessIndicatorPresent?: boolean;
  socket?: { path: string; present: boolean };
}

export interface Lease {
  network: string;
  ip: string;
  containerId: string;
  ifname?: string;
  file: string;
}

export interface NodeDebug {
  node: string;
  transport: string;
  cniConfig: { dir: string; files: ConfFile[]; first?: string; multusFirst: boolean };
  multus?: MultusView;
  binaries: { dir: string; present: string[]; needed: Array<{ binary: string; usedBy: string[]; present: boolean }> };
  masters: Array<{ master: string; usedBy: string[]; present: boolean }>;
  leases: { dir: string; total: number; leaks: Lease[] };
  findings: Finding[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The config files the runtime considers, in lexical order (libcni ConfFiles). */
export function confFileNames(names: readonly string[]): string[] {
  return names.filter((n) => CONF_EXT.some((e) => n.endsWith(e))).sort();
}

/** The plugins of a conf or conflist (a conflist's `plugins`, else the conf itself). */
function pluginsOf(config: Json): Json[] {
  return Array.isArray(config.plugins) ? config.plugins.filter(isObject) : [config];
}

export function parseConfFile(name: string, text: string | undefined): { file: ConfFile; config?: Json } {
  if (text === undefined) return { file: { name, error: 'cannot be read' } };
  try {
    const parsed: unknown = JSON.parse(text);
    if (!isObject(parsed)) return { file: { name, error: 'not a JSON object' } };
    const plugins = pluginsOf(parsed);
    const types = plugins.map((p) => str(p.type) ?? '?');
    const ipam = [...new Set(plugins.flatMap((p) => (isObject(p.ipam) && str(p.ipam.type) ? [str(p.ipam.type)!] : [])))];
    return { file: { name, ...(str(parsed.name) ? { network: str(parsed.name) } : {}), types, ...(ipam.length ? { ipam } : {}) }, config: parsed };
  } catch (err) {
    return { file: { name, error: `not valid JSON: ${(err as Error).message}` } };
  }
}

/** The multus plugin's config in a conf file (the conf itself, or its multus plugin). */
export function multusPlugin(config: Json | undefined): Json | undefined {
  if (!config) return undefined;
  return pluginsOf(config).find((p) => MULTUS_TYPES.includes(str(p.type) ?? ''));
}

export function multusViewOf(file: string, plugin: Json): MultusView {
  const thick = plugin.type === 'multus-shim';
  const view: MultusView = {
    file,
    mode: thick ? 'thick' : 'thin',
    defaultNetworks: Array.isArray(plugin.defaultNetworks) ? plugin.defaultNetworks.filter((x): x is string => typeof x === 'string') : [],
    binDir: str(plugin.binDir) ?? '/opt/cni/bin',
    confDir: str(plugin.confDir) ?? '/etc/cni/multus/net.d',
    cniDir: str(plugin.cniDir) ?? '/var/lib/cni/multus',
  };
  const cluster = str(plugin.clusterNetwork);
  if (cluster) view.clusterNetwork = cluster;
  const ready = str(plugin.readinessindicatorfile);
  if (ready) view.readinessIndicatorFile = ready;
  return view;
}

/** host-local's lease file: "<containerID>[\r\n<ifname>]". Names other than IPs are bookkeeping. */
export function parseLease(network: string, dir: string, name: string, text: string): Lease | undefined {
  if (name === 'lock' || name.startsWith('last_reserved_ip')) return undefined;
  const [containerId, ifname] = text.split(/\r?\n/).map((s) => s.trim());
  const lease: Lease = { network, ip: name, containerId: containerId ?? '', file: `${dir}/${name}` };
  if (ifname) lease.ifname = ifname;
  return lease;
}

export interface NodeFacts {
  node: string;
  transport: string;
  confDir: string;
  confFiles: Array<{ name: string; text?: string }>;
  /** What the multus config names, read after it was found. */
  readinessIndicatorPresent?: boolean;
  socket?: { path: string; present: boolean };
  binDir: string;
  binaries?: string[];
  links: Link[];
  nads: NadSummary[];
  leaseDir: string;
  leases: Lease[];
  /** Container IDs the CNI cache ties to a pod (namespace/name). */
  cachePods: ReadonlyMap<string, string>;
  /** Pods on this node per the API: namespace/name and every IP they hold. */
  livePods: Array<{ ref: string; ips: string[] }>;
}

/** The conf file a multus clusterNetwork/defaultNetworks entry names (by network name or path). */
function confFor(files: readonly ConfFile[], ref: string): ConfFile | undefined {
  const base = ref.split('/').pop();
  return files.find((f) => f.network === ref || (ref.includes('/') && f.name === base));
}

function neededBinaries(nads: readonly NadSummary[], confs: readonly ConfFile[]): Map<string, string[]> {
  const need = new Map<string, string[]>();
  const add = (bin: string, by: string): void => {
    if (bin === '?' || bin === '') return;
    const list = need.get(bin) ?? [];
    if (!list.includes(by)) need.set(bin, [...list, by]);
  };
  for (const conf of confs) for (const t of [...(conf.types ?? []), ...(conf.ipam ?? [])]) add(t, `CNI config ${conf.name}`);
  for (const nad of nads) for (const b of nad.binaries) add(b, nad.ref);
  return need;
}

export function analyseNode(facts: NodeFacts, multusFile?: { name: string; plugin: Json }): NodeDebug {
  const findings: Finding[] = [];
  const files = facts.confFiles.map((f) => parseConfFile(f.name, f.text).file);
  for (const f of files.filter((x) => x.error)) findings.push({ id: NodeFinding.cniConfigInvalid, level: 'error', message: `${facts.confDir}/${f.name} is ${f.error}` });
  const first = files[0];
  const multusFirst = first !== undefined && (first.types ?? []).some((t) => MULTUS_TYPES.includes(t));
  if (!first) findings.push({ id: NodeFinding.noCniConfig, level: 'error', message: `no CNI config in ${facts.confDir}: the runtime cannot start pods` });
  let multus: MultusView | undefined;
  if (multusFile) {
    multus = multusViewOf(multusFile.name, multusFile.plugin);
    if (!multusFirst) {
      findings.push({ id: NodeFinding.multusNotFirst, level: 'error', message: `${multusFile.name} is the multus config, but the runtime uses ${first?.name ?? 'nothing'} (the first file in lexical order): pods get no secondary networks` });
    }
    if (multus.readinessIndicatorFile) {
      multus.readinessIndicatorPresent = Boolean(facts.readinessIndicatorPresent);
      if (!facts.readinessIndicatorPresent) {
        findings.push({ id: NodeFinding.readinessIndicatorMissing, level: 'error', message: `readinessindicatorfile ${multus.readinessIndicatorFile} does not exist: multus waits for the cluster network and pod creation fails` });
      }
    }
    if (multus.mode === 'thick' && facts.socket) {
      multus.socket = facts.socket;
      if (!facts.socket.present) findings.push({ id: NodeFinding.thickSocketMissing, level: 'error', message: `thick mode, but the multus daemon socket ${facts.socket.path} does not exist (is the multus daemonset running on this node?)` });
    }
  } else if (first) {
    findings.push({ id: NodeFinding.multusConfigMissing, level: 'warning', message: `no multus config in ${facts.confDir}: the runtime uses ${first.name} directly` });
  }

  const present = facts.binaries ?? [];
  // The runtime runs the first file; multus runs its clusterNetwork and defaultNetworks.
  const delegated = multus ? [multus.clusterNetwork, ...multus.defaultNetworks].flatMap((ref) => (ref ? [confFor(files, ref)].filter((f): f is ConfFile => f !== undefined) : [])) : [];
  const needed = [...neededBinaries(facts.nads, [...(first ? [first] : []), ...delegated.filter((f) => f !== first)])].sort(([a], [b]) => a.localeCompare(b)).map(([binary, usedBy]) => ({ binary, usedBy, present: present.includes(binary) }));
  for (const n of needed.filter((x) => !x.present)) {
    findings.push({ id: NodeFinding.binaryMissing, level: 'error', message: `${n.binary} is not in ${facts.binDir} (used by ${n.usedBy.join(', ')})` });
  }

  const linkNames = new Set(facts.links.map((l) => l.name));
  const masterMap = new Map<string, string[]>();
  for (const nad of facts.nads) if (nad.master) masterMap.set(nad.master, [...(masterMap.get(nad.master) ?? []), nad.ref]);
  const masters = [...masterMap].sort(([a], [b]) => a.localeCompare(b)).map(([master, usedBy]) => ({ master, usedBy, present: linkNames.has(master) }));
  for (const m of masters.filter((x) => !x.present)) {
    findings.push({ id: NodeFinding.masterMissing, level: 'error', interface: m.master, message: `interface ${m.master} does not exist on the node (master of ${m.usedBy.join(', ')})` });
  }

  const liveIps = new Set(facts.livePods.flatMap((p) => p.ips));
  const livePods = new Set(facts.livePods.map((p) => p.ref));
  const leaks = facts.leases.filter((l) => {
    if (liveIps.has(l.ip)) return false;
    const owner = facts.cachePods.get(l.containerId);
    return !(owner && livePods.has(owner));
  });
  for (const l of leaks) {
    findings.push({ id: NodeFinding.leaseLeak, level: 'warning', message: `${l.file}: ${l.ip} of network ${l.network} is held by container ${l.containerId.slice(0, 12) || '?'}, which belongs to no pod on this node (CNI DEL never ran); delete the file to free it` });
  }

  return {
    node: facts.node,
    transport: facts.transport,
    cniConfig: { dir: facts.confDir, files, ...(first ? { first: first.name } : {}), multusFirst },
    ...(multus ? { multus } : {}),
    binaries: { dir: facts.binDir, present, needed },
    masters,
    leases: { dir: facts.leaseDir, total: facts.leases.length, leaks },
    findings,
  };
}
