/**
 * The I/O half of `debug node`: every fact read through the node helper (files, directories,
 * `ip -j -d addr` on the node) and the API (NADs, the node's pods), then analysed by node-debug.ts.
 */
import { dirname, basename } from 'node:path';
import { CniPaths } from '../constants.js';
import type { Cluster } from '../k8s/ports.js';
import type { NetworkAttachmentDefinition, V1Pod } from '../k8s/types.js';
import { IpArgv } from '../node/commands.js';
import type { NodeHelper } from '../node/helper.js';
import { parseLinks } from '../node/ip-json.js';
import { podIps } from '../node/netns-locate.js';
import { runJson } from './live.js';
import { summariseNad } from './nad-summary.js';
import { analyseNode, confFileNames, multusPlugin, parseConfFile, parseLease, type Lease, type NodeDebug, type NodeFacts } from './node-debug.js';

async function present(helper: NodeHelper, path: string): Promise<boolean> {
  return ((await helper.listDir(dirname(path))) ?? []).includes(basename(path));
}

async function readLeases(helper: NodeHelper, dir: string): Promise<Lease[]> {
  const leases: Lease[] = [];
  for (const network of (await helper.listDir(dir)) ?? []) {
    const netDir = `${dir}/${network}`;
    for (const name of (await helper.listDir(netDir).catch(() => undefined)) ?? []) {
      const text = await helper.readFile(`${netDir}/${name}`).catch(() => undefined);
      const lease = text === undefined ? undefined : parseLease(network, netDir, name, text);
      if (lease) leases.push(lease);
    }
  }
  return leases;
}

async function readCachePods(helper: NodeHelper): Promise<Map<string, string>> {
  const dir = `${CniPaths.cacheDir}/results`;
  const owners = new Map<string, string>();
  for (const name of (await helper.listDir(dir)) ?? []) {
    const text = await helper.readFile(`${dir}/${name}`).catch(() => undefined);
    if (!text) continue;
    try {
      const entry = JSON.parse(text) as { containerId?: string; cniArgs?: Array<[string, string]> };
      const args = new Map(entry.cniArgs ?? []);
      const ns = args.get('K8S_POD_NAMESPACE');
      const pod = args.get('K8S_POD_NAME');
      if (entry.containerId && ns && pod) owners.set(entry.containerId, `${ns}/${pod}`);
    } catch {
      // not a libcni cache file
    }
  }
  return owners;
}

/** The API side: every NAD (their types and masters) and the pods bound to the node. */
export async function nodeApiFacts(cluster: Cluster, nodeName: string): Promise<{ nads: NetworkAttachmentDefinition[]; pods: V1Pod[] }> {
  const [nads, pods] = await Promise.all([cluster.nads.list({}), cluster.pods.list({ fieldSelector: `spec.nodeName=${nodeName}` })]);
  return { nads, pods };
}

export async function debugNode(helper: NodeHelper, nodeName: string, api: { nads: readonly NetworkAttachmentDefinition[]; pods: readonly V1Pod[] }): Promise<NodeDebug> {
  const confDir = CniPaths.confDir;
  const names = confFileNames((await helper.listDir(confDir)) ?? []);
  const confFiles = await Promise.all(names.map(async (name) => ({ name, text: await helper.readFile(`${confDir}/${name}`).catch(() => undefined) })));
  let multusFile: { name: string; plugin: Record<string, unknown> } | undefined;
  for (const f of confFiles) {
    const plugin = multusPlugin(parseConfFile(f.name, f.text).config);
    if (plugin) {
      multusFile = { name: f.name, plugin };
      break;
    }
  }
  const binDir = typeof multusFile?.plugin.binDir === 'string' && multusFile.plugin.binDir ? multusFile.plugin.binDir : CniPaths.binDir;
  const readiness = typeof multusFile?.plugin.readinessindicatorfile === 'string' ? multusFile.plugin.readinessindicatorfile : undefined;
  const socketPath = multusFile?.plugin.type === 'multus-shim'
    ? `${typeof multusFile.plugin.socketDir === 'string' && multusFile.plugin.socketDir ? multusFile.plugin.socketDir : dirname(CniPaths.multusSocket)}/multus.sock`
    : undefined;
  const { nads, pods } = api;
  const [binaries, addr, leases, cachePods] = await Promise.all([
    helper.listDir(binDir),
    runJson((argv) => helper.runOnNode(argv, { timeoutMs: 20_000 }), IpArgv.addr, `node ${nodeName}`),
    readLeases(helper, CniPaths.hostLocalDir),
    readCachePods(helper),
  ]);
  const facts: NodeFacts = {
    node: nodeName,
    transport: helper.transport,
    confDir,
    confFiles,
    ...(readiness ? { readinessIndicatorPresent: await present(helper, readiness) } : {}),
    ...(socketPath ? { socket: { path: socketPath, present: await present(helper, socketPath) } } : {}),
    binDir,
    ...(binaries ? { binaries } : {}),
    links: parseLinks(addr),
    nads: nads.map(summariseNad),
    leaseDir: CniPaths.hostLocalDir,
    leases,
    cachePods,
    livePods: pods.filter((p) => !p.spec?.hostNetwork).map((p) => ({ ref: `${p.metadata?.namespace}/${p.metadata?.name}`, ips: podIps(p) })),
  };
  return analyseNode(facts, multusFile);
}
