import { Flags } from '@oclif/core';
import { BaseCommand } from '../src/cli/base-command.js';
import { CliError } from '../src/cli/errors.js';
import { ExitCode } from '../src/cli/exit-codes.js';
import { CniPaths } from '../src/constants.js';
import type { DoctorReport } from '../src/smoke/doctor/types.js';
import { nodeHelperFlags, nodeHelperOptions } from '../src/node/flags.js';

export default class Doctor extends BaseCommand<typeof Doctor> {
  static override summary = 'Check the health of Multus across the cluster';
  static override description = `Checks that the multus daemonset is present and ready on every node, that multus's config is the first CNI config on each node (read through node helpers), lints every NAD, and finds pods whose networks annotation names a missing NAD, pods whose network-status is missing or disagrees with what they asked for, NADs nobody uses and ranges that overlap across NADs. Findings are grouped by severity with a summary; exits 1 when there is any error.`;
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    { description: 'Machine-readable, for a dashboard or CI', command: '<%= config.bin %> <%= command.id %> -o json' },
    { description: 'Skip the node-side checks', command: '<%= config.bin %> <%= command.id %> --no-nodes' },
  ];
  static override flags = {
    ...nodeHelperFlags,
    'conf-dir': Flags.string({ description: "the runtime's CNI config directory on the nodes", default: CniPaths.confDir }),
    'no-nodes': Flags.boolean({ description: 'do not read the nodes (no node helpers)' }),
  };

  public async run(): Promise<DoctorReport> {
    const [{ gatherDoctorInput }, { renderDoctorReport }, { runDoctor }, { helperCache }, { nodeHelperFor }] = await Promise.all([
      import('../src/smoke/doctor/gather.js'),
      import('../src/smoke/doctor/render.js'),
      import('../src/smoke/doctor/run.js'),
      import('../src/smoke/helper-cache.js'),
      import('../src/node/connect.js'),
    ]);
    const { flags } = this;
    const cluster = await this.cluster();
    const nodeOptions = nodeHelperOptions(flags, this.environment, { trace: (line) => this.trace(line) });
    const helpers = helperCache((node) => nodeHelperFor(cluster, node, nodeOptions));
    let report: DoctorReport;
    try {
      const input = await gatherDoctorInput(cluster, {
        helper: flags['no-nodes'] ? undefined : (node) => helpers.get(node),
        confDir: flags['conf-dir'],
        onNodeError: (node, message) => this.trace(`node ${node}: ${message}`),
      });
      report = runDoctor(input);
    } finally {
      await helpers.closeAll();
    }
    await this.print(report, renderDoctorReport);
    if (report.summary.errors > 0) throw new CliError(`doctor found ${report.summary.errors} error${report.summary.errors === 1 ? '' : 's'}`, { exit: ExitCode.checkFailed, hint: 'each finding above has a hint; -o wide lists every check' });
    return report;
  }
}
