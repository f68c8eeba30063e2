import { Args } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import type { PodInspection } from '../../src/inspect/pod-inspect.js';
import { helperFactory, nodeHelperFlags } from '../../src/node/flags.js';

export default class PodInspect extends BaseCommand<typeof PodInspect> {
  static override summary = "One view of a pod's networking, with every mismatch flagged";
  static override description = `Joins, per interface, what the pod asked for (the k8s.v1.cni.cncf.io/networks annotation and the NADs it names), what Multus recorded (network-status) and what is live in the pod's network namespace (read with ip -j through a node helper, see --via): type, MAC, MTU, addresses, state and routes.

Findings (stable ids): attachment-missing (requested, no such interface), ip-missing (an IP in network-status is not on the interface), mac-mismatch, multiple-default-routes, interface-down, stale-network-status (an entry for an interface that no longer exists, or an attachment missing from it), network-status-missing, nad-missing, nad-invalid, annotation-invalid, network-status-invalid. Each has a level (error, warning, info).

-o json/yaml prints {pod: {namespace, name, node, uid, phase}, transport, annotation: {value, error?, attachments: [{network, interface, requestedInterface?, ips?, mac?, nad: {ref, found, type?, binaries, master?, ipam?, routes, subnets, sbr, lint}}]}, networkStatus: {present, error?, entries}, interfaces: [{name, network?, default, kind?, mac?, mtu?, state: up|down|missing, operstate?, addresses, expected: {ips, mac?}, routes, findings}], defaultRoutes, findings: [{id, level, message, interface?, network?}]}.`;

  static override examples = [
    { description: 'Everything about a pod in the current namespace', command: '<%= config.bin %> pod inspect web' },
    { description: 'Only net1, as JSON', command: '<%= config.bin %> pod inspect web net1 -n demo -o json' },
    { description: 'Read the pod over ssh to its node', command: '<%= config.bin %> pod inspect web --via ssh --ssh-user admin --ssh-key ~/.ssh/node_key' },
  ];

  static override args = {
    pod: Args.string({ required: true, description: 'pod name (in -n/--namespace)' }),
    iface: Args.string({ description: 'show only this interface (e.g. net1)' }),
  };

  static override flags = { ...nodeHelperFlags };

  async run(): Promise<PodInspection> {
    const [{ runPodInspect }, { renderPodInspection }] = await Promise.all([import('../../src/inspect/run.js'), import('../../src/inspect/render-pod.js')]);
    const cluster = await this.cluster();
    const open = helperFactory(cluster, this.flags, this.environment, { trace: (l) => this.trace(l), timeoutMs: this.timeoutMs(30_000), signal: this.interrupt.signal });
    const result = await runPodInspect(cluster, open, this.args.pod, this.args.iface);
    await this.print(result, renderPodInspection);
    return result;
  }
}
