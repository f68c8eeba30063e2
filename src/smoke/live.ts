/**
 * A pod's live network as smoke compares it: interfaces with their MAC and addresses, and the
 * default routes of the main table. Read inside the pod's netns through a node helper with
 * `ip -j` (JSON, never scraped text).
 */
import type { NodeHelper, PodSandboxRef } from '../node/helper.js';
import { isDefaultRoute, parseLinks, parseRoutes } from '../node/ip-json.js';

export interface LiveInterface {
  name: string;
  mac?: string;
  up: boolean;
  /** "address/prefix", global and host scope (link-local IPv6 left out). */
  addresses: string[];
}

export interface LiveRoute {
  family: 4 | 6;
  dev?: string;
  gateway?: string;
}

export interface LiveNetwork {
  interfaces: LiveInterface[];
  defaultRoutes: LiveRoute[];
}

/** Parses `ip -j addr show` output (through the one parser in src/node/ip-json.ts). */
export function parseIpAddr(json: string): LiveInterface[] {
  return parseLinks(json).map((l) => ({
    name: l.name,
    mac: l.mac,
    up: l.up,
    addresses: l.addresses.filter((a) => a.scope !== 'link').map((a) => a.cidr),
  }));
}

/** Parses `ip -j route show default` output (one family); ECMP routes give one entry per nexthop. */
export function parseDefaultRoutes(json: string, family: 4 | 6): LiveRoute[] {
  return parseRoutes(json, family).filter(isDefaultRoute).flatMap((r) =>
    r.nexthops && r.nexthops.length > 0
      ? r.nexthops.map((n) => ({ family, dev: n.dev, gateway: n.gateway }))
      : [{ family, dev: r.dev, gateway: r.gateway }],
  );
}

async function ipJson(helper: NodeHelper, pod: PodSandboxRef, argv: string[]): Promise<string> {
  const r = await helper.runInPod(pod, argv, { timeoutMs: 10_000 });
  if (r.exitCode !== 0) throw new Error(`${argv.join(' ')} in pod ${pod.namespace}/${pod.name}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
  return r.stdout;
}

export async function readLiveNetwork(helper: NodeHelper, pod: PodSandboxRef): Promise<LiveNetwork> {
  const [addr, v4, v6] = await Promise.all([
    ipJson(helper, pod, ['ip', '-j', 'addr', 'show']),
    ipJson(helper, pod, ['ip', '-j', '-4', 'route', 'show', 'default']),
    ipJson(helper, pod, ['ip', '-j', '-6', 'route', 'show', 'default']),
  ]);
  return { interfaces: parseIpAddr(addr), defaultRoutes: [...parseDefaultRoutes(v4, 4), ...parseDefaultRoutes(v6, 6)] };
}
