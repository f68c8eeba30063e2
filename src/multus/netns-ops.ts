/**
 * The PodNetnsOps port done with iproute2 through nsenter (src/sys): `ip -j` to read, argv only.
 * `wrap` lets the lab prefix every argv (e.g. to enter a node's namespaces first).
 */
import { existsSync } from 'node:fs';
import { run } from '../sys/run.js';
import { inNetns } from '../sys/netns.js';
import type { PodNetnsOps } from './default-route.js';

const IP_TIMEOUT_MS = 10_000;

export function ipNetnsOps(options: { wrap?: (argv: string[]) => string[] } = {}): PodNetnsOps {
  const wrap = options.wrap ?? ((argv: string[]) => argv);
  const ip = async (netns: string, args: string[], okCodes: number[] = [0]): Promise<{ stdout: string; exitCode: number | null; stderr: string }> => {
    const r = await run(wrap(inNetns(netns, ['ip', ...args])), { timeoutMs: IP_TIMEOUT_MS });
    if (r.exitCode === null || !okCodes.includes(r.exitCode)) {
      throw new Error(`ip ${args.join(' ')} in ${netns}: ${r.stderr.trim() || `exit ${r.exitCode ?? 'killed'}`}`);
    }
    return r;
  };
  const listInterfaces = async (netns: string): Promise<string[]> => {
    if (!options.wrap && !existsSync(netns)) throw new Error(`validateIfName: no net namespace ${netns} found: failed to Statfs "${netns}": no such file or directory`);
    const r = await ip(netns, ['-j', 'link', 'show'], [0]);
    return (JSON.parse(r.stdout || '[]') as Array<{ ifname?: string }>).map((l) => l.ifname ?? '');
  };
  return {
    listInterfaces,
    async interfaceExists(netns, ifName) {
      return (await listInterfaces(netns)).includes(ifName);
    },
    async deleteDefaultRoutes(netns, ifName) {
      for (const family of ['-4', '-6']) {
        const r = await ip(netns, ['-j', family, 'route', 'show', 'default', 'dev', ifName], [0, 1]);
        const routes = JSON.parse(r.stdout.trim() || '[]') as Array<{ gateway?: string; metric?: number }>;
        for (const route of routes) {
          const argv = [family, 'route', 'del', 'default', 'dev', ifName];
          if (route.gateway) argv.push('via', route.gateway);
          if (route.metric !== undefined) argv.push('metric', String(route.metric));
          await ip(netns, argv);
        }
      }
    },
    async addDefaultRoute(netns, ifName, gateway) {
      const family = gateway.includes(':') ? '-6' : '-4';
      const r = await run(wrap(inNetns(netns, ['ip', family, 'route', 'add', 'default', 'via', gateway, 'dev', ifName])), { timeoutMs: IP_TIMEOUT_MS });
      // Like upstream, an existing route (EEXIST) is not an error.
      if (r.exitCode !== 0 && !/File exists/.test(r.stderr)) {
        throw new Error(`SetDefaultGW: Error adding route via ${gateway} on ${ifName}: ${r.stderr.trim() || `exit ${r.exitCode ?? 'killed'}`}`);
      }
    },
  };
}
