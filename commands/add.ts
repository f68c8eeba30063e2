import { BaseCommand } from '../src/cli/base-command.js';
import { oclifFlags } from '../src/cli/oclif-flags.js';
import { addFlags } from '../src/multus/command-flags.js';
import { runInvocation, type InvocationReports } from '../src/multus/run-invocation.js';

// The logic lives in src/multus/run-invocation.ts, shared with the oclif-free front door
// (src/cli/front-door.ts) that bin/run.js uses for a valid `add` argv.
export default class Add extends BaseCommand<typeof Add> {
  static override summary = 'Run CNI ADD through the multus path for a pod, as the runtime would';
  static override description = `Resolves the pod's networks exactly as Multus does (the multus config from --conf, the cluster network, the k8s.v1.cni.cncf.io/networks annotation and its NetworkAttachmentDefinitions), writes the scratch file, runs each delegate plugin with the env and stdin Multus would give it, and writes the network-status annotation. When a delegate fails, every delegate added before it is deleted again and nothing is left behind.

The pod is read from the cluster: the multus config's kubeconfig key, else --kubeconfig/KUBECONFIG.

-o json prints the CNI result (the master's, in the multus config's cniVersion); with --dry-run, the planned calls.`;
  static override examples = [
    { description: 'Attach a pod whose sandbox netns exists', command: '<%= config.bin %> add --pod default/web --netns /var/run/netns/web --conf /etc/cni/net.d' },
    { description: 'Show every plugin call it would make, without running any', command: '<%= config.bin %> add --pod default/web --netns /var/run/netns/web --dry-run' },
    { description: 'Run with a trace of each call and print the CNI result', command: '<%= config.bin %> add --pod default/web --netns /var/run/netns/web --trace -o json' },
  ];
  static override flags = oclifFlags(addFlags);

  async run(): Promise<InvocationReports['add']> {
    return runInvocation('add', this.flags, this.io);
  }
}
