import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import type { RouteDebug } from '../../src/inspect/route-debug.js';
import { helperFactory, nodeHelperFlags } from '../../src/node/flags.js';

export default class DebugRoute extends BaseCommand<typeof DebugRoute> {
  static override summary = "A pod's routing tables and rules, the path a destination takes, and routing warnings";
  static override description = `Reads every routing table and the rules (IPv4 and IPv6) inside the pod's network namespace with ip -j, through a node helper (see --via). With --to, asks the kernel which route a destination takes (ip route get) and names the NAD of the interface it leaves by.

Warnings (stable ids): multiple-default-routes (a table with more than one default route of a family), shadows-cluster-cidr / shadows-service-cidr (a route by a secondary interface overlapping the cluster or service CIDR), gateway-outside-subnets (a gateway outside every connected subnet), asymmetric-routing (a secondary interface with off-subnet routes but no source rule: add the sbr plugin). The cluster CIDR defaults to the nodes' spec.podCIDRs; the service CIDR is known only from --service-cidr.

-o json/yaml prints {pod, transport, defaultInterface, interfaces: [{name, network?, addresses}], tables: [{table, routes: [{family, dst, table, type, dev?, gateway?, prefsrc?, metric?, protocol?, scope?, flags, nexthops?}]}], rules: [{family, priority, src, dst?, table?, iif?, oif?, fwmark?, action?, not?}], clusterCidrs, serviceCidrs, lookup?: {to, dst, from?, dev?, gateway?, prefsrc?, table, type, network?}, warnings: [{id, level, message, interface?, network?}]}.`;

  static override examples = [
    { description: 'Tables, rules and warnings', command: '<%= config.bin %> debug route web' },
    { description: 'Which interface and gateway 10.96.0.1 leaves by', command: '<%= config.bin %> debug route web --to 10.96.0.1 --service-cidr 10.96.0.0/12' },
    { description: 'A reply from the address of net1', command: '<%= config.bin %> debug route web --to 192.0.2.10 --from 192.168.50.10 -o json' },
  ];

  static override args = { pod: Args.string({ required: true, description: 'pod name (in -n/--namespace)' }) };

  static override flags = {
    to: Flags.string({ description: 'destination IP to look up (ip route get)' }),
    from: Flags.string({ description: 'source IP for the lookup (with --to)', dependsOn: ['to'] }),
    'cluster-cidr': Flags.string({ multiple: true, description: "the cluster's pod CIDR (default: the nodes' spec.podCIDRs)" }),
    'service-cidr': Flags.string({ multiple: true, description: "the cluster's service CIDR" }),
    ...nodeHelperFlags,
  };

  async run(): Promise<RouteDebug> {
    const [{ runDebugRoute }, { renderRouteDebug }] = await Promise.all([import('../../src/inspect/run.js'), import('../../src/inspect/render-route.js')]);
    const cluster = await this.cluster();
    const open = helperFactory(cluster, this.flags, this.environment, { trace: (l) => this.trace(l), timeoutMs: this.timeoutMs(30_000), signal: this.interrupt.signal });
    const result = await runDebugRoute(cluster, open, this.args.pod, {
      to: this.flags.to,
      from: this.flags.from,
      clusterCidrs: this.flags['cluster-cidr'],
      serviceCidrs: this.flags['service-cidr'],
    });
    await this.print(result, renderRouteDebug);
    return result;
  }
}
