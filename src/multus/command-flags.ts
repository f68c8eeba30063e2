/**
 * The flags `multusctl add`, `del` and `check` share (spec/cli.md), as data (src/cli/flag-spec.ts):
 * what the runtime would pass multus, plus --dry-run, --trace and --no-status.
 */
import { CniPaths } from '../constants.js';
import type { FlagSpecs, FlagValues } from '../cli/flag-spec.js';
import type { InvocationFlags } from './invocation.js';

export const invocationFlags = {
  pod: { type: 'string', description: 'the pod, NAMESPACE/NAME (or NAME with -n)', required: true },
  'container-id': { type: 'string', description: 'the sandbox container ID (CNI_CONTAINERID); default: derived from the pod' },
  netns: { type: 'string', description: "path of the pod's network namespace (CNI_NETNS), e.g. /var/run/netns/NAME" },
  ifname: { type: 'string', description: "the master's interface name (CNI_IFNAME)", default: 'eth0' },
  conf: { type: 'string', description: `a multus config file, or a CNI conf dir whose first config in lexical order is used`, default: CniPaths.confDir },
  'bin-dir': { type: 'string', description: "plugin directory (overrides the config's binDir; CNI_PATH is searched after it)" },
  'cni-dir': { type: 'string', description: "scratch and result-cache directory (overrides the config's cniDir)" },
  'dry-run': { type: 'boolean', description: 'print every planned plugin call (env and stdin, secrets redacted) without running or writing anything' },
  trace: { type: 'boolean', description: 'print each plugin call with its result and duration to stderr' },
} as const satisfies FlagSpecs;

export const statusFlag = {
  'no-status': { type: 'boolean', description: 'do not write the network-status annotation to the pod' },
} as const satisfies FlagSpecs;

/** Each command's own flags (the global flags come on top). */
export const addFlags = { ...invocationFlags, ...statusFlag };
export const delFlags = invocationFlags;
export const checkFlags = invocationFlags;

/** The default container ID for a pod, so `add` and a later `del` of the same pod agree. */
export function defaultContainerId(pod: string): string {
  return `multusctl-${pod.replace(/[^A-Za-z0-9_.-]/g, '-')}`;
}

/** What invocationFrom reads: the shared flags, parsed, and the global -n. */
export type ParsedInvocationFlags = FlagValues<typeof invocationFlags> & { namespace?: string };

/** The session's InvocationFlags from parsed command flags. */
export function invocationFrom(flags: ParsedInvocationFlags): InvocationFlags {
  return {
    pod: flags.pod,
    namespace: flags.namespace,
    containerId: flags['container-id'] ?? defaultContainerId(flags.pod.includes('/') ? flags.pod : `${flags.namespace ?? 'default'}/${flags.pod}`),
    netns: flags.netns ?? '',
    ifName: flags.ifname,
    conf: flags.conf,
    binDir: flags['bin-dir'],
    cniDir: flags['cni-dir'],
  };
}
