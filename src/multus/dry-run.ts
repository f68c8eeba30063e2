/**
 * --dry-run: ports that plan instead of act. The engine runs its real path (resolution, interface
 * names, CNI_ARGS, capability args, stdin building, rollback order) over them, so the plan is
 * exactly the calls a real run would make, and nothing is run or written.
 *
 * Chained plugins: a planned ADD answers with a placeholder result (not a prediction: an IPAM
 * plugin's choice cannot be known without running it), so the next plugin's `prevResult` shows
 * where the real result would go.
 */
import { PLANNED_RESULT_KEY, type PluginExec } from '../cni/exec.js';
import type { MultusApi } from './api.js';
import type { PodNetnsOps } from './default-route.js';

/** The key of the placeholder object a planned ADD returns. */
export const PLACEHOLDER_KEY = PLANNED_RESULT_KEY;

/** A multus-side action that --dry-run would have taken (route changes, API writes). */
export interface PlannedAction {
  what: string;
}

export function placeholderResult(cniVersion: string, type: string, ifName: string): Record<string, unknown> {
  return { cniVersion: cniVersion || '1.0.0', [PLACEHOLDER_KEY]: `the result of plugin ${type} (ADD on ${ifName})` };
}

/** Finds binaries for real (a missing plugin shows in the plan), never starts one. */
export function planningExec(real: PluginExec): PluginExec {
  return {
    findInPath: (type, dirs) => real.findInPath(type, dirs),
    async exec(call) {
      let stdout = '';
      if (call.env.CNI_COMMAND === 'ADD') {
        const conf = JSON.parse(call.stdin) as { cniVersion?: string; type?: string };
        stdout = JSON.stringify(placeholderResult(conf.cniVersion ?? '', conf.type ?? '', call.env.CNI_IFNAME ?? ''));
      } else if (call.env.CNI_COMMAND === 'VERSION') {
        stdout = JSON.stringify({ cniVersion: '1.1.0', supportedVersions: ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'] });
      }
      return { stdout, stderr: '', exitCode: 0, timedOut: false, durationMs: 0 };
    },
  };
}

/** Reads go to the API; writes (status, events) are only recorded. */
export function readOnlyApi(api: MultusApi, planned: PlannedAction[]): MultusApi {
  return {
    getPod: (ns, name) => api.getPod(ns, name),
    getNad: (ns, name) => api.getNad(ns, name),
    async updateNetworkStatus(ns, name) {
      planned.push({ what: `update network-status of pod ${ns}/${name}` });
    },
    async recordEvent(pod, event) {
      planned.push({ what: `record ${event.type} event ${event.reason} on pod ${pod.metadata?.namespace}/${pod.metadata?.name}: ${event.message}` });
    },
  };
}

/** Looks inside the netns when it can (duplicate names show), plans route changes. */
export function planningNetnsOps(real: PodNetnsOps, planned: PlannedAction[]): PodNetnsOps {
  return {
    async interfaceExists(netns, ifName) {
      try {
        return await real.interfaceExists(netns, ifName);
      } catch {
        return false;
      }
    },
    async listInterfaces(netns) {
      try {
        return real.listInterfaces ? await real.listInterfaces(netns) : [];
      } catch {
        return [];
      }
    },
    async deleteDefaultRoutes(netns, ifName) {
      planned.push({ what: `delete every default route on ${ifName} in ${netns}` });
    },
    async addDefaultRoute(netns, ifName, gateway) {
      planned.push({ what: `add a default route via ${gateway} on ${ifName} in ${netns}` });
    },
  };
}
