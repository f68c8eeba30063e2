/**
 * The flags `multusctl add`, `del` and `check` share (spec/cli.md): what the runtime would pass
 * multus, plus --dry-run, --trace and --no-status.
 */
import { Flags } from '@oclif/core';
import { CniPaths } from '../constants.js';
import type { InvocationFlags } from './invocation.js';

export const invocationFlags = {
  pod: Flags.string({ description: 'the pod, NAMESPACE/NAME (or NAME with -n)', required: true }),
  'container-id': Flags.string({ description: 'the sandbox container ID (CNI_CONTAINERID); default: derived from the pod' }),
  netns: Flags.string({ description: "path of the pod's network namespace (CNI_NETNS), e.g. /var/run/netns/NAME" }),
  ifname: Flags.string({ description: "the master's interface name (CNI_IFNAME)", default: 'eth0' }),
  conf: Flags.string({ description: `a multus config file, or a CNI conf dir whose first config in lexical order is used`, default: CniPaths.confDir }),
  'bin-dir': Flags.string({ description: "plugin directory (overrides the config's binDir; CNI_PATH is searched after it)" }),
  'cni-dir': Flags.string({ description: "scratch and result-cache directory (overrides the config's cniDir)" }),
  'dry-run': Flags.boolean({ description: 'print every planned plugin call (env and stdin, secrets redacted) without running or writing anything' }),
  trace: Flags.boolean({ description: 'print each plugin call with its result and duration to stderr' }),
};

export const statusFlag = {
  'no-status': Flags.boolean({ description: 'do not write the network-status annotation to the pod' }),
};

/** The default container ID for a pod, so `add` and a later `del` of the same pod agree. */
export function defaultContainerId(pod: string): string {
  return `multusctl-${pod.replace(/[^A-Za-z0-9_.-]/g, '-')}`;
}

export interface ParsedInvocationFlags {
  pod: string;
  namespace?: string;
  'container-id'?: string;
  netns?: string;
  ifname: string;
  conf: string;
  'bin-dir'?: string;
  'cni-dir'?: string;
  'dry-run': boolean;
  trace: boolean;
  'no-status'?: boolean;
}

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
