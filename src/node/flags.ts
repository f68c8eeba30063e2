/**
 * The flags every command that reaches into a node takes (`pod inspect`, `debug route`,
 * `debug node`): the transport and the ssh options.
 */
import { Flags } from '@oclif/core';
import type { Cluster } from '../k8s/ports.js';
import { VIA_VALUES, type NodeHelperOptions, type Via } from './connect.js';
import type { NodeHelper } from './helper.js';
import type { SshFlags } from './ssh-target.js';

const GROUP = 'NODE ACCESS';

export const nodeHelperFlags = {
  via: Flags.option({
    options: VIA_VALUES,
    default: 'auto' as Via,
    description: 'how to reach the node: lab (lab nodes), local (multusctl runs on the node as root), ssh, pod (a privileged helper pod); auto picks lab, then local, then pod',
    helpGroup: GROUP,
  })(),
  'ssh-host': Flags.string({ description: "ssh to this host or ~/.ssh/config alias (default: the node's InternalIP)", helpGroup: GROUP }),
  'ssh-user': Flags.string({ description: 'ssh user (default: from ~/.ssh/config, else your login); commands run under sudo -n unless root', helpGroup: GROUP }),
  'ssh-key': Flags.string({ description: 'private key file (default: ~/.ssh/config IdentityFile, ~/.ssh/id_*, and ssh-agent)', helpGroup: GROUP }),
  'ssh-port': Flags.integer({ min: 1, max: 65535, description: 'ssh port (default: from ~/.ssh/config, else 22)', helpGroup: GROUP }),
  'ssh-accept-new': Flags.boolean({ description: 'trust and record an unknown host key (a changed key is always refused)', helpGroup: GROUP }),
  'ssh-known-hosts': Flags.string({ description: 'known_hosts file (default ~/.ssh/known_hosts)', helpGroup: GROUP }),
  'helper-image': Flags.string({ description: 'image of the --via pod helper pod (default nicolaka/netshoot; it needs ip, nsenter, find and cat)', helpGroup: GROUP }),
};

export interface NodeHelperFlagValues {
  via: Via;
  'ssh-host'?: string;
  'ssh-user'?: string;
  'ssh-key'?: string;
  'ssh-port'?: number;
  'ssh-accept-new'?: boolean;
  'ssh-known-hosts'?: string;
  'helper-image'?: string;
}

export function nodeHelperOptions(flags: NodeHelperFlagValues, env: NodeJS.ProcessEnv, extra: Pick<NodeHelperOptions, 'timeoutMs' | 'trace' | 'signal'> = {}): NodeHelperOptions {
  const ssh: SshFlags = {
    host: flags['ssh-host'],
    user: flags['ssh-user'],
    keyFile: flags['ssh-key'],
    port: flags['ssh-port'],
    acceptNew: flags['ssh-accept-new'],
    knownHosts: flags['ssh-known-hosts'],
  };
  return { via: flags.via, ssh, env, ...(flags['helper-image'] ? { helperImage: flags['helper-image'] } : {}), ...extra };
}

/** A factory opening a node helper per node with the command's flags (what src/inspect/run.ts takes). */
export function helperFactory(cluster: Cluster, flags: NodeHelperFlagValues, env: NodeJS.ProcessEnv, extra: Pick<NodeHelperOptions, 'timeoutMs' | 'trace' | 'signal'> = {}): (node: string) => Promise<NodeHelper> {
  return async (node) => {
    const { nodeHelperFor } = await import('./connect.js');
    return nodeHelperFor(cluster, node, nodeHelperOptions(flags, env, extra));
  };
}
