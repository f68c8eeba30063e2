import { Args } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import type { NodeDebug } from '../../src/inspect/node-debug.js';
import { helperFactory, nodeHelperFlags } from '../../src/node/flags.js';

export default class DebugNode extends BaseCommand<typeof DebugNode> {
  static override summary = "A node's view of Multus: CNI config order, binaries, masters, IPAM leases";
  static override description = `Reads the node through a node helper (see --via): the CNI config files of /etc/cni/net.d in the order the runtime reads them (is multus first?), the multus config (thin or thick mode, clusterNetwork, readinessindicatorfile present?), the binaries in binDir against every type the NADs use, each NAD master against the node's interfaces, host-local leases under /var/lib/cni/networks against the pods on the node (a lease whose IP and container belong to no pod is a leak: CNI DEL never ran), and in thick mode the daemon socket.

Findings (stable ids): no-cni-config, cni-config-invalid, multus-config-missing, multus-not-first, readiness-indicator-missing, binary-missing, master-missing, lease-leak, thick-socket-missing.

-o json/yaml prints {node, transport, cniConfig: {dir, files: [{name, network?, types?, error?}], first?, multusFirst}, multus?: {file, mode, clusterNetwork?, defaultNetworks, binDir, confDir, cniDir, readinessIndicatorFile?, readinessIndicatorPresent?, socket?: {path, present}}, binaries: {dir, present, needed: [{binary, usedBy, present}]}, masters: [{master, usedBy, present}], leases: {dir, total, leaks: [{network, ip, containerId, ifname?, file}]}, findings: [{id, level, message, interface?}]}.`;

  static override examples = [
    { description: 'Check a lab node', command: '<%= config.bin %> debug node lab-node1' },
    { description: 'Over ssh, as JSON', command: '<%= config.bin %> debug node worker-3 --via ssh --ssh-user admin -o json' },
  ];

  static override args = { node: Args.string({ required: true, description: 'node name' }) };

  static override flags = { ...nodeHelperFlags };

  async run(): Promise<NodeDebug> {
    const [{ runDebugNode }, { renderNodeDebug }] = await Promise.all([import('../../src/inspect/run.js'), import('../../src/inspect/render-node.js')]);
    const cluster = await this.cluster();
    const open = helperFactory(cluster, this.flags, this.environment, { trace: (l) => this.trace(l), timeoutMs: this.timeoutMs(30_000), signal: this.interrupt.signal });
    const result = await runDebugNode(cluster, open, this.args.node);
    await this.print(result, renderNodeDebug);
    return result;
  }
}
