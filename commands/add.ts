import { InvocationCommand } from '../src/multus/invocation-command.js';
import { toCliError } from '../src/multus/cli-errors.js';
import { invocationFlags, statusFlag } from '../src/multus/command-flags.js';
import { renderAdd } from '../src/multus/render.js';
import { addSession, type AddReport } from '../src/multus/session.js';
import { usageError } from '../src/cli/errors.js';

export default class Add extends InvocationCommand<typeof Add> {
  static override summary = 'Run CNI ADD through the multus path for a pod, as the runtime would';
  static override description = `Resolves the pod's networks exactly as Multus does (the multus config from --conf, the cluster network, the k8s.v1.cni.cncf.io/networks annotation and its NetworkAttachmentDefinitions), writes the scratch file, runs each delegate plugin with the env and stdin Multus would give it, and writes the network-status annotation. When a delegate fails, every delegate added before it is deleted again and nothing is left behind.

The pod is read from the cluster: the multus config's kubeconfig key, else --kubeconfig/KUBECONFIG.

-o json prints the CNI result (the master's, in the multus config's cniVersion); with --dry-run, the planned calls.`;
  static override examples = [
    { description: 'Attach a pod whose sandbox netns exists', command: '<%= config.bin %> add --pod default/web --netns /var/run/netns/web --conf /etc/cni/net.d' },
    { description: 'Show every plugin call it would make, without running any', command: '<%= config.bin %> add --pod default/web --netns /var/run/netns/web --dry-run' },
    { description: 'Run with a trace of each call and print the CNI result', command: '<%= config.bin %> add --pod default/web --netns /var/run/netns/web --trace -o json' },
  ];
  static override flags = { ...invocationFlags, ...statusFlag };

  async run(): Promise<AddReport['result'] | AddReport> {
    const { flags } = this;
    if (!flags.netns) throw usageError('add needs --netns PATH: the network namespace of the pod sandbox', 'create one with `ip netns add NAME` and pass /var/run/netns/NAME');
    const report = await addSession({
      ...this.sessionOptions(),
      writeStatus: !flags['no-status'],
    }).catch((err: unknown) => {
      throw toCliError(err);
    });
    const data = report.dryRun ? report : report.result;
    this.print(data, (_d, ctx) => renderAdd(report, ctx));
    return data;
  }
}
