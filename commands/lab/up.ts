import type { LabUpResult } from '../../src/lab/lab.js';
import { LabUpCommand } from '../../src/lab/up-command.js';
import { labTarget, requireRoot } from '../../src/lab/target.js';
import { labDirFlag, labNodesFlag, labPrefixFlag, labUnderlayFlag } from '../../src/lab/flags.js';

export default class LabUp extends LabUpCommand<typeof LabUp> {
  static override summary = 'Start the embedded lab cluster (API server, nodes, kubelet)';
  static override description = [
    'Starts a small Kubernetes-like cluster on this machine so every multusctl command works without a real one:',
    'an HTTPS API server on 127.0.0.1, N nodes (network namespaces with eth0 on an underlay and eth1 on a shared',
    'uplink bridge, each with its own /etc/cni/net.d, /opt/cni/bin and /var/lib/cni, multus first) and a kubelet',
    'that gives pods real network namespaces through the multus engine. Writes <dir>/kubeconfig (context',
    'multusctl-lab). Idempotent: when the lab is already up it says so and does nothing. Needs root.',
  ].join(' ');
  static override examples = [
    { description: 'Start the default lab (2 nodes) and use it', command: '<%= config.bin %> lab up\nexport KUBECONFIG=~/.multusctl/lab/kubeconfig\nkubectl get nodes' },
    { description: 'Three nodes in another directory', command: '<%= config.bin %> lab up --nodes 3 --dir /tmp/lab' },
    { description: 'Machine-readable result', command: '<%= config.bin %> lab up -o json' },
  ];
  static override flags = { nodes: labNodesFlag, dir: labDirFlag, prefix: labPrefixFlag, underlay: labUnderlayFlag };

  public async run(): Promise<LabUpResult> {
    const { renderUp } = await import('../../src/lab/render.js');
    requireRoot('up');
    const result = await this.startLab(labTarget(this.flags, this.environment));
    await this.print(result, renderUp);
    return result;
  }
}
