import { join } from 'node:path';
import { BaseCommand } from '../../src/cli/base-command.js';
import { labUp, type LabUpResult } from '../../src/lab/lab.js';
import { labConnectPort } from '../../src/lab/connect.js';
import { renderUp } from '../../src/lab/render.js';
import { labTarget, LAB_STOP_AFTER_ENV, requireRoot } from '../../src/lab/target.js';
import { labDirFlag, labNodesFlag, labPrefixFlag, labUnderlayFlag } from '../../src/lab/flags.js';

export default class LabUp extends BaseCommand<typeof LabUp> {
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
    requireRoot('up');
    const env = this.environment;
    const result = await labUp(labTarget(this.flags, env), {
      launcher: { node: process.execPath, script: join(this.config.root, 'bin', 'run.js') },
      connect: labConnectPort(env),
      env,
      version: this.config.version,
      progress: process.stderr.isTTY || this.flags.debug ? (line) => this.note(this.colors.dim(line)) : undefined,
      stopAfter: env[LAB_STOP_AFTER_ENV],
      signal: this.interrupt.signal,
    });
    this.print(result, renderUp);
    return result;
  }
}
