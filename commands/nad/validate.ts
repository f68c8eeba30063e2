import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../src/cli/base-command.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { CniPaths } from '../../src/constants.js';
import type { LintReport } from '../../src/nad/types.js';
import { nodeHelperFlags, nodeHelperOptions } from '../../src/node/flags.js';

export default class NadValidate extends BaseCommand<typeof NadValidate> {
  static override summary = 'Lint NetworkAttachmentDefinitions from files, stdin or the cluster';
  static override description = `Checks NADs against the rules NAD001-NAD012 (names, JSON, plugin type, network name, cniVersion,
reserved keys, IPAM ranges and overlaps, default routes, link settings, pod requests, node binaries and
interfaces, cluster CIDRs). With FILE arguments (YAML or JSON; several documents, Lists and bare CNI
configs are fine; - reads stdin) no cluster is needed. Without files it lints the NADs of the namespace
(or all namespaces with -A) and adds the cluster checks (NAD010, NAD012). --node adds the node checks
(NAD011). Exit status 1 when any finding is an error.`;
  static override examples = [
    '<%= config.bin %> nad validate examples/nads/*.yaml',
    'kubectl get net-attach-def macvlan-conf -o yaml | <%= config.bin %> nad validate -',
    '<%= config.bin %> nad validate -A --service-cidr 10.96.0.0/12',
    '<%= config.bin %> nad validate my-nad.yaml --node lab-node1 -o json',
  ];
  static override strict = false;
  static override args = { file: Args.string({ ignoreStdin: true, description: 'NAD or CNI config file (YAML or JSON); - for stdin; repeatable' }) };
  static override flags = {
    'all-namespaces': Flags.boolean({ char: 'A', description: 'lint the NADs of every namespace (without FILE)' }),
    'service-cidr': Flags.string({ description: "the cluster's service CIDR for NAD012 (default: detected from the API server's flags)", multiple: true }),
    node: Flags.string({ description: 'also check plugin binaries and master interfaces on this node (NAD011)' }),
    'bin-dir': Flags.string({ description: 'CNI binary directory on the node', default: CniPaths.binDir }),
    ...nodeHelperFlags,
  };

  async run(): Promise<LintReport> {
    const [{ validateNads }, { renderReport }] = await Promise.all([import('../../src/nad/validate.js'), import('../../src/nad/render.js')]);
    const { argv } = await this.parse(NadValidate);
    const report = await validateNads({
      files: argv as string[],
      allNamespaces: this.flags['all-namespaces'],
      serviceCidrs: this.flags['service-cidr'],
      node: this.flags.node,
      binDir: this.flags['bin-dir'],
      getCluster: () => this.cluster(),
      openNode: async (cluster, node) => {
        const { nodeHelperFor } = await import('../../src/node/connect.js');
        return nodeHelperFor(cluster, node, nodeHelperOptions(this.flags, this.environment, { trace: (l) => this.trace(l) }));
      },
    });
    await this.print(report, renderReport);
    if (report.summary.errors > 0) this.exit(ExitCode.checkFailed);
    return report;
  }
}
